import { createHash } from "node:crypto";
import type { Db, Prisma } from "../../db/client";
import { formatDay } from "../../dates";
import { AppError } from "../../errors";
import { parseMinutes } from "../../minutes/parse-minutes";
import type { MinutesExtraction } from "../../minutes/types";

/** The same minutes import once, however they are spaced or wrapped. */
export function documentHashOf(text: string): string {
  return createHash("sha256").update(text.replace(/\s+/g, " ").trim().toLowerCase()).digest("hex");
}

export interface PreparedImport {
  importId: string;
  extraction: MinutesExtraction;
}

/**
 * A worker's hold on a file import: the row's readAttempts when it started reading. Its
 * result is stored only while the row is still `parsing` under that same count; a
 * reader taken over (its lock lapsed and another worker started again) stores nothing.
 */
export interface ImportClaim {
  importId: string;
  readAttempts: number;
}

/** Thrown when a claimed import was taken over or ended meanwhile: this reader's result is not wanted. */
export const IMPORT_TAKEN_OVER = "import_taken_over";

export interface ImportBoard {
  id: string;
  code: string;
  timeZone: string;
}

/** Minutes already imported for this board: say when, and change nothing. */
async function refuseDuplicate(db: Db, board: ImportBoard, documentHash: string): Promise<void> {
  const earlier = await db.meeting.findFirst({ where: { boardId: board.id, sourceDocumentHash: documentHash }, select: { startsAt: true, createdAt: true } });
  if (earlier) {
    throw new AppError(
      "minutes_already_imported",
      `These minutes were imported on ${formatDay(earlier.createdAt, board.timeZone)} as the ${board.code} meeting of ${formatDay(earlier.startsAt, board.timeZone)}. Nothing new was created.`,
      "`/action list #" + board.code + "` shows the actions from them.",
    );
  }
}

/**
 * Reads minutes into an import awaiting review: the parser's findings are stored
 * with the text; nothing else is written until the import is confirmed.
 */
export async function prepareImport(
  db: Db,
  options: { workspaceId: string; board: ImportBoard; text: string; fileName: string | null; createdBySlackUserId: string; meetingDate?: string; claim?: ImportClaim },
): Promise<PreparedImport> {
  const text = options.text.trim();
  if (text.length < 40) {
    throw new AppError("minutes_too_short", "That is too short to be minutes: nothing was imported.", "Paste the whole document, from its title to the date of the next meeting.");
  }
  const documentHash = documentHashOf(text);
  await refuseDuplicate(db, options.board, documentHash);
  const extraction = parseMinutes(text, { timeZone: options.board.timeZone, ...(options.meetingDate ? { meetingDate: options.meetingDate } : {}) });
  const data = {
    status: "previewed" as const,
    sourceText: text,
    documentHash,
    fileName: options.fileName,
    result: extraction as unknown as Prisma.InputJsonValue,
    error: null,
  };
  if (options.claim) {
    const { importId, readAttempts } = options.claim;
    const stored = await db.minutesImport.updateMany({ where: { id: importId, status: "parsing", readAttempts }, data });
    if (stored.count === 0) throw new AppError(IMPORT_TAKEN_OVER, "Another reading of these minutes took over from this one.");
    return { importId, extraction };
  }
  const row = await db.minutesImport.create({ data: { ...data, workspaceId: options.workspaceId, boardId: options.board.id, createdBySlackUserId: options.createdBySlackUserId }, select: { id: true } });
  return { importId: row.id, extraction };
}
