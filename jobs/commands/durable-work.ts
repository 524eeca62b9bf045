// Work acknowledged to Slack is kept in Redis until it is done. A listener puts the
// request on the "commands" queue before it acknowledges (createDurableWork), and a
// process's worker does it and answers through response_url (commandsJob). A process
// that stops leaves waiting work for the next one; one that dies mid-way has its work
// taken up again when the job's lock lapses. A read done from memory after its
// acknowledgement keeps only a copy (keepCopy), queued if its process does not answer in time.
import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { AppError } from "../../src/errors";
import type { Logger } from "../../src/logger";
import type { Redis } from "../../src/redis";
import { NotInstalledError, type SlackFor } from "../../src/slack/clients";
import type { SlackDeps } from "../../src/slack/deps";
import {
  answerPerson,
  INTERRUPTED_MESSAGE,
  type DurableWork,
  type Reply,
  type WorkAsker,
  type WorkKind,
} from "../../src/slack/durable-work";
import { postJson } from "../../src/slack/response-url";
import { defineJob, type JobContext, type JobDefinition } from "../define-job";
import type { JobQueues } from "../queues";

/** The longest work waits for acknowledgements under way, so a steady stream cannot starve it. */
const ACK_PRIORITY_MS = 50;

const Payload = z.object({
  kind: z.string(),
  workspaceId: z.string(),
  timeZone: z.string(),
  userId: z.string(),
  channelId: z.string().optional(),
  responseUrl: z.string().url().optional(),
  receivedAt: z.string().datetime(),
  input: z.unknown(),
  /** The request's delivery claim (addIfFirst): the work is done only by the delivery holding it. */
  claim: z.object({ key: z.string(), token: z.string(), seconds: z.number().int().positive() }).optional(),
});
type Payload = z.infer<typeof Payload>;

/**
 * Work that may wait. One web process does 100 to 125 adds a second (bench/load.ts,
 * bench/answer.ts), so 600 is some five seconds of it: past that, a person would wait longer
 * than the answer is worth, and is told at once to try again instead.
 */
export const MAX_WAITING_WORK = 600;
/** How long a count of waiting work is trusted before Redis is asked again. */
const COUNT_FRESH_MS = 250;
/**
 * Up to this old, a count stands while the next is read; older, the next is waited for. Under a
 * burst every tenth add waited for a count (several at once, each asking Redis itself): a trip
 * to Redis more before their acknowledgement.
 */
const COUNT_STALE_MS = 1_000;

export interface DurableWorkOptions {
  queues: JobQueues;
  /** Where answered work is marked (the queues' Redis and the app's key prefix). */
  redis: Redis;
  redisKeyPrefix: string;
  maxWaiting?: number;
  /** Told of each refusal (for a log line). */
  onRefused?: (waiting: number) => void;
  logger?: Logger;
}

export function createDurableWork({
  queues,
  redis,
  redisKeyPrefix,
  maxWaiting = MAX_WAITING_WORK,
  onRefused,
  logger,
}: DurableWorkOptions): DurableWork {
  const queue = queues.queue("commands");
  const copiesKey = `${redisKeyPrefix}:read-copies`;
  let counted = { waiting: 0, at: 0 };
  let adding = 0;
  let quiet: Array<() => void> = [];
  const added = () => {
    adding -= 1;
    if (adding > 0) return;
    for (const resolve of quiet) resolve();
    quiet = [];
  };
  let counting: Promise<number> | undefined;
  const waiting = async () => {
    const age = Date.now() - counted.at;
    if (age <= COUNT_FRESH_MS) return counted.waiting;
    if (!counting) {
      counting = queue
        .getWaitingCount()
        .then((waiting) => (counted = { waiting, at: Date.now() }).waiting)
        .finally(() => (counting = undefined));
      // Perhaps waited for by nobody: a failure shows in the next count waited for.
      counting.catch(() => undefined);
    }
    return age > COUNT_STALE_MS ? await counting : counted.waiting;
  };
  return {
    add(kind, request, input) {
      return whileKeeping(kind, input, () => keep(kind, request, input));
    },
    async addIfFirst(claim, kind, request, input) {
      // Sent together, not one after the other: the claim travels with the work, and a repeat's
      // work, kept all the same, does nothing when it runs (commandsJob claims again first).
      const claimed = claim.claim();
      const adding = whileKeeping(kind, input, () =>
        keep(kind, request, input, { key: claim.key, token: claim.token, seconds: claim.seconds }),
      );
      // Handled here at once: it may fail (busy, a bad input) while the claim is still on its way.
      adding.catch(() => undefined);
      if ((await claimed) === "repeat") return undefined;
      return await adding;
    },
    keepCopy(kind, request, input, dueInMs) {
      return whileKeeping(kind, input, async () => {
        const copy = copyOf(kind, request, input);
        await redis.zadd(copiesKey, Date.now() + dueInMs, copy);
        return copy;
      });
    },
    keepCopyIfFirst(claim, kind, request, input, dueInMs) {
      return whileKeeping(kind, input, async () => {
        const copy = copyOf(kind, request, input);
        const kept = await redis.eval(
          KEEP_COPY_IF_FIRST,
          2,
          copiesKey,
          claim.key,
          Date.now() + dueInMs,
          copy,
          claim.token,
          claim.seconds,
        );
        return kept === 1 ? copy : undefined;
      });
    },
    async settle(copy) {
      // Removed, and its due time read in the same step: a copy that was due may be on its way
      // through the queue (a mover queues it before removing it), so it is marked answered too,
      // and stays quiet when it runs. A little early counts as due: processes' clocks differ.
      const due = await redis.eval(SETTLE_COPY, 1, copiesKey, copy);
      if (due === null || Number(due) <= Date.now() + CLOCK_SKEW_MS)
        await redis.set(answeredKey(redisKeyPrefix, idOfCopy(copy)), "1", "EX", ANSWERED_SECONDS);
    },
    async moveDueCopies() {
      let moved = 0;
      for (;;) {
        const due = await redis.zrangebyscore(copiesKey, "-inf", Date.now(), "LIMIT", 0, COPIES_MOVED_AT_ONCE);
        for (const copy of due) {
          const jobId = idOfCopy(copy);
          const payload = Payload.safeParse(parseJson(copy.slice(jobId.length + COPY_SEPARATOR.length)));
          // Queued under the copy's id: BullMQ ignores a second add of a job it holds (two
          // processes moving the same copy), and a rerun of one it has let go finds the answered mark.
          if (payload.success) await queues.enqueue(slackWorkJobShape, payload.data, { jobId });
          else logger?.error({ copy: copy.slice(0, 200) }, "a read's copy in Redis could not be read; dropped");
          // Removed only once queued: a process that dies in between leaves it to be moved again.
          await redis.zrem(copiesKey, copy);
          if (payload.success) moved += 1;
        }
        if (due.length < COPIES_MOVED_AT_ONCE) return moved;
      }
    },
    waiting,
    acknowledging: whileAcknowledging,
    afterAcknowledgements() {
      if (adding === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ACK_PRIORITY_MS);
        quiet.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };

  /** Checked first, so what would not survive the trip through Redis is refused in the acknowledgement; counted while kept. */
  async function whileKeeping<I, T>(kind: WorkKind<I>, input: I, keepIt: () => Promise<T>): Promise<T> {
    kind.input.parse(input);
    return await whileAcknowledging(keepIt);
  }

  /** Counted as an acknowledgement under way while it runs (afterAcknowledgements). */
  async function whileAcknowledging<T>(acknowledge: () => Promise<T>): Promise<T> {
    adding += 1;
    try {
      return await acknowledge();
    } finally {
      added();
    }
  }

  async function keep<I>(kind: WorkKind<I>, request: WorkAsker, input: I, claim?: Payload["claim"]): Promise<string> {
    const inQueue = await waiting();
    if (inQueue >= maxWaiting) {
      onRefused?.(inQueue);
      throw new AppError({ code: "busy", backlog: "queue" });
    }
    counted.waiting += 1;
    // An id of its own, never reused: the "answered" mark is kept under it, and BullMQ's own
    // numbers start again when a queue's keys go (obliterated, or Redis lost them).
    const payload = payloadOf(kind, request, input);
    return queues.enqueue(slackWorkJobShape, claim ? { ...payload, claim } : payload, { jobId: randomUUID() });
  }
}

/**
 * A copy as kept: its id and what it carries in one member of the sorted set, so that it is
 * settled by removing that member, and the member is the copy's handle.
 */
function copyOf<I>(kind: WorkKind<I>, request: WorkAsker, input: I): string {
  return `${randomUUID()}${COPY_SEPARATOR}${JSON.stringify(payloadOf(kind, request, input))}`;
}

function payloadOf<I>(kind: WorkKind<I>, request: WorkAsker, input: I): Payload {
  return {
    kind: kind.name,
    workspaceId: request.workspace.id,
    timeZone: request.workspace.timeZone,
    userId: request.userId,
    channelId: request.channelId,
    responseUrl: request.responseUrl,
    receivedAt: request.receivedAt.toISOString(),
    input,
  };
}

/**
 * Safety copies of reads (`keepCopy`) wait in one sorted set, scored by when they fall due,
 * not as delayed BullMQ jobs: a ZADD before the acknowledgement and a ZREM once answered cost
 * some 0.07 ms of CPU each, where adding and removing a delayed job cost 0.27 and 0.8
 * (measured 2026-12-07), and most copies are settled within a second. Due ones are moved to
 * the queue by `moveDueCopies`, which every process runs every few seconds.
 */
const COPY_SEPARATOR = " ";
/** Removes a copy; returns its score (when it was due), or nil if it was gone. */
const SETTLE_COPY = `
local due = redis.call("zscore", KEYS[1], ARGV[1])
redis.call("zrem", KEYS[1], ARGV[1])
return due`;
/**
 * Lua, true if a delivery's claim is this request's: taken now (SET NX, as middleware/dedupe.ts
 * does), or found holding its own token (ioredis sends a command again after reconnecting, and
 * the first send may have landed).
 */
function claimedLua(key: string, token: string, seconds: string): string {
  return `(redis.call("set", ${key}, ${token}, "EX", ${seconds}, "NX") or redis.call("get", ${key}) == ${token})`;
}
/**
 * Claims a delivery and keeps the copy only if the claim is this request's: one trip to Redis
 * before the acknowledgement instead of two. Returns 1 if kept, 0 for a repeat.
 */
const KEEP_COPY_IF_FIRST = `
if not ${claimedLua("KEYS[2]", "ARGV[3]", "ARGV[4]")} then
  return 0
end
redis.call("zadd", KEYS[1], ARGV[1], ARGV[2])
return 1`;
/** How far ahead of this process's clock another's may be: a copy due within it may be moving already. */
const CLOCK_SKEW_MS = 5_000;
const COPIES_MOVED_AT_ONCE = 100;
export const idOfCopy = (copy: string) => copy.slice(0, copy.indexOf(COPY_SEPARATOR));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How often each process moves read copies that have fallen due to the queue: a tenth of their 30 s wait. */
const COPY_MOVER_INTERVAL_MS = 3_000;

/** Moves due read copies to the queue every few seconds, until stopped (a move under way is finished). */
export function startCopyMover(work: Pick<DurableWork, "moveDueCopies">, logger: Logger): { stop(): Promise<void> } {
  let moving: Promise<void> | undefined;
  const timer = setInterval(() => {
    // Redis slow to answer: one move at a time, and the ticks in between are skipped.
    moving ??= work
      .moveDueCopies()
      .then(
        (moved) => {
          if (moved > 0)
            logger.info({ moved }, "read copies fell due (their process did not answer); queued to answer");
        },
        (err: unknown) => logger.warn({ err }, "could not move due read copies; tried again shortly"),
      )
      .finally(() => (moving = undefined));
  }, COPY_MOVER_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await moving;
    },
  };
}

/** The queue side of the job, without its handler (enough to enqueue). */
const slackWorkJobShape: JobDefinition<Payload> = {
  name: "slack.work",
  queue: "commands",
  payload: Payload,
  // Once: the work writes and answers, and running it again would answer twice.
  // A worker that dies mid-way hands it on through BullMQ's stalled-job check instead.
  attempts: 1,
  backoff: { type: "fixed", delayMs: 1000 },
  keepCompleted: 100,
  keepFailed: 1000,
  handle: async () => {
    throw new Error("slack.work is done by a web process's worker");
  },
};

/** The "commands" queue's job, done by web and worker processes alike, for every kind listeners leave. */
export function commandsJob(
  deps: SlackDeps,
  clientFor: SlackFor,
  kinds: readonly WorkKind<unknown>[],
): JobDefinition<never> {
  const byName = new Map(kinds.map((kind) => [kind.name, kind]));
  const job = defineJob({
    ...slackWorkJobShape,
    async handle(payload, context) {
      const kind = byName.get(payload.kind);
      if (!kind) throw new Error(`No durable work called ${payload.kind}`);
      const start = await startOf(context, payload.claim);
      // Answered already: by a run that died after answering, or from memory (a read's safety copy).
      if (start === "answered") {
        context.logger.info({ kind: kind.name }, "work already answered; not done again");
        return;
      }
      if (start === "repeat") {
        context.logger.info({ kind: kind.name }, "work kept by a repeated Slack request; done by the first, not again");
        return;
      }
      const input = kind.input.parse(payload.input);
      let client: WebClient;
      try {
        client = await clientFor(payload.workspaceId);
      } catch (error) {
        // Uninstalled since it was asked: say so where that is still possible, and do nothing.
        if (!(error instanceof NotInstalledError)) throw error;
        if (payload.responseUrl) {
          await postJson(payload.responseUrl, {
            response_type: "ephemeral",
            replace_original: false,
            text: "Minutebook has been removed from this workspace, so this was not done. Nothing was saved.",
          }).catch(() => undefined);
        }
        return;
      }
      const respond = payload.responseUrl
        ? answeredOnce(replyVia(payload.responseUrl, context.logger, { client, userId: payload.userId }), context)
        : undefined;
      if (context.isRetaken && !kind.isSafeToRerun(input)) {
        // A process died (or overran its shutdown) with this under way: it may have been
        // done, and doing it again could do it twice. The person decides.
        context.logger.warn(
          { kind: kind.name },
          "work taken up after a process stopped with it under way; not run again, the person is told",
        );
        await answerPerson({ client, userId: payload.userId, respond }, { text: INTERRUPTED_MESSAGE });
        return;
      }
      // Acknowledgements first: a burst of requests is acknowledged before this work takes the event loop.
      await deps.work.afterAcknowledgements();
      await kind.run(
        deps,
        {
          workspace: { id: payload.workspaceId, timeZone: payload.timeZone },
          userId: payload.userId,
          channelId: payload.channelId,
          receivedAt: new Date(payload.receivedAt),
          client,
          respond,
        },
        input,
      );
    },
  });
  // The workers take every kind of job definition; this one's payload is checked by its schema.
  return job as JobDefinition<never>;
}

/**
 * Whether work from the queue is to be done: not if it was answered already, nor if it carries
 * a delivery claim another delivery of its request holds. Its claim is taken here if nobody's
 * is there: work kept beside its claim (addIfFirst) can run before that claim reaches Redis,
 * and the claim taken first, here or there, is the one that does the work. Redis failing is
 * "run", as the claim middleware lets a request through when it cannot check.
 */
async function startOf(
  context: Pick<JobContext, "redis" | "redisKeyPrefix" | "jobId">,
  claim: Payload["claim"],
): Promise<"run" | "answered" | "repeat"> {
  const answered = answeredKey(context.redisKeyPrefix, context.jobId);
  try {
    const found = claim
      ? await context.redis.eval(START_CLAIMED_WORK, 2, answered, claim.key, claim.token, claim.seconds)
      : await context.redis.exists(answered);
    return found === 1 ? "answered" : found === 2 ? "repeat" : "run";
  } catch {
    return "run";
  }
}

/** 1 if answered already, 2 if another delivery holds the claim, else 0 (the claim taken or its own). */
const START_CLAIMED_WORK = `
if redis.call("exists", KEYS[1]) == 1 then
  return 1
end
if not ${claimedLua("KEYS[2]", "ARGV[1]", "ARGV[2]")} then
  return 2
end
return 0`;

/** How long a piece of work's "answered" mark is kept: longer than a job can wait to be taken up again. */
const ANSWERED_SECONDS = 3600;

const answeredKey = (redisKeyPrefix: string, jobId: string) => `${redisKeyPrefix}:answered:${jobId}`;

/** Sends a reply, calling `onHandedOver` once it has left this process (before Slack answers). */
export type Answer = (reply: Reply, onHandedOver: () => void) => Promise<void>;

/**
 * Work taken up again after its process died (safe to rerun: the action is keyed on the
 * request) is done again, but the person is not answered twice: an answer is marked in Redis
 * as soon as it has left this process (see src/slack/response-url.ts), and a rerun that finds the mark
 * says nothing more. A rerun whose first run died before answering answers as usual, so
 * nothing goes unanswered. A kill after the mark and before Slack accepted the answer (it
 * refused, and the DM sent instead was under way) loses that answer: the action is saved,
 * and shows in the list and on Home.
 */
export function answeredOnce(
  respond: Answer,
  context: { redis: JobContext["redis"]; redisKeyPrefix: string; jobId: string; isRetaken: boolean; logger: Logger },
): (reply: Reply) => Promise<void> {
  const key = answeredKey(context.redisKeyPrefix, context.jobId);
  return async (reply) => {
    if (context.isRetaken && (await context.redis.exists(key).catch(() => 0)) > 0) {
      context.logger.info("work taken up again was answered before its process stopped; not answering twice");
      return;
    }
    let marked: Promise<unknown> | undefined;
    // Called synchronously from the request's "finish": the SET goes out in the same turn.
    const mark = () =>
      (marked ??= context.redis
        .set(key, "1", "EX", ANSWERED_SECONDS)
        .catch((err: unknown) => context.logger.warn({ err }, "could not mark work as answered")));
    await respond(reply, mark);
    await mark();
  };
}

/**
 * Posts to a response_url as Slack expects: JSON, one message per call. Slack keeps a
 * response_url for 30 minutes and five answers ("you can use a response_url five times
 * within 30 minutes", https://docs.slack.dev/interactivity/handling-user-interaction#message_responses);
 * past either it refuses, and the answer goes to the person by DM from the bot instead
 * (`dmTo`), so work that waited long is still answered.
 */
function replyVia(responseUrl: string, logger: Logger, dmTo?: { client: WebClient; userId: string }): Answer {
  return async (reply, onHandedOver) => {
    const status = await postJson(responseUrl, reply, { onHandedOver });
    if (status >= 200 && status < 300) return;
    logger.warn({ status, isSentByDm: Boolean(dmTo) }, "Slack refused an answer through response_url");
    if (dmTo)
      await dmTo.client.chat.postMessage({
        channel: dmTo.userId,
        text: reply.text,
        ...(reply.blocks ? { blocks: reply.blocks } : {}),
      });
  };
}
