import type { Db } from "../../db/client";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { moveMeeting as moveScheduledMeeting, type MovedMeeting } from "../../domain/meetings/move-meeting";
import { requiredManagedBoard } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { meetingDayOf, meetingSlotOf } from "./read-meeting-dates";

/**
 * `/meeting move <date> to <when> [at <place>]`, by someone who may manage the board: its
 * reminders and the actions due at it follow (one transaction); their owners' Home tabs change.
 */
export async function moveMeeting(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined; date: string; when: string; place: string | undefined },
): Promise<Outcome<{ board: BoardSummary; moved: MovedMeeting }>> {
  const board = await requiredManagedBoard(db, caller, input.board);
  const day = meetingDayOf(board, caller.now, input.date);
  const to = meetingSlotOf(board, caller.now, input.when);
  const moved = await moveScheduledMeeting(db, {
    workspaceId: caller.workspace.id,
    board,
    day,
    to,
    location: input.place,
    now: caller.now,
  });
  return {
    result: { board, moved },
    effects: [
      { kind: "reminders_planned", reminders: moved.reminders },
      { kind: "homes_changed", slackUserIds: moved.ownerSlackUserIds },
    ],
  };
}
