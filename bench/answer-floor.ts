// The floor of `npm run bench -- answer`: the plainest code that does Minutebook's job
// for `/action add` and `/action list`, so the app's answer latency has something to be
// measured against. A Bolt app (signatures checked) keeps each command in a BullMQ queue
// before acknowledging it; a Worker in the same process does it: an add is one
// PostgreSQL transaction through plain pg (board counter, action, owner, event, three
// reminders), three delayed reminder jobs, the answer through response_url and a DM to
// the owner; a list is one SELECT (a page of 25 with each action's owners, and the total, as
// Minutebook's list shows) and the answer. Its tables (floor_*) are its own.
//
// Run by bench/answer.ts as `node dist-bench/bench/answer-floor.js` with the app's
// settings in the environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL,
// DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, PORT) and FLOOR_BOARDS, the board codes.
// Writes {"port":…,"msg":"floor started"} once it listens.
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { Pool, type PoolClient } from "pg";
import { parseDuePhrase } from "../src/dates";

const TIME_ZONE = "Europe/London";
const DAY_MS = 86_400_000;
/** Where a phrase gives no date: a fortnight on. */
const DEFAULT_DUE_MS = 14 * DAY_MS;
const CONCURRENCY = 10;

interface FloorCommand {
  text: string;
  userId: string;
  channelId: string;
  responseUrl: string;
  receivedAt: string;
}

interface Floor {
  pool: Pool;
  reminders: Queue;
  web: WebClient;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS floor_boards (
    id serial PRIMARY KEY, code text UNIQUE NOT NULL, last_number int NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS floor_actions (
    id bigserial PRIMARY KEY, board_id int NOT NULL REFERENCES floor_boards, number int NOT NULL,
    text text NOT NULL, due_at timestamptz NOT NULL, status text NOT NULL DEFAULT 'open',
    created_by text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (board_id, number));
  CREATE INDEX IF NOT EXISTS floor_actions_due ON floor_actions (due_at) WHERE status = 'open';
  CREATE TABLE IF NOT EXISTS floor_owners (
    action_id bigint NOT NULL REFERENCES floor_actions, slack_user_id text NOT NULL);
  CREATE TABLE IF NOT EXISTS floor_events (
    id bigserial PRIMARY KEY, action_id bigint NOT NULL REFERENCES floor_actions, kind text NOT NULL,
    actor text NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS floor_reminders (
    id bigserial PRIMARY KEY, action_id bigint NOT NULL REFERENCES floor_actions, kind text NOT NULL,
    fire_at timestamptz NOT NULL, state text NOT NULL DEFAULT 'pending');`;

/** `add <text> <@U…> by <phrase> [#BOARD]` */
const ADD = /^add\s+(.+?)\s+<@(U[A-Z0-9]+)(?:\|[^>]*)?>\s+by\s+(.+?)(?:\s+#([A-Z0-9]+))?\s*$/i;
/** `list [overdue|open] [#BOARD]` */
const LIST = /^list(?:\s+(overdue|open))?(?:\s+#([A-Z0-9]+))?\s*$/i;

function dueOf(phrase: string, now: Date): Date {
  const parsed = parseDuePhrase(phrase, { now, timeZone: TIME_ZONE });
  return parsed.ok && parsed.due.kind === "date" ? parsed.due.dueAt : new Date(now.getTime() + DEFAULT_DUE_MS);
}

async function answer(responseUrl: string, text: string): Promise<void> {
  const response = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
  });
  await response.arrayBuffer();
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

async function addAction(floor: Floor, command: FloorCommand, match: RegExpExecArray): Promise<void> {
  const [, text, ownerId, phrase, code] = match as unknown as [string, string, string, string, string | undefined];
  if (!code) return answer(command.responseUrl, "Name a board: #CODE.");
  const now = new Date(command.receivedAt);
  const dueAt = dueOf(phrase, now);
  const fireAts = [dueAt.getTime() - 7 * DAY_MS, dueAt.getTime() - DAY_MS, dueAt.getTime()].map((t) => new Date(t));
  const saved = await inTransaction(floor.pool, async (client) => {
    const board = await client.query<{ id: number; last_number: number }>(
      "UPDATE floor_boards SET last_number = last_number + 1 WHERE code = $1 RETURNING id, last_number",
      [code.toUpperCase()],
    );
    const row = board.rows[0];
    if (!row) return undefined;
    const action = await client.query<{ id: string }>(
      "INSERT INTO floor_actions (board_id, number, text, due_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [row.id, row.last_number, text, dueAt, command.userId],
    );
    const actionId = action.rows[0]!.id;
    await client.query("INSERT INTO floor_owners (action_id, slack_user_id) VALUES ($1, $2)", [actionId, ownerId]);
    await client.query("INSERT INTO floor_events (action_id, kind, actor) VALUES ($1, 'created', $2)", [
      actionId,
      command.userId,
    ]);
    const reminders = await client.query<{ id: string; fire_at: Date }>(
      `INSERT INTO floor_reminders (action_id, kind, fire_at)
       VALUES ($1, 'week_before', $2), ($1, 'day_before', $3), ($1, 'due_day', $4) RETURNING id, fire_at`,
      [actionId, ...fireAts],
    );
    return { reference: `${code.toUpperCase()}-${row.last_number}`, reminders: reminders.rows };
  });
  if (!saved) return answer(command.responseUrl, `There is no board #${code}.`);
  await floor.reminders.addBulk(
    saved.reminders.map((r) => ({
      name: "reminder.send",
      data: { reminderId: r.id },
      opts: { jobId: `reminder-${r.id}`, delay: Math.max(0, r.fire_at.getTime() - Date.now()), removeOnComplete: true },
    })),
  );
  const due = dueAt.toISOString().slice(0, 10);
  await answer(command.responseUrl, `Logged ${saved.reference}: ${text}, for <@${ownerId}>, due ${due}.`);
  await floor.web.chat.postMessage({
    channel: ownerId,
    text: `<@${command.userId}> gave you ${saved.reference}: ${text}, due ${due}.`,
  });
}

/** Rows a page shows: Minutebook's page size (LIST_PAGE_SIZE). */
const PAGE_SIZE = 25;

async function listActions(floor: Floor, command: FloorCommand, match: RegExpExecArray): Promise<void> {
  const isOverdue = match[1]?.toLowerCase() === "overdue";
  const code = match[2]?.toUpperCase() ?? null;
  // The same job as Minutebook's page: each action's owners and due date, and how many there are in all.
  const { rows } = await floor.pool.query<{
    code: string;
    number: number;
    text: string;
    due_at: Date;
    owners: string;
    total: string;
  }>(
    `SELECT b.code, a.number, a.text, a.due_at, count(*) OVER () AS total,
        (SELECT string_agg('<@' || o.slack_user_id || '>', ', ') FROM floor_owners o WHERE o.action_id = a.id) AS owners
      FROM floor_actions a JOIN floor_boards b ON b.id = a.board_id
      WHERE a.status = 'open' AND ($1::text IS NULL OR b.code = $1) AND (NOT $2 OR a.due_at < now())
      ORDER BY a.due_at LIMIT ${PAGE_SIZE}`,
    [code, isOverdue],
  );
  const lines = rows.map(
    (r) => `${r.code}-${r.number} ${r.text}, ${r.owners}, due ${r.due_at.toISOString().slice(0, 10)}`,
  );
  const shown = rows.length > 0 ? `\nShowing 1–${rows.length} of ${rows[0]!.total}.` : "";
  await answer(command.responseUrl, lines.length > 0 ? lines.join("\n") + shown : "No actions.");
}

async function doCommand(floor: Floor, command: FloorCommand): Promise<void> {
  try {
    const add = ADD.exec(command.text);
    if (add) return await addAction(floor, command, add);
    const list = LIST.exec(command.text);
    if (list) return await listActions(floor, command, list);
    await answer(command.responseUrl, "Try `/action add <text> <@person> by <date> #BOARD` or `/action list`.");
  } catch (error) {
    process.stderr.write(`floor: ${String(error)}\n`);
    await answer(command.responseUrl, "Something went wrong.");
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const redisUrl = env.REDIS_URL!;
  const prefix = env.REDIS_KEY_PREFIX!;
  // BullMQ's Workers need connections that wait forever on a blocking command.
  const connect = () => new Redis(redisUrl, { maxRetriesPerRequest: null });
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: CONCURRENCY });
  await pool.query(SCHEMA);
  const boards = (env.FLOOR_BOARDS ?? "").split(",").filter(Boolean);
  await pool.query("INSERT INTO floor_boards (code) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [boards]);

  const commands = new Queue<FloorCommand>("floor-commands", { connection: connect(), prefix });
  const floor: Floor = {
    pool,
    reminders: new Queue("floor-reminders", { connection: connect(), prefix }),
    web: new WebClient(env.SLACK_BOT_TOKEN, { slackApiUrl: env.SLACK_API_URL }),
  };
  const worker = new Worker<FloorCommand>("floor-commands", (job) => doCommand(floor, job.data), {
    connection: connect(),
    prefix,
    concurrency: CONCURRENCY,
  });
  const logError = (error: Error) => process.stderr.write(`floor: ${error.message}\n`);
  commands.on("error", logError);
  floor.reminders.on("error", logError);
  worker.on("error", logError);

  const receiver = new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET!, endpoints: ["/slack/events"] });
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
  });
  app.command("/action", async ({ command, ack }) => {
    // Kept before it is acknowledged, as Minutebook keeps it.
    await commands.add(
      "command",
      {
        text: command.text,
        userId: command.user_id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
        receivedAt: new Date().toISOString(),
      },
      { removeOnComplete: true, removeOnFail: 100 },
    );
    await ack();
  });
  const server = (await app.start(Number(env.PORT ?? 0))) as unknown as { address(): AddressInfo };
  process.stdout.write(`${JSON.stringify({ port: server.address().port, msg: "floor started" })}\n`);

  process.once("SIGTERM", () => {
    void (async () => {
      await app.stop();
      await worker.close();
      await Promise.all([commands.close(), floor.reminders.close()]);
      await pool.end();
      process.exit(0);
    })();
  });
}

if (require.main === module) void main();
