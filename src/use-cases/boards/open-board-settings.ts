import type { Db } from "../../db/client";
import type { BoardOverview } from "../../domain/boards/board-overview";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { AppError } from "../../errors";
import { assertMayManageBoard, requiredManagedBoard, visibleBoardById } from "../access";
import type { Caller } from "../caller";
import { boardOverviewOf } from "./show-board";

/** `/board settings [#CODE]`: the board as the settings form shows it, for those who may change it. */
export async function openBoardSettings(
  db: Db,
  caller: Caller,
  input: { board: BoardRef | undefined },
): Promise<BoardOverview> {
  const board = await requiredManagedBoard(db, caller, input.board);
  return boardOverviewOf(db, caller, board);
}

/** The settings form was submitted for a board that is gone, or hidden from whoever submitted it. */
export const SETTINGS_FORM_STALE = "board_settings_stale" as const;

/**
 * The settings form submitted: the board it was opened for, as it is now, if the caller
 * may still see it (else SETTINGS_FORM_STALE) and change it (checked again: they may have
 * lost the role since the form opened).
 */
export async function reopenBoardSettings(db: Db, caller: Caller, input: { boardId: string }): Promise<BoardOverview> {
  const board = await managedBoardById(db, caller, input.boardId);
  return boardOverviewOf(db, caller, board);
}

/** The board a settings form is for, if the caller may still change it. */
export async function managedBoardById(db: Db, caller: Caller, boardId: string): Promise<BoardSummary> {
  const board = await visibleBoardById(db, caller, boardId);
  if (!board) throw new AppError({ code: SETTINGS_FORM_STALE });
  await assertMayManageBoard(caller, board);
  return board;
}
