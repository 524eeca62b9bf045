// /minutes end to end: paste, review what was found, import; the meeting, its
// actions and the next meeting written together, the digest in the channel, owners
// told, reminders planned; the same minutes twice create nothing new.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { renderBlocksAsText } from "../../src/slack/views/render-text";
import { startTestApp, type TestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const CHANNEL = "C0LCRB";
// Mon 23 Nov 2026, 10:00 London.
const now = runningClock("2026-11-23T10:00:00Z");

const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of Meeting",
  "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
  "",
  "Present",
  "Jo Marsh\tChair",
  "Dev Patel\tLondon Councils",
  "Ruth Ade\tMOPAC",
  "",
  "ITEM 1. Welcome",
  "The Chair opened the meeting.",
  "",
  "ITEM 2. Knife crime",
  "The Board agreed the refreshed partnership approach.",
  "Action 1: London Councils and MOPAC to publish the knife crime partnership plan by the end of January 2027.",
  "",
  "ITEM 3. Victims' services",
  "Action 2: Ruth Ade to circulate the victims' services review by the next meeting.",
  "",
  "Date of next LCRB meeting: 11 March 2027. 12:00pm at City Hall",
].join("\n");

describe("/minutes", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp({ now });
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
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  const openPasteForm = async () => {
    const since = app.fake.calls.length;
    await app.slack.command("/minutes", "", { userId: SECRETARY, channelId: CHANNEL, triggerId: `T${Date.now()}` });
    return (await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "minutes.paste", 5000, since)).args
      .view as Json;
  };
  const submit = (view: Json, values: Json) =>
    app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      view: {
        id: "V0MINUTES",
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values },
      },
    });

  it("reads pasted minutes into a review form, and imports what was checked in one go", async () => {
    const form = await openPasteForm();
    const read = await submit(form, {
      minutes_text: { value: { value: MINUTES } },
      meeting_date: { value: { selected_date: null } },
    });
    const answer = read.json as { response_action: string; view: Json };
    expect(answer.response_action).toBe("update");
    const review = answer.view;
    const shown = renderBlocksAsText(review.blocks as unknown[]);
    expect(shown).toContain("LCRB · Thu 19 Nov 2026 · London Crime Reduction Board");
    expect(shown).toContain("3 present · 3 items · 1 decisions · 2 actions found");
    expect(shown).toContain("1. Action · line 15 (optional): <text: Publish the knife crime partnership plan>");
    // "London Councils and MOPAC" are two owners outside Slack; Ruth Ade, present, is no one in Slack yet.
    expect(shown).toContain("Owners outside Slack (optional): <text: London Councils, MOPAC>");
    expect(shown).toContain("Owners outside Slack (optional): <text: Ruth Ade>");
    expect(shown).toContain("Due (optional): <text: by the end of January 2027>");
    expect(shown).toContain("[x] Schedule it: Thu 11 Mar 2027, 12:00, City Hall");
    // Nothing is written before the import is confirmed.
    expect(await db().meeting.count({ where: { boardId } })).toBe(0);

    // Confirmed: the first action kept for the bodies; the second given to a Slack user.
    const confirmed = await submit(review, {
      a_f0_text: { value: { value: "Publish the knife crime partnership plan" } },
      a_f0_named: { value: { value: "London Councils, MOPAC" } },
      a_f0_people: { value: { selected_users: [] } },
      a_f0_due: { value: { value: "by the end of January 2027" } },
      a_f0_remove: { value: { selected_options: [] } },
      a_f1_text: { value: { value: "Circulate the victims' services review" } },
      a_f1_named: { value: { value: "" } },
      a_f1_people: { value: { selected_users: [OWNER] } },
      a_f1_due: { value: { value: "by the next meeting" } },
      a_f1_remove: { value: { selected_options: [] } },
      next_meeting: { value: { selected_options: [{ value: "include" }] } },
    });
    expect(confirmed.json).toEqual({ response_action: "clear" });
    const digest = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("LCRB · Thu 19 Nov 2026"),
    );
    const meetings = await db().meeting.findMany({
      where: { boardId },
      orderBy: { startsAt: "asc" },
      include: {
        attendees: true,
        items: true,
        originatedActions: { include: { owners: true }, orderBy: { number: "asc" } },
      },
    });
    expect(meetings.map((m) => [m.status, m.startsAt.toISOString(), m.location])).toEqual([
      ["held", "2026-11-19T15:30:00.000Z", "Committee Room 4, City Hall"],
      ["scheduled", "2027-03-11T12:00:00.000Z", "City Hall"],
    ]);
    const [held, next] = meetings as [(typeof meetings)[number], (typeof meetings)[number]];
    expect(held.attendees.map((a) => a.name)).toEqual(["Jo Marsh", "Dev Patel", "Ruth Ade"]);
    expect(held.items.map((i) => i.heading)).toEqual(["Welcome", "Knife crime", "Victims' services"]);
    expect(
      held.originatedActions.map((a) => [
        a.reference,
        a.text,
        a.owners.map((o) => o.bodyName ?? o.slackUserId),
        a.dueAt?.toISOString(),
        a.dueMeetingId,
        a.sourceLine,
      ]),
    ).toEqual([
      [
        "LCRB-1",
        "Publish the knife crime partnership plan",
        ["London Councils", "MOPAC"],
        "2027-01-31T00:00:00.000Z",
        null,
        15,
      ],
      ["LCRB-2", "Circulate the victims' services review", [OWNER], "2027-03-11T00:00:00.000Z", next.id, 18],
    ]);
    // Reminders for the actions and for the next meeting, with their jobs.
    const reminders = await db().reminder.findMany({ where: { workspaceId, state: "scheduled" } });
    expect(
      reminders
        .filter((r) => r.meetingId === next.id)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["matters_arising", "papers_call", "papers_last_call"]);
    expect(
      reminders
        .filter((r) => r.actionId === held.originatedActions[1]!.id && r.kind === "due_day")
        .map((r) => r.recipient),
    ).toEqual([`user:${OWNER}`]);
    // The digest, readable as a person sees it.
    const text = renderBlocksAsText(digest.args.blocks as unknown[]);
    expect(text).toContain("LCRB · Thu 19 Nov 2026 · Committee Room 4, City Hall");
    expect(text).toContain("Present: 3 (Jo Marsh, Dev Patel, Ruth Ade)");
    expect(text).toContain(
      "LCRB-1  Publish the knife crime partnership plan · London Councils, MOPAC · by Sun 31 Jan 2027",
    );
    expect(text).toContain("Next meeting: Thu 11 Mar 2027, 12:00, City Hall");
    // The owner is told; the importer hears back where they ran the command.
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OWNER && String(c.args.text).includes("LCRB-2"),
    );
    await app.fake.waitFor(
      "chat.postEphemeral",
      (c) =>
        c.args.user === SECRETARY &&
        String(c.args.text).startsWith("Minutes imported for LCRB: 2 actions (LCRB-1, LCRB-2)"),
    );
  });

  it("imports the same minutes once: a second paste is refused and changes nothing", async () => {
    const before = {
      meetings: await db().meeting.count(),
      actions: await db().action.count(),
      imports: await db().minutesImport.count(),
    };
    const form = await openPasteForm();
    const again = await submit(form, {
      minutes_text: { value: { value: `${MINUTES.replace(/\n/g, "\n\n")}  ` } },
      meeting_date: { value: { selected_date: null } },
    });
    expect(again.json).toEqual({
      response_action: "errors",
      errors: {
        minutes_text: expect.stringContaining(
          "These minutes are already in: imported on Mon 23 Nov 2026 by you as the LCRB meeting of Thu 19 Nov 2026. Nothing new was created.",
        ),
      },
    });
    expect({
      meetings: await db().meeting.count(),
      actions: await db().action.count(),
      imports: await db().minutesImport.count(),
    }).toEqual(before);
  });

  it("refuses text too short to be minutes, and /minutes where there is no board, saying what works", async () => {
    const form = await openPasteForm();
    const short = await submit(form, {
      minutes_text: { value: { value: "Meeting was fine." } },
      meeting_date: { value: { selected_date: null } },
    });
    expect(JSON.stringify(short.json)).toContain("That is too short to be minutes: nothing was imported.");
    await app.slack.command("/minutes", "", { userId: SECRETARY, channelId: "C0RANDOM", triggerId: "T0NOWHERE" });
    const nowhere = JSON.stringify((await formShown(app.fake, (c) => c.args.trigger_id === "T0NOWHERE")).args.view);
    expect(nowhere).toContain("This channel is not a board's channel");
    expect(nowhere).toContain("/minutes #LCRB");
  });
});

describe("importing a minutes file", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const corpus = path.join(__dirname, "..", "fixtures", "minutes", "corpus");

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    await db().board.create({
      data: {
        workspaceId,
        code: "LCAS",
        name: "Lowfield Scrutiny",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
      },
    });
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  const progressFor = (fileName: string, words: string) =>
    app.fake.waitFor(
      "chat.update",
      (c) => String(c.args.text).startsWith(fileName) && String(c.args.text).includes(words),
      15_000,
    );

  it("reads a PDF shared in the board channel in a worker, shows what it found, and imports it after review", async () => {
    app.fake.addFile({
      id: "F0PDF",
      name: "scrutiny-sept.pdf",
      bytes: readFileSync(path.join(corpus, "14_lowfield-ca-scrutiny-2024-09.pdf")),
    });
    await app.slack.interaction({
      type: "message_action",
      callback_id: "import_minutes",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      channel: { id: CHANNEL, name: "lcas" },
      message_ts: "1700000100.000300",
      message: {
        type: "message",
        user: SECRETARY,
        ts: "1700000100.000300",
        text: "September minutes",
        files: [{ id: "F0PDF", name: "scrutiny-sept.pdf" }],
      },
    });
    // A message to the importer, turned by the worker into what was found.
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === SECRETARY && String(c.args.text) === "Reading scrutiny-sept.pdf for LCAS…",
    );
    const ready = await progressFor("scrutiny-sept.pdf", "read: 4 actions, 8 items, next meeting Mon 4 Nov 2024");
    expect(app.fake.callsTo("file_download").map((c) => c.status)).toEqual([200]);
    const importId = JSON.stringify(ready.args.blocks).match(/"action_id":"minutes.review","value":"([^"]+)"/)?.[1];
    expect(importId).toBeDefined();

    await app.slack.button({
      actionId: "minutes.review",
      value: importId!,
      userId: SECRETARY,
      channelId: `D${SECRETARY}`,
    });
    const opened = await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "minutes.preview");
    const review = opened.args.view as Json;
    // The secretary gives the meeting's date where the review asks for it.
    const values: Json = {
      next_meeting: { value: { selected_options: [{ value: "include" }] } },
      meeting_date: { value: { selected_date: "2024-09-09" } },
    };
    // Every action as found: each field as the form shows it.
    for (const block of review.blocks as Array<{ type: string; block_id: string; element: Json }>) {
      const match = /^a_f\d+_(text|named|due|people|remove)$/.exec(block.block_id ?? "");
      if (!match) continue;
      const element = block.element;
      values[block.block_id] = {
        value:
          match[1] === "people"
            ? { selected_users: element.initial_users ?? [] }
            : match[1] === "remove"
              ? { selected_options: [] }
              : { value: element.initial_value ?? "" },
      };
    }
    await app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      view: {
        id: "V0REVIEW",
        type: "modal",
        callback_id: "minutes.preview",
        private_metadata: review.private_metadata,
        state: { values },
      },
    });
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("LCAS · Mon 9 Sep 2024"),
    );
    const meeting = await db().meeting.findFirstOrThrow({
      where: { status: "held" },
      include: { originatedActions: true },
    });
    expect(meeting.sourceFileName).toBe("scrutiny-sept.pdf");
    expect(meeting.originatedActions).toHaveLength(4);
    expect(await db().minutesImport.findUniqueOrThrow({ where: { id: importId! } })).toMatchObject({
      status: "confirmed",
      meetingId: meeting.id,
      sourceText: null,
    });

    // Pressing Review again finds nothing left to import.
    const since = app.fake.calls.length;
    await app.slack.button({
      actionId: "minutes.review",
      value: importId!,
      userId: SECRETARY,
      channelId: `D${SECRETARY}`,
    });
    const again = (await formShown(app.fake, (c) => c.method === "views.update", 5000, since)).args.view as Json;
    expect(again.callback_id).toBe("form.problem");
    expect(JSON.stringify(again.blocks)).toContain("already been imported");
  });

  it("offers to import a document shared in a board channel, and says plainly when a file cannot be read", async () => {
    app.fake.addFile({
      id: "F0BROKEN",
      name: "minutes-oct.pdf",
      bytes: Buffer.from("%PDF-1.4 this is not really a pdf"),
    });
    await app.slack.event({
      type: "file_shared",
      file_id: "F0BROKEN",
      user_id: SECRETARY,
      channel_id: CHANNEL,
      event_ts: "1700000200.000100",
    });
    const offer = await app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === SECRETARY && String(c.args.text) === "Import minutes-oct.pdf as minutes of LCAS?",
    );
    expect(JSON.stringify(offer.args.blocks)).toContain('"value":"F0BROKEN"');
    await app.slack.button({
      actionId: "minutes.import_file",
      value: "F0BROKEN",
      userId: SECRETARY,
      channelId: CHANNEL,
    });
    const failed = await progressFor("minutes-oct.pdf", "could not be imported");
    expect(String(failed.args.text)).toContain("does not look like a valid PDF file");
    const row = await db().minutesImport.findFirstOrThrow({ where: { slackFileId: "F0BROKEN" } });
    expect(row).toMatchObject({ status: "failed" });
    // A spreadsheet shared in the channel is not offered.
    app.fake.addFile({ id: "F0SHEET", name: "budget.xlsx", bytes: Buffer.from("xlsx") });
    const offersBefore = app.fake.callsTo("chat.postEphemeral").length;
    await app.slack.event({
      type: "file_shared",
      file_id: "F0SHEET",
      user_id: SECRETARY,
      channel_id: CHANNEL,
      event_ts: "1700000200.000200",
    });
    await app.fake.waitFor("files.info", (c) => c.args.file === "F0SHEET");
    await new Promise((r) => setTimeout(r, 100));
    expect(app.fake.callsTo("chat.postEphemeral").length).toBe(offersBefore);
  });
});
