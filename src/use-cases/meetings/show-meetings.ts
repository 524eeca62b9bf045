// /meeting next and /meeting list: anyone who can see the board may ask.
import type { Db } from "../../db/client";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { findNextMeeting, type NextMeeting } from "../../domain/meetings/find-next-meeting";
import { listMeetings as listBoardMeetings, type MeetingList } from "../../domain/meetings/list-meetings";
import { requiredBoard } from "../access";
import type { Caller } from "../caller";

/** The board's next meeting, and how many of its open actions fall due by then. */
export async function showNextMeeting(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined },
): Promise<{ board: BoardSummary; next: NextMeeting | undefined }> {
  const board = await requiredBoard(db, caller, input.board);
  const next = await findNextMeeting(db, { workspaceId: caller.workspace.id, boardId: board.id, now: caller.now });
  return { board, next };
}

/** The board's upcoming meetings and its last few. */
export async function listMeetings(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined },
): Promise<{ board: BoardSummary; list: MeetingList }> {
  const board = await requiredBoard(db, caller, input.board);
  const list = await listBoardMeetings(db, { workspaceId: caller.workspace.id, boardId: board.id, now: caller.now });
  return { board, list };
}
