import type { Db } from "../../db/client";
import type { BoardSummary } from "../../domain/boards/resolve-board";
import { AppError } from "../../errors";
import { assertMayImportMinutes, boardDetails, visibleBoard } from "../access";
import type { Caller } from "../caller";

/** `/minutes [#BOARD]`: the board whose minutes are to be pasted (named, else the channel's), if the caller may import them. */
export async function openMinutesImport(
  db: Db,
  caller: Caller,
  input: { code: string | undefined },
): Promise<BoardSummary> {
  const board = await visibleBoard(db, caller, input.code ? { code: input.code } : undefined);
  if (!board) throw new AppError({ code: "no_board_here", for: "pasted_minutes" });
  const details = await boardDetails(db, caller, board);
  await assertMayImportMinutes(caller, details);
  return details;
}
