// Reminder delivery lateness: 10,000 reminders due within the next minute across
// 200 channels, delivered by a worker process (BullMQ delayed jobs), measured from
// each reminder's fire time to the fake Slack receiving it. Baseline in the same
// run: the simple design, node-cron polling the database every minute and sending
// what is due. Slack is not the limit here (SLACK_PACE_MS=0).
import { spawn } from "node:child_process";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import cron from "node-cron";
import { createJobQueues } from "../jobs/queues";
import { createReminderJobs } from "../jobs/reminders/reminder-jobs";
import { createDb, type Db } from "../src/db/client";
import { closeRedis, createRedis } from "../src/redis";
import { createTestDatabase, prepareTemplate } from "../test/support/database";
import { LocalSlack } from "../src/local-slack/server";
import { captureLogs } from "../test/support/logs";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "../test/support/redis";
import { TEST_BOT_TOKEN, testAppEnv } from "../test/support/test-app";
import { summarise, type LatencySummary } from "./stats";

const REMINDERS = 10_000;
const CHANNELS = 200;
const SPREAD_MS = 60_000;
const LEAD_MS = 5_000;
const WARM_UP = 1_000;
const WARM_UP_SPREAD_MS = 5_000;

async function seed(db: Db, count: number, label: string, startAt: number, spreadMs = SPREAD_MS) {
  const workspace = await db.workspace.upsert({
    where: { slackTeamId: "T0MINUTES" },
    create: { slackTeamId: "T0MINUTES" },
    update: {},
  });
  const actions: Array<{ id: string; boardId: string | null }> = [];
  for (let c = 0; c < CHANNELS; c++) {
    const board = await db.board.create({
      data: { workspaceId: workspace.id, code: `${label}${c}`, name: `Board ${c}`, slackChannelId: `C${label}${c}` },
    });
    actions.push(
      await db.action.create({
        data: {
          workspaceId: workspace.id,
          boardId: board.id,
          number: 1,
          reference: `${label}${c}-1`,
          text: `Action ${c}`,
          dueAt: new Date(startAt + SPREAD_MS),
        },
      }),
    );
  }
  const rows = Array.from({ length: count }, (_, i) => {
    const action = actions[i % CHANNELS]!;
    return {
      workspaceId: workspace.id,
      boardId: action.boardId,
      actionId: action.id,
      subject: `action:${action.id}`,
      kind: "due_day",
      recipient: `channel:C${label}${i % CHANNELS}`,
      fireAt: new Date(startAt + Math.floor((i / count) * spreadMs)),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.reminder.createMany({ data: rows.slice(i, i + 1000) });
  return db.reminder.findMany({
    where: { recipient: { startsWith: `channel:C${label}` } },
    select: { id: true, fireAt: true },
  });
}

function lateness(fake: LocalSlack, rows: ReadonlyArray<{ id: string; fireAt: Date }>): number[] {
  const receivedAt = new Map<string, number>();
  for (const call of fake.callsTo("chat.postMessage")) {
    const id = (call.args.metadata as { event_payload?: { reminder_id?: string } } | undefined)?.event_payload
      ?.reminder_id;
    if (id && call.status === 200 && !receivedAt.has(id)) receivedAt.set(id, call.at.getTime());
  }
  return rows.flatMap((r) => (receivedAt.has(r.id) ? [receivedAt.get(r.id)! - r.fireAt.getTime()] : []));
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
}

function row(name: string, s: LatencySummary, delivered: number, wallMs: number): string {
  return `${name.padEnd(30)} delivered ${delivered}/${REMINDERS}  lateness p50 ${(s.p50 / 1000).toFixed(2)} s  p99 ${(s.p99 / 1000).toFixed(2)} s  max ${(s.max / 1000).toFixed(2)} s  ${((delivered / wallMs) * 1000).toFixed(0)}/s`;
}

export async function benchReminderLateness(): Promise<boolean> {
  await prepareTemplate();
  const fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
  // Slack's rate limits are off: this measures Minutebook, and bulk sends would be refused as Slack would refuse them.
  fake.rateLimits = "off";
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const db = createDb({ databaseUrl: database.url, poolSize: 4 });
  const redis = createRedis({ url: TEST_REDIS_URL, name: "bench" });
  const logger = captureLogs("warn").logger;
  const queues = createJobQueues({ connection: redis, prefix, logger });
  const worker = spawn(process.execPath, [path.join(__dirname, "..", "src", "main.js"), "--role", "worker"], {
    env: {
      PATH: process.env.PATH ?? "",
      ...testAppEnv({ fake, databaseUrl: database.url, prefix }),
      SLACK_PACE_MS: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    // Measure delivery, not start-up: wait until the worker says it has started.
    await new Promise<void>((resolve, reject) => {
      let out = "";
      worker.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        if (out.includes('"msg":"Minutebook started"')) resolve();
      });
      worker.once("exit", (code) => reject(new Error(`the worker exited with ${code}:\n${out}`)));
    });
    // A worker that has just started compiles its queries and JIT-warms for a few
    // seconds (lateness up to ~0.7 s then). Deployed workers run for weeks, so a
    // warm-up batch goes first, reported on its own line and not counted.
    const warmStart = Date.now() + 1000;
    const warmRows = await seed(db, WARM_UP, "W", warmStart, WARM_UP_SPREAD_MS);
    await createReminderJobs(queues, logger, () => new Date()).enqueue(warmRows);
    await waitUntil(
      async () =>
        (await db.reminder.count({ where: { state: "sent", recipient: { startsWith: "channel:CW" } } })) >= WARM_UP,
      WARM_UP_SPREAD_MS + 60_000,
    );
    const warm = summarise(lateness(fake, warmRows));

    // Minutebook: rows plus delayed jobs, delivered by the worker process.
    const startAt = Date.now() + LEAD_MS;
    const rows = await seed(db, REMINDERS, "Q", startAt);
    const memoryBefore = await usedMemory(redis);
    await createReminderJobs(queues, logger, () => new Date()).enqueue(rows);
    const bytesPerReminder = ((await usedMemory(redis)) - memoryBefore) / rows.length;
    await waitUntil(
      async () =>
        (await db.reminder.count({ where: { state: "sent", recipient: { startsWith: "channel:CQ" } } })) >= REMINDERS,
      SPREAD_MS + 120_000,
    );
    const ours = lateness(fake, rows);
    const oursWall = Date.now() - startAt;
    worker.kill("SIGTERM");

    // Baseline: every minute, read what is due and send it.
    const baseStart = Date.now() + LEAD_MS;
    const baseRows = await seed(db, REMINDERS, "P", baseStart);
    const slack = new WebClient(TEST_BOT_TOKEN, { slackApiUrl: fake.apiUrl });
    const task = cron.schedule("* * * * *", async () => {
      const due = await db.reminder.findMany({
        where: { state: "scheduled", recipient: { startsWith: "channel:CP" }, fireAt: { lte: new Date() } },
        select: { id: true, recipient: true },
      });
      for (let i = 0; i < due.length; i += 20) {
        await Promise.all(
          due.slice(i, i + 20).map(async (r) => {
            await slack.chat.postMessage({
              channel: r.recipient.slice("channel:".length),
              text: "reminder",
              metadata: { event_type: "minutebook_reminder", event_payload: { reminder_id: r.id } },
            });
            await db.reminder.update({ where: { id: r.id }, data: { state: "sent" } });
          }),
        );
      }
    });
    await waitUntil(
      async () =>
        (await db.reminder.count({ where: { state: "sent", recipient: { startsWith: "channel:CP" } } })) >= REMINDERS,
      SPREAD_MS + 150_000,
    );
    await task.stop();
    const base = lateness(fake, baseRows);
    const baseWall = Date.now() - baseStart;

    const o = summarise(ours);
    const b = summarise(base);
    const duplicates = fake.callsTo("chat.postMessage").length - ours.length - base.length - WARM_UP;
    console.log(
      `\nReminder lateness: ${REMINDERS} reminders due within ${SPREAD_MS / 1000} s across ${CHANNELS} channels, Slack not limiting`,
    );
    console.log(
      `worker warm-up, not counted: ${WARM_UP} reminders in ${WARM_UP_SPREAD_MS / 1000} s just after start: lateness p50 ${(warm.p50 / 1000).toFixed(2)} s, p99 ${(warm.p99 / 1000).toFixed(2)} s, max ${(warm.max / 1000).toFixed(2)} s`,
    );
    console.log(row("Minutebook (BullMQ delayed)", o, ours.length, oursWall));
    console.log(row("baseline (node-cron poll/min)", b, base.length, baseWall));
    console.log(
      `ratio to baseline: p50 ${(b.p50 / o.p50).toFixed(0)}x sooner, p99 ${(b.p99 / o.p99).toFixed(0)}x sooner`,
    );
    console.log(`Redis memory per pending reminder: ${bytesPerReminder.toFixed(0)} bytes (target < 2048)`);
    console.log(`messages beyond one per reminder: ${duplicates}`);
    const ok = ours.length === REMINDERS && o.p99 < 1000 && bytesPerReminder < 2048 && duplicates === 0;
    console.log(`targets (all delivered once, p99 < 1 s, < 2 KB each): ${ok ? "met" : "NOT met"}`);
    return ok;
  } finally {
    if (worker.exitCode === null) worker.kill("SIGTERM");
    await new Promise((resolve) => (worker.exitCode === null ? worker.once("exit", resolve) : resolve(undefined)));
    await queues.close();
    await closeRedis(redis);
    await db.$disconnect();
    await fake.stop();
    await database.drop();
    await deleteRedisKeys(prefix);
  }
}

async function usedMemory(redis: ReturnType<typeof createRedis>): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}
