// Minutes already in: found by their fingerprint (the same document again, in any
// format) or by their meeting (one set of minutes per meeting), and said with who
// imported them, when and from what, so a second import changes nothing and the
// person knows where to look instead.
import type { Db, Prisma } from "../../db/client";
import { formatDay, isoDayOf, startOfIsoDay } from "../../dates";
import { AppError } from "../../errors";

type Reader = Db | Prisma.TransactionClient;

export interface ImportBoardRef {
  id: string;
  code: string;
  timeZone: string;
}

/** What is said of minutes already imported. */
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

/** "on Mon 23 Nov 2026 by you from minutes.docx": who, when and from what, for the person reading it. */
export function importedWords(earlier: EarlierMinutes, timeZone: string, readerSlackUserId: string | null): string {
  const by =
    earlier.importedBySlackUserId && /^[UW][A-Z0-9]+$/.test(earlier.importedBySlackUserId)
      ? earlier.importedBySlackUserId === readerSlackUserId
        ? "you"
        : `<@${earlier.importedBySlackUserId}>`
      : null;
  return [
    `on ${formatDay(earlier.importedAt, timeZone)}`,
    ...(by ? [`by ${by}`] : []),
    ...(earlier.fileName ? [`from ${earlier.fileName}`] : []),
  ].join(" ");
}

/** The same minutes again (in this format or another): nothing is created. */
export function sameMinutesAgain(
  board: ImportBoardRef,
  earlier: EarlierMinutes,
  readerSlackUserId: string | null,
): AppError {
  return new AppError(
    "minutes_already_imported",
    `These minutes are already in: imported ${importedWords(earlier, board.timeZone, readerSlackUserId)} as the ${board.code} meeting of ${formatDay(earlier.meetingStartsAt, board.timeZone)}. Nothing new was created.`,
    "`/action list #" + board.code + "` shows the actions from them.",
  );
}

/** Other minutes for a meeting that has its minutes: refused, not merged or replaced. */
export function meetingHasMinutes(
  board: ImportBoardRef,
  earlier: EarlierMinutes,
  readerSlackUserId: string | null,
): AppError {
  return new AppError(
    "meeting_has_minutes",
    `The ${board.code} meeting of ${formatDay(earlier.meetingStartsAt, board.timeZone)} already has its minutes, imported ${importedWords(earlier, board.timeZone, readerSlackUserId)}. Nothing was imported.`,
    `A meeting's minutes are imported once. If these are another meeting's, check the date they give; to correct the earlier ones, edit their actions from \`/action list #${board.code}\`.`,
  );
}
