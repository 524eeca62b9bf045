// What an operator scrapes and opens: /healthz, /readyz, /metrics and the queue
// dashboard, on the web role (Bolt's receiver) and on a worker-only process.
import { createDb } from "../../src/db/client";
import { readyRoute, startHttpServer } from "../../src/http/routes";
import { createRedis, closeRedis } from "../../src/redis";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { createLogger } from "../../src/logger";
import { runningClock } from "../../src/console/clock";
import { waitForReminderState } from "../support/reminders";
import { startTestApp, type TestApp } from "../support/test-app";
import { request, type IncomingHttpHeaders } from "node:http";

const now = runningClock("2026-11-23T10:00:00Z");
const ADMIN = { ADMIN_USER: "ops", ADMIN_PASSWORD: "correct horse battery" };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/** A GET from a chosen loopback address (the dashboard counts failed logins per address). */
function getFrom(
  url: string,
  from: string,
  authorization?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: from, headers: authorization ? { authorization } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.once("error", reject);
    req.end();
  });
}

/** What every dashboard answer must carry, and must not. */
function securityHeadersOf(headers: IncomingHttpHeaders) {
  return {
    poweredBy: headers["x-powered-by"],
    csp: headers["content-security-policy"],
    frameOptions: headers["x-frame-options"],
    contentTypeOptions: headers["x-content-type-options"],
    referrerPolicy: headers["referrer-policy"],
  };
}
const SECURE = {
  poweredBy: undefined,
  csp: "frame-ancestors 'none'",
  frameOptions: "DENY",
  contentTypeOptions: "nosniff",
  referrerPolicy: "no-referrer",
};

/** Every answer the dashboard gives a visitor: refusals, the page, its scripts and its API. */
async function dashboardAnswers(url: string, from: string) {
  const login = basic(ADMIN.ADMIN_USER, ADMIN.ADMIN_PASSWORD);
  const page = await getFrom(`${url}/admin/queues`, from, login);
  // The page's scripts are named relative to its <base href>, the dashboard's own path.
  const asset = /src="([^"]*static\/js\/[^"]+)"/.exec(page.text)?.[1];
  return {
    "no login": await getFrom(`${url}/admin/queues`, from),
    "wrong login": await getFrom(`${url}/admin/queues`, from, basic("ops", "wrong")),
    page,
    asset: await getFrom(new URL(asset ?? "missing", `${url}/admin/queues/`).toString(), from, login),
    api: await getFrom(`${url}/admin/queues/api/queues`, from, login),
    "not found": await getFrom(`${url}/admin/queues/api/nowhere`, from, login),
  };
}

/** The value of one sample in Prometheus's text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("health, readiness, metrics and the queue dashboard", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ now, env: ADMIN });
  });

  afterAll(async () => {
    await app.stop();
  });

  it("answers /healthz and, with PostgreSQL and Redis answering, /readyz", async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: "ok", roles: ["web", "worker"] });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { postgres: "ok", redis: "ok" } });
  });

  it("says 503 on /readyz, naming what does not answer, when PostgreSQL or Redis is away", async () => {
    const logger = createLogger({ level: "silent" });
    const db = createDb({ databaseUrl: "postgresql://127.0.0.1:1/nowhere", poolSize: 1 });
    const redis = createRedis({ url: "redis://127.0.0.1:1", name: "readiness-test", logger });
    const server = await startHttpServer(0, [readyRoute({ db, redis })]);
    try {
      const address = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${address.port}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe("not_ready");
      expect(body.checks.postgres).not.toBe("ok");
      expect(body.checks.redis).not.toBe("ok");
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await db.$disconnect();
      await closeRedis(redis);
    }
  });

  it("counts acknowledgements, Slack calls (errors too), queue depths, finished jobs and reminder lateness on /metrics", async () => {
    const reply = await app.slack.command("/action", "add Circulate the draft terms by 30 November");
    expect(reply.status).toBe(200);
    await reply.reply();
    const db = app.runtime.db;
    const workspace = await ensureWorkspace({ db, slackTeamId: app.fake.teamId, timeZone: "Europe/London" });
    const board = await db.board.create({
      data: { workspaceId: workspace.id, code: "OBS", name: "Observed Board", slackChannelId: "C0OBS" },
    });
    const action = await db.action.create({
      data: {
        workspaceId: workspace.id,
        boardId: board.id,
        reference: "OBS-1",
        number: 1,
        text: "Watch the metrics",
        createdBySlackUserId: "U0SECRETARY",
        dueAt: new Date("2026-11-30T09:00:00Z"),
      },
    });
    const reminder = await db.reminder.create({
      data: {
        workspaceId: workspace.id,
        boardId: board.id,
        actionId: action.id,
        subject: `action:${action.id}`,
        kind: "due_day",
        recipient: "channel:C0OBS",
        fireAt: new Date(now().getTime() + 300),
      },
    });
    await app.runtime.reminderJobs.enqueue([reminder]);
    await waitForReminderState(db, reminder.id, "sent");
    // Reminders more than three days ahead are queued by this sweep: its runs are counted.
    expect(await app.runtime.sweeps!.runNow("reminders.repair")).toBe(true);

    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(
      sample(text, "minutebook_slack_ack_seconds_count", { kind: "command", name: "/action" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, "minutebook_slack_api_calls_total", { method: "auth.test", outcome: "ok" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, "minutebook_slack_api_calls_total", { method: "chat.postMessage", outcome: "ok" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, "minutebook_reminder_lateness_seconds_count", { kind: "due_day" })).toBe(1);
    // Sent within a second or so of its time.
    expect(sample(text, "minutebook_reminder_lateness_seconds_bucket", { kind: "due_day", le: "2" })).toBe(1);
    expect(
      sample(text, "minutebook_jobs_total", { queue: "reminders", job: "reminder.send", outcome: "completed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, "minutebook_queue_jobs", { queue: "reminders", state: "delayed" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "minutebook_queue_jobs", { queue: "imports", state: "failed" })).toBe(0);
    expect(text).toContain("minutebook_process_cpu_seconds_total");
    expect(
      sample(text, "minutebook_sweep_runs_total", { sweep: "reminders.repair", outcome: "done" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("counts a Slack error under its code", async () => {
    app.fake.failNext("chat.postMessage", { status: 200, error: "channel_not_found" });
    await app.slack.command("/action", "add Something for nobody <@U0NOBODY> by 30 November");
    await app.fake.waitFor("chat.postMessage", (c) => c.response.ok === false);
    const wait = Date.now() + 5000;
    let count: number | undefined;
    while (Date.now() < wait) {
      count = sample(await (await fetch(`${app.url}/metrics`)).text(), "minutebook_slack_api_calls_total", {
        method: "chat.postMessage",
        outcome: "channel_not_found",
      });
      if (count) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(count).toBe(1);
  });

  it("keeps the queue dashboard behind its login", async () => {
    expect((await fetch(`${app.url}/admin/queues`)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/admin/queues`, { headers: { authorization: basic("ops", "wrong password!!") } })).status,
    ).toBe(401);
    const page = await fetch(`${app.url}/admin/queues`, {
      headers: { authorization: basic(ADMIN.ADMIN_USER, ADMIN.ADMIN_PASSWORD) },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    const api = await fetch(`${app.url}/admin/queues/api/queues`, {
      headers: { authorization: basic(ADMIN.ADMIN_USER, ADMIN.ADMIN_PASSWORD) },
    });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(["commands", "imports", "notifications", "reminders"]);
  });

  it("answers 429 with Retry-After to an address after 5 wrong passwords in a minute, even with the right one, and still lets other addresses in", async () => {
    const url = `${app.url}/admin/queues`;
    const wrong = basic(ADMIN.ADMIN_USER, "not the password");
    const right = basic(ADMIN.ADMIN_USER, ADMIN.ADMIN_PASSWORD);
    // Asking without a password (as a browser does first) is not a failed login.
    for (let i = 0; i < 10; i++) expect((await getFrom(url, "127.0.0.3")).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await getFrom(url, "127.0.0.3", wrong)).status).toBe(401);
    for (const authorization of [wrong, right, undefined]) {
      const refused = await getFrom(url, "127.0.0.3", authorization);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
      expect(securityHeadersOf(refused.headers)).toEqual(SECURE);
    }
    expect((await getFrom(url, "127.0.0.4", right)).status).toBe(200);
    expect((await getFrom(url, "127.0.0.4", wrong)).status).toBe(401);
  });

  it("sends security headers and no X-Powered-By on every dashboard answer", async () => {
    const answers = await dashboardAnswers(app.url, "127.0.0.5");
    expect(Object.fromEntries(Object.entries(answers).map(([name, a]) => [name, a.status]))).toEqual({
      "no login": 401,
      "wrong login": 401,
      page: 200,
      asset: 200,
      api: 200,
      "not found": 404,
    });
    for (const [name, answer] of Object.entries(answers))
      expect({ name, headers: securityHeadersOf(answer.headers) }).toEqual({ name, headers: SECURE });
  });
});

describe("the queue dashboard on a worker-only process", () => {
  it("is behind the same login, throttle and headers", async () => {
    const worker = await startTestApp({ role: "worker", env: ADMIN });
    try {
      const answers = await dashboardAnswers(worker.url, "127.0.0.6");
      expect(Object.fromEntries(Object.entries(answers).map(([name, a]) => [name, a.status]))).toEqual({
        "no login": 401,
        "wrong login": 401,
        page: 200,
        asset: 200,
        api: 200,
        "not found": 404,
      });
      for (const [name, answer] of Object.entries(answers))
        expect({ name, headers: securityHeadersOf(answer.headers) }).toEqual({ name, headers: SECURE });
      // One wrong password above, four more here: the fifth.
      for (let i = 0; i < 4; i++)
        expect((await getFrom(`${worker.url}/admin/queues`, "127.0.0.6", basic("ops", "wrong"))).status).toBe(401);
      expect(
        (await getFrom(`${worker.url}/admin/queues`, "127.0.0.6", basic(ADMIN.ADMIN_USER, ADMIN.ADMIN_PASSWORD)))
          .status,
      ).toBe(429);
    } finally {
      await worker.stop();
    }
  });
});

describe("a worker-only process and a web process without a dashboard login", () => {
  it("serves /healthz, /readyz and /metrics from the worker, and no dashboard anywhere without ADMIN_USER", async () => {
    const worker = await startTestApp({ role: "worker" });
    try {
      expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
      expect(await (await fetch(`${worker.url}/metrics`)).text()).toContain("minutebook_queue_jobs");
      expect((await fetch(`${worker.url}/admin/queues`)).status).toBe(404);
    } finally {
      await worker.stop();
    }
  });
});
