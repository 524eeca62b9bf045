// Minutes shared as a file: the import starts here and a worker reads the file (the
// minutes.import job, queued as this use case's effect).
import path from "node:path";
import type { Db } from "../../db/client";
import { resolveBoard, type BoardSummary } from "../../domain/boards/resolve-board";
import { startFileImport as startImport, type FileImportStart } from "../../domain/minutes/start-file-import";
import { AppError } from "../../errors";
import { DOCUMENT_TYPES } from "../../minutes/read-document";
import { assertMayImportMinutes, boardDetails, isBoardHidden, type BoardDetails } from "../access";
import type { Caller } from "../caller";
import type { Effect, Outcome } from "../effects";

/** Whether a file's name is of a kind minutes can be read from. */
export const isMinutesDocument = (name: string) =>
  (DOCUMENT_TYPES as readonly string[]).includes(path.extname(name).toLowerCase());

/** The board of the channel a file is in, unless it is hidden from the caller. */
async function boardOfChannel(db: Db, caller: Caller, channelId: string): Promise<BoardDetails | undefined> {
  const board = await resolveBoard(db, { workspaceId: caller.workspace.id, ref: undefined, channelId });
  if (!board || (await isBoardHidden(caller, board))) return undefined;
  return boardDetails(db, caller, board);
}

/**
 * The board of the channel a file is in, if the caller may import into it (or undefined):
 * a file shared there is offered for import only to them, as anyone else would be refused.
 */
export async function fileImportBoard(
  db: Db,
  caller: Caller,
  input: { channelId: string },
): Promise<BoardSummary | undefined> {
  const board = await boardOfChannel(db, caller, input.channelId);
  if (!board) return undefined;
  return (await assertMayImportMinutes(caller, board).then(
    () => true,
    () => false,
  ))
    ? board
    : undefined;
}

/**
 * Starts reading a file for the board of the channel it is in, or finds the import of it
 * already under way. `announce` tells the importer the file is being read (a DM), once the
 * import is theirs; it returns where, so that what is found replaces it.
 */
export async function startFileImport(
  db: Db,
  caller: Caller,
  input: {
    channelId: string;
    fileId: string;
    fileName: string;
    announce: (board: { code: string }) => Promise<{ channelId: string; ts: string | null }>;
  },
): Promise<Outcome<{ board: BoardSummary; start: FileImportStart }>> {
  const board = await boardOfChannel(db, caller, input.channelId);
  if (!board) throw new AppError({ code: "no_board_here", for: "shared_file" });
  await assertMayImportMinutes(caller, board);
  if (!isMinutesDocument(input.fileName))
    throw new AppError({ code: "unsupported_document", extension: path.extname(input.fileName) });
  const start = await startImport(db, {
    workspaceId: caller.workspace.id,
    boardId: board.id,
    slackFileId: input.fileId,
    fileName: input.fileName,
    createdBySlackUserId: caller.userId,
    announce: () => input.announce(board),
  });
  // The same file may be under way for another board: one the caller cannot see is not named, nor who imports it.
  if (
    start.kind === "under_way" &&
    start.board &&
    start.board.id !== board.id &&
    (await isBoardHidden(caller, start.board))
  )
    throw new AppError({ code: "file_import_under_way_elsewhere" });
  const effects: Effect[] =
    start.kind === "started" ? [{ kind: "minutes_import_started", importId: start.importId }] : [];
  return { result: { board, start }, effects };
}
