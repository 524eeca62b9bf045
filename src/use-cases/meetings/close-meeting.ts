import type { Db } from "../../db/client";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { closeMeeting as closeHeldMeeting } from "../../domain/meetings/close-meeting";
import { ensureNextMeeting } from "../../domain/meetings/ensure-next-meeting";
import { loadMeetingDigest, type MeetingDigest } from "../../domain/minutes/load-meeting-digest";
import { requiredManagedBoard } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";

export interface ClosedMeeting {
  board: BoardSummary;
  startsAt: Date;
  /** What its board's channel is to be told; undefined when there is nothing to post. */
  summary: MeetingDigest | undefined;
}

/**
 * `/meeting close`, by someone who may manage the board: the latest meeting whose day has
 * come is held, its reminders stop, and a recurring board gets its next meeting. The
 * summary is returned, not posted: the answer says whether Slack took it.
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
  const ensured = await ensureNextMeeting(db, { workspaceId, boardId: board.id, now });
  const summary = await loadMeetingDigest(db, { workspaceId, meetingId: closed.meetingId, now });
  return {
    result: { board, startsAt: closed.startsAt, summary },
    effects: [
      { kind: "reminders_planned", reminders: closed.reminders },
      { kind: "reminders_planned", reminders: ensured.reminders },
    ],
  };
}
