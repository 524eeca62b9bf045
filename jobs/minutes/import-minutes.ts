// minutes.import: reads a minutes file shared in Slack (downloaded with the bot
// token), parses it, and turns the importer's progress message into what was
// found with a button to review it. Large PDFs take seconds, so this is a job.
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { prepareImport } from "../../src/domain/minutes/prepare-import";
import { isAppError } from "../../src/errors";
import { documentTooLarge, MAX_DOCUMENT_BYTES, readDocument } from "../../src/minutes/read-document";
import type { MessageView } from "../../src/slack/views/blocks";
import { importFailedMessage, importReadyMessage } from "../../src/slack/views/minutes/import-progress";
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

async function download(slack: WebClient, fileId: string): Promise<{ bytes: Buffer; name: string }> {
  const info = await slack.files.info({ file: fileId });
  const url = info.file?.url_private_download ?? info.file?.url_private;
  if (!url) throw new Error(`Slack gave no download address for file ${fileId}`);
  // Refused before downloading, with its real size.
  if ((info.file?.size ?? 0) > MAX_DOCUMENT_BYTES) throw documentTooLarge(info.file?.name ?? fileId, info.file!.size!);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${slack.token ?? ""}` } });
  if (!response.ok) throw new Error(`Downloading ${fileId} failed: HTTP ${response.status}`);
  return { bytes: Buffer.from(await response.arrayBuffer()), name: info.file?.name ?? fileId };
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
    await show(importFailedMessage(fileName, problem, isAppError(error) ? error.hint : "Try again, or paste the text with /minutes."));
    return "failed";
  }
}
