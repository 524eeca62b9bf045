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
  const work = createDurableWork({ queues, redis, redisKeyPrefix, onRefused: refusedLogger(logger, "durable") });
  const base = {
    db,
    logger,
    now,
    work,
    limit: createWorkLimiter(SLACK_WORK_CONCURRENCY, {
      maxWaiting: IN_MEMORY_WAITING,
      onRefused: refusedLogger(logger, "in memory"),
    }),
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
      return resolvesWithin(base.limit.idle(), budgetMs);
    },
  };
}
