import type { Db } from "../../db/client";
import {
  DEFAULT_FINANCIAL_YEAR_START_MONTH,
  parseDuePhrase,
  startOfDay,
  startOfIsoDay,
  type DueParseOptions,
  type DuePrecision,
} from "../../dates";
import { AppError } from "../../errors";
import type { BoardSummary } from "../boards/resolve-board";

/** What reading a due phrase needs of the board it is for. */
export type DueBoard = Pick<BoardSummary, "id" | "code" | "timeZone" | "financialYearStartMonth">;

export interface ResolvedDue {
  dueAt: Date;
  duePrecision: DuePrecision;
  /** The phrase as written; null when a date was picked from a calendar. */
  dueText: string | null;
  /** Set when the action is due at the board's next meeting, and moves with it. */
  dueMeetingId: string | null;
}

export function datePhraseProblem(phrase: string): AppError {
  return new AppError({ code: "due_phrase_unreadable", phrase });
}

/**
 * Reads a due phrase in the board's time zone and against its financial year ("Q3", "year
 * end"), resolving "the next meeting" to the board's. Without a board, the workspace's zone
 * and a year starting in April.
 */
export async function resolveDue(
  db: Db,
  { phrase, board, timeZone, now }: { phrase: string; board: DueBoard | undefined; timeZone: string; now: Date },
): Promise<ResolvedDue> {
  const parsed = readDuePhrase(phrase, {
    now,
    timeZone: board?.timeZone ?? timeZone,
    financialYearStartMonth: board?.financialYearStartMonth,
  });
  if (!parsed.ok) throw datePhraseProblem(phrase);
  if (parsed.due.kind === "date") {
    return { dueAt: parsed.due.dueAt, duePrecision: parsed.due.precision, dueText: phrase, dueMeetingId: null };
  }
  if (!board) {
    throw new AppError({ code: "due_meeting_without_board", phrase });
  }
  const meeting = await db.meeting.findFirst({
    where: { boardId: board.id, status: "scheduled", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true },
  });
  if (!meeting) {
    throw new AppError({ code: "no_next_meeting", boardCode: board.code, phrase });
  }
  return {
    dueAt: startOfDay(meeting.startsAt, board.timeZone),
    duePrecision: "day",
    dueText: phrase,
    dueMeetingId: meeting.id,
  };
}

/** A day picked from a date picker (YYYY-MM-DD), as the start of that day in the zone. */
export function dueOnDay(isoDay: string, timeZone: string): ResolvedDue {
  return { dueAt: startOfIsoDay(isoDay, timeZone), duePrecision: "day", dueText: null, dueMeetingId: null };
}

const READ_PHRASES_KEPT = 32;
const readPhrases = new Map<string, ReturnType<typeof parseDuePhrase>>();

/**
 * parseDuePhrase, remembering its latest answers: a command's phrase is read once to tell
 * it from the action's words (isDuePhrase) and again to resolve it, with the same options
 * unless the board keeps another zone or year, so the second reading costs nothing.
 */
export function readDuePhrase(phrase: string, options: DueParseOptions): ReturnType<typeof parseDuePhrase> {
  const key = `${phrase}\u0000${options.now.getTime()}|${options.timeZone}|${options.financialYearStartMonth ?? DEFAULT_FINANCIAL_YEAR_START_MONTH}`;
  const known = readPhrases.get(key);
  if (known) return known;
  const parsed = parseDuePhrase(phrase, options);
  if (readPhrases.size >= READ_PHRASES_KEPT) readPhrases.delete(readPhrases.keys().next().value as string);
  readPhrases.set(key, parsed);
  return parsed;
}
