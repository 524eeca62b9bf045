// The board minutes are imported into, as the one importing may know it: refused unless
// they may import into it, and, when it is gone or hidden from them, answered in the
// caller's words for "no such board, or import".
import type { Db } from "../../db/client";
import type { BoardSummary } from "../../domain/boards/resolve-board";
import { reviewBoardOf } from "../../domain/minutes/save-review-page";
import { AppError, type Problem } from "../../errors";
import { assertMayImportMinutes, visibleBoardById } from "../access";
import type { Caller } from "../caller";

/** The board by its id, if the caller may import into it; `unknown` when it is gone or hidden from them. */
export async function importBoard(db: Db, caller: Caller, boardId: string, unknown: Problem): Promise<BoardSummary> {
  const board = await visibleBoardById(db, caller, boardId);
  if (!board) throw new AppError(unknown);
  await assertMayImportMinutes(caller, board);
  return board;
}

/** "That import is no longer there": an import gone, of another workspace, or of a board hidden from the caller. */
const IMPORT_GONE: Problem = { code: "import_not_found" };

/** The board of an import under review, if the caller may import into it. */
export async function importBoardOfReview(db: Db, caller: Caller, importId: string): Promise<BoardSummary> {
  const boardId = await reviewBoardOf(db, { workspaceId: caller.workspace.id, importId });
  if (!boardId) throw new AppError(IMPORT_GONE);
  return importBoard(db, caller, boardId, IMPORT_GONE);
}
