// minutes.import: reads a minutes file shared in Slack (downloaded with the bot
// token), parses it, and turns the importer's progress message into what was
// found with a button to review it. Large PDFs take seconds, so this is a job.
//
// The file is downloaded only from Slack's file host (download-file.ts); an address
// anywhere else fails the import with a message saying so, and nothing is sent there.
//
// A worker that dies while reading leaves the row `parsing`; BullMQ hands the job to
// another worker once its lock lapses, which starts again (the row's readAttempts
// fences the two: only the latest reader's result is stored). The imports sweep
// (repair-imports.ts) takes up what BullMQ gives up on or loses.
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { IMPORT_TAKEN_OVER, prepareImport } from "../../src/domain/minutes/prepare-import";
import { isAppError } from "../../src/errors";
import { documentTooLarge, MAX_DOCUMENT_BYTES, readDocument } from "../../src/minutes/read-document";
import type { MessageView } from "../../src/slack/views/blocks";
import {
  importAlreadyInMessage,
  importFailedMessage,
  importReadyMessage,
} from "../../src/slack/views/minutes/import-progress";
import { wordsFor } from "../../src/slack/views/problems";
import { defineJob, type JobContext } from "../define-job";
import { downloadFile } from "./download-file";
import { fileSourcesFor } from "./file-source";
import { MAX_IMPORT_READS, stopImport } from "./stop-import";

/**
 * The longest a file's download may take; past it the download is abandoned (and tried
 * again while attempts remain). 10 MB at the slowest link worth serving is well inside
 * it. Reading what arrived is CPU work bounded by MAX_DOCUMENT_BYTES (seconds); the
 * imports sweep waits this plus the job's lock before it judges a reading abandoned.
 */
export const READ_DEADLINE_MS = 120_000;

export const importMinutesJob = defineJob({
  name: "minutes.import",
  queue: "imports",
  payload: z.object({ importId: z.string().uuid() }),
  attempts: 3,
  backoff: { type: "exponential", delayMs: 5000 },
  keepCompleted: 200,
  keepFailed: 1000,
  handle: ({ importId }, context) => importMinutesFile(context, importId),
});

/**
 * The file's bytes, never more than MAX_DOCUMENT_BYTES of them, whatever Slack says of its
 * size, and only from Slack's file host (download-file.ts): an address anywhere else is
 * refused before anything is sent to it.
 */
async function download(slack: WebClient, fileId: string): Promise<{ bytes: Buffer; name: string }> {
  const info = await slack.files.info({ file: fileId });
  const name = info.file?.name ?? fileId;
  const address = info.file?.url_private_download ?? info.file?.url_private;
  if (!address) throw new Error(`Slack gave no download address for file ${fileId}`);
  // Refused before downloading, with its real size, when Slack gives it.
  const size = info.file?.size;
  if (size !== undefined && size > MAX_DOCUMENT_BYTES) throw documentTooLarge(name, size);
  const bytes = await downloadFile({
    address,
    token: slack.token ?? "",
    sources: fileSourcesFor(slack.slackApiUrl),
    fileName: name,
    fileId,
    maxBytes: MAX_DOCUMENT_BYTES,
    signal: AbortSignal.timeout(READ_DEADLINE_MS),
  });
  return { bytes, name };
}

export async function importMinutesFile(
  context: JobContext,
  importId: string,
): Promise<"previewed" | "failed" | "skipped"> {
  const { db, logger } = context;
  const row = await db.minutesImport.findUnique({
    where: { id: importId },
    select: {
      id: true,
      status: true,
      readAttempts: true,
      workspaceId: true,
      slackFileId: true,
      fileName: true,
      createdBySlackUserId: true,
      progressChannelId: true,
      progressMessageTs: true,
      board: { select: { id: true, code: true, timeZone: true } },
    },
  });
  // `parsing` too: a worker died reading it (or its lock lapsed) and BullMQ handed the job on.
  if (!row || (row.status !== "pending" && row.status !== "parsing") || !row.slackFileId) return "skipped";
  const seen = { ...row, status: row.status };
  // The board was deleted since: nothing to import into.
  if (!row.board) return (await stopImport(context, seen, "board_gone")) ? "failed" : "skipped";
  // Every reading so far was cut short: the file may be what kills its readers.
  if (row.readAttempts >= MAX_IMPORT_READS) return (await stopImport(context, seen)) ? "failed" : "skipped";
  const board = row.board;
  const fileName = row.fileName ?? "the file";
  const slack = await context.slackFor(row.workspaceId);
  const show = async (view: MessageView) => {
    if (row.progressChannelId && row.progressMessageTs)
      await slack.chat
        .update({ channel: row.progressChannelId, ts: row.progressMessageTs, text: view.text, blocks: view.blocks })
        .catch((err: unknown) => logger.warn({ err }, "could not update import progress"));
  };
  // Claimed only as it was read: of two workers here at once (or this and the sweep), one goes on.
  const claim = { importId, readAttempts: row.readAttempts + 1 };
  const claimed = await db.minutesImport.updateMany({
    where: { id: importId, status: row.status, readAttempts: row.readAttempts },
    data: { status: "parsing", readAttempts: claim.readAttempts },
  });
  if (claimed.count === 0) return "skipped";
  if (context.isRetaken)
    logger.warn(
      { importId, readAttempts: claim.readAttempts },
      "reading a minutes file again after its reader stopped",
    );
  const stillMine = { id: importId, status: "parsing" as const, readAttempts: claim.readAttempts };
  try {
    const file = await download(slack, row.slackFileId);
    const text = await readDocument({ bytes: file.bytes, fileName: file.name });
    const prepared = await prepareImport(db, {
      workspaceId: row.workspaceId,
      board,
      text,
      fileName: file.name,
      createdBySlackUserId: row.createdBySlackUserId ?? "",
      claim,
    });
    await show(importReadyMessage(importId, fileName, board.code, prepared.extraction, board.timeZone));
    return "previewed";
  } catch (error) {
    // Another reader took over meanwhile: it answers, this one says nothing.
    if (isAppError(error) && error.code === IMPORT_TAKEN_OVER) return "skipped";
    if (!isAppError(error) && context.attempt < importMinutesJob.attempts && claim.readAttempts < MAX_IMPORT_READS) {
      // Slack or the network may be having a moment: try again, from pending.
      const released = await db.minutesImport.updateMany({ where: stillMine, data: { status: "pending" } });
      if (released.count === 0) return "skipped";
      throw error;
    }
    const words = isAppError(error)
      ? wordsFor(error.problem)
      : {
          text: "Something went wrong reading it; nothing was imported.",
          hint: "Try again, or paste the text with /minutes.",
        };
    const ended = await db.minutesImport.updateMany({
      where: stillMine,
      data: { status: "failed", error: words.text },
    });
    if (ended.count === 0) return "skipped";
    if (!isAppError(error)) logger.error({ err: error, importId }, "a minutes import failed");
    const isAlreadyIn =
      isAppError(error) && (error.code === "minutes_already_imported" || error.code === "meeting_has_minutes");
    await show(
      isAlreadyIn
        ? importAlreadyInMessage(fileName, words.text, words.hint)
        : importFailedMessage(fileName, words.text, words.hint),
    );
    return "failed";
  }
}
