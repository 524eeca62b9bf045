import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import { createRedis, closeRedis, type Redis } from "../src/redis";
import { resolvesWithin } from "../src/resolves-within";
import { QUEUE_NAMES, type JobDefinition, type JobDeps, type QueueName } from "./define-job";

export interface JobWorkers {
  /** Stop taking jobs, let running ones finish (or hand them back), close connections. */
  close(timeoutMs: number): Promise<void>;
}

export interface JobWorkersOptions {
  redisUrl: string;
  prefix: string;
  definitions: readonly JobDefinition<never>[];
  deps: JobDeps;
  concurrency?: number;
  /** How long a job's lock lasts without renewal; a dead worker's job is retaken after this. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock lapsed (stalled) and hand them out again. */
  stalledIntervalMs?: number;
}

export function createProcessor(definitions: readonly JobDefinition<never>[], deps: JobDeps) {
  const byName = new Map(definitions.map((d) => [d.name, d as JobDefinition<unknown>]));
  return async (job: Job, token?: string): Promise<unknown> => {
    const definition = byName.get(job.name);
    // Retrying cannot make an unknown job or a malformed payload valid.
    if (!definition) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}: ${parsed.error.message}`);
    const logger = deps.logger.child({ job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    const deferFor = async (ms: number): Promise<never> => {
      await job.moveToDelayed(Date.now() + ms, token);
      throw new DelayedError();
    };
    const attempt = job.attemptsMade + 1;
    return definition.handle(parsed.data, {
      ...deps,
      logger,
      jobId: job.id ?? "",
      attempt,
      isLastAttempt: attempt >= (job.opts.attempts ?? 1),
      isRetaken: job.stalledCounter > 0,
      deferFor,
    });
  };
}

/** The consumer side: one Worker per queue that has job definitions. */
/**
 * Jobs of a queue one process runs at once where the default (20) is too many. Reading
 * a minutes file holds it many times over in memory (mammoth: some 40 to 50 times the
 * XML of a Word file, which may unpack to 20 MB), so a process reads two at a time.
 */
const QUEUE_CONCURRENCY: Partial<Record<QueueName, number>> = { imports: 2 };

export function startJobWorkers({
  redisUrl,
  prefix,
  definitions,
  deps,
  concurrency = 20,
  lockDurationMs = 30_000,
  stalledIntervalMs = 30_000,
}: JobWorkersOptions): JobWorkers {
  const processor = createProcessor(definitions, deps);
  const queues = QUEUE_NAMES.filter((q) => definitions.some((d) => d.queue === q));
  const connections: Redis[] = [];
  const workers = queues.map((queue: QueueName) => {
    const connection = createRedis({ url: redisUrl, name: `worker:${queue}`, isBlocking: true, logger: deps.logger });
    connections.push(connection);
    const worker = new Worker(queue, processor, {
      connection,
      prefix,
      concurrency: QUEUE_CONCURRENCY[queue] ?? concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: stalledIntervalMs,
    });
    worker.on("error", (error) => deps.logger.error({ err: error, queue }, "worker error"));
    worker.on("completed", (job) => deps.metrics.jobs.inc({ queue, job: job.name, outcome: "completed" }));
    worker.on("failed", (job, error) => {
      deps.metrics.jobs.inc({ queue, job: job?.name ?? "unknown", outcome: "failed" });
      // BullMQ sets finishedOn only when it will not try again.
      const isForGood = Boolean(job?.finishedOn);
      deps.logger.warn(
        { err: error, queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, isForGood },
        isForGood ? "job failed for good" : "job failed; it will be tried again",
      );
    });
    return worker;
  });
  return {
    async close(timeoutMs) {
      // close() stops fetching at once and resolves when running jobs are done. If
      // they overrun the budget, drop the connections: lock renewal stops, the lock
      // lapses, and BullMQ's stalled-job check hands the job to another worker.
      // (Worker.pause() is not used: when a job it waited for ends after we gave
      // up on it, it reconnects the blocking connection and leaks it.)
      const closed = Promise.all(workers.map((w) => w.close()));
      if (!(await resolvesWithin(closed, timeoutMs))) {
        deps.logger.warn({ timeoutMs }, "jobs still running at shutdown; releasing them to other workers");
        await Promise.all(workers.map((w) => w.disconnect()));
      }
      await Promise.all(connections.map(closeRedis));
    },
  };
}
