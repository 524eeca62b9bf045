// runtime.stop() must leave nothing behind: no sockets to PostgreSQL, Redis or
// Slack, no servers, no timers holding the process open. A process whose handles
// are all closed exits by itself, which is what SIGTERM relies on.
import { setTimeout as sleep } from "node:timers/promises";
import { startTestApp } from "../support/test-app";

/** Handles that would keep Node running, by kind (timers that are unref'd don't count). */
function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind === "TTYWrap" || kind === "FSReqCallback") continue;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

describe("shutdown", () => {
  it("closes every connection, server and timer the app opened", async () => {
    // Warm up module-level state (pg's and ioredis' lazily loaded pieces) before counting.
    const warm = await startTestApp();
    await warm.stop();
    await sleep(50);
    const before = liveHandles();

    const app = await startTestApp();
    await app.slack.command("/action", "help");
    await app.slack.event({ type: "app_home_opened", user: "U0OWNER", channel: "D0OWNER", tab: "home" });
    await app.fake.waitFor("views.publish");
    const during = liveHandles();
    expect(during.TCPSocketWrap ?? 0).toBeGreaterThan(before.TCPSocketWrap ?? 0);
    expect(during.TCPServerWrap ?? 0).toBeGreaterThan(before.TCPServerWrap ?? 0);

    const stopping = Date.now();
    await app.stop();
    expect(Date.now() - stopping).toBeLessThan(10_000);
    // Sockets finish closing on the next turns of the event loop. A timer the warm-up app left
    // counting down may have fired since "before" was taken: nothing more than before is left.
    const leftOver = (now: Record<string, number>) =>
      Object.entries(now).flatMap(([kind, n]) =>
        n > (before[kind] ?? 0) ? [`${kind} ${n} > ${before[kind] ?? 0}`] : [],
      );
    let after = liveHandles();
    for (let i = 0; i < 50 && leftOver(after).length > 0; i++) {
      await sleep(20);
      after = liveHandles();
    }
    expect(leftOver(after)).toEqual([]);
  });
});
