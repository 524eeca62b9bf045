import type { Db } from "../../db/client";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { cancelMeeting as cancelScheduledMeeting, type CancelledMeeting } from "../../domain/meetings/cancel-meeting";
import { requiredManagedBoard } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { meetingDayOf } from "./read-meeting-dates";

/**
 * `/meeting cancel <date>`, by someone who may manage the board: its reminders stop, a
 * recurring board gets its next meeting, and actions due at it move to that one.
 */
export async function cancelMeeting(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined; date: string },
): Promise<Outcome<{ board: BoardSummary; cancelled: CancelledMeeting }>> {
  const board = await requiredManagedBoard(db, caller, input.board);
  const cancelled = await cancelScheduledMeeting(db, {
    workspaceId: caller.workspace.id,
    board,
    day: meetingDayOf(board, caller.now, input.date),
    now: caller.now,
  });
  return {
    result: { board, cancelled },
    effects: [
      { kind: "reminders_planned", reminders: cancelled.reminders },
      { kind: "homes_changed", slackUserIds: cancelled.ownerSlackUserIds },
    ],
  };
}
