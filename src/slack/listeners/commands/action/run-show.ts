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
    deps.db.actionEvent.findMany({
      where: { actionId: action.id, workspaceId: workspace.id },
      orderBy: { createdAt: "asc" },
    }),
    lastUpdates(deps.db, [action.id]),
    deps.db.reminder.findMany({
      where: { actionId: action.id, workspaceId: workspace.id, state: "failed" },
      orderBy: { fireAt: "asc" },
      select: { recipient: true, fireAt: true, lastError: true },
    }),
  ]);
  const timeZone = timeZoneOf(action, workspace.timeZone);
  const rag = ragStatusOf(
    {
      status: action.status,
      dueAt: action.dueAt,
      lastUpdateAt: updates.get(action.id) ?? null,
      amberWithinDays: action.board?.amberWithinDays ?? 7,
      timeZone,
    },
    now,
  );
  return actionDetailView(action, history, rag, timeZone, undelivered);
}

/** An action the person may see: one on a private board they are not in reads as not found. */
export async function findVisibleAction(
  request: Pick<CommandRequest, "deps" | "client" | "workspace" | "userId">,
  reference: string,
) {
  const action = await findAction(request.deps.db, { workspaceId: request.workspace.id, reference });
  if (action.board?.isPrivate) {
    const hidden = await hiddenBoardIdsFor(request.deps.db, request.client, {
      workspaceId: request.workspace.id,
      slackUserId: request.userId,
    });
    if (hidden.includes(action.board.id)) {
      throw new AppError(
        "action_not_found",
        `There is no action ${action.reference} in this workspace.`,
        "`/action list` shows yours.",
      );
    }
  }
  return action;
}

/**
 * The same for an action a button or form names by id: one that is gone, or on a
 * private board the person is not in, reads as gone, naming nothing (they did not
 * type a reference, so none is echoed back).
 */
export async function findVisibleActionById(
  request: Pick<CommandRequest, "deps" | "client" | "workspace" | "userId">,
  actionId: string,
  goneMessage = "That action no longer exists. Nothing was changed.",
) {
  const stored = /^[0-9a-f-]{36}$/.test(actionId)
    ? await request.deps.db.action.findFirst({
        where: { id: actionId, workspaceId: request.workspace.id },
        select: { reference: true },
      })
    : null;
  if (!stored) throw new AppError("action_not_found", goneMessage);
  try {
    return await findVisibleAction(request, stored.reference);
  } catch (error) {
    if (error instanceof AppError && error.code === "action_not_found")
      throw new AppError("action_not_found", goneMessage);
    throw error;
  }
}
