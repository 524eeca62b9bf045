// minutes.import: reads a minutes file shared in Slack (downloaded with the bot
// token), parses it, and turns the importer's progress message into what was
// found with a button to review it. Large PDFs take seconds, so this is a job.
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { prepareImport } from "../../src/domain/minutes/prepare-import";
import { isAppError } from "../../src/errors";
import { documentTooLarge, MAX_DOCUMENT_BYTES, readDocument } from "../../src/minutes/read-document";
import type { MessageView } from "../../src/slack/views/blocks";
import { importAlreadyInMessage, importFailedMessage, importReadyMessage } from "../../src/slack/views/minutes/import-progress";
import { defineJob, type JobContext } from "../define-job";

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

/** A body's bytes, or undefined as soon as more than `limit` of them have arrived (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer | undefined> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, length);
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/** The file's bytes, never more than MAX_DOCUMENT_BYTES of them, whatever Slack says of its size. */
async function download(slack: WebClient, fileId: string): Promise<{ bytes: Buffer; name: string }> {
  const info = await slack.files.info({ file: fileId });
  const name = info.file?.name ?? fileId;
  const url = info.file?.url_private_download ?? info.file?.url_private;
  if (!url) throw new Error(`Slack gave no download address for file ${fileId}`);
  // Refused before downloading, with its real size, when Slack gives it.
  const size = info.file?.size;
  if (size !== undefined && size > MAX_DOCUMENT_BYTES) throw documentTooLarge(name, size);
  const stop = new AbortController();
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${slack.token ?? ""}` }, signal: stop.signal });
    if (!response.ok) throw new Error(`Downloading ${fileId} failed: HTTP ${response.status}`);
    const contentLength = response.headers.get("content-length");
    if (contentLength !== null && Number(contentLength) > MAX_DOCUMENT_BYTES) throw documentTooLarge(name, Number(contentLength));
    const bytes = await readAtMost(response.body, MAX_DOCUMENT_BYTES);
    // Stopped part way: its real size is not known, only that it is too large.
    if (!bytes) throw documentTooLarge(name);
    return { bytes, name };
  } finally {
    // What was not read (an error page, the rest of a file too large) is not waited for.
    stop.abort();
  }
}

export async function importMinutesFile(context: JobContext, importId: string): Promise<"previewed" | "failed" | "skipped"> {
  const { db, logger } = context;
  const row = await db.minutesImport.findUnique({
    where: { id: importId },
    select: { status: true, workspaceId: true, slackFileId: true, fileName: true, createdBySlackUserId: true, progressChannelId: true, progressMessageTs: true, board: { select: { id: true, code: true, timeZone: true } } },
  });
  if (!row || row.status !== "pending" || !row.slackFileId || !row.board) return "skipped";
  const board = row.board;
  const fileName = row.fileName ?? "the file";
  const slack = await context.slackFor(row.workspaceId);
  const show = async (view: MessageView) => {
    if (row.progressChannelId && row.progressMessageTs) await slack.chat.update({ channel: row.progressChannelId, ts: row.progressMessageTs, text: view.text, blocks: view.blocks }).catch((err: unknown) => logger.warn({ err }, "could not update import progress"));
  };
  await db.minutesImport.update({ where: { id: importId }, data: { status: "parsing" } });
  try {
    const file = await download(slack, row.slackFileId);
    const text = await readDocument({ bytes: file.bytes, fileName: file.name });
    const prepared = await prepareImport(db, { workspaceId: row.workspaceId, board, text, fileName: file.name, createdBySlackUserId: row.createdBySlackUserId ?? "", importId });
    await show(importReadyMessage(importId, fileName, board.code, prepared.extraction, board.timeZone));
    return "previewed";
  } catch (error) {
    if (!isAppError(error) && context.attempt < importMinutesJob.attempts) {
      // Slack or the network may be having a moment: try again, from pending.
      await db.minutesImport.update({ where: { id: importId }, data: { status: "pending" } });
      throw error;
    }
    const problem = isAppError(error) ? error.message : "Something went wrong reading it; nothing was imported.";
    await db.minutesImport.update({ where: { id: importId }, data: { status: "failed", error: problem } });
    if (!isAppError(error)) logger.error({ err: error, importId }, "a minutes import failed");
    const isAlreadyIn = isAppError(error) && (error.code === "minutes_already_imported" || error.code === "meeting_has_minutes");
    await show(isAlreadyIn ? importAlreadyInMessage(fileName, problem, error.hint) : importFailedMessage(fileName, problem, isAppError(error) ? error.hint : "Try again, or paste the text with /minutes."));
    return "failed";
  }
}
