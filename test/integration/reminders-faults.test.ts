// Reminder delivery when things go wrong: a worker process killed mid-send, several
// workers and sweepers running at once (exactly one DM each time); and Slack refusing
// for good (the reminder fails with the reason and the board is told once) or asking
// to wait (waited out as asked, with no attempt used up).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createJobQueues, type JobQueues } from "../../jobs/queues";
import { createReminderJobs } from "../../jobs/reminders/reminder-jobs";
import { loadConfig } from "../../src/config";
import { createDb, type Db } from "../../src/db/client";
import { createAction } from "../../src/domain/actions/create-action";
import { projectRoot } from "../../src/project-root";
import { closeRedis, createRedis, type Redis } from "../../src/redis";
import { startRuntime, type Runtime } from "../../src/runtime";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { LocalSlack } from "../../src/local-slack/server";
import { captureLogs } from "../support/logs";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "../support/redis";
import { TEST_BOT_TOKEN, testAppEnv } from "../support/test-app";
import { waitForReminderState } from "../support/reminders";
import { Redis as IORedis } from "ioredis";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { startTestApp, type TestApp } from "../support/test-app";
import type { RecordedCall } from "../../src/local-slack/server";

describe("reminder delivery under faults", () => {
  let fake: LocalSlack;
  let database: TestDatabase;
  let db: Db;
  let redis: Redis;
  let queues: JobQueues;
  let prefix: string;
  let workspaceId: string;
  let actionId: string;
  const children: ChildProcess[] = [];

  // A short lock, so a dead worker's job is taken over in a second and a half.
  const env = () => ({
    ...testAppEnv({ fake, databaseUrl: database.url, prefix }),
    LOG_LEVEL: "warn",
    WORKER_LOCK_MS: "1500",
  });

  const startWorkerProcess = () => {
    const child = spawn(process.execPath, [path.join(projectRoot(), "dist", "src", "main.js"), "--role", "worker"], {
      env: { PATH: process.env.PATH ?? "", ...env() },
      stdio: "ignore",
    });
    children.push(child);
    return child;
  };

  const plant = async (count: number, inMs: number) => {
    const fireAt = new Date(Date.now() + inMs);
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        db.reminder.create({
          data: {
            workspaceId,
            actionId,
            subject: `action:${actionId}`,
            kind: "due_day",
            recipient: `user:U0FAULT${i}`,
            fireAt,
          },
        }),
      ),
    );
  };
  const postsFor = (reminderId: string) =>
    fake
      .callsTo("chat.postMessage")
      .filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(reminderId) && c.status === 200);
  const waitForState = (id: string, state: string) =>
    waitForReminderState(db, id, state, { timeoutMs: 20_000, pollMs: 50 });

  beforeAll(async () => {
    fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
    // The people reminded: Slack refuses to open a DM with anyone the workspace does not have.
    for (let i = 0; i < 40; i++) fake.addUser({ id: `U0FAULT${i}`, name: `fault${i}` });
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 3 });
    prefix = testRedisPrefix();
    redis = createRedis({ url: TEST_REDIS_URL, name: "test-faults" });
    queues = createJobQueues({ connection: redis, prefix, logger: captureLogs().logger });
    const workspace = await db.workspace.create({ data: { slackTeamId: fake.teamId } });
    workspaceId = workspace.id;
    const created = await createAction({
      db,
      workspaceId,
      board: undefined,
      text: "Report back on custody times",
      owners: [{ bodyName: "MOPAC" }],
      due: undefined,
      createdBySlackUserId: "U0SECRETARY",
      now: new Date(),
    });
    actionId = created.action.id;
  });

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });

  afterAll(async () => {
    await queues.close();
    await closeRedis(redis);
    await db.$disconnect();
    await fake.stop();
    await database.drop();
    await deleteRedisKeys(prefix);
  });

  it("sends one DM when the worker is killed after Slack took the message and before it was recorded", async () => {
    const [row] = await plant(1, 0);
    // Slack will take the message at once but answer only after the worker is dead.
    fake.delayNextAnswer("chat.postMessage", 10_000);
    const first = startWorkerProcess();
    await createReminderJobs(queues, captureLogs().logger, () => new Date()).enqueue([row!]);
    await fake.waitFor("chat.postMessage", (c) => JSON.stringify(c.args.metadata ?? {}).includes(row!.id), 20_000);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect((await db.reminder.findUniqueOrThrow({ where: { id: row!.id } })).state).toBe("sending");

    // A new worker takes the job over once the dead one's lock lapses, and looks before posting.
    startWorkerProcess();
    const sent = await waitForState(row!.id, "sent");
    expect(postsFor(row!.id)).toHaveLength(1);
    expect(sent.slackMessageTs).toBe(postsFor(row!.id)[0]!.response.ts);
  });

  it("sends each reminder once with two workers and two sweepers running at once", async () => {
    const config = loadConfig({ ...env(), ROLE: "worker" });
    const runtimes: Runtime[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        runtimes.push(
          await startRuntime({
            config,
            logger: captureLogs("warn").logger,
            isSweepScheduled: false,
            slackClientOptions: { retryConfig: { retries: 0 } },
          }),
        );
      }
      const rows = await plant(40, 300);
      // Both sweep at the same moment: one holds the lock; the jobs it queues are each taken by one worker.
      const ran = await Promise.all(runtimes.map((r) => r.sweeps!.runNow("reminders.repair")));
      expect(ran.filter(Boolean)).toHaveLength(1);
      await Promise.all(runtimes.map((r) => r.sweeps!.runNow("reminders.repair")));
      for (const row of rows) await waitForState(row.id, "sent");
      for (const row of rows) expect(postsFor(row.id)).toHaveLength(1);
    } finally {
      for (const runtime of runtimes) await runtime.stop();
    }
  });
});

describe("reminders when Slack refuses for good or asks to wait", () => {
  let app: TestApp;
  let workspaceId: string;
  let board: { id: string; code: string };
  const SECRETARY = "U0SECRETARY";
  const CHAIR = "U0CHAIR";

  const db = () => app.runtime.db;
  const queue = () => app.runtime.queues.queue("reminders");
  /** An action on the board owned by `owner`, with one reminder row for `recipient` due now. */
  const plant = async (text: string, recipient: string, kind = "due_day") => {
    const { action } = await createAction({
      db: db(),
      workspaceId,
      board,
      text,
      owners: [{ slackUserId: recipient.replace(/^user:/, "") }],
      due: undefined,
      createdBySlackUserId: SECRETARY,
      now: new Date(),
    });
    const row = await db().reminder.create({
      data: {
        workspaceId,
        boardId: board.id,
        actionId: action.id,
        subject: `action:${action.id}`,
        kind,
        recipient,
        fireAt: new Date(),
      },
    });
    return { action, row };
  };
  const callsFor = (method: string, predicate: (c: RecordedCall) => boolean) =>
    app.fake.callsTo(method).filter(predicate);
  const opensFor = (userId: string) => callsFor("conversations.open", (c) => c.args.users === userId);
  const postsFor = (reminderId: string) =>
    callsFor("chat.postMessage", (c) => JSON.stringify(c.args.metadata ?? {}).includes(reminderId));
  const toldTo = (who: string, about: string) =>
    callsFor(
      "chat.postMessage",
      (c) =>
        c.args.channel === who && c.status === 200 && String(c.args.text).startsWith(`I couldn't remind <@${about}>`),
    );
  /** Polls until the job is in `state`: its handler has returned (or thrown) by then. */
  const waitForJob = async (id: string, state: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (let seen = await queue().getJobState(id); seen !== state; seen = await queue().getJobState(id)) {
      if (Date.now() > deadline) throw new Error(`job ${id} is ${seen}, not ${state}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return (await queue().getJob(id))!;
  };
  const waitForRow = async (
    id: string,
    check: (row: { state: string; lastError: string | null }) => boolean,
    timeoutMs = 20_000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await db().reminder.findUniqueOrThrow({ where: { id } });
      if (check(row)) return row;
      if (Date.now() > deadline) throw new Error(`reminder ${id} is ${row.state} (${row.lastError ?? ""})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    app = await startTestApp({ role: "worker" });
    for (const id of [SECRETARY, CHAIR, "U0JO", "U0RATE", "U0LONG", "U0LOOK", "U0FLAKY", "U0STUCK"])
      app.fake.addUser({ id, name: id.slice(2).toLowerCase() });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    board = await db().board.create({
      data: {
        workspaceId,
        code: "RCRB",
        name: "Regional Crime Reduction Board",
        slackChannelId: "C0RCRB",
        secretarySlackUserId: SECRETARY,
        chairSlackUserId: CHAIR,
      },
      select: { id: true, code: true },
    });
  });

  afterEach(() => {
    app.fake.assertNoViolations();
  });

  afterAll(async () => {
    await app.stop();
  });

  it("fails reminders to a deactivated owner at once, keeps why, and tells the secretary once", async () => {
    app.fake.failNext("conversations.open", { status: 200, error: "user_disabled" }, 2);
    const first = await plant("Check the CCTV rota", "user:U0JO");
    const second = await plant("Renew the CCTV contract", "user:U0JO", "overdue");
    await app.runtime.reminderJobs.enqueue([first.row, second.row]);
    for (const { row } of [first, second]) {
      const job = await waitForJob(row.id, "completed");
      // Given up in the first attempt: nothing retried.
      expect(job.attemptsMade).toBe(1);
      const failed = await db().reminder.findUniqueOrThrow({ where: { id: row.id } });
      expect([failed.state, failed.lastError]).toEqual(["failed", "their Slack account is deactivated"]);
    }
    expect(opensFor("U0JO")).toHaveLength(2);
    expect(callsFor("chat.postMessage", (c) => c.args.channel === "D0JO" || c.args.channel === "U0JO")).toHaveLength(0);
    // One DM for the person and board, about whichever reminder failed first.
    const told = toldTo(SECRETARY, "U0JO");
    expect(told).toHaveLength(1);
    const reference = [first, second].find(({ action }) =>
      String(told[0]!.args.text).includes(`about ${action.reference} (`),
    )!.action;
    expect(String(told[0]!.args.text)).toBe(
      `I couldn't remind <@U0JO> about ${reference.reference} (${reference.text}): their Slack account is deactivated. Reassign the action or tell them another way.`,
    );
    expect(JSON.stringify(told[0]!.args.blocks)).toContain('"action_id":"action.open"');
    expect(toldTo(CHAIR, "U0JO")).toHaveLength(0);
  });

  it("tells the chair when the one who cannot be reached is the secretary", async () => {
    app.fake.failNext("conversations.open", { status: 200, error: "user_disabled" });
    const { row } = await plant("Chase the overdue returns", `user:${SECRETARY}`, "escalation");
    await app.runtime.reminderJobs.enqueue([row]);
    await waitForJob(row.id, "completed");
    expect(toldTo(CHAIR, SECRETARY)).toHaveLength(1);
    expect(toldTo(SECRETARY, SECRETARY)).toHaveLength(0);
  });

  it("waits out a 429 on conversations.open for as long as Slack asks, using up no attempt", async () => {
    app.fake.failNext("conversations.open", { status: 429, retryAfterSeconds: 2 });
    const { row } = await plant("Publish the patrol figures", "user:U0RATE");
    await app.runtime.reminderJobs.enqueue([row]);
    // While it waits, the row says so and is still to be sent.
    const waiting = await waitForRow(row.id, (r) => Boolean(r.lastError?.startsWith("waiting:")));
    expect(waiting.state).toBe("scheduled");
    expect(waiting.lastError).toBe("waiting: Slack asked Minutebook to wait 2 s before conversations.open");
    const sent = await waitForReminderState(db(), row.id, "sent", { timeoutMs: 20_000 });
    expect(sent.lastError).toBeNull();
    const opens = opensFor("U0RATE");
    expect(opens.map((c) => c.status)).toEqual([429, 200]);
    expect(opens[1]!.at.getTime() - opens[0]!.at.getTime()).toBeGreaterThanOrEqual(1950);
    expect(postsFor(row.id).map((c) => c.status)).toEqual([200]);
    expect((await waitForJob(row.id, "completed")).attemptsMade).toBe(1);
  });

  it("delivers once after a long stretch of 429s on chat.postMessage, using up no attempt", async () => {
    app.fake.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 }, 6);
    const { row } = await plant("Update the hate crime action plan", "user:U0LONG");
    await app.runtime.reminderJobs.enqueue([row]);
    await waitForReminderState(db(), row.id, "sent", { timeoutMs: 30_000 });
    const posts = postsFor(row.id);
    expect(posts.map((c) => c.status)).toEqual([429, 429, 429, 429, 429, 429, 200]);
    for (let i = 1; i < posts.length; i++)
      expect(posts[i]!.at.getTime() - posts[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(950);
    expect((await waitForJob(row.id, "completed")).attemptsMade).toBe(1);
  });

  it("keeps a claimed reminder claimed through a 429 on conversations.history, then looks and sends once", async () => {
    const { row } = await plant("Agree the CCTV sharing protocol", "user:U0LOOK");
    // What a worker that died after claiming it leaves.
    await db().reminder.update({ where: { id: row.id }, data: { state: "sending", sendingStartedAt: new Date() } });
    app.fake.failNext("conversations.history", { status: 429, retryAfterSeconds: 1 });
    await app.runtime.reminderJobs.enqueue([row]);
    const waiting = await waitForRow(row.id, (r) => Boolean(r.lastError?.startsWith("waiting:")));
    expect(waiting.state).toBe("sending");
    await waitForReminderState(db(), row.id, "sent", { timeoutMs: 20_000 });
    expect(callsFor("conversations.history", (c) => c.args.channel === "D0LOOK").map((c) => c.status)).toEqual([
      429, 200,
    ]);
    expect(postsFor(row.id).map((c) => c.status)).toEqual([200]);
  });

  it("fails the reminder and tells the secretary when its job's last attempt fails", async () => {
    app.fake.failNext("conversations.open", { status: 500 });
    const { row } = await plant("Review the night-time economy plan", "user:U0FLAKY");
    await app.runtime.reminderJobs.enqueue([row], { attempts: 1 });
    await waitForJob(row.id, "failed");
    const failed = await db().reminder.findUniqueOrThrow({ where: { id: row.id } });
    expect([failed.state, failed.lastError]).toEqual([
      "failed",
      "it could not be sent after 1 try: Slack kept answering HTTP 500",
    ]);
    const told = toldTo(SECRETARY, "U0FLAKY");
    expect(told).toHaveLength(1);
    expect(String(told[0]!.args.text)).toContain("Tell them another way; Minutebook will not try again.");
  });

  it("gives a reminder whose job failed for good one last try from the repair sweep, and does not bring back a failed one", async () => {
    const { row } = await plant("Refresh the ASB tasking list", "user:U0STUCK");
    // Its job failed for good outside the handler (a worker died with it twice): the row still waits.
    const redis = new IORedis(TEST_REDIS_URL);
    const prefix = app.config.redisKeyPrefix;
    await redis.hset(
      `${prefix}:reminders:${row.id}`,
      "name",
      "reminder.send",
      "data",
      JSON.stringify({ reminderId: row.id }),
      "opts",
      JSON.stringify({ attempts: 8 }),
      "finishedOn",
      String(Date.now()),
      "failedReason",
      "job stalled more than allowable limit",
    );
    await redis.zadd(`${prefix}:reminders:failed`, Date.now(), row.id);
    await redis.quit();
    app.fake.failNext("conversations.open", { status: 500 });
    expect(await app.runtime.sweeps!.runNow("reminders.repair")).toBe(true);
    // One last try, which fails: the reminder fails and the secretary is told.
    await waitForRow(row.id, (r) => r.state === "failed");
    await waitForJob(row.id, "failed");
    expect(opensFor("U0STUCK")).toHaveLength(1);
    expect(toldTo(SECRETARY, "U0STUCK")).toHaveLength(1);
    // The sweep leaves a failed reminder alone.
    expect(await app.runtime.sweeps!.runNow("reminders.repair")).toBe(true);
    expect(await queue().getJobState(row.id)).toBe("failed");
    expect((await db().reminder.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("failed");
    expect(opensFor("U0STUCK")).toHaveLength(1);
  });
});
