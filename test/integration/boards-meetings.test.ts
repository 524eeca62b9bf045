// /board and /meeting end to end over signed HTTP: a board made for a channel,
// its settings form, meetings scheduled, moved, cancelled and closed with their
// reminders and the actions due at them, and the next meeting of a recurring board.
import { ensureNextMeeting } from "../../src/domain/meetings/ensure-next-meeting";
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
const CHANNEL = "C0LCRB";

describe("boards and meetings", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const board = (text: string, userId = SECRETARY, channelId = CHANNEL) =>
    app.slack.command("/board", text, { userId, channelId, triggerId: `T${Math.random()}` });
  const meeting = async (text: string, userId = SECRETARY, channelId = CHANNEL) =>
    (await (await app.slack.command("/meeting", text, { userId, channelId })).reply()) as Json;
  const lcrb = () => db().board.findFirstOrThrow({ where: { workspaceId, code: "LCRB" } });

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", isPrivate: false, members: [SECRETARY, CHAIR, OTHER] });
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  it("creates a board for this channel, refusing bad codes, a taken code and a second board here", async () => {
    const created = await (await board("create lcrb London Crime Reduction Board")).reply();
    expect(String(created.text)).toBe(
      "LCRB · London Crime Reduction Board created; this is its channel. You are its secretary for now.",
    );
    expect(await lcrb()).toMatchObject({
      name: "London Crime Reduction Board",
      slackChannelId: CHANNEL,
      secretarySlackUserId: SECRETARY,
      createdBySlackUserId: SECRETARY,
    });

    expect(String((await (await board("create 1X Bad code", SECRETARY, "C0OTHER")).reply()).text)).toContain(
      `"1X" can't be a board code`,
    );
    expect(String((await (await board("create LCRB Another one", SECRETARY, "C0OTHER")).reply()).text)).toContain(
      "There is already a board LCRB",
    );
    expect(String((await (await board("create OB Oversight Board")).reply()).text)).toContain(
      "This channel is already LCRB's channel",
    );
    expect(String((await (await board("create OB", SECRETARY, "C0OTHER")).reply()).text)).toContain("Give OB a name");
    expect(await db().board.count({ where: { workspaceId } })).toBe(1);

    const shown = await (await board("")).reply();
    const text = renderBlocksAsText(shown.blocks as unknown[]);
    expect(text).toContain("LCRB · London Crime Reduction Board");
    expect(text).toContain(`Secretary @${SECRETARY}`);
    expect(text).toContain("Next meeting none scheduled");
  });

  it("schedules, lists, moves and cancels meetings; reminders and actions due at a meeting follow", async () => {
    const scheduled = await meeting("schedule 9 December 2026 15:30 at City Hall");
    expect(String(scheduled.text)).toContain("LCRB meeting scheduled: Wed 9 Dec 2026, 15:30, City Hall.");
    const held = await db().meeting.findFirstOrThrow({ where: { boardId: (await lcrb()).id, status: "scheduled" } });
    const reminders = () =>
      db().reminder.findMany({ where: { meetingId: held.id, state: "scheduled" }, orderBy: { fireAt: "asc" } });
    // Papers due Wed 2 Dec, five working days before; the call five working days before that.
    expect((await reminders()).map((r) => [r.kind, r.fireAt.toISOString()])).toEqual([
      ["papers_call", "2026-11-25T09:00:00.000Z"],
      ["papers_last_call", "2026-12-02T09:00:00.000Z"],
      ["matters_arising", "2026-12-08T09:00:00.000Z"],
    ]);
    // An action due "by the next meeting" is due at this one.
    const added = await (
      await app.slack.command("/action", "add Circulate the estates paper owner: MOPAC by the next meeting #LCRB", {
        userId: SECRETARY,
      })
    ).reply();
    const reference = String(added.text).split(" ")[0]!;

    expect(String((await meeting("schedule 9 December 2026 10:00")).text)).toContain(
      "LCRB already meets on Wed 9 Dec 2026 at 15:30",
    );
    expect(String((await meeting("schedule 1 January 2026 10:00")).text)).toContain("That is in the past");
    expect(String((await meeting("schedule 9 December 2027 10:00", OTHER)).text)).toContain(
      "Only LCRB's chair, secretary",
    );

    const moved = await meeting("move 9 December to 16 December 2026 14:00");
    expect(String(moved.text)).toContain("LCRB meeting of Wed 9 Dec 2026 moved to Wed 16 Dec 2026, 14:00, City Hall.");
    expect(String(moved.text)).toContain(`${reference} now falls due on the new day.`);
    // Call Wed 2 Dec, papers due Wed 9 Dec, matters arising Tue 15 Dec.
    expect((await reminders()).map((r) => r.fireAt.toISOString())).toEqual([
      "2026-12-02T09:00:00.000Z",
      "2026-12-09T09:00:00.000Z",
      "2026-12-15T09:00:00.000Z",
    ]);
    const action = await db().action.findFirstOrThrow({ where: { workspaceId, reference } });
    expect(action.dueAt?.toISOString()).toBe("2026-12-16T00:00:00.000Z");

    const list = await meeting("list");
    expect(renderBlocksAsText(list.blocks as unknown[])).toContain("• Wed 16 Dec 2026, 14:00, City Hall · scheduled");
    expect(String((await meeting("next")).text)).toBe(
      "LCRB next meets Wed 16 Dec 2026, 14:00, City Hall. 1 open action is due by then.",
    );

    const cancelled = await meeting("cancel 16 December");
    expect(String(cancelled.text)).toContain(
      "LCRB meeting of Wed 16 Dec 2026, 14:00 cancelled. Its reminders are cancelled.",
    );
    expect(String(cancelled.text)).toContain(
      `No other meeting is scheduled. ${reference} keeps its date, Wed 16 Dec 2026.`,
    );
    expect(await reminders()).toEqual([]);
    expect((await db().action.findFirstOrThrow({ where: { workspaceId, reference } })).dueMeetingId).toBeNull();
    expect(String((await meeting("cancel 16 December")).text)).toContain(
      "LCRB has no meeting scheduled on Wed 16 Dec 2026",
    );
  });

  it("saves settings from the form, refusing bad fields with nothing saved, and keeps a recurring board's next meeting scheduled", async () => {
    await board("settings");
    const opened = await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "board.settings");
    const form = opened.args.view as Json;
    const submit = (values: Json, userId = SECRETARY) =>
      app.slack.interaction({
        type: "view_submission",
        user: { id: userId, username: "u", team_id: app.fake.teamId },
        view: {
          id: "V0SET",
          type: "modal",
          callback_id: "board.settings",
          private_metadata: form.private_metadata,
          state: { values },
        },
      });
    const values = (overrides: Record<string, unknown> = {}): Json => {
      const field = (v: unknown) => ({ value: v });
      const base: Record<string, unknown> = {
        chair: field({ selected_user: CHAIR }),
        secretary: field({ selected_user: SECRETARY }),
        time_zone: field({ selected_option: { value: "Europe/London" } }),
        holiday_region: field({ selected_option: { value: "england-and-wales" } }),
        location: field({ value: "City Hall" }),
        start_time: field({ value: "15:30" }),
        recurrence: field({ value: "monthly on the 2nd Tuesday" }),
        approval: field({ selected_options: [{ value: "yes" }] }),
        before_due_days: field({ value: "7" }),
        before_due_working_days: field({ value: "1" }),
        overdue_every_days: field({ value: "7" }),
        escalate_after: field({ value: "3" }),
        send_at: field({ value: "08:30" }),
        papers_due_days: field({ value: "5" }),
        papers_call_days: field({ value: "5" }),
        matters_arising_days: field({ value: "1" }),
        weekly_digest: field({ selected_options: [{ value: "yes" }] }),
      };
      for (const [k, v] of Object.entries(overrides)) base[k] = field(v);
      return base as Json;
    };
    const bad = await submit(
      values({
        start_time: { value: "half three" },
        recurrence: { value: "whenever" },
        overdue_every_days: { value: "0" },
      }),
    );
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: {
        start_time: expect.stringContaining("15:30"),
        recurrence: expect.stringContaining('I couldn\'t read "whenever"'),
        overdue_every_days: expect.stringContaining("whole number"),
      },
    });
    expect((await lcrb()).recurrenceRule).toBeNull();

    await submit(values());
    await app.fake.waitFor("chat.postEphemeral", (c) => String(c.args.text).startsWith("LCRB settings saved."));
    const saved = await lcrb();
    expect(saved).toMatchObject({
      chairSlackUserId: CHAIR,
      defaultLocation: "City Hall",
      defaultStartMinutes: 930,
      requireExtensionApproval: true,
    });
    expect(saved.recurrenceRule).toContain("RRULE:FREQ=MONTHLY;BYDAY=+2TU");
    expect(saved.reminderPolicy).toMatchObject({ sendAtMinutes: 510 });
    // The rule's next day, at the usual time and place, with its reminders at the new send time.
    const next = await db().meeting.findFirstOrThrow({ where: { boardId: saved.id, status: "scheduled" } });
    expect([next.startsAt.toISOString(), next.location]).toEqual(["2026-12-08T15:30:00.000Z", "City Hall"]);
    const planned = await db().reminder.findMany({
      where: { meetingId: next.id, state: "scheduled" },
      orderBy: { fireAt: "asc" },
    });
    // Call Tue 24 Nov, papers due Tue 1 Dec, matters arising Mon 7 Dec.
    expect(planned.map((r) => r.fireAt.toISOString())).toEqual([
      "2026-11-24T08:30:00.000Z",
      "2026-12-01T08:30:00.000Z",
      "2026-12-07T08:30:00.000Z",
    ]);

    // Ensuring again, or twice at once, adds nothing: there is already one ahead.
    await Promise.all([0, 1, 2].map(() => ensureNextMeeting(db(), { workspaceId, boardId: saved.id, now: now() })));
    await app.runtime.sweeps!.runNow("meetings.ensure-next");
    expect(await db().meeting.count({ where: { boardId: saved.id, status: "scheduled" } })).toBe(1);

    // Someone with no say cannot open or save the form: told so in the form that opened.
    await board("settings", OTHER);
    const refused = await formShown(
      app.fake,
      (c) =>
        (c.args.view as Json).callback_id === "form.problem" &&
        JSON.stringify(c.args.view).includes("Only LCRB's chair, secretary"),
    );
    expect((refused.args.view as Json).submit).toBeUndefined();
  });

  it("keeps a private board out of sight of people outside its channel, whatever command names it", async () => {
    // Minutebook was invited: it must be, to see a private channel at all.
    app.fake.addChannel({ id: "C0PRIV", name: "audit", isPrivate: true, members: [SECRETARY], botIsMember: true });
    await (await board("create AUDIT Audit Panel", SECRETARY, "C0PRIV")).reply();
    for (const [command, text] of [
      ["/board", "#AUDIT"],
      ["/meeting", "next #AUDIT"],
    ] as const) {
      const refused = await (await app.slack.command(command, text, { userId: OTHER, channelId: "C0GENERAL" })).reply();
      expect(String(refused.text)).toContain("There is no board #AUDIT");
    }
    // /minutes opens its form at once, and says so there.
    await app.slack.command("/minutes", "#AUDIT", {
      userId: OTHER,
      channelId: "C0GENERAL",
      triggerId: "T0MINUTESAUDIT",
    });
    const form = await formShown(app.fake, (c) => c.args.trigger_id === "T0MINUTESAUDIT");
    expect(JSON.stringify(form.args.view)).toContain("There is no board #AUDIT");
    expect(JSON.stringify(form.args.view)).not.toContain("Audit Panel");
    // A member of its channel can name it from anywhere.
    const shown = await (
      await app.slack.command("/board", "#AUDIT", { userId: SECRETARY, channelId: "C0GENERAL" })
    ).reply();
    expect(String(shown.text)).toContain("AUDIT · Audit Panel");
  });

  it("closes today's meeting, posts its digest, and schedules the next one of a recurring board", async () => {
    const saved = await lcrb();
    // A meeting that started an hour ago (today, Mon 23 Nov).
    const today = await db().meeting.create({
      data: { workspaceId, boardId: saved.id, startsAt: new Date(now().getTime() - 3_600_000), location: "City Hall" },
    });
    await (
      await app.slack.command("/action", "add Publish the knife crime plan owner: MOPAC by 31 January #LCRB", {
        userId: SECRETARY,
      })
    ).reply();
    await db().action.updateMany({
      where: { workspaceId, text: "Publish the knife crime plan" },
      data: { originMeetingId: today.id },
    });
    const closed = await meeting("close");
    expect(String(closed.text)).toBe("LCRB meeting of today closed. Its summary is in the board's channel.");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: today.id } })).status).toBe("held");
    const digest = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("LCRB · Mon 23 Nov 2026"),
    );
    const text = renderBlocksAsText(digest.args.blocks as unknown[]);
    expect(text).toContain("New actions (1)");
    expect(text).toContain("Publish the knife crime plan · MOPAC · by Sun 31 Jan 2027");
    expect(text).toContain("Next meeting: Tue 8 Dec 2026, 15:30, City Hall");
    // Actions still open from before are counted, with a button listing them.
    expect(text).toMatch(/Still open from earlier meetings: 1\s+\[See them\]/);
    const more = JSON.stringify(digest.args.blocks).match(
      /"action_id":"action.list_more","value":"((?:[^"\\]|\\.)*)"/,
    )?.[1];
    const listed = await (
      await app.slack.button({
        actionId: "action.list_more",
        value: JSON.parse(`"${more}"`) as string,
        userId: SECRETARY,
        channelId: CHANNEL,
      })
    ).reply();
    expect(String(listed.text)).toContain("Circulate the estates paper");
    // Closed once: a second close posts no second summary.
    const digests = app.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === CHANNEL).length;
    expect(String((await meeting("close")).text)).toBe(
      "The LCRB meeting of today is already closed, and its summary was posted then. Nothing was changed. Import its minutes with `/minutes`, or share the file in the board's channel: they complete the same meeting.",
    );
    expect(app.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === CHANNEL).length).toBe(digests);
  });
});
