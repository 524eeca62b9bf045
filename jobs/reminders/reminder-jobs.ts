import type { ReminderSync } from "../../src/domain/reminders/reconcile-reminders";
import type { Logger } from "../../src/logger";
import type { JobQueues } from "../queues";
import { sendReminderJob } from "./send-reminder";

export type JobStanding = "runnable" | "failed" | "stranded";

/**
 * How far ahead a reminder row has its job in Redis. An action plans up to twelve reminders
 * (a week before, the working day before, the day, eight overdue, an escalation), most of them
 * weeks or months away: queued when planned, they cost an add twelve BullMQ calls and Redis a
 * job each for months. Rows further ahead wait in PostgreSQL, and the repair sweep (every
 * minute, in the worker processes) queues each as it comes within this: a reminder is late only
 * if every sweep fails for the three days before it.
 */
export const REMINDER_JOB_HORIZON_MS = 3 * 86_400_000;

/** The latest time a reminder may fire and have its job in Redis by `now` (see REMINDER_JOB_HORIZON_MS). */
export function jobHorizonOf(now: Date): Date {
  return new Date(now.getTime() + REMINDER_JOB_HORIZON_MS);
}

/** Whether a reminder firing at `fireAt` has its job in Redis by `now`. */
export function isWithinJobHorizon(fireAt: Date, now: Date): boolean {
  return fireAt <= jobHorizonOf(now);
}

/** The delayed BullMQ job that stands for a reminder row: jobId is the row's id. */
export interface ReminderJobs {
  /**
   * After a commit: jobs for new rows due within the horizon (the repair sweep queues the rest
   * as they come within it), none for cancelled ones. Failures are left to the repair sweep.
   */
  apply(sync: ReminderSync): Promise<void>;
  /** `attempts` below the job's own: a last try, after which the handler fails the row and tells the board. */
  enqueue(rows: ReadonlyArray<{ id: string; fireAt: Date }>, options?: { attempts?: number }): Promise<void>;
  /**
   * Whether a job that exists can still run ("runnable"), failed for good ("failed"), or
   * never will for another reason ("stranded": it finished, or it is a bare hash outside
   * every list, as Redis losing keys while a worker wrote to one leaves it).
   */
  standingOf(id: string): Promise<JobStanding>;
  /** Removes a job that cannot run so that it can be queued again under the same id. */
  discard(id: string): Promise<void>;
  /** Which of these rows have a job in Redis, in any state (one trip). */
  holds(ids: readonly string[]): Promise<boolean[]>;
}

export function createReminderJobs(queues: JobQueues, logger: Logger, now: () => Date): ReminderJobs {
  const queue = queues.queue(sendReminderJob.queue);
  const enqueue: ReminderJobs["enqueue"] = async (rows, options = {}) => {
    if (rows.length === 0) return;
    const at = now().getTime();
    await queue.addBulk(
      rows.map((row) => ({
        name: sendReminderJob.name,
        data: { reminderId: row.id },
        opts: {
          jobId: row.id,
          delay: Math.max(0, row.fireAt.getTime() - at),
          attempts: options.attempts ?? sendReminderJob.attempts,
          backoff: { type: sendReminderJob.backoff.type, delay: sendReminderJob.backoff.delayMs },
          removeOnComplete: { count: sendReminderJob.keepCompleted },
          removeOnFail: { count: sendReminderJob.keepFailed },
        },
      })),
    );
  };
  const holds = (ids: readonly string[]) => queues.holds(sendReminderJob.queue, ids);
  return {
    enqueue,
    holds,
    async standingOf(id) {
      const state = await queue.getJobState(id);
      return state === "failed" ? "failed" : state === "completed" || state === "unknown" ? "stranded" : "runnable";
    },
    async discard(id) {
      await queue.remove(id);
    },
    async apply(sync) {
      try {
        const at = now();
        await enqueue(sync.scheduled.filter((row) => isWithinJobHorizon(row.fireAt, at)));
        // A cancelled row's job would find the row cancelled and do nothing; removing it just tidies.
        // Most cancelled rows were beyond the horizon and never had one: one trip asks which did,
        // instead of BullMQ's removal script for each of an action's twelve.
        const held = await holds(sync.cancelled);
        await Promise.all(sync.cancelled.filter((_, i) => held[i]).map((id) => queue.remove(id).catch(() => 0)));
      } catch (err) {
        logger.warn({ err, scheduled: sync.scheduled.length }, "could not queue reminder jobs; the repair sweep will");
      }
    },
  };
}
