import { Redis } from "ioredis";
import type { Logger } from "./logger";

export type { Redis };

export interface RedisOptions {
  url: string;
  /** Shown in CLIENT LIST, so an operator can tell web, worker and queue connections apart. */
  name: string;
  /**
   * BullMQ workers block on Redis and must retry forever (maxRetriesPerRequest null);
   * connections that serve a web request should fail fast instead.
   */
  isBlocking?: boolean;
  /** Told once when the connection is lost and once when it is back; silent if absent. */
  logger?: Logger;
}

const lastErrors = new WeakMap<Redis, Error>();

/** The last connection error, which says more than a command's "max retries" failure. */
export function lastRedisError(redis: Redis): Error | undefined {
  return lastErrors.get(redis);
}

/** The one place Redis connections are made. */
export function createRedis({ url, name, isBlocking = false, logger }: RedisOptions): Redis {
  const redis = new Redis(url, {
    connectionName: `minutebook:${name}`,
    maxRetriesPerRequest: isBlocking ? null : 3,
    enableReadyCheck: true,
    // Back off up to 2 s between reconnects; never give up, a restarted Redis comes back.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  // Without a listener ioredis prints every failed reconnect to stderr. Report the
  // outage once, and its end once, however many attempts it takes.
  let isDown = false;
  redis.on("error", (error: Error) => {
    lastErrors.set(redis, error);
    if (isDown) return;
    isDown = true;
    logger?.warn({ err: error, connection: name }, "lost the connection to Redis; retrying");
  });
  redis.on("ready", () => {
    if (isDown) logger?.info({ connection: name }, "connected to Redis again");
    isDown = false;
  });
  return redis;
}

/** Closes a connection politely, or drops it if Redis is not answering. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  try {
    await Promise.race([redis.quit(), new Promise((_, reject) => setTimeout(reject, 1000).unref())]);
  } catch {
    redis.disconnect();
  }
}
