import type { ActionCommand } from "../../../../domain/actions/command";
import { createAction } from "../../../../domain/actions/create-action";
import { resolveDue } from "../../../../domain/actions/resolve-due";
import { applyActionEffects } from "../../../action-effects";
import { actionLoggedView } from "../../../views/actions/action-logged";
import { timeZoneOf } from "../../../views/actions/describe-action";
import type { CommandOutcome, CommandRequest } from "./request";
import { resolveVisibleBoard } from "./visible-board";

/** `/action add`: board and date resolved first, so a bad one saves nothing. */
export async function runAdd(
  request: CommandRequest,
  command: Extract<ActionCommand, { kind: "add" }>,
): Promise<CommandOutcome> {
  const { deps, workspace, now } = request;
  const board = await resolveVisibleBoard(request, { ref: command.board, channelId: request.channelId });
  const due = command.duePhrase
    ? await resolveDue(deps.db, { phrase: command.duePhrase, board, timeZone: workspace.timeZone, now })
    : undefined;
  const { action, isNew, reminders } = await createAction({
    db: deps.db,
    workspaceId: workspace.id,
    board,
    text: command.text,
    owners: command.owners,
    due,
    createdBySlackUserId: request.userId,
    requestKey: request.triggerId ? `command:${request.triggerId}` : null,
    now,
  });
  const view = actionLoggedView(action, timeZoneOf(action, workspace.timeZone));
  if (!isNew) return { view };
  const afterReply = () =>
    applyActionEffects(deps, {
      workspace,
      client: request.client,
      action,
      actorSlackUserId: request.userId,
      newOwnerIds: command.owners.flatMap((o) => ("slackUserId" in o ? [o.slackUserId] : [])),
      reminders,
    });
  return { view, afterReply };
}
