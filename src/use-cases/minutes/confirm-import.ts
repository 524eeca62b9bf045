import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { confirmReviewedImport } from "../../domain/minutes/save-review-page";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { importBoardOfReview } from "./import-board";

export interface ImportConfirmed {
  boardCode: string;
  actions: ActionRecord[];
  nextMeetingId: string | null;
}

/**
 * The reviewed import confirmed, by someone who may import into its board: the meeting held,
 * its actions and the next meeting written at once. Then its reminder jobs, the summary in
 * the board's channel, and each owner told of their new actions. Nothing is read after the
 * commit: the summary is read when it is posted, so the effects always reach the caller.
 */
export async function confirmImport(
  db: Db,
  caller: Caller,
  input: { importId: string },
): Promise<Outcome<ImportConfirmed>> {
  const board = await importBoardOfReview(db, caller, input.importId);
  const confirmed = await confirmReviewedImport(db, {
    workspaceId: caller.workspace.id,
    importId: input.importId,
    actorSlackUserId: caller.userId,
    now: caller.now,
  });
  return {
    result: { boardCode: board.code, actions: confirmed.actions, nextMeetingId: confirmed.nextMeetingId },
    effects: [
      { kind: "reminders_planned", reminders: confirmed.reminders },
      { kind: "meeting_summary_due", meetingId: confirmed.meetingId },
      { kind: "minutes_actions_logged", actions: confirmed.actions, actorSlackUserId: caller.userId },
    ],
  };
}
