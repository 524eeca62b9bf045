// The built app as a deployment runs it: `node dist/src/main.js`, configured by its
// environment, stopped by a signal. Global setup builds dist/ before any test runs.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../src/project-root";
import { createTestDatabase, databaseUrl, TEST_DATABASE_PREFIX, type TestDatabase } from "../support/database";
import { LocalSlack } from "../../src/local-slack/server";
import { deleteRedisKeys, testRedisPrefix } from "../support/redis";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testAppEnv } from "../support/test-app";
import { SlackRequests } from "../../src/local-slack/requests";
import { createDb } from "../../src/db/client";
import { Redis } from "ioredis";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Client } from "pg";
import { ADMIN_URL } from "../support/database";
import { Queue, QueueEvents } from "bullmq";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { TEST_REDIS_URL } from "../support/redis";
import { Agent, request } from "node:http";
import { signSlackRequest } from "../../src/local-slack/requests";
import { SHUTDOWN_BUDGET_MS } from "../../src/runtime";

const MAIN = path.join(projectRoot(), "dist", "src", "main.js");

/** What became of one request: an answer (its status, read to the end), or the error that ended it. */
type Outcome = { status: number } | { error: string };

/**
 * Posts a signed slash command over a kept-alive connection of `agent`, with node:http so
 * that a refused or dropped connection shows by its error code.
 */
function postCommand(port: number, agent: Agent, fields: Record<string, string>): Promise<Outcome> {
  const body = new URLSearchParams(fields).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": Buffer.byteLength(body),
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackRequest(TEST_SIGNING_SECRET, body, timestamp),
  };
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/slack/events", method: "POST", headers, agent }, (res) => {
      res.resume();
      res.once("end", () => resolve({ status: res.statusCode ?? 0 }));
      // Headers came, then the body did not: half an answer.
      res.once("error", (error: NodeJS.ErrnoException) =>
        resolve({ error: `answer cut off: ${error.code ?? error.message}` }),
      );
    });
    req.once("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

interface RunningApp {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves with the first JSON log record that matches. */
  waitForLog(
    predicate: (record: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

function run(env: Record<string, string>, args: string[] = [], cwd = projectRoot()): RunningApp {
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd,
    // Only what the test gives: nothing from the developer's shell leaks in.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    for (const listener of listeners) listener();
  });
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const records = () =>
    out
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLog(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = records().find(predicate);
          if (!found) return false;
          finish();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no matching log line within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const onExit = () => {
          if (check()) return;
          finish();
          reject(new Error(`exited before the log line; stdout:\n${out}\nstderr:\n${err}`));
        };
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off("exit", onExit);
        };
        const listener = () => void check();
        listeners.add(listener);
        child.once("exit", onExit);
        check();
      });
    },
  };
}

describe("the app as a process", () => {
  let fake: LocalSlack;
  let database: TestDatabase;
  let prefix: string;
  const children: ChildProcess[] = [];

  const baseEnv = () => testAppEnv({ fake, databaseUrl: database.url, prefix });

  const start = (env: Record<string, string>, args: string[] = [], cwd?: string) => {
    const app = run(env, args, cwd);
    children.push(app.child);
    return app;
  };

  const started = (app: RunningApp) => app.waitForLog((r) => r.msg === "Minutebook started");

  beforeAll(async () => {
    fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
    database = await createTestDatabase();
    prefix = testRedisPrefix();
  });

  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  afterAll(async () => {
    await fake.stop();
    await database.drop();
    await deleteRedisKeys(prefix);
  });

  it("stops on a malformed environment with one line naming each bad variable, and starts nothing", async () => {
    const { SLACK_BOT_TOKEN: _token, ...env } = baseEnv();
    const app = start({ ...env, PORT: "eighty", SLACK_SIGNING_SECRET: "too-short-secret" });
    expect(await app.exited).toBe(1);
    const lines = app.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: /);
    expect(lines[0]).toContain("SLACK_BOT_TOKEN is missing: expected the bot token");
    expect(lines[0]).toContain('PORT is "eighty": expected a TCP port number');
    expect(lines[0]).toContain("SLACK_SIGNING_SECRET is malformed");
    // The secret itself is not echoed back.
    expect(lines[0]).not.toContain("too-short-secret");
    expect(app.stdout()).toBe("");
  });

  it("names --role when the command line asks for a role that does not exist", async () => {
    const app = start(baseEnv(), ["--role", "cron"]);
    expect(await app.exited).toBe(1);
    expect(app.stderr().trim()).toBe(
      'Configuration error: --role (or ROLE) is "cron": expected web, worker or all (the default)',
    );
  });

  it("runs web and worker together, answers /healthz and Slack, and exits 0 soon after SIGTERM", async () => {
    const app = start(baseEnv());
    const record = await started(app);
    expect(record.roles).toEqual(["web", "worker"]);
    const url = `http://127.0.0.1:${String(record.port)}`;
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok", roles: ["web", "worker"] });
    // Bolt is listening: an unsigned request is refused rather than not found.
    expect((await fetch(`${url}/slack/events`, { method: "POST", body: "x=1" })).status).toBe(401);

    const signalled = Date.now();
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(app.stdout()).toContain('"msg":"stopped"');
    expect(app.stderr()).toBe("");
  });

  it("survives a correctly signed body of null and payload=null, answering 400, and goes on serving", async () => {
    const app = start({ ...baseEnv(), ROLE: "web" });
    const url = `http://127.0.0.1:${String((await started(app)).port)}`;
    const slack = new SlackRequests({ appUrl: url, signingSecret: TEST_SIGNING_SECRET, fake });
    expect((await slack.post("null", "application/json")).status).toBe(400);
    expect((await slack.post("payload=null", "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await slack.post("payload=%5Bnull%5D", "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const sent = await slack.command("/action", "help");
    expect(sent.status).toBe(200);
    expect(String((await sent.reply()).text)).toContain("/action");
    expect(app.child.exitCode).toBeNull();
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.stderr()).toBe("");
  });

  it("logs an uncaught exception and an unhandled rejection and keeps serving", async () => {
    const preload = path.join(__dirname, "..", "support", "throw-on-signal.cjs");
    const app = start({ ...baseEnv(), ROLE: "web", NODE_OPTIONS: `--require ${preload}` });
    const url = `http://127.0.0.1:${String((await started(app)).port)}`;
    app.child.kill("SIGUSR2");
    const thrown = await app.waitForLog((r) => r.msg === "uncaught exception; still serving");
    expect(JSON.stringify(thrown.err)).toContain("deliberate uncaught exception");
    const rejected = await app.waitForLog((r) => r.msg === "unhandled promise rejection; still serving");
    expect(JSON.stringify(rejected.err)).toContain("deliberate unhandled rejection");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const slack = new SlackRequests({ appUrl: url, signingSecret: TEST_SIGNING_SECRET, fake });
    const sent = await slack.command("/action", "help");
    expect(sent.status).toBe(200);
    await sent.reply();
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  });

  it("stops cleanly when SIGTERM arrives while it is still starting", async () => {
    const app = start(baseEnv());
    await app.waitForLog((r) => r.msg === "database schema is current");
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    const messages = app
      .stdout()
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.slice(-3)).toEqual(["Minutebook started", "shutting down", "stopped"]);
  });

  it("with --role worker serves only /healthz, and stops on SIGINT", async () => {
    const app = start(baseEnv(), ["--role", "worker"]);
    const record = await started(app);
    const url = `http://127.0.0.1:${String(record.port)}`;
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok", roles: ["worker"] });
    expect((await fetch(`${url}/slack/events`, { method: "POST", body: "x=1" })).status).toBe(404);
    app.child.kill("SIGINT");
    expect(await app.exited).toBe(0);
  });

  it("with ROLE=web runs the Slack side only", async () => {
    const app = start({ ...baseEnv(), ROLE: "web" });
    const record = await started(app);
    expect(record.roles).toEqual(["web"]);
    const url = `http://127.0.0.1:${String(record.port)}`;
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok", roles: ["web"] });
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  });

  it("reads a .env file in its working directory, with the environment winning over it", async () => {
    const { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, ...rest } = baseEnv();
    const dir = mkdtempSync(path.join(tmpdir(), "mb-env-"));
    try {
      const lines = [`SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}`, `SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET}`, "ROLE=web"];
      writeFileSync(path.join(dir, ".env"), `# a comment\n${lines.join("\n")}\n`);
      const app = start({ ...rest, ROLE: "worker" }, [], dir);
      const record = await started(app);
      expect(record.roles).toEqual(["worker"]);
      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start with a bot token Slack does not accept, and does not print the token", async () => {
    const wrongToken = "xoxb-9999-9999-notthistoken";
    const app = start({ ...baseEnv(), SLACK_BOT_TOKEN: wrongToken });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toContain("SLACK_BOT_TOKEN was refused by Slack (invalid_auth)");
    expect(app.stderr() + app.stdout()).not.toContain(wrongToken);
  });

  it("refuses to start when Redis is not answering, and says which setting to check", async () => {
    const app = start({ ...baseEnv(), REDIS_URL: "redis://127.0.0.1:1" });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toMatch(
      /^Minutebook could not start: Could not reach Redis at REDIS_URL \(.*ECONNREFUSED.*\): is redis-server running\?\n$/,
    );
  });

  it("refuses to start when PostgreSQL is not answering, and says which setting to check", async () => {
    const app = start({ ...baseEnv(), DATABASE_URL: "postgresql://postgres@127.0.0.1:1/minutebook" });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toMatch(
      /^Minutebook could not start: Could not reach PostgreSQL at 127\.0\.0\.1:1 from DATABASE_URL/,
    );
  });

  it("creates the database named in DATABASE_URL when it is missing, and applies the migrations", async () => {
    const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
    const app = start({ ...baseEnv(), DATABASE_URL: databaseUrl(name), ROLE: "worker" });
    try {
      await started(app);
      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
      const client = new Client({ connectionString: databaseUrl(name) });
      await client.connect();
      try {
        const { rows } = await client.query<{ count: string }>(
          "SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL",
        );
        expect(Number(rows[0]?.count)).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    } finally {
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it("under a burst of commands, SIGTERM stops it taking requests, every request is answered or refused (none half-answered), the rest is handed over, and it exits 0 within its budget", async () => {
    const ownPrefix = testRedisPrefix();
    const env = { ...testAppEnv({ fake, databaseUrl: database.url, prefix: ownPrefix }), ROLE: "web" };
    const db = createDb({ databaseUrl: database.url });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const web = start(env);
      const port = Number((await started(web)).port);
      const sent: Array<{ text: string; responseId: string; outcome: Outcome }> = [];
      let signalledAt: number | undefined;
      let n = 0;
      const answered = () => sent.filter((s) => "status" in s.outcome).length;
      // Each sender sends one command after another until its connection is refused; bounded all the same.
      const sender = async () => {
        for (let i = 0; i < 500; i++) {
          const text = `Burst task ${++n}`;
          const responseId = randomBytes(8).toString("hex");
          const outcome = await postCommand(port, agent, {
            team_id: fake.teamId,
            channel_id: "C0GENERAL",
            user_id: "U0SECRETARY",
            command: "/action",
            text: `add ${text}`,
            response_url: fake.responseUrl(responseId),
            trigger_id: fake.issueTriggerId(),
          });
          sent.push({ text, responseId, outcome });
          if (signalledAt === undefined && answered() >= 80) {
            signalledAt = Date.now();
            web.child.kill("SIGTERM");
          }
          if ("error" in outcome && outcome.error === "ECONNREFUSED") return;
        }
      };
      await Promise.all(Array.from({ length: 16 }, sender));
      expect(await web.exited).toBe(0);
      expect(Date.now() - signalledAt!).toBeLessThan(SHUTDOWN_BUDGET_MS);
      expect(web.stdout()).not.toContain("overran its budget");

      const outcomes = sent.map((s) => ("status" in s.outcome ? `HTTP ${s.outcome.status}` : s.outcome.error));
      // Answered in full with a 200, or never taken: refused, or (a kept-alive connection closed
      // as it went idle) reset before a byte of the request was read. Nothing else.
      expect(
        [...new Set(outcomes)].filter(
          (o) => !["HTTP 200", "ECONNREFUSED", "ECONNRESET", "EPIPE", "socket hang up"].includes(o),
        ),
      ).toEqual([]);
      expect(outcomes.filter((o) => o === "ECONNREFUSED")).toHaveLength(16);
      expect(answered()).toBeGreaterThanOrEqual(80);

      // What it took and did not finish waits in Redis: a worker does it, each once, and answers.
      const worker = start({ ...env, ROLE: "worker" });
      await started(worker);
      const taken = sent.filter((s) => "status" in s.outcome);
      await Promise.all(
        taken.map((s) => fake.waitFor("response_url", (c) => c.args.__path === `/response/${s.responseId}`, 30_000)),
      );
      const rows = await db.action.groupBy({
        by: ["text"],
        where: { text: { startsWith: "Burst task " } },
        _count: true,
      });
      expect(rows.map((r) => r.text).sort()).toEqual(taken.map((s) => s.text).sort());
      expect(rows.filter((r) => r._count !== 1)).toEqual([]);
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      agent.destroy();
      await db.$disconnect();
      await deleteRedisKeys(ownPrefix);
    }
  }, 90_000);

  it("does the work of every command it acknowledged when killed mid-way: the next process (a worker here) takes it up, and logs each action once", async () => {
    // A lock of one second: work a killed process held is handed on a second later. A Redis
    // prefix of its own: BullMQ's stalled-job check runs at most once per lock period per
    // queue, and the earlier processes here (30 s locks) would hold that off.
    const ownPrefix = testRedisPrefix();
    const env = { ...testAppEnv({ fake, databaseUrl: database.url, prefix: ownPrefix }), WORKER_LOCK_MS: "1000" };
    const db = createDb({ databaseUrl: database.url });
    const redis = new Redis("redis://127.0.0.1:6379", { lazyConnect: true });
    try {
      const first = start(env);
      const slack = new SlackRequests({
        appUrl: `http://127.0.0.1:${String((await started(first)).port)}`,
        signingSecret: TEST_SIGNING_SECRET,
        fake,
      });
      const count = 100;
      const texts = Array.from({ length: count }, (_, i) => `Crash-proof task ${String(i + 1)}`);
      // Slack slow to take the first answers: the process's work places fill with commands saved
      // and answering, so it is killed mid-way however fast the machine (on a busy one, all 100
      // were done before the kill).
      for (let i = 0; i < 20; i++) fake.delayNextAnswer("response_url", 2_000);
      const sent = await Promise.all(texts.map((text) => slack.command("/action", `add ${text}`)));
      // Every one was acknowledged at once, with nothing in the acknowledgement (the answer comes later).
      expect(sent.map((r) => r.status)).toEqual(texts.map(() => 200));
      expect(sent.filter((r) => r.text !== "")).toEqual([]);
      // Killed in the middle: some saved, some under way, most waiting.
      const saved = () => db.action.count({ where: { text: { startsWith: "Crash-proof task" } } });
      while ((await saved()) < 10) await new Promise((resolve) => setTimeout(resolve, 5));
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      const doneBeforeKill = await saved();
      // The test means something only if work was left behind.
      expect(doneBeforeKill).toBeLessThan(count);

      // A worker process does commands' work as a web process does.
      const second = start(env, ["--role", "worker"]);
      await started(second);
      const deadline = Date.now() + 30_000;
      while ((await saved()) < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      // Nothing is waiting or running any more: a second run of the same work would have shown by now.
      await redis.connect();
      const key = (list: string) => `${ownPrefix}:commands:${list}`;
      while (Date.now() < deadline && (await redis.llen(key("wait"))) + (await redis.llen(key("active"))) > 0)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const rows = await db.action.groupBy({
        by: ["text"],
        where: { text: { startsWith: "Crash-proof task" } },
        _count: true,
      });
      expect(rows.map((r) => r.text).sort()).toEqual([...texts].sort());
      expect(rows.filter((r) => r._count !== 1)).toEqual([]);
      // And each person was answered, once: work taken up again after it had answered says nothing more.
      await Promise.all(sent.map((r) => r.reply(5_000)));
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
      // Answered twice only if the kill fell between a reply reaching Slack and its being marked
      // in Redis (nothing can tell whether a reply in flight arrived): at most the three in hand.
      const counts = sent.map((r) => r.replies().length);
      process.stderr.write(`answers: ${JSON.stringify(counts.filter((n) => n !== 1))}\n`);
      expect(counts.filter((n) => n === 0)).toEqual([]);
      expect(counts.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    } finally {
      redis.disconnect();
      await db.$disconnect();
      await deleteRedisKeys(ownPrefix);
    }
  }, 60_000);

  it("finishes a minutes file import whose process was killed mid-download: a worker reads it again, and the importer gets one answer", async () => {
    const ownPrefix = testRedisPrefix();
    // A lock of three seconds: long enough that a loaded machine's pauses do not look like a
    // dead worker (BullMQ retakes a job once, then fails it, leaving it to the imports sweep).
    const env = { ...testAppEnv({ fake, databaseUrl: database.url, prefix: ownPrefix }), WORKER_LOCK_MS: "3000" };
    const db = createDb({ databaseUrl: database.url });
    const queueEvents = new QueueEvents("imports", { connection: { url: TEST_REDIS_URL }, prefix: ownPrefix });
    const imports = new Queue("imports", { connection: { url: TEST_REDIS_URL }, prefix: ownPrefix });
    const secretary = "U0KILLSEC";
    const channel = "C0KILL";
    try {
      const workspace = await ensureWorkspace({ db, slackTeamId: fake.teamId, timeZone: "Europe/London" });
      await db.board.create({
        data: {
          workspaceId: workspace.id,
          code: "KILL",
          name: "Kill Test Board",
          slackChannelId: channel,
          secretarySlackUserId: secretary,
        },
      });
      const minutes = [
        "Kill Test Board",
        "Minutes of Meeting",
        "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
        "",
        "Present",
        "Jo Marsh\tChair",
        "",
        "ITEM 1. Resilience",
        "Action 1: Jo Marsh to test the recovery plan by the end of January 2027.",
        ...Array.from({ length: 400 }, (_, i) => `Note ${String(i + 1)}: the board noted the resilience report.`),
        "",
        "Date of next meeting: 11 March 2027. 12:00pm at City Hall",
      ].join("\n");
      // Slack sends the first bytes and then nothing: the worker is mid-download when killed.
      const file = { id: "F0KILLME", name: "kill-minutes.txt", bytes: Buffer.from(minutes) };
      fake.addFile({ ...file, stallAfterBytes: 64 });
      await queueEvents.waitUntilReady();

      const first = start(env);
      const slack = new SlackRequests({
        appUrl: `http://127.0.0.1:${String((await started(first)).port)}`,
        signingSecret: TEST_SIGNING_SECRET,
        fake,
      });
      const callsBefore = fake.calls.length;
      await slack.interaction({
        type: "message_action",
        callback_id: "import_minutes",
        user: { id: secretary, username: "secretary", team_id: fake.teamId },
        channel: { id: channel, name: "kill" },
        message_ts: "1700000900.000100",
        message: {
          type: "message",
          user: secretary,
          ts: "1700000900.000100",
          text: "Minutes",
          files: [{ id: file.id, name: file.name }],
        },
      });
      const reading = await fake.waitFor(
        "chat.postMessage",
        (c) => c.args.channel === secretary && c.args.text === "Reading kill-minutes.txt for KILL…",
        20_000,
      );
      await fake.waitFor("file_download", (c) => c.args.file === file.id && c.response.bytesSent === 64, 20_000);
      const row = await db.minutesImport.findFirstOrThrow({ where: { slackFileId: file.id } });
      expect(row).toMatchObject({ status: "parsing", readAttempts: 1 });
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      // Slack sends files whole again (the stall was this test's doing).
      fake.addFile(file);

      const second = start(env, ["--role", "worker"]);
      await started(second);
      const progressTs = (reading.response as { ts: string }).ts;
      const ready = await fake.waitFor("chat.update", (c) => c.args.ts === progressTs, 30_000);
      expect(String(ready.args.text)).toContain("kill-minutes.txt: minutes of KILL (Thu 19 Nov 2026) read: 1 action");
      await second.waitForLog(
        (r) => r.msg === "reading a minutes file again after its reader stopped" && r.importId === row.id,
      );
      // The job has finished (whether before this asks or after): nothing more will be said.
      expect(await (await imports.getJob(row.id))!.waitUntilFinished(queueEvents, 30_000)).toBe("previewed");
      expect(await db.minutesImport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
        status: "previewed",
        readAttempts: 2,
      });
      const toImporter = fake.calls
        .slice(callsBefore)
        .filter(
          (c) =>
            ["chat.update", "chat.postMessage", "chat.postEphemeral"].includes(c.method) &&
            [secretary, reading.response.channel].includes(c.args.channel as string),
        );
      expect(toImporter.map((c) => [c.method, c.args.text])).toEqual([
        ["chat.postMessage", "Reading kill-minutes.txt for KILL…"],
        ["chat.update", ready.args.text],
      ]);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      await queueEvents.close();
      await imports.close();
      await db.$disconnect();
      await deleteRedisKeys(ownPrefix);
    }
  }, 90_000);

  it("never runs twice work that cannot safely be: a note being added when its process was killed is not added again, and its author is told to check", async () => {
    const ownPrefix = testRedisPrefix();
    const env = { ...testAppEnv({ fake, databaseUrl: database.url, prefix: ownPrefix }), WORKER_LOCK_MS: "1000" };
    const db = createDb({ databaseUrl: database.url });
    try {
      const first = start(env);
      const slack = new SlackRequests({
        appUrl: `http://127.0.0.1:${String((await started(first)).port)}`,
        signingSecret: TEST_SIGNING_SECRET,
        fake,
      });
      const logged = await (await slack.command("/action", "add Keep the custody rota under review")).reply();
      const reference = String(logged.text).split(" ")[0]!;
      const action = await db.action.findFirstOrThrow({ where: { text: "Keep the custody rota under review" } });
      const notesSaved = () =>
        db.actionEvent.findMany({ where: { actionId: action.id, type: "note" }, select: { note: true } });
      const count = 60;
      const notes = Array.from({ length: count }, (_, i) => `Rota checked, round ${String(i + 1)}`);
      const sent = await Promise.all(notes.map((note) => slack.command("/action", `update ${reference} ${note}`)));
      expect(sent.filter((r) => r.status !== 200 || r.text !== "")).toEqual([]);
      while ((await notesSaved()).length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
      first.child.kill("SIGKILL");
      await first.exited;

      const second = start(env, ["--role", "worker"]);
      await started(second);
      // Every command answered: its note added, or its author told it was interrupted.
      const replies = await Promise.all(
        sent.map((r) => r.reply(30_000).then(() => r.replies().map((reply) => String(reply.text)))),
      );
      const saved = (await notesSaved()).map((n) => n.note);
      expect(saved.filter((note, i) => saved.indexOf(note) !== i)).toEqual([]);
      const interrupted = replies.filter((texts) =>
        texts.some((t) => t.includes("Minutebook stopped while doing this")),
      ).length;
      expect(saved.length + interrupted).toBeGreaterThanOrEqual(count);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      await db.$disconnect();
      await deleteRedisKeys(ownPrefix);
    }
  }, 60_000);
});
