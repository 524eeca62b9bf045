// Ends a file import that will not be read again (the processes reading it died each
// time, or the board it was for is gone) and tells the person who asked, once.
import type { Db } from "../../src/db/client";
import type { Logger } from "../../src/logger";
import type { SlackFor } from "../../src/slack/clients";
import { importFailedMessage, importStoppedMessage } from "../../src/slack/views/minutes/import-progress";
import type { MessageView } from "../../src/slack/views/blocks";

/** Reads started before an import is given up. A file whose reading kills its worker kills no more than this many. */
export const MAX_IMPORT_READS = 3;

/** What the row looked like when the caller decided: the move happens only if nothing has changed it since. */
export interface SeenImport {
  id: string;
  /** Only these are unfinished: a reader may still be on it, or should be. */
  status: "pending" | "parsing";
  readAttempts: number;
  /** Also compared when given (the sweep): tells apart two moves that leave status and count as they were. */
  updatedAt?: Date;
  workspaceId: string;
  fileName: string | null;
  createdBySlackUserId: string | null;
  progressChannelId: string | null;
  progressMessageTs: string | null;
}

/** Why an import is stopped: its reads are used up, or the board it was for was deleted meanwhile. */
export type StopReason = "reads_used_up" | "board_gone";

function stoppedView(fileName: string, reason: StopReason): MessageView {
  if (reason === "reads_used_up") return importStoppedMessage(fileName);
  return importFailedMessage(
    fileName,
    "The board these minutes were for was deleted while they were being read, so nothing was imported.",
    "Share the file in a board's channel, or paste the text with /minutes.",
  );
}

/** The move's condition: the row exactly as the caller saw it. */
export function unchangedSince(seen: SeenImport) {
  return {
    id: seen.id,
    status: seen.status,
    readAttempts: seen.readAttempts,
    ...(seen.updatedAt ? { updatedAt: seen.updatedAt } : {}),
  };
}

/**
 * Marks the import failed if it is still as `seen`, then says so in place of the
 * "Reading …" message (or by DM when there is none, or it is gone). Returns whether
 * this caller made the move: of two doing it at once, one does, and only it tells.
 */
export async function stopImport(
  deps: { db: Db; slackFor: SlackFor; logger: Logger },
  seen: SeenImport,
  reason: StopReason = "reads_used_up",
): Promise<boolean> {
  const fileName = seen.fileName ?? "the file";
  const view = stoppedView(fileName, reason);
  const moved = await deps.db.minutesImport.updateMany({
    where: unchangedSince(seen),
    data: { status: "failed", error: view.text },
  });
  if (moved.count === 0) return false;
  deps.logger.warn(
    { importId: seen.id, readAttempts: seen.readAttempts, reason },
    "a minutes import was stopped and will not be read again; the importer is told",
  );
  // Told at most once: a process that dies here leaves the row failed and the message as it was.
  try {
    const slack = await deps.slackFor(seen.workspaceId);
    const isUpdated =
      seen.progressChannelId && seen.progressMessageTs
        ? await slack.chat
            .update({
              channel: seen.progressChannelId,
              ts: seen.progressMessageTs,
              text: view.text,
              blocks: view.blocks,
            })
            .then(
              () => true,
              (err: unknown) => (
                deps.logger.warn(
                  { err, importId: seen.id },
                  "could not update import progress; telling the importer by DM",
                ),
                false
              ),
            )
        : false;
    if (!isUpdated && seen.createdBySlackUserId)
      await slack.chat.postMessage({ channel: seen.createdBySlackUserId, text: view.text, blocks: view.blocks });
  } catch (err) {
    deps.logger.warn({ err, importId: seen.id }, "could not tell the importer their import stopped");
  }
  return true;
}
