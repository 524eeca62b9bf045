import type { Db } from "../../db/client";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { closeMeeting as closeHeldMeeting } from "../../domain/meetings/close-meeting";
import { ensureNextMeeting } from "../../domain/meetings/ensure-next-meeting";
import { requiredManagedBoard } from "../access";
import type { Caller } from "../caller";
import type { Effect, Outcome } from "../effects";

export interface ClosedMeeting {
  board: BoardSummary;
  /** The meeting held: its summary is read and posted by the caller, whose answer says whether Slack took it. */
  meetingId: string;
  startsAt: Date;
  /**
   * Why a recurring board's next meeting could not be added just now, for the log; the
   * meeting is closed all the same, and the hourly meetings.ensure-next sweep adds it.
   */
  nextMeetingFailure?: unknown;
}

/**
 * `/meeting close`, by someone who may manage the board: the latest meeting whose day has
 * come is held, its reminders stop, and a recurring board gets its next meeting. The close
 * is committed first and its effects kept whatever follows; the summary is not read here.
 */
export async function closeMeeting(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined },
): Promise<Outcome<ClosedMeeting>> {
  const board = await requiredManagedBoard(db, caller, input.board);
  const workspaceId = caller.workspace.id;
  const now = caller.now;
  const closed = await closeHeldMeeting(db, { workspaceId, board, now, actorSlackUserId: caller.userId });
  const effects: Effect[] = [{ kind: "reminders_planned", reminders: closed.reminders }];
  const result: ClosedMeeting = { board, meetingId: closed.meetingId, startsAt: closed.startsAt };
  try {
    const ensured = await ensureNextMeeting(db, { workspaceId, boardId: board.id, now });
    effects.push({ kind: "reminders_planned", reminders: ensured.reminders });
  } catch (error) {
    result.nextMeetingFailure = error;
  }
  return { result, effects };
}
