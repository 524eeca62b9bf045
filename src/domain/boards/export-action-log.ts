import type { Db } from "../../db/client";
import { Prisma } from "../../db/client";
import { ACTION_LOG_CSV } from "./action-log-csv";
import { ACTION_LOG_JSON } from "./action-log-json";
import {
  peopleInActionLog,
  readActionLog,
  zoneFormatter,
  type ActionLogContext,
  type ActionLogWriter,
} from "./action-log";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(word: string): word is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(word);
}

const WRITERS: Record<ExportFormat, ActionLogWriter> = { csv: ACTION_LOG_CSV, json: ACTION_LOG_JSON };

export interface ExportActionLogOptions {
  board: { id: string; code: string; name: string; timeZone: string; slackChannelId: string | null };
  format: ExportFormat;
  exportedBySlackUserId: string;
  now: Date;
  /** Names for Slack user ids (those it cannot find are left out: the file shows the id). */
  namesOf(slackUserIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Actions read per query; the file is built a batch at a time. */
  batchSize?: number;
}

export interface ActionLogFile {
  /** LCRB-actions-2026-11-23.csv: the board, and the day in its zone. */
  fileName: string;
  bytes: Buffer;
  actionCount: number;
  historyCount: number;
}

// A board's whole log must be read in one snapshot, however long that takes: a change
// made meanwhile is in the file whole or not at all.
const SNAPSHOT_TIMEOUT_MS = 10 * 60_000;

/**
 * The board's action log, every action with its full history, as one file. People are
 * named before the read starts, so no call to Slack is made inside the snapshot.
 */
export async function exportActionLog(db: Db, options: ExportActionLogOptions): Promise<ActionLogFile> {
  const { board, format } = options;
  const writer = WRITERS[format];
  const names = await options.namesOf(await peopleInActionLog(db, { boardId: board.id }));
  const zone = zoneFormatter(board.timeZone);
  const context: ActionLogContext = {
    board,
    exportedAt: options.now,
    exportedBySlackUserId: options.exportedBySlackUserId,
    nameOf: (id) => names.get(id),
    zone,
  };
  const chunks: Buffer[] = [Buffer.from(writer.opening(context), "utf8")];
  const counts = { actions: 0, history: 0 };
  await db.$transaction(
    async (tx) => {
      for await (const batch of readActionLog(tx, { boardId: board.id, batchSize: options.batchSize })) {
        // Each batch becomes bytes at once, and its rows are let go before the next is read.
        const text = batch.map((entry, i) => writer.action(entry, context, counts.actions + i === 0)).join("");
        chunks.push(Buffer.from(text, "utf8"));
        counts.actions += batch.length;
        counts.history += batch.reduce((sum, entry) => sum + entry.events.length, 0);
      }
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: SNAPSHOT_TIMEOUT_MS },
  );
  chunks.push(Buffer.from(writer.closing(counts, context), "utf8"));
  return {
    fileName: `${board.code}-actions-${zone.day(options.now)}.${writer.extension}`,
    bytes: Buffer.concat(chunks),
    actionCount: counts.actions,
    historyCount: counts.history,
  };
}
