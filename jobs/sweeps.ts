import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { Redis } from "../src/redis";
import type { JobDeps, SweepDefinition } from "./define-job";

/** Deletes the lock only if this instance still holds it (compare-and-delete). */
const RELEASE_LOCK = `
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0`;

export interface SweepLock {
  /** Runs `fn` if this instance wins the lock; returns whether it ran. */
  runExclusive(name: string, ttlMs: number, fn: () => Promise<unknown>): Promise<boolean>;
}

/**
 * A Redis lock with expiry: SET NX PX with a random token, released by
 * compare-and-delete. If the holder dies, the lock lapses after ttlMs.
 */
export function createSweepLock(redis: Redis, prefix: string): SweepLock {
  return {
    async runExclusive(name, ttlMs, fn) {
      const key = `${prefix}:lock:sweep:${name}`;
      const token = randomUUID();
      const acquired = await redis.set(key, token, "PX", ttlMs, "NX");
      if (acquired !== "OK") return false;
      try {
        await fn();
      } finally {
        await redis.eval(RELEASE_LOCK, 1, key, token);
      }
      return true;
    },
  };
}

export interface Sweeps {
  /** Runs one sweep now, as its cron tick would, after this process's run of it under way (used by tests and by the console clock). */
  runNow(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

export interface SweepsOptions {
  sweeps: readonly SweepDefinition[];
  lock: SweepLock;
  deps: JobDeps;
  /** Off in tests that drive sweeps with runNow. */
  isScheduled?: boolean;
}

export function startSweeps({ sweeps, lock, deps, isScheduled = true }: SweepsOptions): Sweeps {
  const running = new Set<Promise<unknown>>();
  /** Each sweep's run under way in this process, if any. */
  const underWay = new Map<string, Promise<boolean>>();
  const byName = new Map(sweeps.map((s) => [s.name, s]));

  const runSweep = (sweep: SweepDefinition): Promise<boolean> => {
    const firedAt = deps.now();
    const logger = deps.logger.child({ sweep: sweep.name });
    const counted = (outcome: "done" | "failed" | "skipped") =>
      deps.metrics.sweepRuns.inc({ sweep: sweep.name, outcome });
    const run = lock
      .runExclusive(sweep.name, sweep.lockMs, () => sweep.run({ ...deps, logger, firedAt }))
      .then(
        (ran) => {
          counted(ran ? "done" : "skipped");
          return ran;
        },
        (error: unknown) => {
          counted("failed");
          logger.error({ err: error }, "sweep failed");
          return false;
        },
      );
    running.add(run);
    underWay.set(sweep.name, run);
    void run.finally(() => {
      running.delete(run);
      if (underWay.get(sweep.name) === run) underWay.delete(sweep.name);
    });
    return run;
  };

  const tasks: ScheduledTask[] = isScheduled
    ? sweeps.map((sweep) => cron.schedule(sweep.cron, () => runSweep(sweep), { name: sweep.name, noOverlap: true }))
    : [];

  return {
    async runNow(name) {
      const sweep = byName.get(name);
      if (!sweep) throw new Error(`No sweep named ${name}`);
      // A run this process began before (its cron tick) holds the lock: waited for, so this one
      // runs after it rather than finding the lock taken and doing nothing. Another process's
      // run still makes this one return false.
      const previous = underWay.get(name);
      if (previous) await previous;
      return runSweep(sweep);
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.all(running);
    },
  };
}
