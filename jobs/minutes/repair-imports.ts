// imports.repair, every minute on one instance: a minutes file import is never left
// `pending` or `parsing` with nothing to finish it. BullMQ retakes a job whose worker
// died, but it gives up after one such stall (maxStalledCount), and Redis may lose the
// job altogether; then the row is all there is. Each import unfinished for longer than
// a reading can take, whose job is not waiting or running, is queued again while it has
// reads left, else failed and its importer told (so is one whose board was deleted).
import type { JobState, Queue } from "bullmq";
import type { SweepDefinition, JobDeps } from "../define-job";
import type { JobQueues } from "../queues";
import { importMinutesJob, READ_DEADLINE_MS } from "./import-minutes";
import { MAX_IMPORT_READS, stopImport, unchangedSince, type SeenImport } from "./stop-import";

const BATCH = 200;

/** A job in one of these is in hand: a worker has it, or one will. */
const IN_HAND: ReadonlySet<JobState | "unknown"> = new Set([
  "waiting",
  "delayed",
  "prioritized",
  "active",
  "waiting-children",
]);

/**
 * How long an import may stay unfinished before the sweep looks at its job. A reader
 * renews its lock while alive; one that died is retaken by BullMQ once the lock
 * lapses (workerLockMs), and a live one is done within READ_DEADLINE_MS. Past both,
 * an unfinished import with no job in hand has no reader and will not get one. The
 * state check alone would do, but for the moment between a row being created and its
 * job being added, and between a job's states.
 */
export function importStuckAfterMs(workerLockMs: number): number {
  return workerLockMs + READ_DEADLINE_MS;
}

export interface ImportRepairResult {
  checked: number;
  requeued: number;
  stopped: number;
}

export interface RepairImportsOptions {
  queues: JobQueues;
  stuckAfterMs: number;
}

export async function repairImports(
  deps: Pick<JobDeps, "db" | "slackFor" | "logger" | "now">,
  { queues, stuckAfterMs }: RepairImportsOptions,
): Promise<ImportRepairResult> {
  const { db, logger } = deps;
  const queue = queues.queue(importMinutesJob.queue);
  const unfinishedBefore = new Date(deps.now().getTime() - stuckAfterMs);
  const result: ImportRepairResult = { checked: 0, requeued: 0, stopped: 0 };
  let after: string | undefined;
  for (;;) {
    const rows = await db.minutesImport.findMany({
      // Pasted minutes are read while the form waits and are never pending or parsing.
      where: {
        status: { in: ["pending", "parsing"] },
        slackFileId: { not: null },
        updatedAt: { lt: unfinishedBefore },
        ...(after ? { id: { gt: after } } : {}),
      },
      select: {
        id: true,
        status: true,
        readAttempts: true,
        updatedAt: true,
        workspaceId: true,
        boardId: true,
        fileName: true,
        createdBySlackUserId: true,
        progressChannelId: true,
        progressMessageTs: true,
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      result.checked += 1;
      const seen: SeenImport = { ...row, status: row.status as SeenImport["status"] };
      const state = await queue.getJobState(row.id);
      if (IN_HAND.has(state)) continue;
      // Its board was deleted under it: there is nothing to import into, however often it is read.
      if (row.boardId === null || row.readAttempts >= MAX_IMPORT_READS) {
        if (await stopImport(deps, seen, row.boardId === null ? "board_gone" : "reads_used_up")) result.stopped += 1;
        continue;
      }
      // Moved first, only if unchanged since read: of two sweeps at once, one queues it.
      const moved = await db.minutesImport.updateMany({ where: unchangedSince(seen), data: { status: "pending" } });
      if (moved.count === 0) continue;
      await queueAgain(queues, queue, row.id, state).then(
        () => (result.requeued += 1),
        // Left pending: the next run, past the bound again, looks at it afresh.
        (err: unknown) => logger.warn({ err, importId: row.id, state }, "could not queue a minutes import again"),
      );
    }
  }
  return result;
}

/** One job per import, its id the row's: a finished one is sent round again, a lost one added anew. */
async function queueAgain(
  queues: JobQueues,
  queue: Queue,
  importId: string,
  state: JobState | "unknown",
): Promise<void> {
  if (state === "completed" || state === "failed") {
    const job = await queue.getJob(importId);
    // The row's readAttempts bounds the reads; BullMQ's count starts afresh.
    if (job) return job.retry(state, { resetAttemptsMade: true });
  }
  await queues.enqueue(importMinutesJob, { importId }, { jobId: importId });
}

export function repairImportsSweep(options: RepairImportsOptions): SweepDefinition {
  return {
    name: "imports.repair",
    cron: "* * * * *",
    lockMs: 55_000,
    async run(deps) {
      const result = await repairImports(deps, options);
      if (result.requeued + result.stopped > 0)
        deps.logger.warn(result, "minutes imports left unfinished with no job in hand were queued again or stopped");
      return result;
    },
  };
}
