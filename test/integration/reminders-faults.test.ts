// Reminder delivery when things go wrong: a worker process killed mid-send, and
// several workers and sweepers running at once. Exactly one DM each time.
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
  const env = () => ({ ...testAppEnv({ fake, databaseUrl: database.url, prefix }), LOG_LEVEL: "warn", WORKER_LOCK_MS: "1500" });

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
          data: { workspaceId, actionId, subject: `action:${actionId}`, kind: "due_day", recipient: `user:U0FAULT${i}`, fireAt },
        }),
      ),
    );
  };
  const postsFor = (reminderId: string) =>
    fake.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(reminderId) && c.status === 200);
  const waitForState = (id: string, state: string) => waitForReminderState(db, id, state, { timeoutMs: 20_000, pollMs: 50 });

  beforeAll(async () => {
    fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
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
        runtimes.push(await startRuntime({ config, logger: captureLogs("warn").logger, isSweepScheduled: false, slackClientOptions: { retryConfig: { retries: 0 } } }));
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
