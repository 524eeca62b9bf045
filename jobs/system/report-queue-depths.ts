import type { SweepDefinition } from "../define-job";
import { QUEUE_NAMES } from "../define-job";
import type { JobQueues } from "../queues";

export interface QueueDepths {
  [queue: string]: { waiting: number; delayed: number; active: number; failed: number };
}

export async function readQueueDepths(queues: JobQueues): Promise<QueueDepths> {
  const depths: QueueDepths = {};
  for (const name of QUEUE_NAMES) {
    const counts = await queues.queue(name).getJobCounts("waiting", "delayed", "active", "failed");
    depths[name] = {
      waiting: counts.waiting ?? 0,
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
    };
  }
  return depths;
}

/**
 * Once a minute, one worker logs how deep each queue is, so a backlog or a pile of
 * failed jobs shows in the logs before anyone asks why a reminder is late.
 */
export function reportQueueDepthsSweep(queues: JobQueues): SweepDefinition {
  return {
    name: "queues.report",
    cron: "0 * * * * *",
    lockMs: 30_000,
    async run({ logger }) {
      const depths = await readQueueDepths(queues);
      const failed = Object.values(depths).reduce((sum, d) => sum + d.failed, 0);
      (failed > 0 ? logger.warn.bind(logger) : logger.info.bind(logger))({ depths }, "queue depths");
      return depths;
    },
  };
}
