import type { Db } from "../../db/client";
import { loadBoardOverview, type BoardOverview } from "../../domain/boards/board-overview";
import type { BoardRef } from "../../domain/boards/resolve-board";
import { requiredBoard } from "../access";
import type { Caller } from "../caller";

/** `/board [#CODE]`: the board named, or this channel's, for anyone who may see it. */
export async function showBoard(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined },
): Promise<BoardOverview> {
  return boardOverviewOf(db, caller, await requiredBoard(db, caller, input.board));
}

/** The overview of a board access has already found (so it exists, in the caller's workspace). */
export async function boardOverviewOf(db: Db, caller: Caller, board: { id: string }): Promise<BoardOverview> {
  return (await loadBoardOverview(db, { workspaceId: caller.workspace.id, boardId: board.id, now: caller.now }))!;
}
