import type { ActionCommand } from "../../../../domain/actions/command";
import { addAction } from "../../../../use-cases/actions/add-action";
import { actionLoggedView } from "../../../views/actions/action-logged";
import { timeZoneOf } from "../../../views/actions/describe-action";
import { callerOfRequest, type CommandOutcome, type CommandRequest } from "./request";

/** `/action add`: logged (once per request: Slack's retries and a rerun find it logged), and said back. */
export async function runAdd(
  request: CommandRequest,
  command: Extract<ActionCommand, { kind: "add" }>,
): Promise<CommandOutcome> {
  const { result, effects } = await addAction(request.deps.db, callerOfRequest(request), {
    text: command.text,
    owners: command.owners,
    duePhrase: command.duePhrase,
    board: command.board,
    requestKey: request.triggerId ? `command:${request.triggerId}` : null,
  });
  return { view: actionLoggedView(result.action, timeZoneOf(result.action, request.workspace.timeZone)), effects };
}
