import type { Metrics } from "../src/observability/metrics";
import type { SlackFor } from "../src/slack/clients";
import type { z } from "zod";
import type { Db } from "../src/db/client";
import type { Logger } from "../src/logger";
import type { Redis } from "../src/redis";

/** The queues Minutebook runs. A job's name says what it does; its queue says who runs it. */
export const QUEUE_NAMES = ["notifications", "reminders", "imports", "commands"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** What a job handler may use. Payloads carry ids; everything else comes from here. */
export interface JobDeps {
  db: Db;
  /** The bot's client for a workspace (its own installation, or the one token); throws NotInstalledError. */
  slackFor: SlackFor;
  logger: Logger;
  now: () => Date;
  /** The queues' Redis connection and key prefix, for locks and pacing. */
  redis: Redis;
  redisKeyPrefix: string;
  /** Least gap between posts to one conversation; 0 turns pacing off. */
  slackPaceMs: number;
  metrics: Metrics;
}

export interface JobContext extends JobDeps {
  jobId: string;
  attempt: number;
  /** Taken up again after a worker stopped or died with it under way: some of it may be done. */
  isRetaken: boolean;
  /** No attempt follows this one if it throws: a job that must not end silently says why now. */
  isLastAttempt: boolean;
  /**
   * Puts the job back to run again after `ms` without using up an attempt (Slack
   * said Retry-After, or a channel is being paced): BullMQ's Job.moveToDelayed with
   * skipAttempt, so attemptsMade stays as it was. Never returns.
   */
  deferFor(ms: number): Promise<never>;
}

export interface JobDefinition<P = unknown> {
  /** Dotted name, verb last: "reminder.send". */
  name: string;
  queue: QueueName;
  payload: z.ZodType<P>;
  attempts: number;
  backoff: { type: "exponential" | "fixed"; delayMs: number };
  /** How many finished jobs of this kind Redis keeps for inspection. */
  keepCompleted: number;
  keepFailed: number;
  handle(payload: P, context: JobContext): Promise<unknown>;
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** A periodic task run by one worker instance at a time. */
export interface SweepDefinition {
  name: string;
  /** node-cron expression, seconds field optional. */
  cron: string;
  /** Longest a run may hold the lock; another instance may take over after that. */
  lockMs: number;
  run(context: JobDeps & { firedAt: Date }): Promise<unknown>;
}
