// imports.repair: a minutes file import left pending or parsing with no job in hand
// (its worker died and BullMQ gave up, or Redis lost the job) is queued again while it
// has reads left, else failed and its importer told once; a job retaken after its
// worker died reads again. Real PostgreSQL, Redis (BullMQ) and the local Slack.
import { randomUUID } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { QueueEvents, UnrecoverableError, Worker, type Job } from "bullmq";
import { importMinutesJob } from "../../jobs/minutes/import-minutes";
import { importStuckAfterMs, repairImports } from "../../jobs/minutes/repair-imports";
import { MAX_IMPORT_READS } from "../../jobs/minutes/stop-import";
import { IMPORT_TAKEN_OVER, prepareImport } from "../../src/domain/minutes/prepare-import";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { singleWorkspaceClients } from "../../src/slack/clients";
import { TEST_REDIS_URL } from "../support/redis";
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from "../support/test-app";

const SECRETARY = "U0SECRETARY";
const CHANNEL = "C0LCRB";
const STOPPED = (file: string) =>
  `Minutebook stopped while reading ${file}; nothing was imported. Share it again, or paste the text with /minutes.`;

const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of Meeting",
  "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
  "",
  "Present",
  "Jo Marsh\tChair",
  "Ruth Ade\tMOPAC",
  "",
  "ITEM 1. Knife crime",
  "Action 1: MOPAC to publish the knife crime partnership plan by the end of January 2027.",
  "",
  "Date of next LCRB meeting: 11 March 2027. 12:00pm at City Hall",
].join("\n");

type Status = "pending" | "parsing" | "previewed" | "failed" | "confirmed";
type JobPlace = "none" | "waiting" | "active" | "failed" | "completed";

describe("the imports sweep", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;
  let slack: WebClient;
  /** Takes jobs off the imports queue by hand, to put them where a test needs them. */
  let handWorker: Worker;
  const db = () => app.runtime.db;
  const imports = () => app.runtime.queues.queue("imports");
  const stuckAfterMs = () => importStuckAfterMs(app.config.workerLockMs);
  const sweep = () =>
    repairImports(
      {
        db: db(),
        slackFor: singleWorkspaceClients(TEST_BOT_TOKEN, { slackApiUrl: app.fake.apiUrl }),
        logger: app.logs.logger,
        now: () => new Date(),
      },
      { queues: app.runtime.queues, stuckAfterMs: stuckAfterMs() },
    );

  beforeAll(async () => {
    // No minutes.import worker: jobs stay where the tests put them.
    app = await startTestApp({ jobDefinitions: [] });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    boardId = (
      await db().board.create({
        data: {
          workspaceId,
          code: "LCRB",
          name: "London Crime Reduction Board",
          slackChannelId: CHANNEL,
          secretarySlackUserId: SECRETARY,
        },
      })
    ).id;
    slack = new WebClient(TEST_BOT_TOKEN, { slackApiUrl: app.fake.apiUrl });
    handWorker = new Worker("imports", null, {
      connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null },
      prefix: app.config.redisKeyPrefix,
      autorun: false,
    });
  });
  afterAll(async () => {
    await handWorker.close();
    await app.stop();
  });
  beforeEach(async () => {
    await db().minutesImport.deleteMany();
    await imports().obliterate({ force: true });
  });
  afterEach(() => app.fake.assertNoViolations());

  /** An import as a file import leaves it: a "Reading …" message (unless not), a row, and its job where asked. */
  const anImport = async ({
    status,
    readAttempts,
    job,
    isOld = true,
    hasProgress = true,
    board = boardId,
    importer = SECRETARY,
  }: {
    status: Status;
    readAttempts: number;
    job: JobPlace;
    isOld?: boolean;
    hasProgress?: boolean;
    board?: string;
    importer?: string;
  }) => {
    const fileName = `minutes-${randomUUID().slice(0, 8)}.pdf`;
    // A file of its own: one file has one import under way.
    const slackFileId = `F0${randomUUID().replace(/-/g, "").slice(0, 9).toUpperCase()}`;
    const progress = hasProgress
      ? await slack.chat.postMessage({ channel: importer, text: `Reading ${fileName} for LCRB…` })
      : undefined;
    const updatedAt = new Date(Date.now() - (isOld ? stuckAfterMs() + 1000 : 0));
    const row = await db().minutesImport.create({
      data: {
        workspaceId,
        boardId: board,
        status,
        readAttempts,
        slackFileId,
        fileName,
        createdBySlackUserId: importer,
        progressChannelId: progress?.channel ?? null,
        progressMessageTs: progress?.ts ?? null,
        updatedAt,
      },
    });
    if (job !== "none") {
      await app.runtime.queues.enqueue(importMinutesJob, { importId: row.id }, { jobId: row.id });
      if (job !== "waiting") {
        const token = randomUUID();
        const taken = (await handWorker.getNextJob(token)) as Job;
        expect(taken.id).toBe(row.id);
        // Failed for good, as BullMQ fails a job that stalled once too often.
        if (job === "failed")
          await taken.moveToFailed(new UnrecoverableError("job stalled more than allowable limit"), token);
        if (job === "completed") await taken.moveToCompleted("skipped", token);
      }
    }
    // As the database has it: updatedAt is what the sweep compares.
    return db().minutesImport.findUniqueOrThrow({ where: { id: row.id } });
  };
  const rowOf = (id: string) => db().minutesImport.findUniqueOrThrow({ where: { id } });
  const slackCallsSince = (before: number) =>
    app.fake.calls
      .slice(before)
      .filter((c) => ["chat.update", "chat.postMessage", "chat.postEphemeral"].includes(c.method));

  it("queues again an unfinished import whose job is gone, failed or finished, and leaves alone those in hand, recent or done", async () => {
    const lost = await anImport({ status: "parsing", readAttempts: 1, job: "none" });
    const gaveUp = await anImport({ status: "parsing", readAttempts: 2, job: "failed" });
    const skipped = await anImport({ status: "pending", readAttempts: 0, job: "completed" });
    const neverQueued = await anImport({ status: "pending", readAttempts: 0, job: "none" });
    const running = await anImport({ status: "parsing", readAttempts: 1, job: "active" });
    const waiting = await anImport({ status: "pending", readAttempts: 0, job: "waiting" });
    const recent = await anImport({ status: "parsing", readAttempts: 1, job: "none", isOld: false });
    const done = await Promise.all(
      (["previewed", "failed", "confirmed"] as const).map((status) =>
        anImport({ status, readAttempts: 1, job: "none" }),
      ),
    );
    const before = app.fake.calls.length;

    expect(await sweep()).toEqual({ checked: 6, requeued: 4, stopped: 0 });

    for (const row of [lost, gaveUp, skipped, neverQueued]) {
      expect(await rowOf(row.id)).toMatchObject({ status: "pending", readAttempts: row.readAttempts });
      expect(await imports().getJobState(row.id)).toBe("waiting");
    }
    // A job given up on by BullMQ is sent round again with its attempts afresh.
    expect((await imports().getJob(gaveUp.id))?.attemptsMade).toBe(0);
    for (const row of [running, waiting, recent, ...done]) expect(await rowOf(row.id)).toEqual(row);
    expect(await imports().getJobState(running.id)).toBe("active");
    expect(slackCallsSince(before)).toEqual([]);

    // A second run finds them all in hand.
    expect(await sweep()).toEqual({ checked: 2, requeued: 0, stopped: 0 });
    expect(app.logs.records().filter((r) => r.msg === "could not queue a minutes import again")).toEqual([]);
  });

  it("fails an import whose reads are used up, tells its importer once in place of the Reading message (or by DM without one), and a second run does nothing", async () => {
    const inPlace = await anImport({ status: "parsing", readAttempts: MAX_IMPORT_READS, job: "failed" });
    // Another importer: a DM of their own, not paced behind the Reading message just posted to the secretary.
    const byDm = await anImport({
      status: "pending",
      readAttempts: MAX_IMPORT_READS,
      job: "none",
      hasProgress: false,
      importer: "U0CHAIR",
    });
    const before = app.fake.calls.length;

    expect(await sweep()).toEqual({ checked: 2, requeued: 0, stopped: 2 });

    expect(await rowOf(inPlace.id)).toMatchObject({ status: "failed", error: STOPPED(inPlace.fileName!) });
    expect(await rowOf(byDm.id)).toMatchObject({ status: "failed", error: STOPPED(byDm.fileName!) });
    const told = slackCallsSince(before)
      .map((c) => ({ method: c.method, channel: c.args.channel, ts: c.args.ts, text: c.args.text, status: c.status }))
      .sort((a, b) => a.method.localeCompare(b.method));
    expect(told).toEqual([
      { method: "chat.postMessage", channel: "U0CHAIR", ts: undefined, text: STOPPED(byDm.fileName!), status: 200 },
      {
        method: "chat.update",
        channel: inPlace.progressChannelId,
        ts: inPlace.progressMessageTs,
        text: STOPPED(inPlace.fileName!),
        status: 200,
      },
    ]);
    // Nothing queued: the file is not read a fourth time.
    expect(await imports().getJobState(byDm.id)).toBe("unknown");

    const after = app.fake.calls.length;
    expect(await sweep()).toEqual({ checked: 0, requeued: 0, stopped: 0 });
    expect(slackCallsSince(after)).toEqual([]);
  });

  it("fails an import whose board was deleted while it was read, telling its importer, however many reads it has left", async () => {
    const gone = await db().board.create({
      data: {
        workspaceId,
        code: "GONE",
        name: "Gone Board",
        slackChannelId: "C0GONE",
        secretarySlackUserId: SECRETARY,
      },
    });
    const orphan = await anImport({ status: "parsing", readAttempts: 1, job: "none", board: gone.id });
    await db().board.delete({ where: { id: gone.id } });
    const before = app.fake.calls.length;

    expect(await sweep()).toEqual({ checked: 1, requeued: 0, stopped: 1 });

    const problem = "The board these minutes were for was deleted while they were being read, so nothing was imported.";
    expect(await rowOf(orphan.id)).toMatchObject({
      status: "failed",
      boardId: null,
      error: `${orphan.fileName} could not be imported: ${problem}`,
    });
    const told = slackCallsSince(before);
    expect(told.map((c) => [c.method, c.args.ts, c.args.text])).toEqual([
      ["chat.update", orphan.progressMessageTs, `${orphan.fileName} could not be imported: ${problem}`],
    ]);
    expect(JSON.stringify(told[0]!.args.blocks)).toContain(
      "Share the file in a board's channel, or paste the text with /minutes.",
    );
    expect(await imports().getJobState(orphan.id)).toBe("unknown");
  });

  it("acts once when several sweeps run at once: each import is queued or stopped by one of them", async () => {
    // Each importer with a DM of their own: Slack paces messages to one conversation.
    const toQueue = [
      ...(await Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          anImport({ status: "parsing", readAttempts: 1, job: "failed", importer: `U0QUEUED${i}` }),
        ),
      )),
      // Queued again from pending to pending: only updatedAt tells the sweeps' moves apart.
      ...(await Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          anImport({ status: "pending", readAttempts: 0, job: "none", importer: `U0PENDING${i}` }),
        ),
      )),
    ];
    const toStop = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        anImport({ status: "parsing", readAttempts: MAX_IMPORT_READS, job: "none", importer: `U0STOPPED${i}` }),
      ),
    );
    const before = app.fake.calls.length;

    const results = await Promise.all(Array.from({ length: 4 }, () => sweep()));

    expect(results.reduce((sum, r) => sum + r.requeued, 0)).toBe(6);
    expect(results.reduce((sum, r) => sum + r.stopped, 0)).toBe(5);
    for (const row of toQueue) expect(await imports().getJobState(row.id)).toBe("waiting");
    const told = slackCallsSince(before);
    expect(told.map((c) => c.args.ts).sort()).toEqual(toStop.map((r) => r.progressMessageTs).sort());
    expect(app.logs.records().filter((r) => r.msg === "could not queue a minutes import again")).toEqual([]);
  });

  it("stores a reading only while its reader still holds the import: one taken over stores nothing", async () => {
    const row = await anImport({ status: "parsing", readAttempts: 2, job: "none" });
    const board = { id: boardId, code: "LCRB", timeZone: "Europe/London" };
    const stale = prepareImport(db(), {
      workspaceId,
      board,
      text: MINUTES,
      fileName: row.fileName,
      createdBySlackUserId: SECRETARY,
      claim: { importId: row.id, readAttempts: 1 },
    });
    await expect(stale).rejects.toMatchObject({ code: IMPORT_TAKEN_OVER });
    expect(await rowOf(row.id)).toEqual(row);
    const current = await prepareImport(db(), {
      workspaceId,
      board,
      text: MINUTES,
      fileName: row.fileName,
      createdBySlackUserId: SECRETARY,
      claim: { importId: row.id, readAttempts: 2 },
    });
    expect(current.extraction.actions).toHaveLength(1);
    expect(await rowOf(row.id)).toMatchObject({ status: "previewed", readAttempts: 2 });
  });
});

describe("minutes.import taken up again", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;
  let slack: WebClient;
  let queueEvents: QueueEvents;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp();
    queueEvents = new QueueEvents("imports", {
      connection: { url: TEST_REDIS_URL },
      prefix: app.config.redisKeyPrefix,
    });
    await queueEvents.waitUntilReady();
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    boardId = (
      await db().board.create({
        data: {
          workspaceId,
          code: "LCRB",
          name: "London Crime Reduction Board",
          slackChannelId: CHANNEL,
          secretarySlackUserId: SECRETARY,
        },
      })
    ).id;
    slack = new WebClient(TEST_BOT_TOKEN, { slackApiUrl: app.fake.apiUrl });
  });
  afterAll(async () => {
    await queueEvents.close();
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  /** A file import whose reader died: the file in Slack, its "Reading …" message, the row left as given. */
  const abandoned = async ({
    status,
    readAttempts,
    isOld,
    board = boardId,
  }: {
    status: "pending" | "parsing";
    readAttempts: number;
    isOld: boolean;
    board?: string;
  }) => {
    const fileId = `F0${randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase()}`;
    const fileName = `lcrb-${fileId.toLowerCase()}.txt`;
    app.fake.addFile({
      id: fileId,
      name: fileName,
      bytes: Buffer.from(MINUTES.replace("Knife crime", `Knife crime ${fileId}`)),
    });
    const progress = await slack.chat.postMessage({ channel: SECRETARY, text: `Reading ${fileName} for LCRB…` });
    const updatedAt = new Date(Date.now() - (isOld ? importStuckAfterMs(app.config.workerLockMs) + 1000 : 0));
    return db().minutesImport.create({
      data: {
        workspaceId,
        boardId: board,
        status,
        readAttempts,
        slackFileId: fileId,
        fileName,
        createdBySlackUserId: SECRETARY,
        progressChannelId: progress.channel!,
        progressMessageTs: progress.ts!,
        updatedAt,
      },
    });
  };
  const answersTo = (row: { progressMessageTs: string | null }) =>
    app.fake.callsTo("chat.update").filter((c) => c.args.ts === row.progressMessageTs);
  /** Resolves when the import's job has finished (BullMQ's own events: whether it had already, or later). */
  const finished = async (id: string) => {
    const job = await app.runtime.queues.queue("imports").getJob(id);
    await job!.waitUntilFinished(queueEvents, 15_000);
  };

  it("reads again an import its reader left parsing, and answers once: the Reading message becomes what was found", async () => {
    // As BullMQ hands on the job of a worker that died: the row is still parsing.
    const row = await abandoned({ status: "parsing", readAttempts: 1, isOld: false });
    await app.runtime.queues.enqueue(importMinutesJob, { importId: row.id }, { jobId: row.id });
    const ready = await app.fake.waitFor("chat.update", (c) => c.args.ts === row.progressMessageTs, 15_000);
    expect(String(ready.args.text)).toBe(
      `${row.fileName}: minutes of LCRB (Thu 19 Nov 2026) read: 1 action, 1 items, next meeting Thu 11 Mar 2027. Review them to import.`,
    );
    await finished(row.id);
    expect(await db().minutesImport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "previewed",
      readAttempts: 2,
    });
    expect(answersTo(row)).toHaveLength(1);
  });

  it("stops an import whose reads are used up when its job is taken up, telling the importer once", async () => {
    const row = await abandoned({ status: "parsing", readAttempts: MAX_IMPORT_READS, isOld: false });
    await app.runtime.queues.enqueue(importMinutesJob, { importId: row.id }, { jobId: row.id });
    const told = await app.fake.waitFor("chat.update", (c) => c.args.ts === row.progressMessageTs, 15_000);
    expect(told.args.text).toBe(STOPPED(row.fileName!));
    await finished(row.id);
    expect(await db().minutesImport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "failed",
      readAttempts: MAX_IMPORT_READS,
    });
    expect(app.fake.callsTo("file_download").filter((c) => c.args.file === row.slackFileId)).toEqual([]);
    expect(answersTo(row)).toHaveLength(1);
  });

  it("stops an import whose board was deleted before its job ran, without reading the file, telling the importer once", async () => {
    const gone = await db().board.create({
      data: {
        workspaceId,
        code: "GONE",
        name: "Gone Board",
        slackChannelId: "C0GONE",
        secretarySlackUserId: SECRETARY,
      },
    });
    const row = await abandoned({ status: "pending", readAttempts: 0, isOld: false, board: gone.id });
    await db().board.delete({ where: { id: gone.id } });
    await app.runtime.queues.enqueue(importMinutesJob, { importId: row.id }, { jobId: row.id });
    const told = await app.fake.waitFor("chat.update", (c) => c.args.ts === row.progressMessageTs, 15_000);
    expect(told.args.text).toBe(
      `${row.fileName} could not be imported: The board these minutes were for was deleted while they were being read, so nothing was imported.`,
    );
    await finished(row.id);
    expect(await db().minutesImport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "failed",
      boardId: null,
      readAttempts: 0,
    });
    expect(app.fake.callsTo("files.info").filter((c) => c.args.file === row.slackFileId)).toEqual([]);
    expect(answersTo(row)).toHaveLength(1);
  });

  it("has the sweep queue again an import whose job Redis lost, and a worker reads it", async () => {
    const row = await abandoned({ status: "parsing", readAttempts: 1, isOld: true });
    expect(await app.runtime.sweeps!.runNow("imports.repair")).toBe(true);
    const ready = await app.fake.waitFor("chat.update", (c) => c.args.ts === row.progressMessageTs, 15_000);
    expect(String(ready.args.text)).toContain(`${row.fileName}: minutes of LCRB (Thu 19 Nov 2026) read: 1 action`);
    await finished(row.id);
    expect(await db().minutesImport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "previewed",
      readAttempts: 2,
    });
    expect(answersTo(row)).toHaveLength(1);
    expect(
      app.logs
        .records()
        .some(
          (r) =>
            r.msg === "minutes imports left unfinished with no job in hand were queued again or stopped" &&
            r.requeued === 1,
        ),
    ).toBe(true);
  });
});
