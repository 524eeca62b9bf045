// The New date form, submitted: the date moves at once, or, where the board wants its
// chair or secretary to approve new dates, they are asked.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { changeAction, type ChangedAction } from "../../domain/actions/change-action";
import type { ResolvedDue } from "../../domain/actions/resolve-due";
import {
  approversOf,
  mustAskForNewDate,
  recordApproverMessages,
  requestExtension,
  type ApproverMessage,
} from "../../domain/reminders/request-extension";
import { assertMayChange, visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";

/**
 * Asks one approver (in Slack, a DM with Approve and Decline): where the question is, or
 * undefined when it could not be delivered. It must not throw: one approver who cannot be
 * asked does not stop the other being asked.
 */
export type AskApprover = (
  approverId: string,
  request: { requestId: string; action: ActionRecord; approvers: readonly string[] },
) => Promise<{ channel: string; ts: string } | undefined>;

export type NewDateRequested =
  | { kind: "changed"; changed: ChangedAction }
  | {
      kind: "asked";
      action: ActionRecord;
      /** The board's secretary and chair: whoever answers first decides. */
      approvers: string[];
      /** How many of them the question reached. */
      askedCount: number;
    };

export async function requestNewDate(
  db: Db,
  caller: Caller,
  { actionId, due, reason }: { actionId: string; due: ResolvedDue; reason: string | null },
  { askApprover }: { askApprover: AskApprover },
): Promise<Outcome<NewDateRequested>> {
  const action = await visibleActionById(db, caller, actionId);
  const actor = await assertMayChange(caller, action);
  if (await mustAskForNewDate(db, { boardId: action.boardId, slackUserId: caller.userId })) {
    const request = await requestExtension(db, {
      workspaceId: caller.workspace.id,
      actionId: action.id,
      slackUserId: caller.userId,
      due,
      reason,
      now: caller.now,
    });
    // The chair and the secretary are both asked, after the request is saved; whoever answers first decides.
    const approvers = approversOf(action.board);
    const asked: ApproverMessage[] = [];
    for (const approver of approvers) {
      const posted = await askApprover(approver, { requestId: request.id, action, approvers });
      if (posted) asked.push({ userId: approver, ...posted });
    }
    await recordApproverMessages(db, { workspaceId: caller.workspace.id, requestId: request.id, asked });
    return {
      result: { kind: "asked", action, approvers, askedCount: asked.length },
      // Their Home tabs list the requests waiting for them.
      effects: [{ kind: "homes_changed", slackUserIds: approvers }],
    };
  }
  const changed = await changeAction(db, {
    workspaceId: caller.workspace.id,
    actionId: action.id,
    actor,
    change: { kind: "due", due },
    now: caller.now,
  });
  return {
    result: { kind: "changed", changed },
    effects: [
      {
        kind: "action_changed",
        action: changed.action,
        actorSlackUserId: caller.userId,
        change: { before: changed.before },
        reminders: changed.reminders,
      },
    ],
  };
}
