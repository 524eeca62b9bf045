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

export interface BoardSettingsSaved {
  /** The board read back after saving; undefined when that read failed (the settings are saved all the same). */
  overview: BoardOverview | undefined;
  saved: SavedBoardSettings;
  /** Why the board could not be read back, for the log. */
  readFailure?: unknown;
}

/**
 * The settings form's values saved, by someone who may change the board: every reminder
 * re-planned and the next meeting of a recurring board in place, in one transaction. The
 * board is read back after the commit only to describe it: a failed read loses neither the
 * reminder jobs nor the word that the settings are saved.
 */
export async function updateBoardSettings(
  db: Db,
  caller: Caller,
  input: { boardId: string; settings: BoardSettings },
): Promise<Outcome<BoardSettingsSaved>> {
  const board = await managedBoardById(db, caller, input.boardId);
  const workspaceId = caller.workspace.id;
  const saved = await saveBoardSettings(db, {
    workspaceId,
    boardId: board.id,
    settings: input.settings,
    now: caller.now,
  });
  const effects = [{ kind: "reminders_planned" as const, reminders: saved.reminders }];
  try {
    const overview = await loadBoardOverview(db, { workspaceId, boardId: board.id, now: caller.now });
    return { result: { overview, saved }, effects };
  } catch (error) {
    return { result: { overview: undefined, saved, readFailure: error }, effects };
  }
}

/**
 * The board as its settings now stand, for the answer when it could not be read back: the
 * overview read before saving, with the saved settings and next meeting over it.
 */
export function boardAsSaved(
  before: BoardOverview,
  settings: BoardSettings,
  saved: Pick<SavedBoardSettings, "nextMeeting">,
): BoardOverview {
  const { reminderPolicy, financialYearStartMonth, ...rest } = settings;
  return {
    ...before,
    ...rest,
    financialYearStartMonth: financialYearStartMonth ?? before.financialYearStartMonth,
    policy: reminderPolicy,
    nextMeeting: saved.nextMeeting && { startsAt: saved.nextMeeting.startsAt, location: saved.nextMeeting.location },
  };
}
