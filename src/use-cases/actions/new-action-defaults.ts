// `/action` alone opens the New action form: what it starts with.
import type { Db } from "../../db/client";
import { visibleBoard } from "../access";
import type { Caller } from "../caller";

/** The board of the channel the form was opened in, chosen already (none outside a board's channel). */
export async function newActionDefaults(db: Db, caller: Caller): Promise<{ boardId?: string }> {
  const board = await visibleBoard(db, caller, undefined);
  return board ? { boardId: board.id } : {};
}
