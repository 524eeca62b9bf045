import type { Db } from "../../db/client";
import { loadBoardOverview, type BoardOverview } from "../../domain/boards/board-overview";
import {
  updateBoardSettings as saveBoardSettings,
  type BoardSettings,
  type SavedBoardSettings,
} from "../../domain/boards/update-board-settings";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { managedBoardById } from "./open-board-settings";

/**
 * The settings form's values saved, by someone who may change the board: every reminder
 * re-planned and the next meeting of a recurring board in place, in one transaction.
 */
export async function updateBoardSettings(
  db: Db,
  caller: Caller,
  input: { boardId: string; settings: BoardSettings },
): Promise<Outcome<{ overview: BoardOverview; saved: SavedBoardSettings }>> {
  const board = await managedBoardById(db, caller, input.boardId);
  const workspaceId = caller.workspace.id;
  const saved = await saveBoardSettings(db, {
    workspaceId,
    boardId: board.id,
    settings: input.settings,
    now: caller.now,
  });
  const overview = (await loadBoardOverview(db, { workspaceId, boardId: board.id, now: caller.now }))!;
  return { result: { overview, saved }, effects: [{ kind: "reminders_planned", reminders: saved.reminders }] };
}
