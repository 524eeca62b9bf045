// Approve or Decline on a request for a new date, by the board's chair, its secretary or
// a workspace admin: approval moves the date in the same transaction as the decision.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import type { ChangedAction } from "../../domain/actions/change-action";
import { approverMessagesOf, approversOf, decideExtension } from "../../domain/reminders/request-extension";
import { AppError, type Problem } from "../../errors";
import { assertMayDecideNewDate, visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Effect, Outcome } from "../effects";
import { isRowId } from "../../domain/ids";

/** A request gone, or about an action hidden from the caller: told the same. */
const REQUEST_GONE: Problem = { code: "request_not_found" };

export interface DecidedNewDate {
  /** The action as it was when the request was decided. */
  action: ActionRecord;
  request: {
    requestedBySlackUserId: string;
    requestedDueAt: Date;
    requestedDueText: string | null;
  };
  /** The action moved to its new date, when approved. */
  changed: ChangedAction | undefined;
  /** Where each approver was asked: the others' messages are marked decided. */
  approverMessages: Array<{ channel: string; ts: string }>;
}

export async function decideNewDate(
  db: Db,
  caller: Caller,
  { requestId, isApproved }: { requestId: string; isApproved: boolean },
): Promise<Outcome<DecidedNewDate>> {
  const pending = isRowId(requestId)
    ? await db.extensionRequest.findFirst({
        where: { id: requestId, workspaceId: caller.workspace.id },
        select: { actionId: true },
      })
    : null;
  if (!pending) throw new AppError(REQUEST_GONE);
  const action = await visibleActionById(db, caller, pending.actionId, REQUEST_GONE);
  const actor = await assertMayDecideNewDate(caller, action);
  const { request, changed } = await decideExtension(db, {
    workspaceId: caller.workspace.id,
    requestId,
    actor,
    isApproved,
    now: caller.now,
  });
  const effects: Effect[] = [];
  // Co-owners hear of the new date too; the one who asked is told by the caller's answer.
  if (changed)
    effects.push({
      kind: "action_changed",
      action: changed.action,
      actorSlackUserId: caller.userId,
      change: { before: changed.before },
      toldAlready: [request.requestedBySlackUserId],
      reminders: changed.reminders,
    });
  // The request leaves every approver's Home tab.
  effects.push({ kind: "homes_changed", slackUserIds: [...approversOf(action.board), caller.userId] });
  return { result: { action, request, changed, approverMessages: approverMessagesOf(request) }, effects };
}
