import { isAppError } from "../../../src/errors";
import { wordsFor } from "../../../src/slack/views/problems";
import { createWorkLimiter } from "../../../src/slack/work-limiter";

describe("the listeners' work limiter", () => {
  it("runs at most max at once, queues up to maxWaiting, and refuses more at once with a busy AppError until the queue drains", async () => {
    const refusals: number[] = [];
    const limit = createWorkLimiter(1, { maxWaiting: 2, onRefused: (waiting) => refusals.push(waiting) });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const first = limit(async () => {
      await gate;
      order.push("first");
    });
    const second = limit(async () => void order.push("second"));
    expect(limit.isFull()).toBe(false);
    const third = limit(async () => void order.push("third"));
    // Asked before handing work over, so a caller can send it elsewhere instead of being refused.
    expect(limit.isFull()).toBe(true);
    const refused = await limit(async () => void order.push("fourth")).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe("busy");
    expect(isAppError(refused) && wordsFor(refused.problem).text).toContain("Nothing was saved.");
    expect(refusals).toEqual([2]);
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first", "second", "third"]);
    expect(limit.isFull()).toBe(false);
    await limit(async () => void order.push("after"));
    expect(order.at(-1)).toBe("after");
    await limit.idle();
  });

  it("queues without bound when no maxWaiting is given", async () => {
    const limit = createWorkLimiter(1);
    const done = await Promise.all(Array.from({ length: 50 }, (_, i) => limit(async () => i)));
    expect(done).toHaveLength(50);
  });

  it("is idle only while nothing is running or waiting", async () => {
    const limit = createWorkLimiter(2);
    expect(limit.isIdle()).toBe(true);
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = limit(() => gate);
    // Handed over counts at once, before it starts.
    expect(limit.isIdle()).toBe(false);
    release();
    await running;
    expect(limit.isIdle()).toBe(true);
  });
});
