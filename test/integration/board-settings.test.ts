// The board settings form over signed HTTP: opened, refused field by field with
// nothing saved, refused to someone with no say, saved with reminders re-planned,
// and a recurring board's next meeting placed (and re-placed when the schedule changes).
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { renderBlocksAsText } from "../../src/slack/views/render-text";
import { startTestApp, type TestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

// Mon 23 Nov 2026, 10:00 London.
const now = runningClock("2026-11-23T10:00:00Z");

const SECRETARY = "U0SECRETARY";
const CHAIR = "U0CHAIR";
const OTHER = "U0OTHER";
const ADMIN = "U0ADMIN";
const CHANNEL = "C0PCP";

describe("the board settings form", () => {
  let app: TestApp;
  let workspaceId: string;
  let privateMetadata = "";
  const db = () => app.runtime.db;
  const pcp = () => db().board.findFirstOrThrow({ where: { workspaceId, code: "PCP" } });
  const say = async (command: "/board" | "/meeting" | "/action", text: string, userId = SECRETARY) =>
    String((await (await app.slack.command(command, text, { userId, channelId: CHANNEL })).reply()).text);
  const scheduled = async () =>
    (
      await db().meeting.findMany({
        where: { boardId: (await pcp()).id, status: "scheduled", startsAt: { gt: now() } },
        orderBy: { startsAt: "asc" },
      })
    ).map((m) => [m.startsAt.toISOString(), m.location, m.createdBySlackUserId]);
  const remindersOf = async (meetingId: string) =>
    (await db().reminder.findMany({ where: { meetingId, state: "scheduled" }, orderBy: { fireAt: "asc" } })).map(
      (r) => [r.kind, r.fireAt.toISOString()],
    );

  const values = (overrides: Record<string, Json> = {}): Json => {
    const base: Record<string, Json> = {
      chair: { selected_user: CHAIR },
      secretary: { selected_user: SECRETARY },
      time_zone: { selected_option: { value: "Europe/London" } },
      holiday_region: { selected_option: { value: "england-and-wales" } },
      location: { value: "City Hall" },
      start_time: { value: "14:00" },
      recurrence: { value: "monthly on the 4th Friday" },
      approval: { selected_options: [{ value: "yes" }] },
      before_due_days: { value: "7" },
      before_due_working_days: { value: "1" },
      overdue_every_days: { value: "7" },
      escalate_after: { value: "3" },
      send_at: { value: "09:00" },
      papers_due_days: { value: "5" },
      papers_call_days: { value: "5" },
      matters_arising_days: { value: "1" },
      weekly_digest: { selected_options: [{ value: "yes" }] },
      ...overrides,
    };
    return Object.fromEntries(Object.entries(base).map(([block, value]) => [block, { value }]));
  };
  const submit = (overrides: Record<string, Json> = {}, userId = SECRETARY) =>
    app.slack.interaction({
      type: "view_submission",
      user: { id: userId, username: "u", team_id: app.fake.teamId },
      view: {
        id: "V0SET",
        type: "modal",
        callback_id: "board.settings",
        private_metadata: privateMetadata,
        state: { values: values(overrides) },
      },
    });
  const saved = async (overrides: Record<string, Json> = {}) => {
    const before = app.fake.callsTo("chat.postEphemeral").length;
    const answer = await submit(overrides);
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    await app.fake.waitFor("chat.postEphemeral", () => app.fake.callsTo("chat.postEphemeral").length > before);
    return app.fake.callsTo("chat.postEphemeral").at(-1)!.args;
  };

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addChannel({ id: CHANNEL, name: "pcp", isPrivate: false, members: [SECRETARY, CHAIR] });
    app.fake.addUser({ id: SECRETARY, name: "secretary" });
    app.fake.addUser({ id: OTHER, name: "other" });
    app.fake.addUser({ id: ADMIN, name: "admin", isAdmin: true });
    await say("/board", "create PCP Police and Crime Panel");
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  it("opens with the board's current settings, the reminder policy's defaults, and its zone among the choices", async () => {
    await db().board.update({ where: { id: (await pcp()).id }, data: { timeZone: "America/Denver" } });
    await app.slack.command("/board", "settings", { userId: SECRETARY, channelId: CHANNEL, triggerId: "T0OPEN" });
    const opened = await formShown(app.fake, (c) => c.args.trigger_id === "T0OPEN");
    const view = opened.args.view as Json;
    privateMetadata = String(view.private_metadata);
    expect(view).toMatchObject({ callback_id: "board.settings", title: { text: "PCP settings" } });
    const blocks = view.blocks as Json[];
    const element = (blockId: string) => (blocks.find((b) => b.block_id === blockId) as { element: Json }).element;
    expect(element("chair")).toMatchObject({ type: "users_select" });
    expect(element("secretary")).toMatchObject({ type: "users_select", initial_user: SECRETARY });
    const zone = element("time_zone") as { options: Array<{ value: string }>; initial_option: { value: string } };
    expect(zone.initial_option.value).toBe("America/Denver");
    expect(zone.options.map((o) => o.value)).toEqual(
      expect.arrayContaining(["America/Denver", "Europe/London", "UTC"]),
    );
    expect((element("holiday_region") as { options: Array<{ value: string }> }).options.map((o) => o.value)).toEqual([
      "england-and-wales",
      "scotland",
      "northern-ireland",
    ]);
    expect(element("overdue_every_days")).toMatchObject({ initial_value: "7" });
    expect(element("send_at")).toMatchObject({ initial_value: "09:00" });
    const yearStart = element("financial_year_start") as {
      options: Array<{ value: string; text: { text: string } }>;
      initial_option: { value: string; text: { text: string } };
    };
    expect(yearStart.options.map((o) => o.text.text)).toEqual([
      "1 January",
      "1 February",
      "1 March",
      "1 April",
      "1 May",
      "1 June",
      "1 July",
      "1 August",
      "1 September",
      "1 October",
      "1 November",
      "1 December",
    ]);
    expect(yearStart.initial_option).toEqual({ value: "4", text: { type: "plain_text", text: "1 April" } });
    expect(element("approval")).toMatchObject({
      type: "checkboxes",
      initial_options: [expect.objectContaining({ value: "yes" })],
    });
    await db().board.update({ where: { id: (await pcp()).id }, data: { timeZone: "Europe/London" } });
  });

  it("shows each bad field on the form and saves nothing", async () => {
    const before = await pcp();
    const bad = await submit({
      start_time: { value: "half two" },
      recurrence: { value: "now and then" },
      before_due_days: { value: "7, 100" },
      send_at: { value: "nine" },
    });
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: {
        start_time: 'Write a time such as "15:30", "3.30pm" or "noon".',
        send_at: 'Write a time such as "09:00", "9am" or "8.30am".',
        recurrence:
          'I couldn\'t read "now and then" as a schedule. Try "monthly on the 4th Friday", "every 3 months" or an RRULE.',
        before_due_days:
          'Give up to 5 whole numbers of days from 1 to 90, separated by commas, such as "7" or "14, 7".',
      },
    });
    expect(await pcp()).toEqual(before);
    expect(await db().meeting.count({ where: { workspaceId } })).toBe(0);
  });

  it("refuses someone with no say on the form, and saves nothing", async () => {
    const before = await pcp();
    const refused = await submit({}, OTHER);
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: {
        chair:
          "Only PCP's chair, secretary, whoever created it, or a workspace admin can do that. Nothing was changed.",
      },
    });
    expect(await pcp()).toEqual(before);
    const stale = await app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "u", team_id: app.fake.teamId },
      view: {
        id: "V0SET",
        type: "modal",
        callback_id: "board.settings",
        private_metadata: "{}",
        state: { values: values() },
      },
    });
    expect(stale.json).toMatchObject({
      response_action: "errors",
      errors: { chair: expect.stringContaining("out of date") },
    });
  });

  it("saves, re-plans reminders, and schedules the rule's next meeting with its reminders", async () => {
    const said = await saved({ send_at: { value: "08:30" } });
    expect(said.text).toBe(
      "PCP settings saved. Meets every month on the 4th Friday at 14:00, City Hall. Next meeting: Fri 27 Nov 2026, 14:00, City Hall, scheduled from the board's schedule with its reminders. Reminders are re-planned by the new settings.",
    );
    expect(await pcp()).toMatchObject({
      chairSlackUserId: CHAIR,
      secretarySlackUserId: SECRETARY,
      defaultLocation: "City Hall",
      defaultStartMinutes: 840,
      requireExtensionApproval: true,
      holidayRegion: "england-and-wales",
    });
    expect((await pcp()).recurrenceRule).toMatch(/RRULE:FREQ=MONTHLY;BYDAY=\+4FR$/);
    expect(await scheduled()).toEqual([["2026-11-27T14:00:00.000Z", "City Hall", null]]);
    const next = await db().meeting.findFirstOrThrow({ where: { boardId: (await pcp()).id, status: "scheduled" } });
    // Papers were due Fri 20 Nov, five working days before, so there is neither a call for papers nor a
    // last call; matters arising the working day before, at the new send time.
    expect(await remindersOf(next.id)).toEqual([["matters_arising", "2026-11-26T08:30:00.000Z"]]);

    const shown = renderBlocksAsText(
      (await (await app.slack.command("/board", "", { userId: SECRETARY, channelId: CHANNEL })).reply())
        .blocks as unknown[],
    );
    expect(shown).toContain("Chair @U0CHAIR · Secretary @U0SECRETARY");
    expect(shown).toContain("Next meeting Fri 27 Nov 2026, 14:00, City Hall");
    expect(shown).toContain("Meets every month on the 4th Friday at 14:00, City Hall");
    expect(shown).toContain("reminders at 08:30");

    // Saving again unchanged keeps the rule (shown back in words) and adds nothing.
    await saved({ recurrence: { value: "every month on the 4th Friday" }, send_at: { value: "08:30" } });
    expect(await scheduled()).toEqual([["2026-11-27T14:00:00.000Z", "City Hall", null]]);
  });

  it("re-places the meeting the old schedule made when the schedule, time or place changes; actions due at it follow", async () => {
    const logged = await say("/action", "add Report on response times owner: MOPAC by the next meeting #PCP");
    const reference = logged.split(" ")[0]!;
    const action = () => db().action.findFirstOrThrow({ where: { workspaceId, reference } });
    expect((await action()).dueAt?.toISOString()).toBe("2026-11-27T00:00:00.000Z");

    const said = await saved({
      recurrence: { value: "monthly on the second Tuesday" },
      start_time: { value: "15:30" },
    });
    expect(said.text).toContain("Next meeting: Tue 8 Dec 2026, 15:30, City Hall, scheduled from the board's schedule");
    expect(await scheduled()).toEqual([["2026-12-08T15:30:00.000Z", "City Hall", null]]);
    const moved = await action();
    expect([moved.dueAt?.toISOString(), moved.dueMeetingId]).toEqual([
      "2026-12-08T00:00:00.000Z",
      (await db().meeting.findFirstOrThrow({ where: { boardId: (await pcp()).id, status: "scheduled" } })).id,
    ]);
    expect(
      await db().actionEvent.findFirst({
        where: { actionId: moved.id, type: "due_changed", actorLabel: "board's schedule changed" },
      }),
    ).not.toBeNull();
    const meetingId = moved.dueMeetingId!;
    // Papers due Tue 1 Dec, five working days before the meeting; the call five working days before that.
    expect(await remindersOf(meetingId)).toEqual([
      ["papers_call", "2026-11-24T09:00:00.000Z"],
      ["papers_last_call", "2026-12-01T09:00:00.000Z"],
      ["matters_arising", "2026-12-07T09:00:00.000Z"],
    ]);

    // Only the place changes: same day and time, new place.
    await saved({
      recurrence: { value: "every month on the 2nd Tuesday" },
      start_time: { value: "15:30" },
      location: { value: "Committee Room 2" },
    });
    expect(await scheduled()).toEqual([["2026-12-08T15:30:00.000Z", "Committee Room 2", null]]);
  });

  it("leaves a meeting someone scheduled by hand alone, and keeps the rule's meeting when the schedule is cleared", async () => {
    expect(await say("/meeting", "schedule 1 December 2026 10:00 at the Guildhall")).toContain(
      "PCP meeting scheduled: Tue 1 Dec 2026, 10:00, the Guildhall.",
    );
    await saved({
      recurrence: { value: "monthly on the 3rd Wednesday" },
      start_time: { value: "15:30" },
      location: { value: "Committee Room 2" },
    });
    expect(await scheduled()).toEqual([
      ["2026-12-01T10:00:00.000Z", "the Guildhall", SECRETARY],
      ["2026-12-16T15:30:00.000Z", "Committee Room 2", null],
    ]);
    const said = await saved({
      recurrence: { value: "" },
      start_time: { value: "15:30" },
      location: { value: "Committee Room 2" },
    });
    expect(said.text).toContain(
      "Meetings are scheduled one by one with `/meeting schedule`. Next meeting: Tue 1 Dec 2026, 10:00, the Guildhall.",
    );
    expect((await pcp()).recurrenceRule).toBeNull();
    expect(await scheduled()).toHaveLength(2);
  });

  it("lets a workspace admin save, and names the board's zone on the answer when the reader's differs", async () => {
    app.fake.addUser({ id: "U0PARIS", name: "paris", tz: "Europe/Paris", isAdmin: true });
    await submit(
      {
        recurrence: { value: "" },
        start_time: { value: "15:30" },
        location: { value: "Committee Room 2" },
        approval: { selected_options: [] },
      },
      "U0PARIS",
    );
    const answer = await app.fake.waitFor("chat.postEphemeral", (c) => c.args.user === "U0PARIS");
    expect(String(answer.args.text)).toContain(
      "Next meeting: Tue 1 Dec 2026, 10:00 (Europe/London time), the Guildhall.",
    );
    expect((await pcp()).requireExtensionApproval).toBe(false);
  });

  it("takes times as /meeting does and the financial year's start, which the board shows and its actions' quarters follow", async () => {
    const said = await saved({
      recurrence: { value: "" },
      start_time: { value: "3.30pm" },
      send_at: { value: "8.30am" },
      location: { value: "Committee Room 2" },
      financial_year_start: { selected_option: { value: "7" } },
    });
    expect(said.text).toContain("PCP settings saved.");
    const board = await pcp();
    expect([
      board.defaultStartMinutes,
      board.financialYearStartMonth,
      (board.reminderPolicy as { sendAtMinutes: number }).sendAtMinutes,
    ]).toEqual([930, 7, 510]);

    const shown = renderBlocksAsText(
      (await (await app.slack.command("/board", "", { userId: SECRETARY, channelId: CHANNEL })).reply())
        .blocks as unknown[],
    );
    expect(shown).toContain("financial year from 1 July");
    expect(shown).toContain("reminders at 08:30");

    // With the year starting in July, Q3 is January to March.
    const logged = await say("/action", "add Review the panel's budget by Q3 #PCP");
    const reference = logged.split(" ")[0]!;
    const action = await db().action.findFirstOrThrow({ where: { workspaceId, reference } });
    expect([action.dueAt?.toISOString(), action.duePrecision, action.dueText]).toEqual([
      "2027-03-30T23:00:00.000Z",
      "month",
      "Q3",
    ]);
    expect(logged).toContain('Wed 31 Mar 2027 (written: "Q3")');

    // A form opened before the field existed sends no month: the stored one stays.
    await saved({ recurrence: { value: "" }, start_time: { value: "15:30" }, location: { value: "Committee Room 2" } });
    expect((await pcp()).financialYearStartMonth).toBe(7);
  });
});
