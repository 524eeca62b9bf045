// reminders.repair, every minute on one instance: the database is the source of
// truth, Redis a copy that can be lost (a Redis without appendonly, or one that evicts). Every
// reminder still to send within the job horizon (REMINDER_JOB_HORIZON_MS) whose job is not in
// Redis, or is there but can never run, gets one; those whose time passed while nothing ran
// are sent now (or skipped if too late, by the job). Rows further ahead have no job yet: each is
// queued here as it comes within the horizon. Each run leaves in Redis how far it queued
// (queuedToKey), so the next tells a row coming into the horizon (further than that: however
// long since the last run, a deploy or the console's clock moved on) from a job Redis lost
// (within it). With no mark (the first run, or Redis lost it too), every row missing its job
// counts as lost.
//
// A job that failed for good while its row still waits did not fail in its handler's last
// attempt (which fails the row and tells the board): its worker died twice with it, or the
// database was away as it gave up. It gets one last try, not eight more: if that fails too, the
// reminder ends failed and the board is told. Rows already failed are never looked at.
import type { Db } from "../../src/db/client";
import type { Redis } from "../../src/redis";
import type { SweepDefinition } from "../define-job";
import { jobHorizonOf, type ReminderJobs } from "./reminder-jobs";

const BATCH = 1000;

/** Where the last run's horizon ended (ms since the epoch): rows up to it had their jobs then. */
const queuedToKey = (prefix: string) => `${prefix}:reminders-queued-to`;

export interface RepairResult {
  checked: number;
  /** Rows whose job Redis should have had (within the last run's horizon, or with no record of one): lost. */
  requeued: number;
  /** Rows queued as they came within the horizon (REMINDER_JOB_HORIZON_MS) since the last run. */
  queuedAhead: number;
  /** Of those requeued, the ones whose job had failed for good: one last try each. */
  lastTries: number;
}

export async function repairReminderJobs({
  db,
  redis,
  prefix,
  jobs,
  now,
}: {
  db: Db;
  redis: Redis;
  prefix: string;
  jobs: ReminderJobs;
  now: Date;
}): Promise<RepairResult> {
  let checked = 0;
  let requeued = 0;
  let queuedAhead = 0;
  let lastTries = 0;
  let after: string | undefined;
  const horizon = jobHorizonOf(now);
  const mark = await redis.get(queuedToKey(prefix));
  // With no mark, every row missing its job counts as lost.
  const queuedTo = mark === null ? Number.POSITIVE_INFINITY : Number(mark);
  for (;;) {
    const rows = await db.reminder.findMany({
      where: {
        state: { in: ["scheduled", "sending"] },
        fireAt: { lte: horizon },
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { id: true, fireAt: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    checked += rows.length;
    const held = await jobs.holds(rows.map((row) => row.id));
    const missing = rows.filter((_, i) => !held[i]);
    const failed: typeof rows = [];
    // A job that is there but can never run (finished or failed while its row still waits, or a
    // bare hash left behind) hides the reminder from this sweep for ever: it is removed and queued
    // again. Only rows already due are asked about: a job still ahead sits in the delayed set.
    for (const [i, row] of rows.entries()) {
      if (!held[i] || row.fireAt > now) continue;
      const standing = await jobs.standingOf(row.id);
      if (standing === "runnable") continue;
      await jobs.discard(row.id).catch(() => undefined);
      (standing === "failed" ? failed : missing).push(row);
    }
    if (missing.length > 0) await jobs.enqueue(missing);
    if (failed.length > 0) await jobs.enqueue(failed, { attempts: 1 });
    const ahead = missing.filter((row) => row.fireAt.getTime() > queuedTo).length;
    queuedAhead += ahead;
    requeued += missing.length - ahead + failed.length;
    lastTries += failed.length;
  }
  await redis.set(queuedToKey(prefix), String(horizon.getTime()));
  return { checked, requeued, queuedAhead, lastTries };
}

export function repairRemindersSweep(options: { redis: Redis; prefix: string; jobs: ReminderJobs }): SweepDefinition {
  return {
    name: "reminders.repair",
    cron: "* * * * *",
    lockMs: 55_000,
    async run({ db, logger, now }) {
      const result = await repairReminderJobs({ db, ...options, now: now() });
      if (result.requeued > 0) logger.warn(result, "reminder jobs were missing from Redis and have been queued again");
      return result;
    },
  };
}
