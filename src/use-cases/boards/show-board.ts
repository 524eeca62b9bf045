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
  const board = await requiredBoard(db, caller, input.board);
  return (await loadBoardOverview(db, { workspaceId: caller.workspace.id, boardId: board.id, now: caller.now }))!;
}
