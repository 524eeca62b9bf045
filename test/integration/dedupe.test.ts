// Slack's repeats are done once: a retried event (same event_id, X-Slack-Retry-Num), a
// resent command (same trigger_id), a button pressed twice; each repeat is answered 200
// so Slack stops. And a file is imported once however Import is pressed: twice at once,
// from two messages, or again while the first import is under way. Real app, PostgreSQL
// and Redis; no minutes.import worker, so an import stays where the test can see it.
import { randomUUID } from "node:crypto";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { startTestApp, type TestApp } from "../support/test-app";

const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const CHANNEL = "C0LCRB";
const IGNORED = "ignored a repeated Slack request";

type Json = Record<string, unknown>;

describe("repeated Slack requests", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp({ jobDefinitions: [] });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    await db().board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
      },
    });
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  const KEPT_BY_A_REPEAT = "work kept by a repeated Slack request; done by the first, not again";
  const ignored = () => app.logs.records().filter((r) => r.msg === IGNORED);
  /** A trigger id as Slack issues them, never issued before. */
  const newTriggerId = () => `${Math.floor(Date.now() / 1000)}123.4567890123.${randomUUID().replace(/-/g, "")}`;
  /** The repeat was acknowledged with nothing, and logged once as a repeated command since `before`. */
  const expectDroppedRepeat = (resent: { status: number; text: string }, before: number) => {
    expect(resent.status).toBe(200);
    expect(resent.text).toBe("");
    expect(
      ignored()
        .slice(before)
        .map((r) => r.kind),
    ).toEqual(["trigger"]);
  };
  /** Resolves once `condition` holds (checked as the app works), failing after `timeoutMs`. */
  const until = async (condition: () => boolean, what: string, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Still waiting for ${what} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const newFile = () => {
    const fileId = `F0${randomUUID().replace(/-/g, "").slice(0, 9).toUpperCase()}`;
    const fileName = `lcrb-${fileId.toLowerCase()}.txt`;
    app.fake.addFile({ id: fileId, name: fileName, bytes: Buffer.from("London Crime Reduction Board minutes") });
    return { fileId, fileName };
  };
  /** Import pressed on the offer message at `messageTs` (Slack says which message a button was on). */
  const pressImport = (fileId: string, messageTs = "1700000000.000100", channelId = CHANNEL) =>
    app.slack.interaction({
      type: "block_actions",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      container: { type: "message", message_ts: messageTs, channel_id: channelId, is_ephemeral: true },
      channel: { id: channelId, name: "board" },
      actions: [
        {
          type: "button",
          action_id: "minutes.import_file",
          block_id: "b",
          value: fileId,
          action_ts: String(Date.now() / 1000),
        },
      ],
    });
  const importsOf = (fileId: string) =>
    db().minutesImport.findMany({ where: { slackFileId: fileId }, orderBy: { createdAt: "asc" } });
  const readingMessages = (fileName: string) =>
    app.fake.callsTo("chat.postMessage").filter((c) => String(c.args.text) === `Reading ${fileName} for LCRB…`);
  const importJobs = async () =>
    (await app.runtime.queues.queue("imports").getJobs(["waiting", "delayed", "active", "completed", "failed"])).length;

  it("offers a file once when Slack retries its file_shared event", async () => {
    const { fileId, fileName } = newFile();
    const eventId = `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
    const body = JSON.stringify({
      token: "deprecated-verification-token",
      team_id: app.fake.teamId,
      api_app_id: "A0MINUTEBOOK",
      event: {
        type: "file_shared",
        file_id: fileId,
        user_id: SECRETARY,
        channel_id: CHANNEL,
        event_ts: "1700000300.000100",
      },
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: app.fake.teamId, user_id: app.fake.botUserId, is_bot: true }],
    });
    const offered = (c: { args: Json }) =>
      c.args.user === SECRETARY && String(c.args.text) === `Import ${fileName} as minutes of LCRB?`;

    expect((await app.slack.post(body, "application/json")).status).toBe(200);
    await app.fake.waitFor("chat.postEphemeral", offered);
    // Slack thought the first acknowledgement late, and sends it again, then again.
    const before = ignored().length;
    for (const retry of ["1", "2"]) {
      const again = await app.slack.post(body, "application/json", {
        headers: { "x-slack-retry-num": retry, "x-slack-retry-reason": "http_timeout" },
      });
      expect(again.status).toBe(200);
    }
    await until(() => ignored().length === before + 2, "the two retries to be ignored");

    expect(
      ignored()
        .slice(before)
        .map((r) => [r.kind, r.retryNum]),
    ).toEqual([
      ["event", 1],
      ["event", 2],
    ]);
    expect(app.fake.callsTo("chat.postEphemeral").filter(offered)).toHaveLength(1);
    expect(app.fake.callsTo("files.info").filter((c) => c.args.file === fileId)).toHaveLength(1);
  });

  it("adds an update's note once when the same /action update is sent again", async () => {
    const added = await (
      await app.slack.command("/action", `add Publish the knife crime plan <@${OWNER}> #LCRB`, {
        userId: SECRETARY,
        channelId: CHANNEL,
      })
    ).reply();
    const reference = String(added.text).split(" ")[0]!;
    const notes = async () =>
      (await db().actionEvent.findMany({ where: { action: { workspaceId, reference }, type: "note" } })).map(
        (e) => e.note,
      );
    const triggerId = newTriggerId();
    const update = (text: string, trigger?: string) =>
      app.slack.command("/action", `update ${reference} ${text}`, {
        userId: OWNER,
        channelId: CHANNEL,
        ...(trigger ? { triggerId: trigger } : {}),
      });

    const first = await update("First draft shared with the boroughs", triggerId);
    expect(String((await first.reply()).text)).toContain(`Update recorded on ${reference}`);
    const before = ignored().length;
    const keptByRepeats = () => app.logs.records().filter((r) => r.msg === KEPT_BY_A_REPEAT).length;
    const keptBefore = keptByRepeats();
    // The same request again: same trigger_id (a proxy's retry, or Slack's).
    const resent = await update("First draft shared with the boroughs", triggerId);

    expectDroppedRepeat(resent, before);
    // Its work went to Redis with its claim, before it knew it was a repeat (addIfFirst): run, it does nothing.
    await until(() => keptByRepeats() > keptBefore, "the repeat's work to run");
    expect(resent.replies()).toEqual([]);
    // Another update (its own trigger) is done as usual.
    expect(String((await (await update("Final draft with MOPAC")).reply()).text)).toContain(
      `Update recorded on ${reference}`,
    );
    expect(await notes()).toEqual(["First draft shared with the boroughs", "Final draft with MOPAC"]);
  });

  it("answers a /action list once when the same request is sent again", async () => {
    const triggerId = newTriggerId();
    const list = () =>
      app.slack.command("/action", "list open #LCRB", { userId: SECRETARY, channelId: CHANNEL, triggerId });
    const first = await list();
    expect(String((await first.reply()).text)).toMatch(/LCRB/);
    const before = ignored().length;
    const resent = await list();

    expectDroppedRepeat(resent, before);
    // A command sent after it is answered; the repeat, had it been read, would have answered first.
    await (await app.slack.command("/action", "help", { userId: SECRETARY, channelId: CHANNEL })).reply();
    expect(resent.replies()).toEqual([]);
    expect(first.replies()).toHaveLength(1);
  });

  it("opens the New action form once when /action alone is sent again", async () => {
    const triggerId = app.fake.issueTriggerId();
    const open = () => app.slack.command("/action", "", { userId: SECRETARY, channelId: CHANNEL, triggerId });
    const opened = () => app.fake.callsTo("views.open").filter((c) => c.args.trigger_id === triggerId).length;
    expect((await open()).status).toBe(200);
    await app.fake.waitFor("views.open", (c) => c.args.trigger_id === triggerId, 5_000);
    const before = ignored().length;
    const resent = await open();

    expectDroppedRepeat(resent, before);
    // A command sent after it is answered; a form opened for the repeat would have been asked for by then.
    await (await app.slack.command("/action", "help", { userId: SECRETARY, channelId: CHANNEL })).reply();
    expect(opened()).toBe(1);
  });

  it("starts one import when Import is pressed twice at once, and acknowledges the second press", async () => {
    const { fileId, fileName } = newFile();
    const before = ignored().length;
    const jobsBefore = await importJobs();
    // The first press is still in hand (Slack slow to answer files.info) when the second comes.
    app.fake.delayNextAnswer("files.info", 300);

    const presses = await Promise.all([pressImport(fileId), pressImport(fileId)]);

    expect(presses.map((p) => p.status)).toEqual([200, 200]);
    const answer = await Promise.any(presses.map((p) => p.reply()));
    expect(answer.text).toBe(`Reading ${fileName}: I'll message you what I find.`);
    // The other press was acknowledged with nothing to say, and went no further.
    expect(
      ignored()
        .slice(before)
        .map((r) => r.kind),
    ).toEqual(["press"]);
    expect(presses.map((p) => p.replies().length).sort()).toEqual([0, 1]);
    expect((await importsOf(fileId)).map((r) => r.status)).toEqual(["pending"]);
    expect(readingMessages(fileName)).toHaveLength(1);
    expect(await importJobs()).toBe(jobsBefore + 1);
  });

  it("starts one import of a file pressed on two messages, and tells the second press which import is under way", async () => {
    const { fileId, fileName } = newFile();
    const presses = await Promise.all([
      pressImport(fileId, "1700000400.000100"),
      pressImport(fileId, "1700000400.000200"),
    ]);
    const answers = (await Promise.all(presses.map((p) => p.reply()))).map((r) => String(r.text)).sort();

    expect(answers).toEqual(
      [
        `${fileName} is already being read for LCRB. I'll message you what I find.`,
        `Reading ${fileName}: I'll message you what I find.`,
      ].sort(),
    );
    const [row] = await importsOf(fileId);
    expect((await importsOf(fileId)).map((r) => ({ status: r.status, liveSlackFileId: r.liveSlackFileId }))).toEqual([
      { status: "pending", liveSlackFileId: fileId },
    ]);
    expect(readingMessages(fileName)).toHaveLength(1);

    // Pressed again later (the message shortcut, or the offer once more): the same import, said so.
    const later = await (await pressImport(fileId, "1700000400.000300")).reply();
    expect(later.text).toBe(`${fileName} is already being read for LCRB. I'll message you what I find.`);
    // Read and waiting for review: the answer offers the review instead.
    await db().minutesImport.update({ where: { id: row!.id }, data: { status: "previewed" } });
    const read = await (await pressImport(fileId, "1700000400.000400")).reply();
    expect(read.text).toBe(
      `${fileName} has already been read for LCRB and is waiting to be reviewed. Nothing new was started.`,
    );
    expect(JSON.stringify(read.blocks)).toContain(`"action_id":"minutes.review","value":"${row!.id}"`);
    expect(await importsOf(fileId)).toHaveLength(1);
  });

  it("names the board a file is being imported for when it is pressed in another board's channel", async () => {
    await db().board.create({
      data: {
        workspaceId,
        code: "CTB",
        name: "Counter Terrorism Board",
        slackChannelId: "C0CTB",
        secretarySlackUserId: SECRETARY,
      },
    });
    const { fileId, fileName } = newFile();
    await (await pressImport(fileId, "1700000600.000100")).reply();
    const elsewhere = await (await pressImport(fileId, "1700000600.000200", "C0CTB")).reply();
    expect(elsewhere.text).toBe(`${fileName} is already being read for LCRB. I'll message you what I find.`);
    expect((await importsOf(fileId)).map((r) => r.status)).toEqual(["pending"]);
  });

  it("imports a file again once its import has ended", async () => {
    const { fileId, fileName } = newFile();
    await (await pressImport(fileId, "1700000500.000100")).reply();
    const [first] = await importsOf(fileId);
    // It failed (or was cancelled, or confirmed): the file is free again, whatever code moved it.
    await db().minutesImport.updateMany({
      where: { id: first!.id },
      data: { status: "failed", error: "Slack was down" },
    });
    expect((await importsOf(fileId))[0]!.liveSlackFileId).toBeNull();

    const again = await (await pressImport(fileId, "1700000500.000200")).reply();

    expect(again.text).toBe(`Reading ${fileName}: I'll message you what I find.`);
    expect((await importsOf(fileId)).map((r) => r.status)).toEqual(["failed", "pending"]);
    expect(readingMessages(fileName)).toHaveLength(2);
  });
});
