import type { AckFn, RespondArguments, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parseActionCommand, type ActionCommand } from "../../../../domain/actions/command";
import { readDuePhrase } from "../../../../domain/actions/resolve-due";
import { isAppError } from "../../../../errors";
import { resolvesWithin } from "../../../../resolves-within";
import { postJson } from "../../../response-url";
import { createWorkLimiter } from "../../../work-limiter";
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

type Args = ListenerArgs<SlackCommandMiddlewareArgs>;

/**
 * How long a read (list, show, help) that finds no other read under way may take to be
 * answered in the acknowledgement itself (one message, no second trip to Slack). Past it the
 * request is acknowledged and the read, still running, answers through response_url.
 */
export const ANSWER_IN_ACK_MS = 40;
/**
 * How long a read acknowledged without its answer keeps a copy in Redis before the copy is
 * done: if this process dies first, the copy answers. Settled (removed, or marked answered)
 * when the read answers from memory, which gives up at READ_GIVES_UP_MS so the two never race.
 */
export const READ_SAFETY_DELAY_MS = 30_000;
export const READ_GIVES_UP_MS = 20_000;
/**
 * Reads done at once per process; more wait their turn, in order. Measured (bench/answer.ts,
 * 50 lists always in flight, 2026-12-07): with 10 at once, or with every list answered in its
 * acknowledgement, reads' work ran beside the acknowledgements and held them up (acknowledged
 * p99 106-170 ms; the request's two Redis round trips each waited 11-17 ms for the event loop);
 * with 4, acknowledged p99 54-95 ms and answered within 0.95x-1.35x of the plain app; with 2,
 * answers slowed (1.3x-1.4x, fewer lists a second).
 */
export const READS_AT_ONCE = 4;
/** Reads in memory, running or waiting, per process; past this, under a burst, a read goes the way writes go. */
export const MOST_READS_IN_MEMORY = 64;

export interface ActionCommandOptions {
  answerInAckMs?: number;
  /** How long a read acknowledged without its answer may still answer from memory. */
  readGivesUpMs?: number;
}

/**
 * `/action`: a write (add, done, …) is put in Redis and acknowledged at once (Slack allows
 * three seconds), then parsed, done and answered through response_url by whichever web
 * process is free. A read (help, list, show) that finds no other read under way is answered
 * in the acknowledgement when it is ready in time. Otherwise it is acknowledged with a copy
 * kept in Redis, done in turn, and answered from memory through response_url (the copy answers
 * only if this process could not). The form (`/action` alone) opens here and now: its trigger
 * lasts seconds.
 */
export function actionCommandListener(
  deps: SlackDeps,
  { answerInAckMs = ANSWER_IN_ACK_MS, readGivesUpMs = READ_GIVES_UP_MS }: ActionCommandOptions = {},
) {
  const reads = createWorkLimiter(READS_AT_ONCE, { maxWaiting: MOST_READS_IN_MEMORY - READS_AT_ONCE });
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
    if (parsed.ok && parsed.command.kind === "modal") {
      await ack();
      // Not in deps.limit: the form opens at once, and waits its turn to be filled in (action-form.ts).
      const outcome = await outcomeOf(deps, () => runModal(request));
      if (outcome.view) await respond(beside(outcome.view));
      return;
    }
    if (parsed.ok && isRead(parsed.command) && !reads.isFull()) {
      const read = () => outcomeOf(deps, () => dispatch(request, parsed.command));
      const later = { responseUrl: command.response_url, givesUpMs: readGivesUpMs };
      if (reads.isIdle()) {
        // No other read under way: answered in the acknowledgement if it is ready in time.
        const answer = reads(read);
        if (await resolvesWithin(answer, answerInAckMs)) {
          const { view } = await answer;
          if (view) await ack(onlyToThem(view));
          else await ack();
          return;
        }
        const copy = await keepReadCopy(deps, request, command.response_url, text, ack);
        if (copy) void answerLater(deps, answer, { ...later, copy });
        return;
      }
      // Reads are waiting already: acknowledged at once, and done in turn once what has
      // arrived is acknowledged (reads that ran beside acknowledgements delayed them past 100 ms).
      const copy = await keepReadCopy(deps, request, command.response_url, text, ack);
      if (copy) {
        const answer = deps.work.afterAcknowledgements().then(() => reads(read));
        void answerLater(deps, answer, { ...later, copy });
      }
      return;
    }
    await keepInRedis(deps, request, command.response_url, text, ack);
  };
}

/**
 * A read acknowledged before it was done answers when it is, and settles its copy in Redis.
 * Past `givesUpMs` it gives up, and the copy (due later) does the read and answers instead.
 */
async function answerLater(
  deps: SlackDeps,
  answer: Promise<CommandOutcome>,
  { responseUrl, copy, givesUpMs }: { responseUrl: string; copy: string; givesUpMs: number },
): Promise<void> {
  try {
    if (!(await resolvesWithin(answer, givesUpMs))) return;
    const { view } = await answer;
    if (view) {
      const status = await postJson(responseUrl, beside(view));
      // Refused (Slack keeps a response_url for 30 minutes): the copy answers, by DM if need be.
      if (status < 200 || status >= 300)
        throw new Error(`Slack refused the answer through response_url (${String(status)})`);
    }
    await deps.work.settle(copy);
  } catch (error) {
    // Not answered, or not settled: the copy in Redis answers (and stays quiet if this one did).
    deps.logger.warn({ err: error }, "a read answered after its acknowledgement failed; its copy in Redis answers");
  }
}

/** Kept in Redis before the acknowledgement, so nothing acknowledged is lost with this process. */
async function keepInRedis(
  deps: SlackDeps,
  request: CommandRequest,
  responseUrl: string,
  text: string,
  ack: AckFn<string | RespondArguments>,
): Promise<void> {
  await acknowledgeKept(deps, ack, () =>
    deps.work.add(ACTION_COMMAND_WORK, askerOf(request, responseUrl), { text, triggerId: request.triggerId }),
  );
}

/**
 * A read acknowledged before it is answered: a copy is kept in Redis first, due after
 * READ_SAFETY_DELAY_MS, to answer if this process dies before it does. Resolves with the
 * copy's handle, or undefined if Redis refused it.
 */
function keepReadCopy(
  deps: SlackDeps,
  request: CommandRequest,
  responseUrl: string,
  text: string,
  ack: AckFn<string | RespondArguments>,
): Promise<string | undefined> {
  return acknowledgeKept(deps, ack, () =>
    deps.work.keepCopy(
      ACTION_COMMAND_WORK,
      askerOf(request, responseUrl),
      { text, triggerId: request.triggerId },
      READ_SAFETY_DELAY_MS,
    ),
  );
}

async function acknowledgeKept(
  deps: SlackDeps,
  ack: AckFn<string | RespondArguments>,
  keep: () => Promise<string>,
): Promise<string | undefined> {
  let id: string;
  try {
    id = await keep();
  } catch (error) {
    // Not kept (Redis refused it, or too much is waiting): say so in the acknowledgement.
    await ack(onlyToThem(problemOf(deps, error)));
    return undefined;
  }
  await ack();
  return id;
}

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
