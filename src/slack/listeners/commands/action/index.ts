import type { RespondFn, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parseDuePhrase } from "../../../../dates";
import { parseActionCommand, type ActionCommand } from "../../../../domain/actions/command";
import { isAppError } from "../../../../errors";
import { z } from "zod";
import type { SlackDeps } from "../../../deps";
import { defineWork } from "../../../durable-work";
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
 * `/action`: put in Redis and acknowledged at once (Slack allows three seconds),
 * then parsed, run and answered through response_url by whichever web process is
 * free. The form (`/action` alone) opens here and now: its trigger lasts seconds.
 */
export function actionCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    const workspace = context.workspace;
    if (!workspace) {
      await ack();
      return;
    }
    const text = command.text ?? "";
    const now = deps.now();
    if (wantsForm(text)) {
      await ack();
      const request: CommandRequest = {
        deps,
        client,
        workspace,
        userId: command.user_id,
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        now,
      };
      // Not in deps.limit: the form opens at once, and waits its turn to be filled in (action-form.ts).
      const outcome = await outcomeOf(deps, () => run(request, text));
      if (outcome.view) await reply(respond, outcome.view);
      return;
    }
    try {
      await deps.work.add(
        ACTION_COMMAND_WORK,
        {
          workspace,
          userId: command.user_id,
          channelId: command.channel_id,
          responseUrl: command.response_url,
          receivedAt: now,
        },
        { text, triggerId: command.trigger_id },
      );
    } catch (error) {
      // Not kept (Redis refused it, or too much is waiting): say so in the acknowledgement.
      const view = problemOf(deps, error);
      await ack({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
      return;
    }
    await ack();
  };
}

/** `/action` with nothing after it opens the New action form. */
function wantsForm(text: string): boolean {
  return subcommandOf(text) === "modal";
}

/** Which subcommand the text asks for (undefined if it cannot be read); that does not depend on reading dates, so none are read. */
function subcommandOf(text: string): ActionCommand["kind"] | undefined {
  const parsed = parseActionCommand(text, { isDuePhrase: () => false });
  return parsed.ok ? parsed.command.kind : undefined;
}

/** `/action <anything>`, done from Redis: every subcommand but the form. */
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
    if (outcome.view && work.respond)
      await work.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: outcome.view.text,
        blocks: outcome.view.blocks,
      });
    await outcome.afterReply?.();
  },
});

/** The outcome, or the reply that says what went wrong. */
async function outcomeOf(deps: SlackDeps, work: () => Promise<CommandOutcome>): Promise<CommandOutcome> {
  try {
    return await work();
  } catch (error) {
    return { view: problemOf(deps, error) };
  }
}

function problemOf(deps: SlackDeps, error: unknown): MessageView {
  if (isAppError(error)) return problemView(error.message, error.hint);
  deps.logger.error({ err: error, command: "/action" }, "the /action command failed");
  return failureView(error, "saved");
}

async function run(request: CommandRequest, text: string): Promise<CommandOutcome> {
  const parsed = parseActionCommand(text, {
    isDuePhrase: (phrase) => parseDuePhrase(phrase, { now: request.now, timeZone: request.workspace.timeZone }).ok,
  });
  if (!parsed.ok) {
    return {
      view: problemView(parsed.problem.message, `Try: ${parsed.problem.examples.map((e) => `\`${e}\``).join("  ·  ")}`),
    };
  }
  return dispatch(request, parsed.command);
}

async function dispatch(request: CommandRequest, command: ActionCommand): Promise<CommandOutcome> {
  switch (command.kind) {
    case "help":
      return { view: commandHelpView("/action") };
    case "modal":
      return runModal(request);
    case "add":
      return runAdd(request, command);
    case "list":
      return { view: await runList(request, command.filter, command.board, 0) };
    case "show":
      return { view: await runShow(request, command.reference) };
    default:
      return runChange(request, command);
  }
}

async function reply(respond: RespondFn, view: MessageView): Promise<void> {
  await respond({ response_type: "ephemeral", replace_original: false, text: view.text, blocks: view.blocks });
}
