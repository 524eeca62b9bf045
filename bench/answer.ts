// Answer latency (issue 17): what a person waits for after `/action add` and `/action
// list` is the answer through response_url, not the acknowledgement. The app runs in its
// own process (`--role all`, as `commands` runs it) on a database and Redis prefix of
// its own, Slack's rate limits off, one workspace, four boards, 20 people; this process
// plays Slack. After a warm-up, 500 adds and then 500 lists with 50 always in flight,
// closed loop on the answer (the next is sent when one is answered); lists are warmed up
// again just before theirs (see measure()). The app and the floor take turns over ROUNDS
// rounds, each round on a database of its own, and percentiles are read from all rounds' answers
// together: a p99 of one round is its five slowest answers, and a slow spell of the machine
// (seen here: 1.5 to 2 times slower for minutes) set one side's p99 and not the other's,
// so a single round's ratio swung from 0.6x to 2.2x. For each: the
// acknowledgement and the answer (bench/answers.ts), commands a second end to end, the
// app's CPU and its PostgreSQL backends' per command. SQL statements per command come from
// a second run of each, not timed, through a proxy between the process and PostgreSQL
// (bench/pg-statement-counter.ts): timed through it, every round trip paid a hop through
// this busy process. The floor, same run, same machine, same driver: the plainest code
// doing the same job (bench/answer-floor.ts) in a process of its own, measured the same ways.
// A list answered in the acknowledgement counts its acknowledgement as its answer.
import path from "node:path";
import pg from "pg";
import { createDb } from "../src/db/client";
import { ensureWorkspace } from "../src/domain/workspaces/ensure-workspace";
import { SlackRequests } from "../src/local-slack/requests";
import { LocalSlack } from "../src/local-slack/server";
import { createTestDatabase, prepareTemplate, type TestDatabase } from "../test/support/database";
import { deleteRedisKeys } from "../test/support/redis";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testAppEnv } from "../test/support/test-app";
import { AnswerClock, answeredConcurrently, describeErrors, errorCount, type AnswerTally } from "./answers";
import { cpuMeter, type CpuUse } from "./cpu-meter";
import { loadRedisPrefix, startApp, startProcess, waitUntil, type AppProcess } from "./load-harness";
import {
  startStatementCounter,
  subtractCounts,
  type StatementCounter,
  type StatementCounts,
} from "./pg-statement-counter";
import { summarise } from "./stats";

const IN_FLIGHT = 50;
/** Rounds of the timed pass; the floor goes first in every second one, so drift falls on both sides. */
const ROUNDS = 3;
const COMMANDS = 500;
const WARM_UP_ADDS = 150;
const WARM_UP_LISTS = 100;
const PEOPLE = 20;
const BOARDS = ["LCRB", "OSB", "RCRB", "AUDIT"];
const PHRASES = ["end of June", "next Friday", "in two weeks", "end of September", "19 March", "tomorrow", "Q3"];
const TARGET_ACK_P99_MS = 100;
const TARGET_ANSWER_RATIO = 1.5;
const TARGET_STATEMENTS_PER_ADD = 6;
/** A phase ends once neither PostgreSQL nor Slack has heard from the process for this long: its work after the answers (DMs, Home tabs) counts too. */
const QUIET_MS = 1_000;
const SETTLE_LIMIT_MS = 60_000;

const person = (n: number) => ({ id: `U0ANS${String(n % PEOPLE).padStart(2, "0")}`, name: `person${n % PEOPLE}` });
const boardOf = (i: number) => BOARDS[i % BOARDS.length]!;

function addCommand(i: number): { text: string; userId: string; channelId: string } {
  const owner = person(i + 3);
  const text = `add Report on item ${i} to the next meeting <@${owner.id}|${owner.name}> by ${PHRASES[i % PHRASES.length]} #${boardOf(i)}`;
  return { text, userId: person(i).id, channelId: `C0${boardOf(i)}` };
}

function listCommand(i: number): { text: string; userId: string; channelId: string } {
  const texts = ["list", "list overdue", `list open #${boardOf(i)}`];
  return { text: texts[i % texts.length]!, userId: person(i).id, channelId: `C0${boardOf(i)}` };
}

interface Phase {
  tally: AnswerTally & { wallMs: number };
  cpu: CpuUse;
  statements: StatementCounts;
}

interface Measured {
  name: string;
  add: Phase;
  list: Phase;
}

interface Target {
  name: string;
  start(env: Record<string, string>): Promise<AppProcess>;
}

/** CPU milliseconds the named part of `cpu` spent on each of `count` commands. */
function cpuMsEach(cpu: CpuUse, part: string, count: number): number {
  const cores = cpu.parts.find(([name]) => name === part)?.[1] ?? 0;
  return (cores * cpu.seconds * 1000) / Math.max(1, count);
}

/** Resolves once neither PostgreSQL (through the counter, when counting) nor Slack has heard anything for QUIET_MS. */
function quietness(counter: StatementCounter | undefined, fake: LocalSlack) {
  let lastSlackCall = 0;
  const stopListening = fake.onCall(() => (lastSlackCall = performance.now()));
  return {
    settle: () =>
      waitUntil(
        () => performance.now() - Math.max(counter?.lastStatementAt() ?? 0, lastSlackCall) > QUIET_MS,
        SETTLE_LIMIT_MS,
        100,
      ),
    stop: stopListening,
  };
}

/**
 * How a run is made: timed, with the process talking to PostgreSQL directly; or counted, through
 * the statement-counting proxy, with fewer commands. Timing through the proxy taxed every round
 * trip with a hop through this process (which is also Slack and the load), and taxed most the
 * side that sends more or longer statements: a list answered twice as fast without it.
 */
type Pass =
  { kind: "timed"; commands: number; inFlight: number } | { kind: "counted"; commands: number; inFlight: number };
const TIMED: Pass = { kind: "timed", commands: COMMANDS, inFlight: IN_FLIGHT };
const COUNTED: Pass = { kind: "counted", commands: 100, inFlight: 10 };

async function measure(
  target: Target,
  fake: LocalSlack,
  database: TestDatabase,
  prefix: string,
  pass: Pass,
): Promise<Measured> {
  const counter = pass.kind === "counted" ? await startStatementCounter(database.url) : undefined;
  const quiet = quietness(counter, fake);
  let running: AppProcess | undefined;
  let clock: AnswerClock | undefined;
  try {
    running = await target.start(testAppEnv({ fake, databaseUrl: counter?.url ?? database.url, prefix }));
    // A fixed set of connections to the app. Left to itself the client opened new ones now and
    // then mid-run (3 to 17 in a phase of 500 lists), and each list on one waited 20 ms more per
    // connection opened before it, a cluster of them 200 to 400 ms: that set the p99 of
    // whichever app answered in its acknowledgement.
    const slack = new SlackRequests({
      appUrl: running.url,
      signingSecret: TEST_SIGNING_SECRET,
      fake,
      connections: pass.inFlight,
    });
    const answers = (clock = new AnswerClock(slack, fake));
    const send =
      (commandFor: typeof addCommand, offset = 0) =>
      (i: number) => {
        const { text, ...actor } = commandFor(offset + i);
        return answers.command(text, actor);
      };
    const pid = running.pid;
    const noStatements: StatementCounts = { statements: 0, transactionControl: 0, byKind: new Map() };
    const phase = async (run: () => Promise<Phase["tally"]>): Promise<Phase> => {
      collectOwnGarbage();
      const before = counter?.counts() ?? noStatements;
      const meter = cpuMeter({ app: [pid] }, database.name);
      const tally = await run();
      await quiet.settle();
      const statements = counter ? subtractCounts(counter.counts(), before) : noStatements;
      return { tally, cpu: meter.stop(), statements };
    };

    // Warm up (connections, JIT, caches), then let its work finish.
    await answeredConcurrently(WARM_UP_ADDS, pass.inFlight, send(addCommand));
    await answeredConcurrently(WARM_UP_LISTS, pass.inFlight, send(listCommand));
    await quiet.settle();
    await analyse(database);
    const add = await phase(() => answeredConcurrently(pass.commands, pass.inFlight, send(addCommand, WARM_UP_ADDS)));
    // Warmed again just before: an answer in the acknowledgement holds its connection until it
    // is ready, so a stream of lists keeps some 50 connections open where adds kept a dozen,
    // and the rest had closed. A busy Node process accepts one new connection per turn of its
    // event loop (libuv since 1.45, libuv/libuv#3696), so lists that each needed a new one
    // waited up to 0.7 s to be read at all: a burst's first moments, not its steady state.
    await answeredConcurrently(WARM_UP_LISTS, pass.inFlight, send(listCommand, WARM_UP_LISTS + pass.commands));
    await quiet.settle();
    const list = await phase(() =>
      answeredConcurrently(pass.commands, pass.inFlight, send(listCommand, WARM_UP_LISTS)),
    );
    return { name: target.name, add, list };
  } finally {
    clock?.stop();
    quiet.stop();
    await running?.stop();
    await counter?.stop();
  }
}

/**
 * A full collection in this process (Slack's stand-in and the load) before a timed phase, when
 * run with --expose-gc (`npm run bench` is). Its heap grows through a run, and a major collection
 * (23 ms, with incremental marking before it) stalled every answer then on its way to it: it
 * fell in Minutebook's list phases more often than in the floor's, whose answers are plain text,
 * and set the p99 of two rounds of three in one run.
 */
function collectOwnGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Statistics for the planner, as a live database has them: autovacuum analyses a table within
 * a minute of this many rows changing, but a run is over sooner. Without them PostgreSQL guessed
 * one row per table and scanned owners once per action (a list took 69 ms instead of 0.8).
 */
async function analyse(database: TestDatabase): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** Minutebook as deployed in one process, its workspace and boards made first. */
function minutebook(database: TestDatabase, fake: LocalSlack): Target {
  return {
    name: "Minutebook",
    async start(env) {
      const db = createDb({ databaseUrl: database.url, poolSize: 1 });
      try {
        const { id: workspaceId } = await ensureWorkspace({ db, slackTeamId: fake.teamId, timeZone: "Europe/London" });
        await db.board.createMany({
          data: BOARDS.map((code) => ({ workspaceId, code, name: `${code} board`, slackChannelId: `C0${code}` })),
        });
      } finally {
        await db.$disconnect();
      }
      return startApp("all", env);
    },
  };
}

const floor: Target = {
  name: "floor",
  start: (env) =>
    startProcess({
      name: "the floor",
      script: path.join(__dirname, "answer-floor.js"),
      env: { ...env, FLOOR_BOARDS: BOARDS.join(",") },
      startedMessage: "floor started",
    }),
};

// --- Report ----------------------------------------------------------------------------------

const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;

/** Several rounds' phases as one: every answer and acknowledgement, CPU weighted by each round's length. */
function pooled(phases: Phase[]): Phase {
  const tallies = phases.map((p) => p.tally);
  const sum = (read: (t: Phase["tally"]) => number) => tallies.reduce((total, t) => total + read(t), 0);
  const seconds = phases.reduce((total, p) => total + p.cpu.seconds, 0);
  const weighted = (read: (cpu: CpuUse) => number) =>
    phases.reduce((total, p) => total + read(p.cpu) * p.cpu.seconds, 0) / Math.max(seconds, 1e-9);
  const partNames = [...new Set(phases.flatMap((p) => p.cpu.parts.map(([name]) => name)))];
  return {
    tally: {
      sent: sum((t) => t.sent),
      acks: tallies.flatMap((t) => t.acks),
      answers: tallies.flatMap((t) => t.answers),
      busy: sum((t) => t.busy),
      answeredInAck: sum((t) => t.answeredInAck),
      wentWrong: sum((t) => t.wentWrong),
      unanswered: sum((t) => t.unanswered),
      failed: sum((t) => t.failed),
      wallMs: sum((t) => t.wallMs),
    },
    cpu: {
      seconds,
      parts: partNames.map((name) => [name, weighted((cpu) => cpu.parts.find(([n]) => n === name)?.[1] ?? 0)]),
      everythingElse: weighted((cpu) => cpu.everythingElse),
      machine: weighted((cpu) => cpu.machine),
      cores: phases[0]!.cpu.cores,
    },
    statements: phases[0]!.statements,
  };
}

function pooledRounds(rounds: Measured[]): Measured {
  return {
    name: rounds[0]!.name,
    add: pooled(rounds.map((r) => r.add)),
    list: pooled(rounds.map((r) => r.list)),
  };
}

function row(command: string, name: string, p: Phase, countedPhase: Phase): string {
  const acks = summarise(p.tally.acks);
  const answers = summarise(p.tally.answers);
  const n = p.tally.sent;
  const perSecond = (n / p.tally.wallMs) * 1000;
  const statements = countedPhase.statements.statements / countedPhase.tally.sent;
  const control = countedPhase.statements.transactionControl / countedPhase.tally.sent;
  return [
    `${command} ${name}`.padEnd(24),
    ms(acks.p50).padStart(9),
    ms(acks.p99).padStart(9),
    ms(answers.p50).padStart(10),
    ms(answers.p99).padStart(10),
    perSecond.toFixed(1).padStart(7),
    cpuMsEach(p.cpu, "app", n).toFixed(1).padStart(8),
    cpuMsEach(p.cpu, "PostgreSQL for it", n).toFixed(1).padStart(8),
    `${statements.toFixed(1)} (${control.toFixed(1)})`.padStart(13),
    String(errorCount(p.tally)).padStart(7),
  ].join(" ");
}

const HEADER = [
  "".padEnd(24),
  "ack p50".padStart(9),
  "ack p99".padStart(9),
  "answer p50".padStart(10),
  "answer p99".padStart(10),
  "per s".padStart(7),
  "CPU ms".padStart(8),
  "PG ms".padStart(8),
  "SQL (tx)".padStart(13),
  "errors".padStart(7),
].join(" ");

/** The commonest kinds of statement, per command. */
function describeKinds(counts: StatementCounts, n: number): string {
  return [...counts.byKind]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([kind, count]) => `${kind} ${(count / n).toFixed(2)}`)
    .join(", ");
}

function report(rounds: Array<{ app: Measured; base: Measured }>, counted: { app: Measured; base: Measured }): boolean {
  const app = pooledRounds(rounds.map((r) => r.app));
  const base = pooledRounds(rounds.map((r) => r.base));
  console.log(
    `\nAnswer latency: ${COMMANDS} /action add, then ${COMMANDS} /action list (list, list overdue, list open #BOARD), ${IN_FLIGHT} always in flight, closed loop on the answer`,
  );
  console.log(
    `Minutebook in its own process (--role all); the floor (bench/answer-floor.ts: Bolt, BullMQ, one pg transaction) likewise; warm-up first (${WARM_UP_ADDS} adds, ${WARM_UP_LISTS} lists, not counted)`,
  );
  console.log(
    `${ROUNDS} rounds, the two taking turns, each on a fresh database; percentiles over all rounds' commands together (${ROUNDS * COMMANDS} of each), CPU and rates over all rounds`,
  );
  console.log(
    `per command: CPU ms of the process and PG ms of its PostgreSQL backends, until ${QUIET_MS / 1000} s without Slack calls after the last answer; SQL statements (of which BEGIN/COMMIT/ROLLBACK) from a second, counted run (${COUNTED.commands} of each at ${COUNTED.inFlight} in flight, through the counting proxy, not timed)`,
  );
  console.log(HEADER);
  for (const [command, key] of [
    ["add", "add"],
    ["list", "list"],
  ] as const) {
    console.log(row(command, app.name, app[key], counted.app[key]));
    console.log(row(command, base.name, base[key], counted.base[key]));
  }
  for (const m of [app, base]) {
    for (const key of ["add", "list"] as const)
      console.log(
        `${m.name} ${key}: ${m[key].tally.answeredInAck} answered in the acknowledgement; errors: ${describeErrors(m[key].tally)}; ${describeMachine(m[key].cpu)}`,
      );
  }
  for (const m of [counted.app, counted.base])
    for (const key of ["add", "list"] as const)
      console.log(`${m.name}, statements per ${key} by kind: ${describeKinds(m[key].statements, m[key].tally.sent)}`);

  const p99 = (p: Phase) => summarise(p.tally.answers).p99;
  const ackP99 = (p: Phase) => summarise(p.tally.acks).p99;
  /** One round's own answer p99 ratio, Minutebook / floor. */
  const roundRatio = (r: (typeof rounds)[number], key: "add" | "list") => p99(r.app[key]) / p99(r.base[key]);
  rounds.forEach((r, i) => {
    const ratio = (key: "add" | "list") => roundRatio(r, key).toFixed(2);
    console.log(
      `round ${i + 1} alone: answer p99 Minutebook / floor add ${ratio("add")}x, list ${ratio("list")}x; Minutebook ack p99 add ${ms(ackP99(r.app.add))}, list ${ms(ackP99(r.app.list))}`,
    );
  });
  const addRatio = p99(app.add) / p99(base.add);
  const listRatio = p99(app.list) / p99(base.list);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const roundsMedian = (key: "add" | "list") => median(rounds.map((r) => roundRatio(r, key)));
  console.log(
    `answer p99, Minutebook / floor, the rounds' median: add ${roundsMedian("add").toFixed(2)}x, list ${roundsMedian("list").toFixed(2)}x`,
  );
  console.log(`answer p99, Minutebook / floor: add ${addRatio.toFixed(2)}x, list ${listRatio.toFixed(2)}x`);
  const statementsPerAdd = counted.app.add.statements.statements / counted.app.add.tally.sent;
  const targets: Array<[string, boolean]> = [
    [
      `ack p99 < ${TARGET_ACK_P99_MS} ms (add and list)`,
      summarise(app.add.tally.acks).p99 < TARGET_ACK_P99_MS && summarise(app.list.tally.acks).p99 < TARGET_ACK_P99_MS,
    ],
    [`answer p99 within ${TARGET_ANSWER_RATIO}x the floor's, add`, addRatio <= TARGET_ANSWER_RATIO],
    [`answer p99 within ${TARGET_ANSWER_RATIO}x the floor's, list`, listRatio <= TARGET_ANSWER_RATIO],
    [
      `SQL statements per add <= ${TARGET_STATEMENTS_PER_ADD}, BEGIN/COMMIT included (${statementsPerAdd.toFixed(1)})`,
      statementsPerAdd <= TARGET_STATEMENTS_PER_ADD,
    ],
    [`no errors`, errorCount(app.add.tally) + errorCount(app.list.tally) === 0],
  ];
  for (const [what, isMet] of targets) console.log(`target ${what}: ${isMet ? "met" : "NOT met"}`);
  return targets.every(([, isMet]) => isMet);
}

function describeMachine(cpu: CpuUse): string {
  return `machine ${cpu.machine.toFixed(2)} of ${cpu.cores} cores busy over ${cpu.seconds.toFixed(1)} s, other work ${cpu.everythingElse.toFixed(2)}`;
}

export async function benchAnswers(): Promise<boolean> {
  await prepareTemplate();
  const fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
  // Slack's rate limits are off: this measures Minutebook, and bulk sends would be refused as Slack would refuse them.
  fake.rateLimits = "off";
  for (let n = 0; n < PEOPLE; n++) fake.addUser(person(n));
  const databases: TestDatabase[] = [];
  const prefixes: string[] = [];
  const fresh = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const [appPrefix, floorPrefix] = [loadRedisPrefix(), loadRedisPrefix()];
    prefixes.push(appPrefix, floorPrefix);
    return { database, appPrefix, floorPrefix };
  };
  try {
    const rounds: Array<{ app: Measured; base: Measured }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { database, appPrefix, floorPrefix } = await fresh();
      const runApp = () => measure(minutebook(database, fake), fake, database, appPrefix, TIMED);
      const runFloor = () => measure(floor, fake, database, floorPrefix, TIMED);
      if (round % 2 === 0) {
        const app = await runApp();
        rounds.push({ app, base: await runFloor() });
      } else {
        const base = await runFloor();
        rounds.push({ app: await runApp(), base });
      }
    }
    const counting = await fresh();
    const counted = {
      app: await measure(minutebook(counting.database, fake), fake, counting.database, counting.appPrefix, COUNTED),
      base: await measure(floor, fake, counting.database, counting.floorPrefix, COUNTED),
    };
    return report(rounds, counted);
  } finally {
    await fake.stop();
    for (const database of databases) await database.drop();
    for (const prefix of prefixes) await deleteRedisKeys(prefix);
  }
}
