import type { AckFn, RespondArguments, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parseActionCommand, type ActionCommand } from "../../../../domain/actions/command";
import { readDuePhrase } from "../../../../domain/actions/resolve-due";
import { isAppError } from "../../../../errors";
import { resolvesWithin } from "../../../../resolves-within";
import { postJson } from "../../../response-url";
import { z } from "zod";
import type { SlackDeps } from "../../../deps";
import { defineWork, type WorkAsker } from "../../../durable-work";
import { applyEffects } from "../../../effects";
import { failureView, problemView, type MessageView } from "../../../views/blocks";
import { commandHelpView } from "../../../views/command-help";
import { runAdd } from "./run-add";
import { runModal } from "./run-modal";
import { runChange } from "./run-change";
import { runList } from "./run-list";
import { runShow } from "./run-show";
import type { CommandOutcome, CommandRequest } from "./request";
import type { ListenerArgs } from "../../../context";
import type { DeliveryClaim } from "../../../middleware/dedupe";

type Args = ListenerArgs<SlackCommandMiddlewareArgs>;

const ACTION_COMMAND = "/action";

/**
 * How long a read (list, show, help) that finds no other read under way may take to be
 * answered in the acknowledgement itself (one message, no second trip to Slack). Past it the
 * request is acknowledged and the read, still running, answers through response_url.
 */
export const ANSWER_IN_ACK_MS = 40;
/**
 * How long a read acknowledged without its answer keeps a copy in Redis before the copy is
 * done: if this process dies first, the copy answers. The read answering from memory removes
 * the copy as its answer leaves the process, and gives up at READ_GIVES_UP_MS, so the two meet
 * only if the process stalls for the seconds between.
 */
export const READ_SAFETY_DELAY_MS = 30_000;
export const READ_GIVES_UP_MS = 20_000;
/**
 * When no copy can be kept (Redis refused it), nothing is acknowledged that could be lost
 * with this process: the read is answered in the acknowledgement if it is ready within this
 * (Slack allows three seconds), else the acknowledgement says what went wrong.
 */
const READ_WITHOUT_COPY_MS = 2_000;

/**
 * `/action`: a write (add, done, …) is put in Redis and acknowledged at once (Slack allows
 * three seconds), then parsed, done and answered through response_url by whichever web
 * process is free. A read (help, list, show) is done in memory (`answerRead`). The form
 * (`/action` alone) opens here and now: its trigger lasts seconds.
 */
export function actionCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    const workspace = context.workspace;
    if (!workspace) {
      await ack();
      return;
    }
    const text = command.text ?? "";
    const request: CommandRequest = {
      deps,
      client,
      workspace,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      now: deps.now(),
    };
    // What is asked does not depend on reading dates, so none are read here; reads need none at all.
    const parsed = parseActionCommand(text, { isDuePhrase: () => false });
    const claim = context.deliveryClaim;
    if (parsed.ok && isRead(parsed.command) && !deps.reads.isFull()) {
      const read = { request, command: parsed.command, text, responseUrl: command.response_url, ack, claim };
      await answerRead(deps, read);
      return;
    }
    if (parsed.ok && parsed.command.kind === "modal") {
      const isRepeated = await isRepeat(claim);
      await ack();
      if (isRepeated) return;
      // Not in deps.limit: the form opens at once, and waits its turn to be filled in (action-form.ts).
      const outcome = await outcomeOf(deps, () => runModal(request));
      if (outcome.view) await respond(beside(outcome.view));
      return;
    }
    await keepInRedis(deps, { request, responseUrl: command.response_url, text, ack, claim });
  };
}

/** A `/action` request as received, before its acknowledgement. */
interface Received {
  request: CommandRequest;
  text: string;
  responseUrl: string;
  ack: AckFn<string | RespondArguments>;
  /** This request's claim to be the first delivery of itself, taken here (claimsItsOwnDelivery). */
  claim: DeliveryClaim | undefined;
}

interface ReadRequest extends Received {
  command: ActionCommand;
}

/**
 * `/action` claims its own delivery (middleware/dedupe.ts): a read does it in the same trip
 * to Redis as its copy, or while it runs, instead of in a trip of its own before it starts.
 */
export function claimsItsOwnDelivery(body: unknown): boolean {
  return (body as { command?: unknown } | undefined)?.command === ACTION_COMMAND;
}

/** Takes the delivery's claim alone; true (and logged) if another delivery of this request has it. */
async function isRepeat(claim: DeliveryClaim | undefined): Promise<boolean> {
  if (!claim || (await claim.claim()) !== "repeat") return false;
  claim.repeated();
  return true;
}

/**
 * A read that finds no other under way starts at once and is answered in the acknowledgement
 * if it is ready in time. Otherwise a copy is kept in Redis (to answer if this process dies
 * first), the request is acknowledged, and the read takes its turn once the acknowledgements
 * under way are sent, answering through response_url: reads that ran beside acknowledgements
 * held them past 100 ms under a burst (READS_AT_ONCE in src/slack-deps.ts).
 */
async function answerRead(deps: SlackDeps, r: ReadRequest): Promise<void> {
  const read = () => outcomeOf(deps, () => dispatch(r.request, r.command));
  const isAlone = deps.reads.isIdle();
  let answer: Promise<CommandOutcome>;
  let kept: Promise<string | undefined>;
  if (isAlone) {
    // The claim travels while the read runs (a read is harmless twice); it is back before the answer is sent.
    const isRepeated = isRepeat(r.claim);
    answer = deps.reads(read);
    if (await resolvesWithin(answer, ANSWER_IN_ACK_MS)) {
      if (await isRepeated) await r.ack();
      else await acknowledgeWith(r.ack, (await answer).view);
      return;
    }
    kept = isRepeated.then((repeated) => (repeated ? undefined : keepReadCopy(deps, r, READ_SAFETY_DELAY_MS)));
  } else {
    kept = keepReadCopy(deps, r, READ_SAFETY_DELAY_MS, r.claim);
    // Never started for a repeat: the gate fails.
    const gate = kept.then((copy) =>
      copy === undefined ? Promise.reject(REPEATED) : deps.work.afterAcknowledgements(),
    );
    answer = deps.reads(read, { after: gate });
  }
  let copy: string | undefined;
  try {
    copy = await kept;
  } catch (error) {
    answer.catch(() => undefined);
    await answerWithoutCopy(deps, r.ack, isAlone ? answer : deps.reads(read), error);
    return;
  }
  if (copy === undefined) {
    // A repeat of a request another delivery has: acknowledged, with nothing more.
    answer.catch(() => undefined);
    await r.ack();
    return;
  }
  await r.ack();
  const keepAgain = () => keepReadCopy(deps, r, 0);
  deps.reads.track(answerLater(deps, answer, { responseUrl: r.responseUrl, copy, keepAgain }));
}

/** No copy could be kept: the answer goes in the acknowledgement if it comes in time, else what went wrong does. */
async function answerWithoutCopy(
  deps: SlackDeps,
  ack: AckFn<string | RespondArguments>,
  answer: Promise<CommandOutcome>,
  keepError: unknown,
): Promise<void> {
  try {
    if (await resolvesWithin(answer, READ_WITHOUT_COPY_MS)) {
      await acknowledgeWith(ack, (await answer).view);
      return;
    }
  } catch (error) {
    // Refused as busy here: say so below, as for the copy.
    keepError = error;
  }
  answer.catch(() => undefined);
  await ack(onlyToThem(problemOf(deps, keepError)));
}

async function acknowledgeWith(ack: AckFn<string | RespondArguments>, view: MessageView | undefined): Promise<void> {
  if (view) await ack(onlyToThem(view));
  else await ack();
}

/**
 * A read acknowledged before it was done answers when it is. Its copy in Redis is removed as
 * the answer leaves this process (a kill after that point cannot answer twice), as answers
 * from Redis are marked (jobs/commands/durable-work.ts). Slack refusing the answer (a
 * response_url lasts 30 minutes and five answers) leaves it to a copy due at once, which
 * answers by DM. Past READ_GIVES_UP_MS, or on any failure before the answer left, the copy
 * (due later) does the read and answers instead.
 */
async function answerLater(
  deps: SlackDeps,
  answer: Promise<CommandOutcome>,
  { responseUrl, copy, keepAgain }: { responseUrl: string; copy: string; keepAgain: () => Promise<unknown> },
): Promise<void> {
  let settled: Promise<void> | undefined;
  const settle = () => (settled ??= deps.work.settle(copy));
  try {
    if (!(await resolvesWithin(answer, READ_GIVES_UP_MS))) return;
    const { view } = await answer;
    if (view) {
      const status = await postJson(responseUrl, beside(view), { onHandedOver: settle });
      await settle();
      if (status < 200 || status >= 300) await keepAgain();
    } else await settle();
  } catch (error) {
    // Before the answer left, the copy is still there to answer; after, it was removed with it.
    const hasLeft = settled !== undefined;
    await settled?.catch(() => undefined);
    deps.logger.warn(
      { err: error, copyAnswers: !hasLeft },
      "a read answered after its acknowledgement failed on the way to the person",
    );
  }
}

/**
 * Kept in Redis before the acknowledgement, so nothing acknowledged is lost with this process;
 * a repeat (its claim taken) is acknowledged with nothing. The claim and the work go to Redis
 * together (addIfFirst), and work from Redis waits for both.
 */
async function keepInRedis(deps: SlackDeps, r: Received): Promise<void> {
  const { request, responseUrl, text, ack, claim } = r;
  const asker = askerOf(request, responseUrl);
  const input = { text, triggerId: request.triggerId };
  try {
    const kept = await deps.work.acknowledging(async () => {
      if (!claim) {
        await deps.work.add(ACTION_COMMAND_WORK, asker, input);
        return true;
      }
      const id = await deps.work.addIfFirst(claim, ACTION_COMMAND_WORK, asker, input);
      if (id === undefined) claim.repeated();
      return id !== undefined;
    });
    if (!kept) return void (await ack());
  } catch (error) {
    // Not kept (Redis refused it, or too much is waiting): say so in the acknowledgement.
    await ack(onlyToThem(problemOf(deps, error)));
    return;
  }
  await ack();
}

/**
 * A copy of a read kept in Redis, due in `dueInMs` (see answerRead); resolves with its handle,
 * or, given the delivery's claim to take with it, undefined if another delivery has it.
 */
function keepReadCopy(
  deps: SlackDeps,
  r: ReadRequest,
  dueInMs: number,
  claim?: DeliveryClaim,
): Promise<string | undefined> {
  const input = { text: r.text, triggerId: r.request.triggerId };
  const asker = askerOf(r.request, r.responseUrl);
  if (claim) {
    const repeatLogged = (copy: string | undefined) => {
      if (copy === undefined) claim.repeated();
      return copy;
    };
    return deps.work.keepCopyIfFirst(claim, ACTION_COMMAND_WORK, asker, input, dueInMs).then(repeatLogged);
  }
  return deps.work.keepCopy(ACTION_COMMAND_WORK, asker, input, dueInMs);
}

/** Why a repeated read's gate failed (never seen: its answer is dropped). */
const REPEATED = new Error("a repeated delivery: answered by the first");

function askerOf(request: CommandRequest, responseUrl: string): WorkAsker {
  return {
    workspace: request.workspace,
    userId: request.userId,
    channelId: request.channelId,
    responseUrl,
    receivedAt: request.now,
  };
}

/** Subcommands that only read: safe to run twice, so a read can keep a copy in Redis while it runs in memory. */
function isRead(command: ActionCommand): boolean {
  return command.kind === "help" || command.kind === "list" || command.kind === "show";
}

/** Which subcommand the text asks for (undefined if it cannot be read); that does not depend on reading dates, so none are read. */
function subcommandOf(text: string): ActionCommand["kind"] | undefined {
  const parsed = parseActionCommand(text, { isDuePhrase: () => false });
  return parsed.ok ? parsed.command.kind : undefined;
}

/** `/action <anything>`, done from Redis: every subcommand but the form (and reads answered at once). */
export const ACTION_COMMAND_WORK = defineWork({
  name: "action.command",
  // The trigger id names the request (Slack's retries and a rerun after a crash log one action), not a form to open.
  input: z.object({ text: z.string(), triggerId: z.string().optional() }),
  // Reading is safe to repeat, and so is adding: the action is keyed on the trigger id.
  isSafeToRerun({ text, triggerId }) {
    const kind = subcommandOf(text);
    return (
      kind === undefined ||
      kind === "help" ||
      kind === "list" ||
      kind === "show" ||
      kind === "modal" ||
      (kind === "add" && triggerId !== undefined)
    );
  },
  async run(deps, work, { text, triggerId }) {
    const request: CommandRequest = {
      deps,
      client: work.client,
      workspace: work.workspace,
      userId: work.userId,
      channelId: work.channelId,
      triggerId,
      now: work.receivedAt,
    };
    const outcome = await outcomeOf(deps, () => run(request, text));
    try {
      if (outcome.view && work.respond) await work.respond(beside(outcome.view));
    } finally {
      // What was saved is followed up even when the answer could not be sent.
      await applyEffects(deps, { client: work.client, workspace: work.workspace }, outcome.effects);
    }
  },
});

/** The outcome, or the reply that says what went wrong. */
async function outcomeOf(deps: SlackDeps, work: () => Promise<CommandOutcome>): Promise<CommandOutcome> {
  try {
    return await work();
  } catch (error) {
    return { view: problemOf(deps, error), effects: [] };
  }
}

function problemOf(deps: SlackDeps, error: unknown): MessageView {
  if (isAppError(error)) return problemView(error.problem);
  deps.logger.error({ err: error, command: "/action" }, "the /action command failed");
  return failureView(error, "saved");
}

/** Parsed once, dates included: a due phrase read here is not read again when the action is saved (readDuePhrase). */
async function run(request: CommandRequest, text: string): Promise<CommandOutcome> {
  const parsed = parseActionCommand(text, {
    isDuePhrase: (phrase) => readDuePhrase(phrase, { now: request.now, timeZone: request.workspace.timeZone }).ok,
  });
  if (!parsed.ok) {
    const { message: explanation, examples } = parsed.problem;
    return { view: problemView({ code: "command_unreadable", explanation, examples }), effects: [] };
  }
  return dispatch(request, parsed.command);
}

async function dispatch(request: CommandRequest, command: ActionCommand): Promise<CommandOutcome> {
  switch (command.kind) {
    case "help":
      return { view: commandHelpView("/action"), effects: [] };
    case "modal":
      return runModal(request);
    case "add":
      return runAdd(request, command);
    case "list":
      return { view: await runList(request, command.filter, command.board), effects: [] };
    case "show":
      return { view: await runShow(request, command.reference), effects: [] };
    default:
      return runChange(request, command);
  }
}

/** An answer in the acknowledgement: seen only by the person. */
function onlyToThem(view: MessageView) {
  return { response_type: "ephemeral" as const, text: view.text, blocks: view.blocks };
}

/** An answer through response_url: seen only by the person, beside what is there. */
function beside(view: MessageView) {
  return { ...onlyToThem(view), replace_original: false };
}
