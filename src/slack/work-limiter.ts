/**
 * Runs at most `max` pieces of work at once and queues the rest in order. Slack is
 * answered at once; the work behind each answer waits here rather than piling onto
 * the database pool, where it would time out under a burst.
 */
export interface WorkLimiter {
  <T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is running or waiting (shutdown waits on it). */
  idle(): Promise<void>;
}

export function createWorkLimiter(max: number): WorkLimiter {
  let active = 0;
  let pending = 0;
  const waiting: Array<() => void> = [];
  let idleWaiters: Array<() => void> = [];
  const limit = async <T>(work: () => Promise<T>): Promise<T> => {
    pending++;
    try {
      // Let requests that have already arrived be acknowledged before this work
      // takes the event loop: Slack's three seconds matter more than this work.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await work();
      } finally {
        active--;
        waiting.shift()?.();
      }
    } finally {
      pending--;
      if (pending === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    }
  };
  limit.idle = () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)));
  return limit;
}
