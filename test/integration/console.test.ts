// The local console as a newcomer meets it: `node dist/src/main.js` with no Slack
// credentials, driven through its stdin and read from its stdout, against the real
// PostgreSQL and Redis. What it prints is checked, and so is what it stored.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { REMINDER_JOB_HORIZON_MS } from "../../jobs/reminders/reminder-jobs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { DateTime } from "luxon";
import { createDb, type Db } from "../../src/db/client";
import { projectRoot } from "../../src/project-root";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "../support/redis";

const MAIN = path.join(projectRoot(), "dist", "src", "main.js");

interface ConsoleProcess {
  /** Types a line, as at the keyboard. */
  type(line: string): void;
  /** Resolves with the output from the last match on once `pattern` appears in it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  output(): string;
  stderr(): string;
  exited: Promise<number | string>;
}

/** Every console started, so a failed test cannot leave one running beside the next. */
const started = new Set<ChildProcessWithoutNullStreams>();

function startConsole(env: Record<string, string>, cwd: string): ConsoleProcess {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env },
    stdio: "pipe",
  });
  let out = "";
  let err = "";
  let cursor = 0;
  const listeners = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    for (const listener of listeners) listener();
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  started.add(child);
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  void exited.then(() => started.delete(child));
  return {
    type: (line) => child.stdin.write(`${line}\n`),
    output: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 45_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out.slice(cursor));
          if (!match) return;
          const seen = out.slice(cursor, cursor + match.index + match[0].length);
          cursor += match.index + match[0].length;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(seen);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `console never printed ${pattern} within ${timeoutMs} ms; it printed after the last match:\n${out.slice(cursor)}\nstderr:\n${err}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

/** The prompt, printed each time the console is ready for the next line. */
const READY = /> $/m;

describe("the local console (npm start without Slack credentials)", () => {
  let database: TestDatabase;
  let db: Db;
  let prefix: string;
  let cwd: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 2 });
    prefix = testRedisPrefix();
    cwd = mkdtempSync(path.join(tmpdir(), "mb-console-"));
    env = { DATABASE_URL: database.url, REDIS_KEY_PREFIX: prefix, NODE_ENV: "development", LOG_LEVEL: "info" };
  });

  afterEach(async () => {
    const running = [...started];
    for (const child of running) child.kill("SIGKILL");
    await Promise.all(
      running.map(
        (child) =>
          new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(undefined))),
      ),
    );
  });

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
    await deleteRedisKeys(prefix);
    rmSync(cwd, { recursive: true, force: true });
  });

  it("logs an action, fires its reminder when the clock moves on, and closes it with the reminder's Done button", async () => {
    const app = startConsole(env, cwd);
    const first = await app.waitFor(/\[Y\/n\] $/m, 30_000);
    expect(first.split("\n")[0]).toMatch(
      /^No Slack credentials \(SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET\), so this is the local console/,
    );
    app.type("n");
    await app.waitFor(READY);

    app.type("/action add Check the CCTV rota @jo due in two weeks");
    const logged = await app.waitFor(/┌─ DM to @jo[^\n]*\n│ New action for you · (A-\d+)[\s\S]*?└─/);
    expect(logged).toMatch(
      /┌─ only @secretary sees this, in #rcrb[^\n]*\n│ A-\d+ logged\n│ Check the CCTV rota\n│ Owners: @jo/,
    );
    const reference = /New action for you · (A-\d+)/.exec(logged)![1]!;
    await app.waitFor(READY);

    // Nothing is due yet; two weeks and a day on, the owner has been reminded.
    app.type(":clock +15d");
    const moved = await app.waitFor(/It is now [^\n]*\. (\d+) reminders? went out\./, 60_000);
    expect(moved).toMatch(new RegExp(`┌─ DM to @jo · [^\\n]+\\n│ Due [^\\n]*· ${reference}\\n│ Check the CCTV rota`));
    const sent = await db.reminder.findMany({ where: { state: "sent" }, select: { sentAt: true, fireAt: true } });
    expect(sent.length).toBeGreaterThan(0);
    // Each reminder went out at its own (console) time, not all at the end.
    for (const row of sent) expect(Math.abs(row.sentAt!.getTime() - row.fireAt.getTime())).toBeLessThan(60_000);
    await app.waitFor(READY);

    app.type(":as @jo");
    await app.waitFor(/You are now @jo/);
    await app.waitFor(READY);
    app.type(":press 1");
    const done = await app.waitFor(new RegExp(`│ ${reference} · Check the CCTV rota\\n│ Marked done by @jo`));
    expect(done).toContain("DM to @jo (replacing the message)");
    await app.waitFor(READY);

    const action = await db.action.findFirstOrThrow({
      where: { text: "Check the CCTV rota" },
      select: { status: true, events: { select: { type: true, actorSlackUserId: true } } },
    });
    expect(action.status).toBe("done");
    expect(action.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "done", actorSlackUserId: "U0JO" })]),
    );

    app.type(":quit");
    expect(await app.exited).toBe(0);
    expect(app.stderr()).toBe("");
  }, 240_000);

  it("offers the samples on first start, shows them, imports shared minutes through the review form, and refuses bad input", async () => {
    const app = startConsole(env, cwd);
    await app.waitFor(/no boards yet[^\n]*\[Y\/n\] $/m, 30_000);
    app.type("y");
    const loaded = await app.waitFor(/Sample boards: ([^\n]+)/);
    expect(loaded).toMatch(
      /BIL \(\d+ actions from its minutes\), OSB \(\d+ actions from its minutes\), RCRB \(3 actions from its minutes\), PCSP/,
    );
    await app.waitFor(READY);
    expect(await db.board.count()).toBe(4);

    app.type("/action list overdue");
    const overdue = await app.waitFor(/Showing[^\n]*/);
    expect(overdue).toMatch(/🔴 +RCRB-1 +Complete the joint problem profile/);
    await app.waitFor(READY);

    // A bad date is refused with an example, and nothing is saved.
    const before = await db.action.count();
    app.type("/action add Draft the CONTEST terms @jo by the twelfth of never");
    await app.waitFor(/twelfth of never[\s\S]*?└─/);
    await app.waitFor(READY);
    expect(await db.action.count()).toBe(before);

    // Minutes shared as a file in a board's channel: offer, read, review form, import.
    app.type(":in #bilateral");
    await app.waitFor(READY);
    app.type(`:file ${path.join(projectRoot(), "test/fixtures/minutes/corpus/13_ridgeway-homes-board-2024-04.docx")}`);
    await app.waitFor(/Import 13_ridgeway-homes-board-2024-04\.docx as minutes of BIL\?\n│ \[1: Import minutes\]/);
    await app.waitFor(READY);
    app.type(":press 1");
    await app.waitFor(/Found 5 actions[^\n]*\n│ \[1: Review and import\]/);
    await app.waitFor(READY);
    app.type(":press 1");
    const form = await app.waitFor(/form "Check the minutes"[\s\S]*?└─/);
    expect(form).toMatch(/2\) 1\. Action · line 48 \(optional\): Report the damp and mould cases/);
    await app.waitFor(READY);
    // Remove the first action, give the second an owner in Slack, and try a date that cannot be read.
    app.type("6 1");
    await app.waitFor(/6\) Remove \(optional\): \[x\] 1 Remove this action/);
    app.type("8 @ravi");
    await app.waitFor(/8\) Owners in Slack \(optional\): @ravi/);
    app.type("10 the twelfth of Neverember");
    await app.waitFor(/10\) Due \(optional\): the twelfth of Neverember/);
    app.type(":submit");
    await app.waitFor(/The form was not accepted:[\s\S]*I couldn't read "the twelfth of Neverember" as a date/);
    app.type("10 17 May 2024");
    await app.waitFor(/10\) Due \(optional\): 17 May 2024/);
    app.type(":submit");
    const digest = await app.waitFor(/┌─ #bilateral[^\n]*\n│ BIL · Wed 24 Apr 2024[\s\S]*?└─/);
    expect(digest).toMatch(/New actions \(4\)/);
    expect(digest).not.toContain("Report the damp and mould cases");
    await app.waitFor(READY);
    const imported = await db.action.findFirstOrThrow({
      where: { text: { startsWith: "Circulate the complaint handling" } },
      select: { owners: { select: { slackUserId: true } } },
    });
    expect(imported.owners.map((o) => o.slackUserId)).toContain("U0RAVI");

    app.type(":press 9");
    await app.waitFor(/Press a button by its number, 1 to \d+ on m\d+, such as ":press 1"/);
    // Buttons are pressed where the person is: someone else sees none of these.
    app.type(":as @admin");
    app.type(":in #general");
    app.type(":press 1");
    await app.waitFor(/@admin has no message with buttons in #general or in their DMs yet/);
    app.type(":clock -1d");
    await app.waitFor(/It cannot go back\./);
    app.type("/notacommand");
    await app.waitFor(
      /\/notacommand is not a valid command\. Minutebook's are \/action, \/meeting, \/minutes, \/board\./,
    );
    app.type(":home");
    await app.waitFor(/┌─ Home tab of @admin/);
    app.type(":quit");
    expect(await app.exited).toBe(0);
  }, 240_000);

  it("keeps its clock and the channels made in it across a restart, and says so on :quit", async () => {
    // A database and Redis prefix of its own: what one console keeps must not reach another test's.
    const own = await createTestDatabase();
    const ownPrefix = testRedisPrefix();
    const ownEnv = { ...env, DATABASE_URL: own.url, REDIS_KEY_PREFIX: ownPrefix };
    const ownDb = createDb({ databaseUrl: own.url, poolSize: 1 });
    const reminderQueue = new Queue("reminders", { connection: { url: TEST_REDIS_URL }, prefix: ownPrefix });
    const zone = "Europe/London";
    const readClock = (text: string, format: string) =>
      DateTime.fromFormat(text.trim(), format, { zone, locale: "en-GB" });
    try {
      const first = startConsole(ownEnv, cwd);
      await first.waitFor(/\[Y\/n\] $/m, 30_000);
      first.type("n");
      await first.waitFor(READY);
      first.type(":in #estates");
      await first.waitFor(/#estates is a new channel, with everyone in it\.\nYou are now in #estates\./);
      await first.waitFor(READY);
      first.type("/board create EST Estates Board");
      await first.waitFor(/EST · Estates Board created; this is its channel\./);
      await first.waitFor(READY);
      first.type("/action add Survey the depot roof @jo due in two weeks");
      await first.waitFor(/New action for you · EST-1/);
      await first.waitFor(READY);
      first.type(":clock +10d");
      const moved = /It is now ([^\n]+?)\. /.exec(await first.waitFor(/It is now [^\n]+\n/, 60_000))![1]!;
      const movedTo = readClock(moved, "cccc d LLLL yyyy, HH:mm");
      expect(movedTo.isValid).toBe(true);
      // Ten days ahead of the real date.
      expect(Math.round(movedTo.diffNow("days").days)).toBe(10);
      await first.waitFor(READY);
      first.type(":quit");
      const bye = /Bye: the console's clock \(([^)]+)\) and channels are kept for next time\./.exec(
        await first.waitFor(/Bye: [^\n]*\n/),
      )![1]!;
      expect(await first.exited).toBe(0);
      expect(first.stderr()).toBe("");
      const keptAt = readClock(bye, "ccc d LLL yyyy HH:mm");
      expect(keptAt.diff(movedTo, "minutes").minutes).toBeGreaterThanOrEqual(0);
      expect(keptAt.diff(movedTo, "minutes").minutes).toBeLessThan(5);
      const stored = await ownDb.consoleState.findMany({ orderBy: { key: "asc" } });
      expect(stored.map((row) => row.key)).toEqual(["channels", "clock"]);
      expect(stored[0]!.value).toEqual([
        { id: "C0ESTATES", name: "estates", members: expect.arrayContaining(["U0SECRETARY", "U0CHAIR", "U0JO"]) },
      ]);
      // Reminder jobs wait in Redis by the real clock, so none is left there to go out when the console starts
      // again days later; the database still has every reminder.
      const waiting = await ownDb.reminder.count({ where: { state: "scheduled" } });
      expect(waiting).toBeGreaterThan(0);
      // Of those, the ones due within three days of the clock when it starts again have their jobs
      // then: at least those within three days of the kept clock (read to the minute), and none
      // more than three days and five minutes after it.
      const scheduledBy = (ms: number) =>
        ownDb.reminder.count({ where: { state: "scheduled", fireAt: { lte: new Date(keptAt.toMillis() + ms) } } });
      const surelyQueued = await scheduledBy(REMINDER_JOB_HORIZON_MS);
      const mayBeQueued = await scheduledBy(REMINDER_JOB_HORIZON_MS + 5 * 60_000);
      expect(await reminderQueue.getDelayedCount()).toBe(0);

      // Started again: the clock carries on from where it was left, not from the real date, and the channel is back.
      const second = startConsole(ownEnv, cwd);
      const restarted = await second.waitFor(READY, 30_000);
      expect(restarted).not.toContain("[Y/n]");
      expect(restarted).toContain(`The console's clock carries on from where it was left: ${bye} (${zone}).`);
      expect(restarted).toContain("Channels made here before: #estates.");
      // Queued again, each timed from the console's clock: none sooner than its time on that clock.
      const queued = await reminderQueue.getDelayed();
      expect(queued.length).toBeGreaterThanOrEqual(surelyQueued);
      expect(queued.length).toBeLessThanOrEqual(mayBeQueued);
      for (const job of queued) {
        const row = await ownDb.reminder.findUniqueOrThrow({ where: { id: job.id! } });
        expect(job.timestamp + job.delay - Date.now()).toBeGreaterThan(
          row.fireAt.getTime() - keptAt.toMillis() - 5 * 60_000,
        );
      }
      second.type(":clock");
      const says = /The console's clock says ([^(]+) \(/.exec(
        await second.waitFor(/The console's clock says [^\n]+\n/),
      )![1]!;
      const resumedAt = readClock(says, "cccc d LLLL yyyy, HH:mm");
      expect(resumedAt.diff(keptAt, "minutes").minutes).toBeGreaterThanOrEqual(0);
      expect(resumedAt.diff(keptAt, "minutes").minutes).toBeLessThan(5);
      await second.waitFor(READY);
      // "#estates" is the channel again (Slack turns it into a mention only for a channel that exists), so the board is found by it.
      second.type(":in #general");
      await second.waitFor(READY);
      second.type("/board #estates");
      await second.waitFor(/│ EST · Estates Board/);
      await second.waitFor(READY);
      second.type(":in #estates");
      const back = await second.waitFor(/You are now in #estates\./);
      expect(back).not.toContain("is a new channel");
      await second.waitFor(READY);
      second.type(":quit");
      await second.waitFor(/Bye: the console's clock \([^)]+\) and channels are kept for next time\./);
      expect(await second.exited).toBe(0);
    } finally {
      await reminderQueue.close();
      await ownDb.$disconnect();
      await own.drop();
      await deleteRedisKeys(ownPrefix);
    }
  }, 240_000);

  it("stops with the configuration error in production instead of starting the console", async () => {
    const app = startConsole({ ...env, NODE_ENV: "production" }, cwd);
    expect(await app.exited).toBe(1);
    expect(app.output()).toBe("");
    expect(app.stderr()).toMatch(
      /^Configuration error: SLACK_BOT_TOKEN is missing: [^\n]*SLACK_SIGNING_SECRET is missing: [^\n]*NODE_ENV is production, so there is no local console/,
    );
  });
});
