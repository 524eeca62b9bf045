import { createMetrics } from "../../src/observability/metrics";
import { setTimeout as sleep } from "node:timers/promises";
import { WebClient } from "@slack/web-api";
import { z } from "zod";
import { defineJob, type JobDefinition, type JobDeps } from "../../jobs/define-job";
import { createJobQueues, type JobQueues } from "../../jobs/queues";
import { createSweepLock, startSweeps } from "../../jobs/sweeps";
import { startJobWorkers, type JobWorkers } from "../../jobs/workers";
import { reportQueueDepthsSweep } from "../../jobs/system/report-queue-depths";
import { createDb, type Db } from "../../src/db/client";
import { createRedis, closeRedis, type Redis } from "../../src/redis";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { captureLogs } from "../support/logs";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "../support/redis";

/** Resolves when `count` calls have been made to the returned function. */
function signal<T>(count = 1) {
  const seen: T[] = [];
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    seen,
    done,
    hit(value: T) {
      seen.push(value);
      if (seen.length >= count) release();
    },
  };
}

describe("queues, workers and sweeps on a real Redis", () => {
  let database: TestDatabase;
  let db: Db;
  let redis: Redis;
  let prefix: string;
  let queues: JobQueues;
  let deps: JobDeps;
  let depsRedis: Redis;
  const logs = captureLogs("debug");
  const workers: JobWorkers[] = [];

  const start = (definitions: JobDefinition<never>[], extra: Partial<Parameters<typeof startJobWorkers>[0]> = {}) => {
    const w = startJobWorkers({ redisUrl: TEST_REDIS_URL, prefix, definitions, deps, ...extra });
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 2 });
    depsRedis = createRedis({ url: TEST_REDIS_URL, name: "test-deps" });
    deps = {
      db,
      slackFor: async () => new WebClient("xoxb-unused"),
      logger: logs.logger,
      now: () => new Date(),
      redis: depsRedis,
      redisKeyPrefix: "unused",
      slackPaceMs: 0,
      metrics: createMetrics(),
    };
  });

  beforeEach(() => {
    prefix = testRedisPrefix();
    redis = createRedis({ url: TEST_REDIS_URL, name: "test" });
    queues = createJobQueues({ connection: redis, prefix, logger: logs.logger });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(1000)));
    await queues.close();
    await closeRedis(redis);
    await deleteRedisKeys(prefix);
  });

  afterAll(async () => {
    await closeRedis(depsRedis);
    await db.$disconnect();
    await database.drop();
  });

  it("runs a job with its validated payload and the shared dependencies", async () => {
    const ran = signal<{ payload: { workspaceTeam: string }; workspaces: number; attempt: number }>();
    const job = defineJob({
      name: "test.count-workspaces",
      queue: "notifications",
      payload: z.object({ workspaceTeam: z.string() }),
      attempts: 1,
      backoff: { type: "fixed", delayMs: 10 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle(payload, context) {
        ran.hit({ payload, workspaces: await context.db.workspace.count(), attempt: context.attempt });
      },
    });
    start([job as JobDefinition<never>]);
    await queues.enqueue(job, { workspaceTeam: "T1" });
    await ran.done;
    expect(ran.seen).toEqual([{ payload: { workspaceTeam: "T1" }, workspaces: 0, attempt: 1 }]);
  });

  it("reads at most two minutes files at once in a process, whatever the concurrency of the other queues", async () => {
    const running = { imports: 0, notifications: 0 };
    const most = { imports: 0, notifications: 0 };
    const finished = signal<number>(8);
    const slowJob = (queue: "imports" | "notifications") =>
      defineJob({
        name: `test.slow-${queue}`,
        queue,
        payload: z.object({ n: z.number() }),
        attempts: 1,
        backoff: { type: "fixed", delayMs: 10 },
        keepCompleted: 10,
        keepFailed: 10,
        async handle({ n }) {
          most[queue] = Math.max(most[queue], ++running[queue]);
          await sleep(100);
          running[queue]--;
          finished.hit(n);
        },
      });
    const imports = slowJob("imports");
    const others = slowJob("notifications");
    start([imports, others] as JobDefinition<never>[]);
    for (let n = 0; n < 4; n++) await queues.enqueue(others, { n });
    for (let n = 0; n < 4; n++) await queues.enqueue(imports, { n });
    await finished.done;
    expect(most).toEqual({ imports: 2, notifications: 4 });
  });

  it("treats a second job with the same id as the same job", async () => {
    const ran = signal<string>();
    const job = defineJob({
      name: "test.once",
      queue: "reminders",
      payload: z.object({ id: z.string() }),
      attempts: 1,
      backoff: { type: "fixed", delayMs: 10 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle({ id }) {
        ran.hit(id);
      },
    });
    const first = await queues.enqueue(job, { id: "r1" }, { jobId: "reminder-r1", delayMs: 150 });
    const second = await queues.enqueue(job, { id: "r1" }, { jobId: "reminder-r1", delayMs: 150 });
    expect(second).toBe(first);
    start([job as JobDefinition<never>]);
    await ran.done;
    await sleep(300);
    expect(ran.seen).toEqual(["r1"]);
  });

  it("retries a failing job with backoff up to its attempts, then keeps it as failed", async () => {
    const attempts = signal<number>(3);
    const job = defineJob({
      name: "test.flaky",
      queue: "notifications",
      payload: z.object({}),
      attempts: 3,
      backoff: { type: "fixed", delayMs: 20 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle(_payload, { attempt }) {
        attempts.hit(attempt);
        throw new Error(`attempt ${attempt} failed`);
      },
    });
    start([job as JobDefinition<never>]);
    const id = await queues.enqueue(job, {});
    await attempts.done;
    const queue = queues.queue("notifications");
    for (let i = 0; i < 50 && (await queue.getJobState(id)) !== "failed"; i++) await sleep(20);
    expect(await queue.getJobState(id)).toBe("failed");
    expect(attempts.seen).toEqual([1, 2, 3]);
  });

  it("puts a deferred job back without using up an attempt, and says which attempt is the last", async () => {
    const runs = signal<{ attempt: number; isLastAttempt: boolean }>(6);
    const job = defineJob({
      name: "test.deferring",
      queue: "notifications",
      payload: z.object({}),
      attempts: 2,
      backoff: { type: "fixed", delayMs: 20 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle(_payload, context) {
        runs.hit({ attempt: context.attempt, isLastAttempt: context.isLastAttempt });
        // Three waits (as for Slack's Retry-After), a failure, one more wait, then success.
        const run = runs.seen.length;
        if (run <= 3 || run === 5) await context.deferFor(30);
        if (run === 4) throw new Error("Slack did not answer");
      },
    });
    start([job as JobDefinition<never>]);
    const id = await queues.enqueue(job, {});
    await runs.done;
    const queue = queues.queue("notifications");
    for (let i = 0; i < 100 && (await queue.getJobState(id)) !== "completed"; i++) await sleep(20);
    expect(await queue.getJobState(id)).toBe("completed");
    // Only the thrown error used an attempt: the waits did not.
    expect(runs.seen).toEqual([
      { attempt: 1, isLastAttempt: false },
      { attempt: 1, isLastAttempt: false },
      { attempt: 1, isLastAttempt: false },
      { attempt: 1, isLastAttempt: false },
      { attempt: 2, isLastAttempt: true },
      { attempt: 2, isLastAttempt: true },
    ]);
    expect((await queue.getJob(id))?.attemptsMade).toBe(2);
  });

  it("refuses a malformed payload at the caller, and fails one that slipped past without retrying", async () => {
    const handled = signal<unknown>();
    const job = defineJob({
      name: "test.strict",
      queue: "imports",
      payload: z.object({ meetingId: z.string().uuid() }),
      attempts: 5,
      backoff: { type: "fixed", delayMs: 10 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle(payload) {
        handled.hit(payload);
      },
    });
    await expect(queues.enqueue(job, { meetingId: "not-a-uuid" })).rejects.toThrow();
    expect(await queues.queue("imports").count()).toBe(0);

    start([job as JobDefinition<never>]);
    const raw = await queues.queue("imports").add("test.strict", { meetingId: 42 }, { attempts: 5 });
    const queue = queues.queue("imports");
    for (let i = 0; i < 100 && (await queue.getJobState(raw.id!)) !== "failed"; i++) await sleep(20);
    const failed = await queue.getJob(raw.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/Invalid payload for test.strict/);
    expect(handled.seen).toEqual([]);
  });

  it("on close, lets a running job finish before it returns", async () => {
    const started = signal<void>();
    let finished = false;
    const job = defineJob({
      name: "test.slow",
      queue: "notifications",
      payload: z.object({}),
      attempts: 1,
      backoff: { type: "fixed", delayMs: 10 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle() {
        started.hit();
        await sleep(300);
        finished = true;
      },
    });
    const w = startJobWorkers({ redisUrl: TEST_REDIS_URL, prefix, definitions: [job as JobDefinition<never>], deps });
    const id = await queues.enqueue(job, {});
    await started.done;
    await w.close(5000);
    expect(finished).toBe(true);
    expect(await queues.queue("notifications").getJobState(id)).toBe("completed");
  });

  it("releases a job that overruns the shutdown budget, and another worker takes it over", async () => {
    const runs = signal<number>(2);
    const hang = new AbortController();
    const job = defineJob({
      name: "test.stuck",
      queue: "notifications",
      payload: z.object({}),
      attempts: 3,
      backoff: { type: "fixed", delayMs: 10 },
      keepCompleted: 10,
      keepFailed: 10,
      async handle(_payload, { attempt }) {
        runs.hit(attempt);
        // The first run hangs, as a job stuck on a slow Slack call would.
        if (runs.seen.length === 1) await sleep(60_000, undefined, { signal: hang.signal }).catch(() => undefined);
      },
    });
    try {
      const fast = { lockDurationMs: 500, stalledIntervalMs: 250 };
      const first = startJobWorkers({
        redisUrl: TEST_REDIS_URL,
        prefix,
        definitions: [job as JobDefinition<never>],
        deps,
        ...fast,
      });
      const id = await queues.enqueue(job, {});
      for (let i = 0; i < 100 && runs.seen.length === 0; i++) await sleep(10);
      const closing = Date.now();
      await first.close(200);
      expect(Date.now() - closing).toBeLessThan(2000);
      start([job as JobDefinition<never>], fast);
      await runs.done;
      const queue = queues.queue("notifications");
      for (let i = 0; i < 100 && (await queue.getJobState(id)) !== "completed"; i++) await sleep(20);
      expect(await queue.getJobState(id)).toBe("completed");
    } finally {
      hang.abort();
    }
  });

  it("runs a sweep on one instance at a time, and lets another take over when a holder's lock lapses", async () => {
    const lockA = createSweepLock(redis, prefix);
    const otherRedis = createRedis({ url: TEST_REDIS_URL, name: "test-b" });
    try {
      const lockB = createSweepLock(otherRedis, prefix);
      let concurrent = 0;
      let maxConcurrent = 0;
      const work = async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(100);
        concurrent--;
      };
      const results = await Promise.all([
        lockA.runExclusive("test.sweep", 5000, work),
        lockB.runExclusive("test.sweep", 5000, work),
        lockA.runExclusive("test.sweep", 5000, work),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(maxConcurrent).toBe(1);
      // Released after the run: the next tick runs again.
      expect(await lockB.runExclusive("test.sweep", 5000, work)).toBe(true);

      // A holder that died leaves its lock; it lapses after its expiry.
      await redis.set(`${prefix}:lock:sweep:test.sweep`, "dead-instance", "PX", 200);
      expect(await lockB.runExclusive("test.sweep", 5000, work)).toBe(false);
      await sleep(250);
      expect(await lockB.runExclusive("test.sweep", 5000, work)).toBe(true);
    } finally {
      await closeRedis(otherRedis);
    }
  });

  it("runs a sweep asked for now after this process's run of it under way, instead of finding the lock taken", async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    const sweeps = startSweeps({
      sweeps: [
        {
          name: "test.waits",
          cron: "* * * * *",
          lockMs: 5000,
          run: async () => {
            runs.push(runs.length === 0 ? "first" : "asked");
            if (runs.length === 1) await held;
          },
        },
      ],
      lock: createSweepLock(redis, prefix),
      deps,
      isScheduled: false,
    });
    // As a cron tick would start it; then the console asks for it while it runs.
    const first = sweeps.runNow("test.waits");
    const asked = sweeps.runNow("test.waits");
    release();
    expect(await first).toBe(true);
    expect(await asked).toBe(true);
    expect(runs).toEqual(["first", "asked"]);
    await sweeps.stop();
  });

  it("reports queue depths from the sweep", async () => {
    const job = defineJob({
      name: "test.later",
      queue: "reminders",
      payload: z.object({}),
      attempts: 1,
      backoff: { type: "fixed", delayMs: 10 },
      keepCompleted: 10,
      keepFailed: 10,
      handle: async () => undefined,
    });
    await queues.enqueue(job, {}, { delayMs: 60_000 });
    const sweeps = startSweeps({
      sweeps: [reportQueueDepthsSweep(queues)],
      lock: createSweepLock(redis, prefix),
      deps,
      isScheduled: false,
    });
    expect(await sweeps.runNow("queues.report")).toBe(true);
    await sweeps.stop();
    const record = logs
      .records()
      .reverse()
      .find((r) => r.msg === "queue depths");
    expect(record?.depths).toMatchObject({ reminders: { delayed: 1, waiting: 0 }, notifications: { delayed: 0 } });
  });
});
