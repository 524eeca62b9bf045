// `npm run faults`: the app as deployed (a web and a worker process) against its own
// throwaway PostgreSQL and Redis and the Slack stand-in, through six faults:
//   (a) Redis killed and restarted with its data (append-only file, fsync always)
//   (b) Redis killed and restarted without its data
//   (c) PostgreSQL stopped for 30 s while commands arrive
//   (d) the worker SIGKILLed while reminders are being sent
//   (e) every Web API method answered 429 for 5 minutes (FAULTS_429_SECONDS to change it)
//   (f) one owner's Slack account deactivated (user_disabled)
// Each round sends signed `/action add` commands over HTTP and has reminders fall due during
// the fault, then waits for things to settle and counts, for each command and each reminder,
// what became of it: done and answered once, failed and told, lost, or done twice.
// Prints a markdown table and writes it to test-results/faults.md.
//
// It never touches the shared PostgreSQL and Redis (5432, 6379): it starts its own on free
// ports, in a temporary directory that it removes at the end.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createJobQueues } from "../jobs/queues";
import { createReminderJobs } from "../jobs/reminders/reminder-jobs";
import { createDb, type Db } from "../src/db/client";
import { createAction } from "../src/domain/actions/create-action";
import { ensureWorkspace } from "../src/domain/workspaces/ensure-workspace";
import { SlackRequests, type SentRequest } from "../src/local-slack/requests";
import { LocalSlack, type RecordedCall } from "../src/local-slack/server";
import { closeRedis, createRedis } from "../src/redis";
import { captureLogs } from "../test/support/logs";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../test/support/test-app";
import { AppProcess, RedisServer, SlackProxy, sleep, ThrowawayPostgres, waitUntil } from "./fault-infra";

const SECRETARY = "U0FSEC";
const CHAIR = "U0FCHAIR";
const OWNERS = Array.from({ length: 40 }, (_, i) => `U0FOWN${String(i).padStart(2, "0")}`);
const DISABLED = "U0FGONE";
const BOARDS = [
  { code: "FLT", channel: "C0FLT" },
  { code: "FLB", channel: "C0FLB" },
] as const;
/** How long a round waits after its fault for everything to come to rest. */
const SETTLE_MS = 180_000;
const RATE_LIMIT_MS = Number(process.env.FAULTS_429_SECONDS ?? 300) * 1000;

interface ReminderSpec {
  owner: string;
  board: (typeof BOARDS)[number]["code"];
  dueInMs: number;
}

interface Round {
  key: string;
  title: string;
  /** Redis keeps its data across a kill (append-only file). */
  isRedisPersistent: boolean;
  commands: { count: number; everyMs: number; owner?: string };
  reminders: ReminderSpec[];
  /** The fault itself, from the moment commands start (t = 0). */
  play(world: World): Promise<string[]>;
}

interface World {
  dir: string;
  fake: LocalSlack;
  proxy: SlackProxy;
  redis: RedisServer;
  pg: ThrowawayPostgres;
  processes: { web: AppProcess; worker: AppProcess };
  restartWorker(): Promise<void>;
  /** Resolves once `count` reminder posts have reached Slack. */
  reminderPosts(count: number): Promise<void>;
}

const spread = (
  count: number,
  fromMs: number,
  toMs: number,
  pick: (i: number) => Omit<ReminderSpec, "dueInMs">,
): ReminderSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    ...pick(i),
    dueInMs: fromMs + ((toMs - fromMs) * i) / Math.max(1, count - 1),
  }));
const owned = (i: number) => ({ owner: OWNERS[i % OWNERS.length]!, board: "FLT" as const });

/** Rounds (a) and (b): Redis killed for five seconds, coming back with its data or empty. */
const redisRound = (key: "a" | "b", isRedisPersistent: boolean): Round => ({
  key,
  title: `Redis killed (SIGKILL) and restarted ${isRedisPersistent ? "with" : "without"} its data`,
  isRedisPersistent,
  commands: { count: 40, everyMs: 500 },
  reminders: spread(20, 3_000, 15_000, owned),
  async play({ redis }) {
    await sleep(6_000);
    await redis.kill();
    await sleep(5_000);
    await redis.start();
    return [
      isRedisPersistent
        ? "Redis down from 6 s to 11 s; append-only file, fsync always"
        : "Redis down from 6 s to 11 s and empty after; the repair sweep runs each minute",
    ];
  },
});

const ROUNDS: Round[] = [
  redisRound("a", true),
  redisRound("b", false),
  {
    key: "c",
    title: "PostgreSQL stopped for 30 s while commands arrive",
    isRedisPersistent: false,
    commands: { count: 80, everyMs: 500 },
    reminders: spread(20, 5_000, 30_000, owned),
    async play({ pg }) {
      await sleep(5_000);
      await pg.stop();
      await sleep(30_000);
      await pg.start();
      return ["PostgreSQL stopped (fast shutdown) from 5 s to 35 s"];
    },
  },
  {
    key: "d",
    title: "Worker SIGKILLed mid-send",
    isRedisPersistent: false,
    commands: { count: 20, everyMs: 500 },
    reminders: spread(40, 3_000, 3_400, owned),
    async play({ fake, processes, restartWorker, reminderPosts }) {
      await sleep(2_900);
      // Some posts are taken by Slack at once and answered late, so the kill lands between the two.
      for (let i = 0; i < 4; i++) fake.delayNextAnswer("chat.postMessage", 4_000);
      await reminderPosts(6);
      await processes.worker.kill();
      await sleep(1_000);
      await restartWorker();
      return [
        "worker SIGKILLed after 6 reminder posts reached Slack (4 posts answered 4 s late); a new worker 1 s later (WORKER_LOCK_MS 5000)",
      ];
    },
  },
  {
    key: "e",
    title: `429 on every Web API method for ${Math.round(RATE_LIMIT_MS / 60_000)} min`,
    isRedisPersistent: false,
    commands: { count: 30, everyMs: 2_000 },
    reminders: spread(20, 10_000, 60_000, owned),
    async play({ proxy }) {
      proxy.limitFor(RATE_LIMIT_MS, 30);
      await sleep(RATE_LIMIT_MS);
      return [
        `every Web API call answered 429 (Retry-After: the time left, at most 30 s) for ${RATE_LIMIT_MS / 1000} s; ${proxy.refused} calls refused`,
      ];
    },
  },
  {
    key: "f",
    title: "One owner's account deactivated (user_disabled)",
    isRedisPersistent: false,
    commands: { count: 10, everyMs: 500, owner: DISABLED },
    reminders: [
      ...spread(6, 3_000, 8_000, () => ({ owner: DISABLED, board: "FLT" as const })),
      ...spread(2, 3_000, 8_000, () => ({ owner: DISABLED, board: "FLB" as const })),
      ...spread(12, 3_000, 8_000, owned),
    ],
    async play() {
      await sleep(10_000);
      return [`${DISABLED} is deactivated: Slack answers conversations.open with user_disabled`];
    },
  },
];

interface Tally {
  offered: number;
  once: number;
  told: number;
  lost: number;
  twice: number;
  problems: string[];
  /** What the people told of a failure were told, and how many each. */
  toldWith: Map<string, number>;
}

const tally = (): Tally => ({ offered: 0, once: 0, told: 0, lost: 0, twice: 0, problems: [], toldWith: new Map() });

interface RoundResult {
  round: Round;
  ms: number;
  commands: Tally;
  reminders: Tally;
  notes: string[];
}

async function runRound(round: Round, pg: ThrowawayPostgres, root: string): Promise<RoundResult> {
  const started = Date.now();
  const dir = path.join(root, `round-${round.key}`);
  mkdirSync(dir, { recursive: true });
  const fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
  const proxy = await SlackProxy.start(fake.apiUrl);
  const redis = await RedisServer.start({
    dir: round.isRedisPersistent ? dir : undefined,
    logFile: path.join(dir, "redis.log"),
  });
  const prefix = "mbfaults";
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: proxy.apiUrl,
    DATABASE_URL: pg.url(`faults_${round.key}`),
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    PORT: "0",
    LOG_LEVEL: "info",
    // A dead worker's jobs are taken over after 5 s rather than 30 s.
    WORKER_LOCK_MS: "5000",
  };
  const web = await AppProcess.start("web", env, path.join(dir, "web.log"));
  const worker = await AppProcess.start("worker", env, path.join(dir, "worker-1.log"));
  const processes = { web, worker };
  let workers = 1;
  const db = createDb({ databaseUrl: env.DATABASE_URL, poolSize: 4 });
  const driverRedis = createRedis({ url: redis.url, name: "faults-driver" });
  const queues = createJobQueues({ connection: driverRedis, prefix, logger: captureLogs("fatal").logger });
  try {
    for (const id of [SECRETARY, CHAIR, ...OWNERS]) fake.addUser({ id, name: id.slice(2).toLowerCase() });
    fake.addUser({ id: DISABLED, name: "gone", isDeleted: true });
    for (const board of BOARDS)
      fake.addChannel({
        id: board.channel,
        name: board.code.toLowerCase(),
        members: [fake.botUserId, SECRETARY, CHAIR, ...OWNERS, DISABLED],
      });
    const workspace = await ensureWorkspace({ db, slackTeamId: fake.teamId, timeZone: "Europe/London" });
    const boards = new Map<string, { id: string; code: string }>();
    for (const board of BOARDS) {
      boards.set(
        board.code,
        await db.board.create({
          data: {
            workspaceId: workspace.id,
            code: board.code,
            name: `Fault board ${board.code}`,
            slackChannelId: board.channel,
            secretarySlackUserId: SECRETARY,
            chairSlackUserId: CHAIR,
          },
          select: { id: true, code: true },
        }),
      );
    }

    // Reminders: an action each, and a row due during the fault with its delayed job, as the app plans them.
    const t0 = Date.now() + 2_000;
    const rows: Array<{ id: string; recipient: string; boardCode: string }> = [];
    for (const [i, spec] of round.reminders.entries()) {
      const board = boards.get(spec.board)!;
      const { action } = await createAction({
        db,
        workspaceId: workspace.id,
        board,
        text: `Fault ${round.key} reminder ${i}`,
        owners: [{ slackUserId: spec.owner }],
        due: undefined,
        createdBySlackUserId: SECRETARY,
        now: new Date(),
      });
      const row = await db.reminder.create({
        data: {
          workspaceId: workspace.id,
          boardId: board.id,
          actionId: action.id,
          subject: `action:${action.id}`,
          kind: "due_day",
          recipient: `user:${spec.owner}`,
          fireAt: new Date(t0 + spec.dueInMs),
        },
      });
      rows.push({ id: row.id, recipient: spec.owner, boardCode: spec.board });
    }
    await createReminderJobs(queues, captureLogs("fatal").logger, () => new Date()).enqueue(
      await db.reminder.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, fireAt: true } }),
    );
    const rowIds = new Set(rows.map((r) => r.id));
    const reminderIdOf = (call: RecordedCall) =>
      (call.args.metadata as { event_payload?: { reminder_id?: string } } | undefined)?.event_payload?.reminder_id;
    const world: World = {
      dir,
      fake,
      proxy,
      redis,
      pg,
      processes,
      async restartWorker() {
        workers += 1;
        processes.worker = await AppProcess.start("worker", env, path.join(dir, `worker-${workers}.log`));
      },
      reminderPosts(count) {
        return new Promise((resolve) => {
          const check = () =>
            fake.calls.filter((c) => c.method === "chat.postMessage" && rowIds.has(reminderIdOf(c) ?? "")).length >=
            count;
          if (check()) return resolve();
          const stop = fake.onCall(() => {
            if (!check()) return;
            stop();
            resolve();
          });
        });
      },
    };

    await sleep(Math.max(0, t0 - Date.now()));
    const slack = new SlackRequests({ appUrl: web.url, signingSecret: TEST_SIGNING_SECRET, fake });
    const sent = sendCommands(slack, round);
    const notes = await round.play(world);
    const commands = await sent;
    const faultMs = Date.now() - t0;

    // Settle: every reminder at rest and every command answered or done, or the time is up.
    const isAtRest = async () => {
      const states = await db.reminder.findMany({ where: { id: { in: [...rowIds] } }, select: { state: true } });
      const commandsDone = await Promise.all(
        commands.map(
          async (c) =>
            c.replies().length > 0 ||
            c.failed !== undefined ||
            (await db.action.count({ where: { text: { contains: c.token } } })) > 0,
        ),
      );
      return states.every((s) => s.state !== "scheduled" && s.state !== "sending") && commandsDone.every(Boolean);
    };
    const settled = await waitUntil(isAtRest, SETTLE_MS, 1_000);
    // Long enough for a second delivery of anything to show.
    await sleep(10_000);
    if (!settled) notes.push(`not at rest ${SETTLE_MS / 1000} s after the fault`);

    const result: RoundResult = {
      round,
      ms: Date.now() - started,
      commands: await countCommands(db, commands),
      reminders: await countReminders(db, fake, rows, reminderIdOf),
      notes: [
        ...notes,
        `fault and commands took ${Math.round(faultMs / 1000)} s; worker processes started: ${workers}`,
        replyTimes(fake, commands),
        fromLogs(dir),
        `the board was told of undelivered reminders in ${fake.calls.filter((c) => c.method === "chat.postMessage" && c.status === 200 && /^I couldn't (remind|post)/.test(String(c.args.text ?? ""))).length} DM(s)`,
      ],
    };
    return result;
  } finally {
    await processes.web.stop();
    await processes.worker.stop();
    await queues.close().catch(() => undefined);
    await closeRedis(driverRedis).catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
    await redis.stop();
    await proxy.stop();
    await fake.stop();
  }
}

interface SentCommand {
  token: string;
  sentAt: number;
  /** Where its replies went (the response_url's path), to time them. */
  replyPath: string | undefined;
  replies(): Array<Record<string, unknown>>;
  status: number | undefined;
  failed: string | undefined;
}

/** `/action add` at a steady rate, each sent at its time whatever became of the ones before (Slack does not wait). */
async function sendCommands(slack: SlackRequests, round: Round): Promise<SentCommand[]> {
  const { count, everyMs } = round.commands;
  const pending: Array<Promise<SentCommand>> = [];
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    await sleep(Math.max(0, start + i * everyMs - Date.now()));
    const token = `fault${round.key}cmd${String(i).padStart(3, "0")}`;
    const owner = round.commands.owner ?? OWNERS[i % OWNERS.length]!;
    const board = BOARDS[i % BOARDS.length]!;
    const text = `add Report ${token} to the board <@${owner}> by 30 June #${board.code}`;
    const sentAt = Date.now();
    pending.push(
      slack
        .command("/action", text, { userId: SECRETARY, channelId: board.channel })
        .then((answer: SentRequest) => ({
          token,
          sentAt,
          replyPath: new URL(answer.responseUrl).pathname,
          replies: () => answer.replies(),
          status: answer.status,
          failed: answer.status === 200 ? undefined : `HTTP ${answer.status}`,
        }))
        .catch((error: unknown) => ({
          token,
          sentAt,
          replyPath: undefined,
          replies: () => [],
          status: undefined,
          failed: `no answer (${error instanceof Error ? error.message : String(error)})`,
        })),
    );
  }
  return Promise.all(pending);
}

/** What the app's own logs say happened: reminders found already in Slack, waits for rate limits, jobs that failed. */
function fromLogs(dir: string): string {
  const text = readdirSync(dir)
    .filter((name) => name.endsWith(".log") && name !== "redis.log")
    .map((name) => readFileSync(path.join(dir, name), "utf8"))
    .join("\n");
  const count = (msg: string) => text.split("\n").filter((line) => line.includes(`"msg":"${msg}`)).length;
  return `app logs: ${count("reminder was already delivered before a restart")} reminder(s) found already in Slack after a restart, ${count("Slack rate limit: waiting as asked")} wait(s) for Retry-After, ${count("job failed; it will be tried again")} job attempt(s) failed and retried, ${count("job failed for good")} job(s) failed for good, ${count("work taken up after a process stopped")} command(s) interrupted and not run again (the person told to check)`;
}

/** How long people waited for the first answer through response_url. */
function replyTimes(fake: LocalSlack, commands: SentCommand[]): string {
  const waits = commands
    .map((c) =>
      fake.calls.find((call) => call.method === "response_url" && call.args.__path === c.replyPath)?.at.getTime(),
    )
    .map((at, i) => (at === undefined ? undefined : at - commands[i]!.sentAt))
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  if (waits.length === 0) return "no command was answered through response_url";
  const at = (q: number) => (waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]! / 1000).toFixed(1);
  return `first answer through response_url for ${waits.length} command(s): median ${at(0.5)} s, slowest ${at(1)} s`;
}

const SUCCESS = / logged: /;
const FAILURE =
  /nothing was (saved|changed)|was not done|may or may not have been done|try again|went wrong|could not|couldn't/i;

async function countCommands(db: Db, commands: SentCommand[]): Promise<Tally> {
  const t = tally();
  for (const command of commands) {
    t.offered += 1;
    const actions = await db.action.count({ where: { text: { contains: command.token } } });
    const texts = command.replies().map((r) => String(r.text ?? ""));
    const logged = texts.filter((text) => SUCCESS.test(text)).length;
    const refused = texts.filter((text) => FAILURE.test(text)).length;
    const describe = `${command.token}: ${actions} action(s), replies ${JSON.stringify(texts.map((text) => text.slice(0, 80)))}${command.failed ? `, ${command.failed}` : ""}`;
    if (actions > 1 || logged > 1) {
      t.twice += 1;
      t.problems.push(`twice: ${describe}`);
    } else if (actions === 1 && logged === 1) t.once += 1;
    else if (
      (actions === 0 && (refused > 0 || command.failed)) ||
      texts.some((text) => /may or may not have been done/.test(text))
    ) {
      // A non-200 (or no answer) is shown by Slack to the person as the command failing.
      t.told += 1;
      const said = texts.find((text) => FAILURE.test(text))?.slice(0, 100) ?? `(Slack's own error: ${command.failed})`;
      t.toldWith.set(said, (t.toldWith.get(said) ?? 0) + 1);
      if (actions > 0) t.problems.push(`told it may not be done, and it was: ${describe}`);
    } else {
      t.lost += 1;
      t.problems.push(`lost: ${describe}`);
    }
  }
  return t;
}

async function countReminders(
  db: Db,
  fake: LocalSlack,
  rows: Array<{ id: string; recipient: string; boardCode: string }>,
  reminderIdOf: (call: RecordedCall) => string | undefined,
): Promise<Tally> {
  const t = tally();
  const posts = fake.calls.filter((c) => c.method === "chat.postMessage" && c.status === 200);
  const tells = posts.filter((c) => /^I couldn't (remind|post)/.test(String(c.args.text ?? "")));
  for (const row of rows) {
    t.offered += 1;
    const reminder = await db.reminder.findUniqueOrThrow({ where: { id: row.id } });
    const delivered = posts.filter((c) => c.response.ok === true && reminderIdOf(c) === row.id).length;
    const isTold = tells.some(
      (c) => String(c.args.text).includes(`<@${row.recipient}>`) && String(c.args.text).includes(` ${row.boardCode}-`),
    );
    const describe = `${row.id} to ${row.recipient}: ${reminder.state}, ${delivered} post(s), ${reminder.lastError ?? "no error"}`;
    if (delivered > 1) {
      t.twice += 1;
      t.problems.push(`twice: ${describe}`);
    } else if (delivered === 1 && reminder.state === "sent") t.once += 1;
    else if (delivered === 0 && reminder.state === "failed" && isTold) t.told += 1;
    else {
      t.lost += 1;
      t.problems.push(`lost: ${describe}`);
    }
  }
  return t;
}

function table(results: RoundResult[]): string {
  const lines = [
    "| Fault | Took | Commands offered | answered once | told of failure | lost | done twice | Reminders offered | delivered once | failed and told | lost | sent twice |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const { round, ms, commands: c, reminders: r } of results) {
    lines.push(
      `| (${round.key}) ${round.title} | ${Math.round(ms / 1000)} s | ${c.offered} | ${c.once} | ${c.told} | ${c.lost} | ${c.twice} | ${r.offered} | ${r.once} | ${r.told} | ${r.lost} | ${r.twice} |`,
    );
  }
  return lines.join("\n");
}

function report(results: RoundResult[], totalMs: number): string {
  const parts = [
    "# Fault run",
    "",
    `Run ${new Date().toISOString()}, ${Math.round(totalMs / 1000)} s in all: one web and one worker process (\`node dist-bench/src/main.js\`), a throwaway PostgreSQL 15 cluster and redis-server on free ports, the Slack stand-in behind a proxy that can answer 429. Commands are signed \`/action add\` over HTTP; reminders are action reminders falling due during the fault.`,
    "",
    table(results),
    "",
    'Commands: *answered once* is one action logged and one "logged" reply; *told of failure* is nothing saved and the person told so (a reply, or the HTTP answer failing, which Slack shows as the command failing), or told it may or may not have been done. Reminders: *delivered once* is one post that Slack took and the row sent; *failed and told* is the row failed with its reason and the board\'s secretary told by DM (once a day per person and board).',
    "",
  ];
  for (const result of results) {
    parts.push(`## (${result.round.key}) ${result.round.title}`, "", ...result.notes.map((n) => `- ${n}`));
    for (const [said, count] of result.commands.toldWith) parts.push(`- ${count} command(s) told: "${said}"`);
    for (const problem of [...result.commands.problems, ...result.reminders.problems].slice(0, 20))
      parts.push(`- ${problem}`);
    parts.push("");
  }
  return parts.join("\n");
}

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const rounds = chosen.length > 0 ? ROUNDS.filter((r) => chosen.includes(r.key)) : ROUNDS;
  const root = mkdtempSync(path.join(tmpdir(), "minutebook-faults-"));
  const started = Date.now();
  let pg: ThrowawayPostgres | undefined;
  const results: RoundResult[] = [];
  try {
    pg = await ThrowawayPostgres.create(root);
    for (const round of rounds) {
      process.stdout.write(`(${round.key}) ${round.title}…\n`);
      const result = await runRound(round, pg, root);
      results.push(result);
      process.stdout.write(`${table([result]).split("\n")[2]}\n`);
    }
  } finally {
    await pg?.stop().catch(() => undefined);
    if (!process.env.FAULTS_KEEP) rmSync(root, { recursive: true, force: true });
    else process.stdout.write(`kept ${root}\n`);
  }
  const text = report(results, Date.now() - started);
  mkdirSync("test-results", { recursive: true });
  writeFileSync(path.join("test-results", "faults.md"), `${text}\n`);
  process.stdout.write(`\n${text}\n`);
  const isClean = results.every((r) => r.commands.lost + r.commands.twice + r.reminders.lost + r.reminders.twice === 0);
  process.exit(isClean ? 0 : 1);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
