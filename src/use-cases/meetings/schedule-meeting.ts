import type { Db } from "../../db/client";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { scheduleMeeting as insertScheduledMeeting } from "../../domain/meetings/schedule-meeting";
import { requiredManagedBoard } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { meetingStartOf } from "./read-meeting-dates";

export interface ScheduledMeeting {
  board: BoardSummary;
  meeting: { id: string; startsAt: Date; location: string | null };
  /** Whether its call for papers and matters arising are still to come (not too late for them). */
  hasReminders: boolean;
}

/** `/meeting schedule <when> [at <place>]`: a meeting added by someone who may manage the board, with its reminders. */
export async function scheduleMeeting(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined; when: string; place: string | undefined },
): Promise<Outcome<ScheduledMeeting>> {
  const board = await requiredManagedBoard(db, caller, input.board);
  const startsAt = meetingStartOf(board, caller.now, input.when);
  const { meeting, reminders } = await insertScheduledMeeting(db, {
    workspaceId: caller.workspace.id,
    board,
    startsAt,
    location: input.place ?? null,
    createdBySlackUserId: caller.userId,
    now: caller.now,
  });
  return {
    result: { board, meeting, hasReminders: reminders.scheduled.length > 0 },
    effects: [{ kind: "reminders_planned", reminders }],
  };
}
