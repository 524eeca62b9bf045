import { AppError } from "../errors";
import type { Logger } from "../logger";

/**
 * Runs at most `max` pieces of work at once and queues the rest in order. Slack is
 * answered at once; the work behind each answer waits here rather than piling onto
 * the database pool, where it would time out under a burst. The queue is in memory,
 * so it is kept short: past `maxWaiting` new work is refused at once with a "busy"
 * AppError (the listener tells the person, and nothing is saved) rather than
 * accepted and lost if the process stops before reaching it.
 */
export interface WorkLimiter {
  /**
   * Runs `work` in its turn. With `after`, it is counted at once but takes its turn only once
   * `after` resolves; if `after` rejects, the work is not run and the rejection is returned.
   */
  <T>(work: () => Promise<T>, options?: { after?: Promise<unknown> }): Promise<T>;
  /** Counts work under way outside the limit (an answer being sent) until it settles: idle() and isIdle() wait for it. */
  track(promise: Promise<unknown>): void;
  /** Resolves when nothing is running or waiting (shutdown waits on it). */
  idle(): Promise<void>;
  /** Whether work handed over now would be refused as busy. */
  isFull(): boolean;
  /** Whether nothing is running, waiting or tracked. */
  isIdle(): boolean;
}

export interface WorkLimiterOptions {
  /** Work waiting beyond this is refused (about what the process finishes in its shutdown budget). */
  maxWaiting?: number;
  /** Told of each refusal (for a log line). */
  onRefused?: (waiting: number) => void;
}

export function createWorkLimiter(
  max: number,
  { maxWaiting = Number.POSITIVE_INFINITY, onRefused }: WorkLimiterOptions = {},
): WorkLimiter {
  let active = 0;
  let pending = 0;
  const waiting: Array<() => void> = [];
  let idleWaiters: Array<() => void> = [];
  // Tracked work counts toward idleness only: it is usually a read's answer, whose read is counted already.
  let tracked = 0;
  // Waiting: what is in hand beyond the pieces that can run at once.
  const isFull = () => pending - max >= maxWaiting;
  const isIdle = () => pending + tracked === 0;
  const notifyIfIdle = () => {
    if (!isIdle()) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };
  const limit = async <T>(work: () => Promise<T>, options: { after?: Promise<unknown> } = {}): Promise<T> => {
    if (isFull()) {
      onRefused?.(pending - max);
      throw new AppError({ code: "busy", backlog: "process" });
    }
    pending++;
    try {
      if (options.after) await options.after;
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
      notifyIfIdle();
    }
  };
  limit.track = (promise: Promise<unknown>) => {
    tracked++;
    const done = () => {
      tracked--;
      notifyIfIdle();
    };
    void promise.then(done, done);
  };
  limit.idle = () => (isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)));
  limit.isFull = isFull;
  limit.isIdle = isIdle;
  return limit;
}

/** Tells of refusals in one warning a second at most while work is being refused. */
export function refusedLogger(logger: Logger, work: "durable" | "in memory"): (waiting: number) => void {
  let last = 0;
  let refused = 0;
  return (waiting) => {
    refused += 1;
    if (Date.now() - last < 1000) return;
    logger.warn({ waiting, refused, work }, "too much work waiting: new requests are refused until it drains");
    last = Date.now();
    refused = 0;
  };
}
