// Work taken up again after its process died answers the person once: the first answer is
// marked in Redis (the real one), and a rerun that finds the mark stays quiet.
import { Redis } from "ioredis";
import { answeredOnce } from "../../jobs/commands/durable-work";
import type { Reply } from "../../src/slack/durable-work";
import { createLogger } from "../../src/logger";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "../support/redis";

describe("answers of work taken up again", () => {
  const prefix = testRedisPrefix();
  const redis = new Redis(TEST_REDIS_URL);
  const logger = createLogger({ level: "silent" });
  afterAll(async () => {
    await deleteRedisKeys(prefix);
    redis.disconnect();
  });

  const answering = (jobId: string, isRetaken: boolean) => {
    const sent: Reply[] = [];
    const respond = answeredOnce(async (reply) => void sent.push(reply), {
      redis,
      redisKeyPrefix: prefix,
      jobId,
      isRetaken,
      logger,
    });
    return { respond, sent };
  };

  it("answers a rerun whose first run died before answering, and not one whose first run had answered", async () => {
    const first = answering("job-1", false);
    await first.respond({ text: "RCRB-4 logged" });
    expect(first.sent).toHaveLength(1);
    expect(await redis.exists(`${prefix}:answered:job-1`)).toBe(1);

    const rerun = answering("job-1", true);
    await rerun.respond({ text: "RCRB-4 logged" });
    expect(rerun.sent).toEqual([]);

    // Never answered before it died: the rerun answers.
    const unanswered = answering("job-2", true);
    await unanswered.respond({ text: "RCRB-5 logged" });
    expect(unanswered.sent).toHaveLength(1);
  });

  it("answers work that was not taken up again every time it asks, mark or not", async () => {
    const once = answering("job-3", false);
    await once.respond({ text: "first" });
    await once.respond({ text: "second" });
    expect(once.sent.map((r) => r.text)).toEqual(["first", "second"]);
  });
});
