// The New/Edit action form, checked before it closes: each problem is shown beside its
// field, with what was typed kept.
import type { Db } from "../../db/client";
import { isoDayOf } from "../../dates";
import type { OwnerInput } from "../../domain/actions/action-record";
import { dueOnDay, resolveDue, type ResolvedDue } from "../../domain/actions/resolve-due";
import { liveBoardById, type BoardSummary } from "../../domain/boards/resolve-board";
import { isAppError, type Problem } from "../../errors";
import { isBoardHidden } from "../access";
import type { Caller } from "../caller";

/** What the form says, as read from its fields. */
export interface ActionForm {
  text: string;
  owners: OwnerInput[];
  /** A day picked from the calendar (YYYY-MM-DD). */
  dueDate?: string;
  /** A date in words, read when no day was picked. */
  duePhrase?: string;
  boardId?: string;
  meetingId?: string;
}

export interface ActionFormCheck {
  problems: { board?: Problem; text?: Problem; duePhrase?: Problem };
  /** The due date, read; null for none. */
  due: ResolvedDue | null;
  /** The board chosen, seen by the caller. */
  board: BoardSummary | undefined;
}

/**
 * Checks the form: the board chosen is one the caller may see, there is something to do,
 * and the date can be read. `editing` is the action an Edit form is of: a due date left
 * as it was there stays exactly as it was.
 */
export async function checkActionForm(
  db: Db,
  caller: Caller,
  { form, editing }: { form: ActionForm; editing: string | undefined },
): Promise<ActionFormCheck> {
  const workspace = caller.workspace;
  const chosen = form.boardId ? await liveBoardById(db, workspace.id, form.boardId) : undefined;
  // The form lists only boards the person may see (asked of everywhere); any other is not one of them.
  const board = chosen && !(await isBoardHidden({ ...caller, channelId: undefined }, chosen)) ? chosen : undefined;
  const problems: ActionFormCheck["problems"] = {};
  if (form.boardId && !board) problems.board = { code: "board_not_listed" };
  if (!form.text) problems.text = { code: "no_text" };
  let due: ResolvedDue | null = null;
  const kept = editing ? await unchangedDue(db, caller, editing, form) : undefined;
  if (kept) {
    due = kept;
  } else if (form.dueDate) {
    due = dueOnDay(form.dueDate, board?.timeZone ?? workspace.timeZone);
  } else if (form.duePhrase) {
    try {
      due = await resolveDue(db, { phrase: form.duePhrase, board, timeZone: workspace.timeZone, now: caller.now });
    } catch (error) {
      if (!isAppError(error)) throw error;
      problems.duePhrase = error.problem;
    }
  }
  return { problems, due, board };
}

/**
 * In the Edit form a due date left as it was stays exactly as it was: the phrase is not
 * read again (a relative one like "next Friday" would move) and a picked day that
 * matches keeps the phrase it was written as.
 */
async function unchangedDue(
  db: Db,
  caller: Caller,
  actionId: string,
  form: ActionForm,
): Promise<ResolvedDue | undefined> {
  const action = await db.action.findFirst({
    where: { id: actionId, workspaceId: caller.workspace.id },
    include: { board: { select: { timeZone: true } } },
  });
  if (!action?.dueAt || !action.duePrecision) return undefined;
  const existing: ResolvedDue = {
    dueAt: action.dueAt,
    duePrecision: action.duePrecision,
    dueText: action.dueText,
    dueMeetingId: action.dueMeetingId,
  };
  const timeZone = action.board?.timeZone ?? caller.workspace.timeZone;
  if (form.dueDate && form.dueDate === isoDayOf(action.dueAt, timeZone)) return existing;
  if (!form.dueDate && form.duePhrase && form.duePhrase === action.dueText) return existing;
  return undefined;
}
