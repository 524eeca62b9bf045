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
export const IMPORT_TAKEN_OVER = "import_taken_over" as const;

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
  options: {
    workspaceId: string;
    board: ImportBoard;
    text: string;
    fileName: string | null;
    createdBySlackUserId: string;
    meetingDate?: string;
    claim?: ImportClaim;
  },
): Promise<PreparedImport> {
  const text = options.text.trim();
  if (text.length < 40) {
    throw new AppError({ code: "minutes_too_short" });
  }
  // The same minutes in any format; and, older imports, the same text (their hash then).
  const documentHash = documentFingerprintOf(text);
  const again = await findImportOfDocument(db, {
    boardId: options.board.id,
    fingerprints: [documentHash, legacyDocumentHashOf(text)],
  });
  if (again) throw sameMinutesAgain(options.board, again, options.createdBySlackUserId);
  const extraction = parseMinutes(text, {
    timeZone: options.board.timeZone,
    ...(options.meetingDate ? { meetingDate: options.meetingDate } : {}),
  });
  // Other minutes for a meeting that has its minutes: said now, before any review (confirming checks again).
  const earlier = extraction.meeting.date
    ? await findMinutesOfDay(db, options.board, extraction.meeting.date)
    : undefined;
  if (earlier) throw meetingHasMinutes(options.board, earlier, options.createdBySlackUserId);
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
    const stored = await db.minutesImport.updateMany({
      where: { id: importId, status: "parsing", readAttempts },
      data,
    });
    if (stored.count === 0) throw new AppError({ code: IMPORT_TAKEN_OVER });
    return { importId, extraction };
  }
  const row = await db.minutesImport.create({
    data: {
      ...data,
      workspaceId: options.workspaceId,
      boardId: options.board.id,
      createdBySlackUserId: options.createdBySlackUserId,
    },
    select: { id: true },
  });
  return { importId: row.id, extraction };
}
