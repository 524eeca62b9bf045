import type { ReminderSync } from "../../src/domain/reminders/reconcile-reminders";
import type { Logger } from "../../src/logger";
import type { JobQueues } from "../queues";
import { sendReminderJob } from "./send-reminder";

export type JobStanding = "runnable" | "failed" | "stranded";

/** The delayed BullMQ job that stands for a reminder row: jobId is the row's id. */
export interface ReminderJobs {
  /** After a commit: jobs for new rows, none for cancelled ones. Failures are left to the repair sweep. */
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
  return {
    enqueue,
    async standingOf(id) {
      const state = await queue.getJobState(id);
      return state === "failed" ? "failed" : state === "completed" || state === "unknown" ? "stranded" : "runnable";
    },
    async discard(id) {
      await queue.remove(id);
    },
    async apply(sync) {
      try {
        await enqueue(sync.scheduled);
        // A cancelled row's job would find the row cancelled and do nothing; removing it just tidies.
        await Promise.all(sync.cancelled.map((id) => queue.remove(id).catch(() => 0)));
      } catch (err) {
        logger.warn({ err, scheduled: sync.scheduled.length }, "could not queue reminder jobs; the repair sweep will");
      }
    },
  };
}
