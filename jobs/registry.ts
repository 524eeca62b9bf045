// Every job and sweep the worker role runs. Each later capability adds its own
// definitions here; the workers, the sweeps and the tests all read this list.
import type { Redis } from "../src/redis";
import type { JobDefinition, SweepDefinition } from "./define-job";
import type { JobQueues } from "./queues";
import type { ReminderJobs } from "./reminders/reminder-jobs";
import { ensureNextMeetingsSweep } from "./meetings/ensure-next-meetings";
import { planDigestsSweep } from "./reminders/plan-digests";
import { repairRemindersSweep } from "./reminders/repair-reminders";
import { sendReminderJob } from "./reminders/send-reminder";
import { importMinutesJob } from "./minutes/import-minutes";
import { importStuckAfterMs, repairImportsSweep } from "./minutes/repair-imports";
import { reportQueueDepthsSweep } from "./system/report-queue-depths";
import { purgeRetiredSweep } from "./workspaces/purge-retired";

export const JOB_DEFINITIONS: readonly JobDefinition<never>[] = [
  sendReminderJob as JobDefinition<never>,
  importMinutesJob as JobDefinition<never>,
];

export interface SweepContext {
  queues: JobQueues;
  redis: Redis;
  prefix: string;
  reminderJobs: ReminderJobs;
  /** Days a workspace's data outlives its uninstall. */
  retentionDays: number;
  /** How long a worker's hold on a job lasts without renewal (WORKER_LOCK_MS). */
  workerLockMs: number;
}

export function sweepsFor({
  queues,
  redis,
  prefix,
  reminderJobs,
  retentionDays,
  workerLockMs,
}: SweepContext): SweepDefinition[] {
  return [
    reportQueueDepthsSweep(queues),
    repairRemindersSweep({ redis, prefix, jobs: reminderJobs }),
    repairImportsSweep({ queues, stuckAfterMs: importStuckAfterMs(workerLockMs) }),
    planDigestsSweep({ jobs: reminderJobs }),
    ensureNextMeetingsSweep({ jobs: reminderJobs }),
    purgeRetiredSweep({ retentionDays }),
  ];
}
