// Minutes already in: found by their fingerprint (the same document again, in any
// format) or by their meeting (one set of minutes per meeting), and said with who
// imported them, when and from what, so a second import changes nothing and the
// person knows where to look instead.
import type { Db, Prisma } from "../../db/client";
import { isoDayOf, startOfIsoDay } from "../../dates";
import { AppError, type EarlierMinutesMet, type MinutesImported } from "../../errors";

type Reader = Db | Prisma.TransactionClient;

export interface ImportBoardRef {
  id: string;
  code: string;
  timeZone: string;
}
export interface EarlierMinutes {
  meetingId: string;
  meetingStartsAt: Date;
  importedAt: Date;
  importedBySlackUserId: string | null;
  fileName: string | null;
}

const MEETING_SELECT = {
  id: true,
  startsAt: true,
  createdAt: true,
  createdBySlackUserId: true,
  sourceFileName: true,
} as const;

/** Who imported a meeting's minutes, when and from what. */
export async function earlierMinutesOf(
  db: Reader,
  meeting: {
    id: string;
    startsAt: Date;
    createdAt: Date;
    createdBySlackUserId: string | null;
    sourceFileName: string | null;
  },
): Promise<EarlierMinutes> {
  const row = await db.minutesImport.findFirst({
    where: { meetingId: meeting.id, status: "confirmed" },
    orderBy: { createdAt: "desc" },
    select: { createdBySlackUserId: true, updatedAt: true, fileName: true },
  });
  // A confirmed import is not changed after confirming, so its updatedAt says when that was.
  return {
    meetingId: meeting.id,
    meetingStartsAt: meeting.startsAt,
    importedAt: row?.updatedAt ?? meeting.createdAt,
    importedBySlackUserId: row?.createdBySlackUserId ?? meeting.createdBySlackUserId,
    fileName: row?.fileName ?? meeting.sourceFileName,
  };
}

/** The meeting these minutes (by any of their fingerprints) were imported as, if they were. */
export async function findImportOfDocument(
  db: Reader,
  { boardId, fingerprints }: { boardId: string; fingerprints: readonly string[] },
): Promise<EarlierMinutes | undefined> {
  const meeting = await db.meeting.findFirst({
    where: { boardId, sourceDocumentHash: { in: [...fingerprints] } },
    select: MEETING_SELECT,
  });
  return meeting ? earlierMinutesOf(db, meeting) : undefined;
}

/** The board's meetings on a day (board time) that minutes would be for: scheduled or held, not cancelled. */
export async function meetingsOnDay(db: Reader, board: ImportBoardRef, day: string) {
  const from = startOfIsoDay(day, board.timeZone);
  const candidates = await db.meeting.findMany({
    where: {
      boardId: board.id,
      status: { in: ["scheduled", "held"] },
      startsAt: { gte: from, lt: new Date(from.getTime() + 26 * 3_600_000) },
    },
    orderBy: { startsAt: "asc" },
    select: { ...MEETING_SELECT, status: true, title: true, location: true, sourceDocumentHash: true },
  });
  return candidates.filter((m) => isoDayOf(m.startsAt, board.timeZone) === day);
}

/** The minutes already imported for the board's meeting on that day, if any. */
export async function findMinutesOfDay(
  db: Reader,
  board: ImportBoardRef,
  day: string,
): Promise<EarlierMinutes | undefined> {
  const withMinutes = (await meetingsOnDay(db, board, day)).find((m) => m.sourceDocumentHash !== null);
  return withMinutes ? earlierMinutesOf(db, withMinutes) : undefined;
}

/** The minutes imported for a meeting, if any. */
export async function findMinutesOfMeeting(db: Reader, meetingId: string): Promise<EarlierMinutes | undefined> {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, sourceDocumentHash: { not: null } },
    select: MEETING_SELECT,
  });
  return meeting ? earlierMinutesOf(db, meeting) : undefined;
}

/** Who imported them, when and from what: said to the person reading it as "on Mon 23 Nov 2026 by you from minutes.docx". */
export function importedOf(earlier: EarlierMinutes): MinutesImported {
  return { at: earlier.importedAt, bySlackUserId: earlier.importedBySlackUserId, fileName: earlier.fileName };
}

/** The earlier minutes, as a refusal names them to `readerSlackUserId`. */
function metOf(board: ImportBoardRef, earlier: EarlierMinutes, readerSlackUserId: string | null): EarlierMinutesMet {
  return {
    boardCode: board.code,
    timeZone: board.timeZone,
    meetingStartsAt: earlier.meetingStartsAt,
    imported: importedOf(earlier),
    readerSlackUserId,
  };
}

/** The same minutes again (in this format or another): nothing is created. */
export function sameMinutesAgain(
  board: ImportBoardRef,
  earlier: EarlierMinutes,
  readerSlackUserId: string | null,
): AppError {
  return new AppError({ code: "minutes_already_imported", ...metOf(board, earlier, readerSlackUserId) });
}

/** Other minutes for a meeting that has its minutes: refused, not merged or replaced. */
export function meetingHasMinutes(
  board: ImportBoardRef,
  earlier: EarlierMinutes,
  readerSlackUserId: string | null,
): AppError {
  return new AppError({ code: "meeting_has_minutes", ...metOf(board, earlier, readerSlackUserId) });
}
