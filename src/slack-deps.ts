// What listeners and the durable work they leave behind use, for any role: a web
// process answers Slack and does commands' work; a worker process does it too.
import type { JobQueues } from "../jobs/queues";
import type { ReminderJobs } from "../jobs/reminders/reminder-jobs";
import type { Db } from "./db/client";
import type { Logger } from "./logger";
import type { Redis } from "./redis";
import type { SlackDeps } from "./slack/deps";
import { createDurableWork } from "../jobs/commands/durable-work";
import { importMinutesJob } from "../jobs/minutes/import-minutes";
import { createHomeRefresher } from "./slack/home";
import { createWorkLimiter, refusedLogger } from "./slack/work-limiter";
import { resolvesWithin } from "./resolves-within";

/**
 * How many forms and Home tabs a process fills in at once (in memory; see IN_MEMORY_WAITING).
 * Each reads through Prisma on this process's one thread, so more in flight adds no
 * throughput and only delays acknowledging new requests.
 */
export const SLACK_WORK_CONCURRENCY = 3;

/**
 * How many commands' and buttons' pieces of work (kept in Redis) a process does at once.
 * Twelve answer 100 adds a second with p99 under half a second where three answered 81 a
 * second with p99 7.8 s and refused a tenth as busy (bench/load.ts). Most of a piece's time
 * is spent waiting on PostgreSQL and Slack, so twelve keep one thread busy. A process killed
 * with twelve under way answers nobody twice: each answer is marked in Redis as it leaves
 * (src/slack/response-url.ts; test/integration/process.test.ts kills one mid-burst).
 */
export const COMMAND_WORK_CONCURRENCY = 12;

/**
 * `/action list`, `show` and `help` done at once per process; more wait their turn, in order. Measured (bench/answer.ts,
 * 50 lists always in flight, 2026-12-07): with 10 at once, or with every list answered in its
 * acknowledgement, reads' work ran beside the acknowledgements and held them up (acknowledged
 * p99 106-170 ms; the request's two Redis round trips each waited 11-17 ms for the event loop);
 * with 4, acknowledged p99 54-95 ms and answered within 0.95x-1.35x of the plain app; with 2,
 * answers slowed (1.3x-1.4x, fewer lists a second).
 */
export const READS_AT_ONCE = 4;
/** Reads in memory, running or waiting, per process; past this, under a burst, a read goes the way writes go (kept in Redis). */
export const MOST_READS_IN_MEMORY = 64;

/**
 * In-memory work that may wait behind the running pieces (what commands and buttons
 * that change actions and meetings do is kept in Redis instead; see durable-work.ts).
 * One web process finishes about 30 changes a second (bench/load.ts), so 200 is some
 * seven seconds of work: what the shutdown budget can still finish. Beyond it, people
 * are told to try again instead of being answered and then losing the work.
 */
const IN_MEMORY_WAITING = 200;

export interface SlackDepsOptions {
  db: Db;
  logger: Logger;
  now: () => Date;
  queues: JobQueues;
  reminderJobs: ReminderJobs;
  dataRetentionDays: number;
  redis: Redis;
  redisKeyPrefix: string;
}

export interface SlackDepsHandle {
  deps: SlackDeps;
  /**
   * Shutdown: drops Home tab redraws not yet started, then finishes the in-memory work,
   * waiting `budgetMs` at most; resolves false if work was still under way then.
   */
  stop(budgetMs: number): Promise<boolean>;
}

export function createSlackDeps({
  db,
  logger,
  now,
  queues,
  reminderJobs,
  dataRetentionDays,
  redis,
  redisKeyPrefix,
}: SlackDepsOptions): SlackDepsHandle {
  const work = createDurableWork({
    queues,
    redis,
    redisKeyPrefix,
    logger,
    onRefused: refusedLogger(logger, "durable"),
  });
  const base = {
    db,
    logger,
    now,
    work,
    limit: createWorkLimiter(SLACK_WORK_CONCURRENCY, {
      maxWaiting: IN_MEMORY_WAITING,
      onRefused: refusedLogger(logger, "in memory"),
    }),
    reads: createWorkLimiter(READS_AT_ONCE, { maxWaiting: MOST_READS_IN_MEMORY - READS_AT_ONCE }),
    reminderJobs,
    // Keyed on the import: asked twice, it is read once.
    startImport: async (importId: string) =>
      void (await queues.enqueue(importMinutesJob, { importId }, { jobId: importId })),
    dataRetentionDays,
    redis,
    redisKeyPrefix,
    // Only the web role remembers workspaces (its request middleware); it puts its own here.
    forgetWorkspace: () => undefined,
  };
  // Home tabs wait while commands do (see home.ts).
  const homes = createHomeRefresher(base, { isBusy: async () => (await work.waiting()) > 0 });
  return {
    deps: { ...base, refreshHome: homes.refresh },
    async stop(budgetMs) {
      await homes.stop();
      return resolvesWithin(Promise.all([base.limit.idle(), base.reads.idle()]), budgetMs);
    },
  };
}
