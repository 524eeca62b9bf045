import type { Db, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { parseMinutes } from "../../minutes/parse-minutes";
import type { MinutesExtraction } from "../../minutes/types";
import { documentFingerprintOf, legacyDocumentHashOf } from "./document-fingerprint";
import { findImportOfDocument, findMinutesOfDay, meetingHasMinutes, sameMinutesAgain } from "./earlier-minutes";

export interface PreparedImport {
  importId: string;
  extraction: MinutesExtraction;
}

export interface ImportBoard {
  id: string;
  code: string;
  timeZone: string;
}

/**
 * Reads minutes into an import awaiting review: the parser's findings are stored
 * with the text; nothing else is written until the import is confirmed.
 */
export async function prepareImport(
  db: Db,
  options: { workspaceId: string; board: ImportBoard; text: string; fileName: string | null; createdBySlackUserId: string; meetingDate?: string; importId?: string },
): Promise<PreparedImport> {
  const text = options.text.trim();
  if (text.length < 40) {
    throw new AppError("minutes_too_short", "That is too short to be minutes: nothing was imported.", "Paste the whole document, from its title to the date of the next meeting.");
  }
  // The same minutes in any format; and, older imports, the same text (their hash then).
  const documentHash = documentFingerprintOf(text);
  const again = await findImportOfDocument(db, { boardId: options.board.id, fingerprints: [documentHash, legacyDocumentHashOf(text)] });
  if (again) throw sameMinutesAgain(options.board, again, options.createdBySlackUserId);
  const extraction = parseMinutes(text, { timeZone: options.board.timeZone, ...(options.meetingDate ? { meetingDate: options.meetingDate } : {}) });
  // Other minutes for a meeting that has its minutes: said now, before any review (confirming checks again).
  const earlier = extraction.meeting.date ? await findMinutesOfDay(db, options.board, extraction.meeting.date) : undefined;
  if (earlier) throw meetingHasMinutes(options.board, earlier, options.createdBySlackUserId);
  const data = {
    status: "previewed" as const,
    sourceText: text,
    documentHash,
    fileName: options.fileName,
    result: extraction as unknown as Prisma.InputJsonValue,
    error: null,
  };
  const row = options.importId
    ? await db.minutesImport.update({ where: { id: options.importId }, data, select: { id: true } })
    : await db.minutesImport.create({ data: { ...data, workspaceId: options.workspaceId, boardId: options.board.id, createdBySlackUserId: options.createdBySlackUserId }, select: { id: true } });
  return { importId: row.id, extraction };
}
