// The app says at start when Redis keeps nothing on disk (this machine's Redis does not), and not
// when it does: the real Redis, asked with CONFIG GET.
import { Redis } from "ioredis";
import { captureLogs } from "../support/logs";
import { TEST_REDIS_URL } from "../support/redis";
import { warnIfRedisForgets } from "../../src/runtime";

describe("a Redis that keeps nothing on disk", () => {
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(() => redis.disconnect());

  it("is warned of at start, as it is, and not once it keeps an append-only file", async () => {
    const [, appendonly] = (await redis.config("GET", "appendonly")) as string[];
    const logs = captureLogs("debug", []);
    await warnIfRedisForgets(redis, logs.logger);
    const warned = logs.records().filter((l) => String(l.msg).startsWith("Redis keeps nothing on disk"));
    expect(warned).toHaveLength(appendonly === "no" ? 1 : 0);

    // A Redis that answers as one with appendonly yes: nothing said.
    const persistent = { config: async () => ["appendonly", "yes"] } as unknown as Redis;
    const quiet = captureLogs("debug", []);
    await warnIfRedisForgets(persistent, quiet.logger);
    expect(quiet.records().filter((l) => String(l.msg).startsWith("Redis keeps nothing on disk"))).toEqual([]);
  });
});
