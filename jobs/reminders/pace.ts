import type { Redis } from "../../src/redis";

/**
 * Slack accepts about one message a second per conversation. Before posting, a
 * sender claims the conversation's slot for `ms`; if another holds it, it is told
 * how long to wait. Shared through Redis, so it holds across workers.
 */
export function createConversationPacer(redis: Redis, prefix: string) {
  return async (conversation: string, ms: number): Promise<number> => {
    const key = `${prefix}:pace:${conversation}`;
    if ((await redis.set(key, "1", "PX", ms, "NX")) === "OK") return 0;
    const left = await redis.pttl(key);
    return left > 0 ? left : 1;
  };
}
