import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { Redis } from "../redis";
import type { WorkLimiter } from "./work-limiter";
import type { DurableWork } from "./durable-work";
import type { ReminderSync } from "../domain/reminders/reconcile-reminders";

/** What listeners need besides what Bolt gives them. */
export interface SlackDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Keeps a command's or button's work in Redis until a web process has done it. */
  work: DurableWork;
  /** Bounds the in-memory work done after acknowledging Slack (forms, Home tabs), so a burst queues instead of failing. */
  limit: WorkLimiter;
  /** Bounds reads (`/action list`, `show`, `help`) done in memory, and counts their answers on the way. */
  reads: WorkLimiter;
  /** Queues the jobs for reminder rows a change planned (after its commit). */
  reminderJobs: { apply(sync: ReminderSync): Promise<void> };
  /** Queues the reading of a minutes import (downloading and parsing its file is too long for a listener). */
  startImport: (importId: string) => Promise<void>;
  /** Asks for a person's Home tab to be redrawn soon; changes landing together share one redraw. */
  refreshHome: (client: WebClient, workspace: { id: string; timeZone: string }, slackUserId: string) => void;
  /** Days a workspace's data is kept after it uninstalls Minutebook. */
  dataRetentionDays: number;
  /** The queues' Redis connection and the app's key prefix (what requests already seen are remembered in). */
  redis: Redis;
  redisKeyPrefix: string;
  /** Drops what is remembered of a workspace (it uninstalled), so the next request looks it up afresh. */
  forgetWorkspace: (slackTeamId: string) => void;
}
