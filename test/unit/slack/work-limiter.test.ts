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

  it("counts work given a gate at once, runs it once the gate opens, and never if it fails", async () => {
    const limit = createWorkLimiter(1, { maxWaiting: 1 });
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const ran: string[] = [];
    const gated = limit(async () => void ran.push("gated"), { after: gate });
    // Counted before its gate opens: one running or waiting, one more may wait, then full.
    expect(limit.isIdle()).toBe(false);
    const second = limit(async () => void ran.push("second"));
    expect(limit.isFull()).toBe(true);
    await second;
    expect(ran).toEqual(["second"]);
    open();
    await gated;
    expect(ran).toEqual(["second", "gated"]);
    const failed = await limit(async () => void ran.push("never"), {
      after: Promise.reject(new Error("no copy")),
    }).catch((error: unknown) => error);
    expect(failed).toEqual(new Error("no copy"));
    expect(ran).not.toContain("never");
    expect(limit.isIdle()).toBe(true);
  });

  it("waits for tracked work before it is idle", async () => {
    const limit = createWorkLimiter(1);
    let finish = () => undefined as void;
    limit.track(new Promise<void>((resolve) => (finish = resolve)));
    expect(limit.isIdle()).toBe(false);
    let isIdle = false;
    const idle = limit.idle().then(() => (isIdle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(isIdle).toBe(false);
    finish();
    await idle;
    expect(limit.isIdle()).toBe(true);
    // A tracked failure counts as done too.
    limit.track(Promise.reject(new Error("refused")));
    await limit.idle();
  });
});
