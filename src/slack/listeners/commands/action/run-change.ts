import { changeActionByCommand, type ChangeCommand } from "../../../../use-cases/actions/change-action-by-command";
import { actionChangedView } from "../../../views/actions/action-changed";
import { timeZoneOf } from "../../../views/actions/describe-action";
import { callerOfRequest, type CommandOutcome, type CommandRequest } from "./request";

/** done, update, due, assign, drop, reopen: changed if the person may, and said back. */
export async function runChange(request: CommandRequest, command: ChangeCommand): Promise<CommandOutcome> {
  const { result, effects } = await changeActionByCommand(request.deps.db, callerOfRequest(request), command);
  const { action, eventType } = result;
  return {
    view: actionChangedView(eventType, action, request.userId, timeZoneOf(action, request.workspace.timeZone)),
    effects,
  };
}
