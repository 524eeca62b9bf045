import type { ReminderSync } from "../../src/domain/reminders/reconcile-reminders";
import type { Logger } from "../../src/logger";
import type { JobQueues } from "../queues";
import { sendReminderJob } from "./send-reminder";

/** The delayed BullMQ job that stands for a reminder row: jobId is the row's id. */
export interface ReminderJobs {
  /** After a commit: jobs for new rows, none for cancelled ones. Failures are left to the repair sweep. */
  apply(sync: ReminderSync): Promise<void>;
  enqueue(rows: ReadonlyArray<{ id: string; fireAt: Date }>): Promise<void>;
  /**
   * Whether a job that exists can still run: one finished, failed for good, or left as a bare
   * hash outside every list (Redis losing keys while a worker wrote to one) never will.
   */
  isStranded(id: string): Promise<boolean>;
  /** Removes a stranded job so that it can be queued again under the same id. */
  discard(id: string): Promise<void>;
}

export function createReminderJobs(queues: JobQueues, logger: Logger, now: () => Date): ReminderJobs {
  const queue = queues.queue(sendReminderJob.queue);
  const enqueue: ReminderJobs["enqueue"] = async (rows) => {
    if (rows.length === 0) return;
    const at = now().getTime();
    await queue.addBulk(
      rows.map((row) => ({
        name: sendReminderJob.name,
        data: { reminderId: row.id },
        opts: {
          jobId: row.id,
          delay: Math.max(0, row.fireAt.getTime() - at),
          attempts: sendReminderJob.attempts,
          backoff: { type: sendReminderJob.backoff.type, delay: sendReminderJob.backoff.delayMs },
          removeOnComplete: { count: sendReminderJob.keepCompleted },
          removeOnFail: { count: sendReminderJob.keepFailed },
        },
      })),
    );
  };
  return {
    enqueue,
    async isStranded(id) {
      return ["completed", "failed", "unknown"].includes(await queue.getJobState(id));
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
