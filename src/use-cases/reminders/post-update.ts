// The Post update form, submitted: an owner's one line, kept in the action's history and
// shown in the matters-arising list it was posted from.
import type { Db } from "../../db/client";
import { changeAction } from "../../domain/actions/change-action";
import { loadMattersArising, type MattersArising } from "../../domain/reminders/load-matters-arising";
import { assertMayChange, visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Effect, Outcome } from "../effects";

/** The list to redraw in place, so everyone in its channel sees the new line. */
export interface MattersArisingList {
  reminderId: string;
  channelId: string;
  messageTs: string;
  data: MattersArising;
}

export type UpdatePosted =
  | { isPosted: true; reference: string; list: MattersArisingList | undefined }
  /** Not posted: what stopped it (a refusal, or a fault), for the person to be told. */
  | { isPosted: false; problem: unknown };

/**
 * Posts the update. The person is answered beside the list (`answerIn`), whatever
 * happens, so that is found first and a problem after it is returned, not thrown.
 */
export async function postUpdate(
  db: Db,
  caller: Caller,
  { reminderId, actionId, note }: { reminderId: string; actionId: string; note: string },
): Promise<Outcome<UpdatePosted> & { answerIn: string | undefined }> {
  const reminder = await db.reminder.findFirst({
    where: { id: reminderId, workspaceId: caller.workspace.id },
    select: { meetingId: true, slackChannelId: true, slackMessageTs: true },
  });
  const answerIn = reminder?.slackChannelId ?? undefined;
  // Once the update is saved, what follows it follows even if the list cannot be read.
  let effects: Effect[] = [];
  try {
    const action = await visibleActionById(db, caller, actionId);
    const changed = await changeAction(db, {
      workspaceId: caller.workspace.id,
      actionId: action.id,
      actor: await assertMayChange(caller, action),
      change: { kind: "update", note },
      now: caller.now,
    });
    // Owners are not told of a note; their Home tabs are redrawn.
    effects = [
      {
        kind: "action_changed",
        action: changed.action,
        actorSlackUserId: caller.userId,
        newOwnerIds: [],
        reminders: changed.reminders,
      },
    ];
    const data =
      reminder?.meetingId && reminder.slackChannelId && reminder.slackMessageTs
        ? await loadMattersArising(db, { workspaceId: caller.workspace.id, meetingId: reminder.meetingId })
        : undefined;
    return {
      answerIn,
      result: {
        isPosted: true,
        reference: action.reference,
        list:
          data && reminder?.slackChannelId && reminder.slackMessageTs
            ? { reminderId, channelId: reminder.slackChannelId, messageTs: reminder.slackMessageTs, data }
            : undefined,
      },
      effects,
    };
  } catch (problem) {
    return { answerIn, result: { isPosted: false, problem }, effects };
  }
}
