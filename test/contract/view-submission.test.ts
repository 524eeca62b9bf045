// Forms submitted as Slack submits them (view_submission, fixtures/README.md): the view the
// app showed, echoed back with state.values in Slack's shape for each kind of input the app
// uses (plain_text_input, multi_users_select, datepicker, static_select, users_select,
// checkboxes, radio_buttons). Each answered as it should be, with the rows written; a
// refusal names only fields that are on the form, or Slack shows nothing.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { startTestApp, type TestApp } from "../support/test-app";
import { formShown, sendCommand, submitForm, type Json, type Sent } from "./contract-support";

const now = runningClock("2026-11-23T10:00:00Z");
const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const RUTH = "U0RUTH";
const CHANNEL = "C0LCRB";
const secretary = { USER_ID: SECRETARY, USER_NAME: "secretary" };

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
  "The Board agreed the refreshed partnership approach.",
  "Action 1: London Councils and MOPAC to publish the knife crime partnership plan by the end of January 2027.",
  "",
  "ITEM 2. Victims' services",
  "Action 2: Ruth Ade to circulate the victims' services review by the next meeting.",
  "",
  "Date of next LCRB meeting: 11 March 2027. 12:00pm at City Hall",
].join("\n");

describe("view_submission, as Slack sends it", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;
  const db = () => app.runtime.db;
  const command = (COMMAND: string, TEXT: string) =>
    sendCommand(app, { COMMAND, TEXT, ...secretary, CHANNEL_ID: CHANNEL, CHANNEL_NAME: "lcrb" });
  /** A refusal shows on the form only against its input blocks: any other key and Slack shows nothing. */
  const refusedOnFields = (answer: Sent, view: Json, fields: string[]) => {
    expect(answer.json?.response_action).toBe("errors");
    const errors = Object.keys(answer.json?.errors as Json);
    const inputs = (view.blocks as Array<{ type: string; block_id?: string }>)
      .filter((b) => b.type === "input")
      .map((b) => b.block_id);
    expect(errors.filter((key) => !inputs.includes(key))).toEqual([]);
    expect(errors.sort()).toEqual([...fields].sort());
  };

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addUser({ id: SECRETARY, name: "secretary", realName: "Sam Okafor" });
    app.fake.addUser({ id: OWNER, name: "owner", realName: "Olu Owens" });
    app.fake.addUser({ id: RUTH, name: "ruth", realName: "Ruth Ade" });
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", members: [SECRETARY, OWNER, RUTH] });
    boardId = (
      await db().board.create({
        data: {
          workspaceId,
          code: "LCRB",
          name: "London Crime Reduction Board",
          slackChannelId: CHANNEL,
          secretarySlackUserId: SECRETARY,
          createdBySlackUserId: SECRETARY,
        },
      })
    ).id;
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => app.fake.assertNoViolations());

  it("the New action form: text, owners in Slack and outside it, a date and a board", async () => {
    await command("/action", "");
    const form = await formShown(app, "action.modal");
    const empty = await submitForm(app, form, secretary, { text: null });
    refusedOnFields(empty, form.view, ["text"]);

    const before = await db().action.count();
    const sent = await submitForm(app, form, secretary, {
      text: "Commission the estates review",
      owner_users: [OWNER],
      owner_bodies: "MOPAC",
      due_date: "2026-12-18",
      board: boardId,
    });
    expect(sent.status).toBe(200);
    expect(sent.json?.response_action ?? "close").not.toBe("errors");
    const told = await app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === SECRETARY && String(c.args.text).includes("Commission the estates review"),
    );
    const reference = String(told.args.text).split(" ")[0]!;
    const saved = await db().action.findUniqueOrThrow({
      where: { workspaceId_reference: { workspaceId, reference } },
      include: { owners: { orderBy: { position: "asc" } } },
    });
    expect(await db().action.count()).toBe(before + 1);
    expect(saved).toMatchObject({ text: "Commission the estates review", boardId, duePrecision: "day" });
    expect(saved.dueAt?.toISOString()).toBe("2026-12-18T00:00:00.000Z");
    expect(saved.owners.map((o) => o.slackUserId ?? o.bodyName)).toEqual([OWNER, "MOPAC"]);
  });

  it("the board settings form: people, a zone, a tick box and text fields", async () => {
    await command("/board", "settings");
    const form = await formShown(app, "board.settings");
    const bad = await submitForm(app, form, secretary, { start_time: "25:99" });
    refusedOnFields(bad, form.view, ["start_time"]);
    expect((await db().board.findUniqueOrThrow({ where: { id: boardId } })).defaultStartMinutes).toBeNull();

    const since = app.fake.calls.length;
    const sent = await submitForm(app, form, secretary, {
      chair: OWNER,
      time_zone: "Europe/Dublin",
      approval: ["yes"],
      location: "City Hall",
      start_time: "15:30",
      weekly_digest: [],
    });
    expect(sent.status).toBe(200);
    expect(sent.json?.response_action ?? "close").not.toBe("errors");
    await app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === SECRETARY && app.fake.calls.indexOf(c) >= since,
    );
    expect(await db().board.findUniqueOrThrow({ where: { id: boardId } })).toMatchObject({
      chairSlackUserId: OWNER,
      secretarySlackUserId: SECRETARY,
      timeZone: "Europe/Dublin",
      requireExtensionApproval: true,
      defaultLocation: "City Hall",
      defaultStartMinutes: 15 * 60 + 30,
    });
  });

  it("the minutes forms: pasted text, then the review with its owners, tick boxes and the question of which date is right", async () => {
    // The calendar has the next meeting a day before the minutes do.
    await db().board.update({ where: { id: boardId }, data: { timeZone: "Europe/London" } });
    const calendar = await db().meeting.create({
      data: { workspaceId, boardId, startsAt: new Date("2027-03-10T12:00:00Z"), status: "scheduled" },
    });
    await command("/minutes", "");
    const paste = await formShown(app, "minutes.paste");
    const read = await submitForm(app, paste, secretary, { minutes_text: MINUTES, meeting_date: null });
    expect(read.json?.response_action).toBe("update");
    const review = { viewId: paste.viewId, view: (read.json as { view: Json }).view };
    expect(review.view.callback_id).toBe("minutes.preview");
    const blocks = review.view.blocks as Array<{
      block_id?: string;
      element?: { type: string; initial_users?: string[] };
    }>;
    // Ruth Ade is matched to the one Ruth Ade in Slack.
    expect(
      blocks.filter((b) => b.element?.type === "multi_users_select" && b.element.initial_users?.includes(RUTH)),
    ).toHaveLength(1);
    expect(blocks.map((b) => b.element?.type)).toEqual(
      expect.arrayContaining(["plain_text_input", "multi_users_select", "checkboxes", "radio_buttons"]),
    );

    const unanswered = await submitForm(app, review, secretary);
    refusedOnFields(unanswered, review.view, ["next_meeting_choice"]);
    const done = await submitForm(app, review, secretary, { next_meeting_choice: "document" });
    expect(done.json).toEqual({ response_action: "clear" });

    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("LCRB · Thu 19 Nov 2026"),
    );
    const imported = await db().action.findMany({
      where: { workspaceId, boardId, text: { contains: "victims' services review" } },
      include: { owners: true },
    });
    expect(imported.map((a) => a.owners.map((o) => o.slackUserId))).toEqual([[RUTH]]);
    // The minutes' date was kept: the calendar's meeting moved to it.
    const moved = await db().meeting.findUniqueOrThrow({ where: { id: calendar.id } });
    expect(moved.startsAt.toISOString().slice(0, 10)).toBe("2027-03-11");
  });
});
