// Commands and buttons that change actions and meetings are kept in Redis before
// Slack is acknowledged, and done by a web process's worker from there.
import { randomUUID } from "node:crypto";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { createDurableWork, idOfCopy, MAX_WAITING_WORK } from "../../jobs/commands/durable-work";
import { closeRedis, createRedis, type Redis } from "../../src/redis";
import { ACTION_COMMAND_WORK } from "../../src/slack/listeners/commands/action";
import { BUSY_MESSAGE, type DurableWork } from "../../src/slack/durable-work";
import { ACTION_BUTTONS } from "../../src/slack/views/actions/buttons";
import { NEW_DATE } from "../../src/slack/views/reminders/new-date";
import { startTestApp, type TestApp } from "../support/test-app";

describe("work kept in Redis", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const commands = () => app.runtime.queues.queue("commands");

  beforeAll(async () => {
    app = await startTestApp();
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
  });

  afterAll(async () => {
    await app.stop();
  });

  /** Resolves once the app's own count of waiting work meets `condition` (it reads Redis again as it ages). */
  async function untilWaiting(condition: (waiting: number) => boolean) {
    const deadline = Date.now() + 10_000;
    while (!condition(await app.runtime.work.waiting())) {
      if (Date.now() > deadline) throw new Error("the app's count of waiting work never changed");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("acknowledges with nothing, then does the command from the commands queue and answers through response_url", async () => {
    const sent = await app.slack.command("/action", "add Circulate the draft estates strategy");
    expect(sent.status).toBe(200);
    expect(sent.text).toBe("");
    expect(String((await sent.reply()).text)).toContain("logged");
    // The answer goes before the job ends (Home tabs and DMs follow it), so wait for the end.
    while ((await commands().getCompletedCount()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const done = await commands().getCompleted();
    expect(done.map((job) => job.name)).toContain("slack.work");
    expect(done.map((job) => (job.data as { kind: string }).kind)).toContain("action.command");
  });

  it("refuses in the acknowledgement, saving nothing, when more is waiting than can be done in half a minute; a button is told beside its message, a form on the form", async () => {
    const logged = await app.slack.command("/action", "add Publish the knife crime figures");
    const reference = /([A-Z]+-\d+|\d+)/.exec(String((await logged.reply()).text))?.[1];
    const target = await db().action.findFirstOrThrow({
      where: { workspaceId, text: "Publish the knife crime figures" },
    });
    expect(reference).toBeDefined();

    // The queue's workers are held, and it is filled to the brim with work of no kind.
    await commands().pause();
    try {
      await commands().addBulk(
        Array.from({ length: MAX_WAITING_WORK }, () => ({ name: "slack.work", data: { kind: "filler" } })),
      );
      const before = await db().action.count();
      // The app's count of waiting work (read again at most every quarter second) shows it full.
      await untilWaiting((waiting) => waiting >= MAX_WAITING_WORK);

      const refused = await app.slack.command("/action", "add Review the custody suite rota");
      expect(refused.status).toBe(200);
      expect(String(refused.json?.text)).toContain(BUSY_MESSAGE);
      expect(JSON.stringify(refused.json?.blocks)).toContain("Try again in a minute.");

      const pressed = await app.slack.button({ actionId: ACTION_BUTTONS.done, value: target.id });
      const told = await pressed.reply();
      expect(String(told.text)).toContain(BUSY_MESSAGE);
      expect(told.replace_original).toBe(false);

      // A form stays open, saying so beside its first field, with what was typed.
      const form = await app.slack.interaction({
        type: "view_submission",
        user: { id: "U0SECRETARY", username: "secretary", team_id: app.fake.teamId },
        view: {
          id: "V0FULL",
          type: "modal",
          callback_id: "action.modal",
          private_metadata: JSON.stringify({ mode: "new" }),
          state: { values: { text: { value: { value: "Review the custody suite rota" } } } },
        },
      });
      expect(form.json).toEqual({
        response_action: "errors",
        errors: { text: expect.stringContaining("more work waiting") },
      });

      expect(await db().action.count()).toBe(before);
      expect((await db().action.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("open");
      expect(await commands().getWaitingCount()).toBe(MAX_WAITING_WORK);
    } finally {
      await commands().obliterate({ force: true });
      await commands().resume();
    }
    // Once the queue has room (and the app's count shows it), the same command is done.
    await untilWaiting((waiting) => waiting < MAX_WAITING_WORK);
    const again = await app.slack.command("/action", "add Review the custody suite rota");
    expect(String((await again.reply()).text)).toContain("logged");
    expect(await db().action.count({ where: { workspaceId, text: "Review the custody suite rota" } })).toBe(1);
  });

  it("holds Home tab redraws while commands wait in Redis, then draws the person's tab once they are done", async () => {
    const owner = "U0HOMEOWNER";
    const publishedFor = () => app.fake.callsTo("views.publish").filter((c) => c.args.user_id === owner).length;
    const logged = await app.slack.command("/action", `add Brief the panel on stop and search <@${owner}|owner>`);
    await logged.reply();
    await app.fake.waitFor("views.publish", (c) => c.args.user_id === owner);
    const action = await db().action.findFirstOrThrow({
      where: { workspaceId, text: "Brief the panel on stop and search" },
    });
    const drawn = publishedFor();
    await commands().pause();
    try {
      await commands().add("slack.work", { kind: "filler" });
      // The app's count of waiting work (read again at most every quarter second) shows it.
      await untilWaiting((waiting) => waiting >= 1);
      // A new date from its form (saved in memory, not from Redis) changes the owner's action: their tab is due a redraw.
      const sent = await app.slack.interaction({
        type: "view_submission",
        user: { id: "U0SECRETARY", username: "secretary", team_id: app.fake.teamId },
        view: {
          id: "V0HOLD",
          type: "modal",
          callback_id: NEW_DATE.callbackId,
          private_metadata: JSON.stringify({ actionId: action.id }),
          state: { values: { [NEW_DATE.phrase]: { value: { value: "end of June" } } } },
        },
      });
      expect(sent.status).toBe(200);
      await waitUntilDue(action.id);
      // Well past the usual 150 ms: still not drawn while a command waits.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(publishedFor()).toBe(drawn);
    } finally {
      await commands().obliterate({ force: true });
      await commands().resume();
    }
    await app.fake.waitFor("views.publish", (c) => c.args.user_id === owner && publishedFor() > drawn);
    expect(publishedFor()).toBe(drawn + 1);
  });

  const waitUntilDue = async (actionId: string) => {
    while (!(await db().action.findUniqueOrThrow({ where: { id: actionId } })).dueAt)
      await new Promise((resolve) => setTimeout(resolve, 20));
  };
});

describe("a read's safety copy in Redis", () => {
  let app: TestApp;
  let redis: Redis;
  let work: DurableWork;

  beforeAll(async () => {
    app = await startTestApp();
    await ensureWorkspace({ db: app.runtime.db, slackTeamId: app.fake.teamId, timeZone: "Europe/London" });
    redis = createRedis({ url: app.config.redisUrl, name: "test" });
    work = createDurableWork({ queues: app.runtime.queues, redis, redisKeyPrefix: app.config.redisKeyPrefix });
  });

  afterAll(async () => {
    await closeRedis(redis);
    await app.stop();
  });

  const copies = () => `${app.config.redisKeyPrefix}:read-copies`;
  const commands = () => app.runtime.queues.queue("commands");

  /** A read kept as a copy due in `dueInMs`, as the /action listener keeps one it acknowledged before answering. */
  async function keepCopy(dueInMs: number) {
    const sent = await app.slack.command("/action", "help");
    const workspace = (await ensureWorkspace({
      db: app.runtime.db,
      slackTeamId: app.fake.teamId,
      timeZone: "Europe/London",
    })) as { id: string; timeZone: string };
    const copy = await work.keepCopy(
      ACTION_COMMAND_WORK,
      { workspace, userId: "U0READER", channelId: undefined, responseUrl: sent.responseUrl, receivedAt: new Date() },
      { text: "help", triggerId: undefined },
      dueInMs,
    );
    return { sent, copy, jobId: idOfCopy(copy) };
  }

  /** Waits for the queued copy's job to finish (the test fails on its expectations if it never does). */
  async function finished(jobId: string) {
    const deadline = Date.now() + 10_000;
    while ((await commands().getJob(jobId))?.finishedOn === undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return (await commands().getJob(jobId))?.finishedOn !== undefined;
  }

  it("holds work back while a request is being acknowledged, from its claim to its work kept", async () => {
    let release!: () => void;
    const acknowledging = work.acknowledging(() => new Promise<void>((resolve) => (release = resolve)));
    let isReleased = false;
    const after = work.afterAcknowledgements().then(() => (isReleased = true));
    // Microtasks only (no timer can fire in between): work not held back would be released by now.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(isReleased).toBe(false);
    release();
    await acknowledging;
    await after;
    expect(isReleased).toBe(true);
    // Nothing under way any more: work goes at once.
    let isAtOnce = false;
    const next = work.afterAcknowledgements().then(() => (isAtOnce = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(isAtOnce).toBe(true);
    await next;
  });

  it("is kept with its request's delivery claim in one step, and not kept for a repeat of the request", async () => {
    const workspace = (await ensureWorkspace({
      db: app.runtime.db,
      slackTeamId: app.fake.teamId,
      timeZone: "Europe/London",
    })) as { id: string; timeZone: string };
    const claim = { key: `${app.config.redisKeyPrefix}:dedupe:trigger:test-${Date.now()}`, seconds: 60 };
    const keep = (token: string) =>
      work.keepCopyIfFirst(
        { ...claim, token },
        ACTION_COMMAND_WORK,
        { workspace, userId: "U0READER", channelId: undefined, responseUrl: undefined, receivedAt: new Date() },
        { text: "help", triggerId: undefined },
        60_000,
      );
    const copiesBefore = await redis.zcard(copies());
    const first = await keep("first");
    expect(first).toBeDefined();
    expect(await redis.get(claim.key)).toBe("first");
    expect(await redis.ttl(claim.key)).toBeGreaterThan(50);
    expect(await redis.zscore(copies(), first!)).not.toBeNull();
    // The same request again: its claim is taken, so nothing is kept and the claim stays the first's.
    expect(await keep("repeat")).toBeUndefined();
    expect(await redis.get(claim.key)).toBe("first");
    expect(await redis.zcard(copies())).toBe(copiesBefore + 1);
    // The first's own token again (ioredis resending after a reconnect): its own claim, kept.
    const resent = await keep("first");
    expect(resent).toBeDefined();
    expect(await redis.zcard(copies())).toBe(copiesBefore + 2);
    await work.settle(first!);
    await work.settle(resent!);
    expect(await redis.zcard(copies())).toBe(copiesBefore);
  });

  it("is kept in Redis, out of the queue, until it falls due", async () => {
    const { copy, jobId } = await keepCopy(60_000);
    expect(Number(await redis.zscore(copies(), copy))).toBeGreaterThan(Date.now());
    expect(await work.moveDueCopies()).toBe(0);
    expect(await commands().getJob(jobId)).toBeUndefined();
    await work.settle(copy);
  });

  it("answers when nothing settled it in time (its process died before answering)", async () => {
    const { sent, jobId } = await keepCopy(0);
    const answered = sent.replies().length;
    // Moved by this call, or by the app's own mover if it came first: either way it is queued once.
    await work.moveDueCopies();
    expect(await finished(jobId)).toBe(true);
    expect(sent.replies()).toHaveLength(answered + 1);
    expect(String(sent.replies().at(-1)?.text)).toContain("/action");
  });

  it("is moved to the queue by the running app when due, with nobody asking", async () => {
    const { sent, jobId } = await keepCopy(0);
    const answered = sent.replies().length;
    // The app's own mover (every few seconds) queues it; its answer through response_url is the event waited on.
    const path = new URL(sent.responseUrl).pathname;
    await app.fake.waitFor("response_url", (c) => c.args.__path === path, 10_000);
    expect(await finished(jobId)).toBe(true);
    expect(sent.replies()).toHaveLength(answered + 1);
  });

  it("is done once when two processes move it at the same moment", async () => {
    const other = createDurableWork({ queues: app.runtime.queues, redis, redisKeyPrefix: app.config.redisKeyPrefix });
    const { sent, jobId } = await keepCopy(0);
    const answered = sent.replies().length;
    await Promise.all([work.moveDueCopies(), other.moveDueCopies()]);
    expect(await finished(jobId)).toBe(true);
    expect(await redis.zcard(copies())).toBe(0);
    // Any second run would have been queued by now; there is one job and one answer.
    expect(await commands().getJobs(["waiting", "active", "delayed"])).toHaveLength(0);
    expect(sent.replies()).toHaveLength(answered + 1);
  });

  it("is gone from Redis once settled, and never answers", async () => {
    const { sent, copy, jobId } = await keepCopy(60_000);
    const answered = sent.replies().length;
    await work.settle(copy);
    expect(await redis.zscore(copies(), copy)).toBeNull();
    // Settled long before it was due: no mover can have it, so no mark is needed.
    expect(await redis.exists(`${app.config.redisKeyPrefix}:answered:${jobId}`)).toBe(0);
    await work.moveDueCopies();
    expect(await commands().getJob(jobId)).toBeUndefined();
    expect(sent.replies()).toHaveLength(answered);
  });

  it("settled once due, while a mover is queueing it, it runs quiet: the answered mark is read before the work is done", async () => {
    const { sent, copy, jobId } = await keepCopy(0);
    const answered = sent.replies().length;
    // Due, so a mover may have read it and be queueing it (it removes the copy only after): marked.
    await work.settle(copy);
    expect(await redis.exists(`${app.config.redisKeyPrefix}:answered:${jobId}`)).toBe(1);
    // The mover's copy, as it read it before the settle, is queued and runs.
    await redis.zadd(copies(), 0, copy);
    await work.moveDueCopies();
    expect(await finished(jobId)).toBe(true);
    expect(sent.replies()).toHaveLength(answered);
  });

  it("settled after a mover took it, it is marked answered", async () => {
    const { copy, jobId } = await keepCopy(60_000);
    await redis.zrem(copies(), copy);
    await work.settle(copy);
    expect(await redis.exists(`${app.config.redisKeyPrefix}:answered:${jobId}`)).toBe(1);
  });

  it("keeps what cannot be read out of the queue, and drops it", async () => {
    await redis.zadd(copies(), 0, "not-a-copy {");
    await work.moveDueCopies();
    expect(await redis.zscore(copies(), "not-a-copy {")).toBeNull();
    expect(await commands().getJob("not-a-copy")).toBeUndefined();
  });
});

describe("work kept with its request's delivery claim (addIfFirst)", () => {
  let app: TestApp;
  let redis: Redis;
  let work: DurableWork;
  let workspace: { id: string; timeZone: string };
  const commands = () => app.runtime.queues.queue("commands");
  const KEPT_BY_A_REPEAT = "work kept by a repeated Slack request; done by the first, not again";
  const droppedAsRepeats = () => app.logs.records().filter((r) => r.msg === KEPT_BY_A_REPEAT).length;

  beforeAll(async () => {
    app = await startTestApp();
    workspace = (await ensureWorkspace({
      db: app.runtime.db,
      slackTeamId: app.fake.teamId,
      timeZone: "Europe/London",
    })) as { id: string; timeZone: string };
    redis = createRedis({ url: app.config.redisUrl, name: "test" });
    work = createDurableWork({ queues: app.runtime.queues, redis, redisKeyPrefix: app.config.redisKeyPrefix });
  });

  afterAll(async () => {
    await closeRedis(redis);
    await app.stop();
  });

  const claimKey = () => `${app.config.redisKeyPrefix}:dedupe:trigger:test-${randomUUID()}`;
  /**
   * A claim as the dedupe middleware hands a listener: SET NX, or the key found holding its own
   * token (here also because the work may have run first and taken the claim itself).
   */
  const claimOf = (key: string, token: string) => ({
    key,
    token,
    seconds: 60,
    claim: async () =>
      (await redis.set(key, token, "EX", 60, "NX")) === "OK" || (await redis.get(key)) === token
        ? ("first" as const)
        : ("repeat" as const),
  });
  /** `/action help` kept with `claim`, answering to a response_url of its own. */
  const keepHelp = (claim: Parameters<DurableWork["addIfFirst"]>[0]) => {
    const responseUrl = app.fake.responseUrl();
    const path = new URL(responseUrl).pathname;
    const id = work.addIfFirst(
      claim,
      ACTION_COMMAND_WORK,
      { workspace, userId: "U0READER", channelId: undefined, responseUrl, receivedAt: new Date() },
      { text: "help", triggerId: undefined },
    );
    return { id, answered: () => app.fake.waitFor("response_url", (c) => c.args.__path === path, 10_000) };
  };

  it("keeps the first delivery's work, with its claim taken, and does it", async () => {
    const key = claimKey();
    const kept = keepHelp(claimOf(key, "first"));
    const id = await kept.id;
    expect(id).toBeDefined();
    expect(await redis.get(key)).toBe("first");
    await kept.answered();
    expect((await commands().getJob(id!))?.data).toMatchObject({ claim: { key, token: "first" } });
  });

  it("says a repeat is one, and the repeat's work, kept beside its claim, does nothing when it runs", async () => {
    const key = claimKey();
    await redis.set(key, "the first delivery", "EX", 60);
    const before = droppedAsRepeats();
    const kept = keepHelp(claimOf(key, "a repeat"));
    expect(await kept.id).toBeUndefined();
    // It was kept all the same (sent with its claim, not after it): it runs, finds the claim another's, and stops.
    const deadline = Date.now() + 10_000;
    while (droppedAsRepeats() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(droppedAsRepeats()).toBe(before + 1);
    expect(await redis.get(key)).toBe("the first delivery");
  });

  it("does work that runs before its claim reached Redis, taking the claim itself, so the late claim is a repeat's", async () => {
    const key = claimKey();
    // The claim still on its way when the work runs: it says "first" later, and has set nothing yet.
    let arrive!: () => void;
    const late = new Promise<void>((resolve) => (arrive = resolve));
    const kept = keepHelp({ key, token: "this delivery", seconds: 60, claim: () => late.then(() => "first" as const) });
    await kept.answered();
    expect(await redis.get(key)).toBe("this delivery");
    expect(await redis.ttl(key)).toBeGreaterThan(50);
    // Another delivery's claim now comes second.
    expect(await claimOf(key, "another delivery").claim()).toBe("repeat");
    arrive();
    expect(await kept.id).toBeDefined();
  });
});
