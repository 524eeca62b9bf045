import { Redis } from "ioredis";

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
}

/** The one place Redis connections are made. */
export function createRedis({ url, name, isBlocking = false }: RedisOptions): Redis {
  return new Redis(url, {
    connectionName: `minutebook:${name}`,
    maxRetriesPerRequest: isBlocking ? null : 3,
    enableReadyCheck: true,
    // Back off up to 2 s between reconnects; never give up, a restarted Redis comes back.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
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
