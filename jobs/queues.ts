import { Queue, type JobsOptions } from "bullmq";
import type { Logger } from "../src/logger";
import type { Redis } from "../src/redis";
import { QUEUE_NAMES, type JobDefinition, type QueueName } from "./define-job";

export interface EnqueueOptions {
  /** Deterministic id: adding the same id twice is a no-op. */
  jobId?: string;
  delayMs?: number;
}

export interface JobQueues {
  enqueue<P>(definition: JobDefinition<P>, payload: P, options?: EnqueueOptions): Promise<string>;
  queue(name: QueueName): Queue;
  /** Which of these job ids the queue holds, in any state: one trip to Redis for them all. */
  holds(name: QueueName, jobIds: readonly string[]): Promise<boolean[]>;
  close(): Promise<void>;
}

export interface JobQueuesOptions {
  connection: Redis;
  prefix: string;
  logger: Logger;
}

export function jobOptionsFor(definition: JobDefinition<never>, options: EnqueueOptions = {}): JobsOptions {
  return {
    jobId: options.jobId,
    delay: options.delayMs,
    attempts: definition.attempts,
    backoff: { type: definition.backoff.type, delay: definition.backoff.delayMs },
    removeOnComplete: { count: definition.keepCompleted },
    removeOnFail: { count: definition.keepFailed },
  };
}

/** The producer side: one BullMQ Queue per queue name, sharing one Redis connection. */
export function createJobQueues({ connection, prefix, logger }: JobQueuesOptions): JobQueues {
  const queues = new Map<QueueName, Queue>();
  for (const name of QUEUE_NAMES) {
    const queue = new Queue(name, { connection, prefix });
    queue.on("error", (error) => logger.error({ err: error, queue: name }, "queue error"));
    queues.set(name, queue);
  }
  const queueNamed = (name: QueueName) => {
    const queue = queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  };
  return {
    async enqueue(definition, payload, options) {
      // Validate here too, so a bad payload fails at the caller and not in a worker later.
      const data = definition.payload.parse(payload);
      const job = await queueNamed(definition.queue).add(
        definition.name,
        data,
        jobOptionsFor(definition as JobDefinition<never>, options),
      );
      return job.id ?? "";
    },
    queue: queueNamed,
    async holds(name, jobIds) {
      if (jobIds.length === 0) return [];
      // A job, in any state, is a hash at <prefix>:<queue>:<jobId>.
      const pipeline = connection.pipeline();
      for (const id of jobIds) pipeline.exists(`${prefix}:${name}:${id}`);
      const results = (await pipeline.exec()) ?? [];
      return jobIds.map((_, i) => results[i]?.[1] !== 0);
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
