import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parseDuePhrase } from "../../../../dates";
import { parseActionCommand, type ActionCommand } from "../../../../domain/actions/command";
import { isAppError } from "../../../../errors";
import type { SlackDeps } from "../../../deps";
import { failureView, problemView, type MessageView } from "../../../views/blocks";
import { commandHelpView } from "../../../views/command-help";
import { runAdd } from "./run-add";
import { runModal } from "./run-modal";
import { runChange } from "./run-change";
import { runList } from "./run-list";
import { runShow } from "./run-show";
import type { CommandOutcome, CommandRequest } from "./request";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/action`: acknowledged at once (Slack allows three seconds), then parsed, run
 * and answered through response_url.
 */
export function actionCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context, logger: _logger }: Args): Promise<void> => {
    await ack();
    const workspace = context.workspace as { id: string; timeZone: string } | undefined;
    if (!workspace) return;
    const now = deps.now();
    const request: CommandRequest = {
      deps,
      client,
      workspace,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      now,
    };
    let outcome: CommandOutcome;
    try {
      outcome = await deps.limit(() => run(request, command.text ?? ""));
    } catch (error) {
      if (!isAppError(error)) {
        deps.logger.error({ err: error, command: "/action" }, "the /action command failed");
        outcome = { view: failureView(error, "saved") };
      } else {
        outcome = { view: problemView(error.message, error.hint) };
      }
    }
    if (outcome.view) await reply(respond, outcome.view);
    const after = outcome.afterReply;
    if (after) await deps.limit(after);
  };
}

async function run(request: CommandRequest, text: string): Promise<CommandOutcome> {
  const parsed = parseActionCommand(text, {
    isDuePhrase: (phrase) => parseDuePhrase(phrase, { now: request.now, timeZone: request.workspace.timeZone }).ok,
  });
  if (!parsed.ok) {
    return { view: problemView(parsed.problem.message, `Try: ${parsed.problem.examples.map((e) => `\`${e}\``).join("  ·  ")}`) };
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
