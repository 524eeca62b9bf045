import { findAction } from "../../../../domain/actions/find-action";
import { lastUpdates } from "../../../../domain/actions/list-actions";
import { ragStatusOf } from "../../../../domain/actions/rag";
import { AppError } from "../../../../errors";
import { hiddenBoardIdsFor } from "../../../people";
import type { MessageView } from "../../../views/blocks";
import { actionDetailView } from "../../../views/actions/action-detail";
import { timeZoneOf } from "../../../views/actions/describe-action";
import type { CommandRequest } from "./request";

/** `/action show <REF>`: the action and its whole history. */
export async function runShow(request: CommandRequest, reference: string): Promise<MessageView> {
  const { deps, workspace, now } = request;
  const action = await findVisibleAction(request, reference);
  const [history, updates, undelivered] = await Promise.all([
    deps.db.actionEvent.findMany({ where: { actionId: action.id, workspaceId: workspace.id }, orderBy: { createdAt: "asc" } }),
    lastUpdates(deps.db, [action.id]),
    deps.db.reminder.findMany({
      where: { actionId: action.id, workspaceId: workspace.id, state: "failed" },
      orderBy: { fireAt: "asc" },
      select: { recipient: true, fireAt: true, lastError: true },
    }),
  ]);
  const timeZone = timeZoneOf(action, workspace.timeZone);
  const rag = ragStatusOf(
    { status: action.status, dueAt: action.dueAt, lastUpdateAt: updates.get(action.id) ?? null, amberWithinDays: action.board?.amberWithinDays ?? 7, timeZone },
    now,
  );
  return actionDetailView(action, history, rag, timeZone, undelivered);
}

/** An action the person may see: one on a private board they are not in reads as not found. */
export async function findVisibleAction(request: Pick<CommandRequest, "deps" | "client" | "workspace" | "userId">, reference: string) {
  const action = await findAction(request.deps.db, { workspaceId: request.workspace.id, reference });
  if (action.board?.isPrivate) {
    const hidden = await hiddenBoardIdsFor(request.deps.db, request.client, { workspaceId: request.workspace.id, slackUserId: request.userId });
    if (hidden.includes(action.board.id)) {
      throw new AppError("action_not_found", `There is no action ${action.reference} in this workspace.`, "`/action list` shows yours.");
    }
  }
  return action;
}
