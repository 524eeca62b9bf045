// Reminders about meetings and boards: the call for papers, its last call and the
// matters-arising list planned with a meeting and moved with it, "Post update" from
// the list, and the Monday digest, each delivered once through the same path as
// action reminders.
import { followMeetingDate } from "../../src/domain/actions/follow-meeting-date";
import { planBoardDigests } from "../../src/domain/reminders/plan-board-digests";
import { syncMeetingReminders } from "../../src/domain/reminders/sync-meeting-reminders";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { startTestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";
import { waitForReminderState } from "../support/reminders";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const OTHER = "U0OTHER";
const CHANNEL = "C0LCRB";

async function setUp(now: () => Date) {
  const app = await startTestApp({ now });
  const db = app.runtime.db;
  const workspaceId = (await ensureWorkspace({ db, slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
  const boardId = (
    await db.board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
      },
    })
  ).id;
  const run = async (text: string, userId = SECRETARY) =>
    String((await (await app.slack.command("/action", text, { userId })).reply()).text).split(" ")[0]!;
  const waitForState = (id: string, state: string) => waitForReminderState(db, id, state);
  return { app, db, workspaceId, boardId, run, waitForState };
}

describe("meeting reminders", () => {
  // Mon 23 Nov 2026 10:00 London.
  const now = runningClock("2026-11-23T10:00:00Z");
  let ctx: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    ctx = await setUp(now);
  });
  afterAll(async () => {
    await ctx.app.stop();
  });
  afterEach(() => ctx.app.fake.assertNoViolations());

  const meetingReminders = (meetingId: string) =>
    ctx.db.reminder.findMany({ where: { meetingId }, orderBy: { fireAt: "asc" } });
  /** A meeting, with its reminders planned as scheduling one does, jobs included. */
  const scheduleMeeting = async (startsAt: string) => {
    const meeting = await ctx.db.meeting.create({
      data: { workspaceId: ctx.workspaceId, boardId: ctx.boardId, startsAt: new Date(startsAt), location: "City Hall" },
    });
    const sync = await ctx.db.$transaction((tx) =>
      syncMeetingReminders(tx, { workspaceId: ctx.workspaceId, meetingId: meeting.id, now: now() }),
    );
    await ctx.app.runtime.reminderJobs.apply(sync);
    return meeting;
  };

  it("plans a call for papers 10 working days before, a last call on the day papers are due (5 before) and matters arising 1 working day before, and moves them with the meeting", async () => {
    // Tue 8 Dec 2026 14:00 GMT: papers due Tue 1 Dec, the call Tue 24 Nov.
    const meeting = await scheduleMeeting("2026-12-08T14:00:00Z");
    const rows = await meetingReminders(meeting.id);
    expect(rows.map((r) => [r.kind, r.fireAt.toISOString(), r.recipient, r.state])).toEqual([
      ["papers_call", "2026-11-24T09:00:00.000Z", `channel:${CHANNEL}`, "scheduled"],
      ["papers_last_call", "2026-12-01T09:00:00.000Z", `channel:${CHANNEL}`, "scheduled"],
      ["matters_arising", "2026-12-07T09:00:00.000Z", `channel:${CHANNEL}`, "scheduled"],
    ]);
    // Only the call, within three days of now (Mon 23 Nov 10:00), has its job yet (REMINDER_JOB_HORIZON_MS).
    const queue = ctx.app.runtime.queues.queue("reminders");
    expect(await Promise.all(rows.map((row) => queue.getJobState(row.id)))).toEqual(["delayed", "unknown", "unknown"]);

    // Moved to Tue 5 Jan 2027: the Christmas and New Year bank holidays push the papers deadline, and so the call, back.
    await ctx.db.meeting.update({ where: { id: meeting.id }, data: { startsAt: new Date("2027-01-05T14:00:00Z") } });
    const moved = await followMeetingDate(ctx.db, { workspaceId: ctx.workspaceId, meetingId: meeting.id, now: now() });
    await ctx.app.runtime.reminderJobs.apply(moved.reminders);
    const after = await meetingReminders(meeting.id);
    expect(after.filter((r) => r.state === "scheduled").map((r) => [r.kind, r.fireAt.toISOString()])).toEqual([
      // Papers due 5 working days before Tue 5 Jan, skipping Fri 1 Jan, Mon 28 Dec (Boxing Day moved), Fri 25 Dec
      // and weekends: Thu 24 Dec. The call 5 working days before that: Thu 17 Dec.
      ["papers_call", "2026-12-17T09:00:00.000Z"],
      ["papers_last_call", "2026-12-24T09:00:00.000Z"],
      ["matters_arising", "2027-01-04T09:00:00.000Z"],
    ]);
    expect(
      after
        .filter((r) => r.state === "cancelled")
        .map((r) => r.id)
        .sort(),
    ).toEqual(rows.map((r) => r.id).sort());

    // Cancelled: nothing left to send.
    await ctx.db.meeting.update({ where: { id: meeting.id }, data: { status: "cancelled" } });
    await ctx.db.$transaction((tx) =>
      syncMeetingReminders(tx, { workspaceId: ctx.workspaceId, meetingId: meeting.id, now: now() }),
    );
    expect((await meetingReminders(meeting.id)).filter((r) => r.state === "scheduled")).toEqual([]);
  });

  it("posts the call for papers to the board channel at its time", async () => {
    const meeting = await scheduleMeeting("2026-12-09T14:00:00Z");
    const row = await ctx.db.reminder.create({
      data: {
        workspaceId: ctx.workspaceId,
        boardId: ctx.boardId,
        meetingId: meeting.id,
        subject: `meeting:${meeting.id}`,
        kind: "papers_call",
        recipient: `channel:${CHANNEL}`,
        fireAt: new Date(now().getTime() + 300),
      },
    });
    await ctx.app.runtime.sweeps!.runNow("reminders.repair");
    const sent = await ctx.waitForState(row.id, "sent");
    expect(sent.slackChannelId).toBe(CHANNEL);
    const posted = ctx.app.fake.messagesIn(CHANNEL).find((m) => m.ts === sent.slackMessageTs)!;
    // Papers are due Wed 2 Dec, 5 working days before the meeting (not the day the call goes); the pack by
    // Thu 3 Dec, with 4 to 8 Dec as the 5 clear days.
    expect(posted.text).toBe(
      `Papers for LCRB on Wed 9 Dec 2026 are due by Wed 2 Dec 2026. Send them to <@${SECRETARY}>. The agenda pack is published by Thu 3 Dec 2026, 5 clear days before the meeting. Meeting: Wed 9 Dec 2026, 14:00, City Hall.`,
    );
    expect(JSON.stringify(posted.blocks)).toContain(`<@${SECRETARY}>`);
    // Planned afresh on Thu 26 Nov (settings saved, say), after the call's own day: the call has
    // gone, so no late call is planned beside it.
    const sync = await ctx.db.$transaction((tx) =>
      syncMeetingReminders(tx, {
        workspaceId: ctx.workspaceId,
        meetingId: meeting.id,
        now: new Date("2026-11-26T10:00:00Z"),
      }),
    );
    await ctx.app.runtime.reminderJobs.apply(sync);
    const calls = await ctx.db.reminder.findMany({ where: { meetingId: meeting.id, kind: "papers_call" } });
    expect(calls.filter((r) => r.state === "sent")).toHaveLength(1);
    expect(calls.filter((r) => r.state === "scheduled")).toEqual([]);
  });

  it("lists the actions due by the meeting, overdue first, with Post update; an owner's line is kept and shown in place", async () => {
    const meeting = await scheduleMeeting("2026-12-10T14:00:00Z");
    const overdue = await ctx.run(`add Publish the victims' code audit <@${OWNER}> by 30 November #LCRB`);
    const dueBefore = await ctx.run(`add Share the knife crime figures <@${OWNER}> by 4 December #LCRB`);
    const later = await ctx.run(`add Review the estates strategy <@${OWNER}> by 29 January #LCRB`);
    const done = await ctx.run(`add Book the room <@${OWNER}> by 1 December #LCRB`);
    await ctx.run(`done ${done}`, OWNER);
    await ctx.db.action.update({
      where: { workspaceId_reference: { workspaceId: ctx.workspaceId, reference: overdue } },
      data: { dueAt: new Date("2026-11-16T00:00:00Z") },
    });

    const row = await ctx.db.reminder.create({
      data: {
        workspaceId: ctx.workspaceId,
        boardId: ctx.boardId,
        meetingId: meeting.id,
        subject: `meeting:${meeting.id}`,
        kind: "matters_arising",
        recipient: `channel:${CHANNEL}`,
        fireAt: new Date(now().getTime() + 300),
      },
    });
    await ctx.app.runtime.sweeps!.runNow("reminders.repair");
    const sent = await ctx.waitForState(row.id, "sent");
    const posted = () => ctx.app.fake.messagesIn(CHANNEL).find((m) => m.ts === sent.slackMessageTs)!;
    const text = String(posted().text);
    expect(text).toMatch(
      /^Matters arising · LCRB · Thu 10 Dec 2026, 14:00, City Hall\. 2 open actions are due by this meeting, 1 overdue\./,
    );
    expect(text.indexOf(overdue)).toBeLessThan(text.indexOf(dueBefore));
    expect(text).not.toContain(later);
    expect(text).not.toContain(`${done} `);
    const blocks = JSON.stringify(posted().blocks);
    expect(blocks.match(/reminder\.post_update/g)).toHaveLength(2);
    expect(blocks).toContain("no update yet");

    const actionId = (
      await ctx.db.action.findUniqueOrThrow({
        where: { workspaceId_reference: { workspaceId: ctx.workspaceId, reference: dueBefore } },
      })
    ).id;
    const value = `${row.id}|${actionId}`;
    expect(blocks).toContain(value);

    // Someone with no say over the action is told so, and no form opens.
    // Refused in the form that opened for the press: it opens before anything is looked up.
    await ctx.app.slack.button({ actionId: "reminder.post_update", value, userId: OTHER, channelId: CHANNEL });
    const refused = await formShown(ctx.app.fake, (c) =>
      JSON.stringify(c.args.view).includes(`Only ${dueBefore}'s owners`),
    );
    expect((refused.args.view as Json).submit).toBeUndefined();

    await ctx.app.slack.button({ actionId: "reminder.post_update", value, userId: OWNER, channelId: CHANNEL });
    const opened = await formShown(
      ctx.app.fake,
      (c) => (c.args.view as Json).callback_id === "reminder.post_update_form",
    );
    const form = opened.args.view as Json;
    const submit = (note: string) =>
      ctx.app.slack.interaction({
        type: "view_submission",
        user: { id: OWNER, username: "owner", team_id: ctx.app.fake.teamId },
        view: {
          id: "V0UPDATE",
          type: "modal",
          callback_id: "reminder.post_update_form",
          private_metadata: form.private_metadata,
          state: { values: { update_note: { value: { value: note } } } },
        },
      });
    // A blank line is refused in the form itself.
    const blank = await submit("   ");
    expect(blank.json).toEqual({
      response_action: "errors",
      errors: { update_note: expect.stringContaining("Write one line") },
    });

    await submit("Figures  agreed with the\nMet; circulating Friday");
    await ctx.app.fake.waitFor("chat.update", (c) => c.args.ts === sent.slackMessageTs);
    const events = await ctx.db.actionEvent.findMany({ where: { actionId, type: "note" } });
    expect(events.map((e) => [e.note, e.actorSlackUserId])).toEqual([
      ["Figures agreed with the Met; circulating Friday", OWNER],
    ]);
    const line = (posted().blocks as Array<{ text?: { text: string } }>)
      .map((b) => b.text?.text ?? "")
      .find((t) => t.includes(dueBefore));
    expect(line).toContain('latest Mon 23 Nov 2026: "Figures agreed with the Met; circulating Friday"');
    await ctx.app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === OWNER && String(c.args.text).includes(`Update posted on ${dueBefore}`),
    );
  });

  it("sends nothing for a meeting cancelled after its reminder was queued", async () => {
    const meeting = await scheduleMeeting("2026-12-11T14:00:00Z");
    const row = await ctx.db.reminder.create({
      data: {
        workspaceId: ctx.workspaceId,
        boardId: ctx.boardId,
        meetingId: meeting.id,
        subject: `meeting:${meeting.id}`,
        kind: "papers_call",
        recipient: `channel:${CHANNEL}`,
        fireAt: new Date(now().getTime() + 300),
      },
    });
    await ctx.db.meeting.update({ where: { id: meeting.id }, data: { status: "cancelled" } });
    await ctx.app.runtime.sweeps!.runNow("reminders.repair");
    await ctx.waitForState(row.id, "cancelled");
    expect(
      ctx.app.fake.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(row.id)),
    ).toEqual([]);
  });

  it("posts the last call on the day papers are due", async () => {
    // Mon 30 Nov 2026: papers are due today, Mon 23 Nov, 5 working days before; the pack by Tue 24 Nov.
    // Last in this block, so that no other test sees a meeting this early.
    const meeting = await scheduleMeeting("2026-11-30T14:00:00Z");
    const row = await ctx.db.reminder.create({
      data: {
        workspaceId: ctx.workspaceId,
        boardId: ctx.boardId,
        meetingId: meeting.id,
        subject: `meeting:${meeting.id}`,
        kind: "papers_last_call",
        recipient: `channel:${CHANNEL}`,
        fireAt: new Date(now().getTime() + 300),
      },
    });
    await ctx.app.runtime.sweeps!.runNow("reminders.repair");
    const sent = await ctx.waitForState(row.id, "sent");
    const posted = ctx.app.fake.messagesIn(CHANNEL).find((m) => m.ts === sent.slackMessageTs)!;
    expect(posted.text).toBe(
      `Last call: papers for LCRB on Mon 30 Nov 2026 are due today, Mon 23 Nov 2026. Send them to <@${SECRETARY}>. The agenda pack is published by Tue 24 Nov 2026, 5 clear days before the meeting. Meeting: Mon 30 Nov 2026, 14:00, City Hall.`,
    );
  });
});

describe("the Monday digest", () => {
  // Mon 30 Nov 2026, early morning in London.
  const now = runningClock("2026-11-30T07:00:00Z");
  let ctx: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    ctx = await setUp(now);
  });
  afterAll(async () => {
    await ctx.app.stop();
  });
  afterEach(() => ctx.app.fake.assertNoViolations());

  it("is planned once however many sweeps run, and posts open, overdue, due-this-week and done actions once", async () => {
    const overdue = await ctx.run(`add Publish the audit <@${OWNER}> by 31 December #LCRB`);
    const thisWeek = await ctx.run(`add Share the figures <@${OWNER}> by 3 December #LCRB`);
    await ctx.run(`add Review the estates strategy <@${OWNER}> by 29 January #LCRB`);
    const done = await ctx.run(`add Book the room <@${OWNER}> by 1 December #LCRB`);
    await ctx.run(`done ${done}`, OWNER);
    await ctx.db.action.update({
      where: { workspaceId_reference: { workspaceId: ctx.workspaceId, reference: overdue } },
      data: { dueAt: new Date("2026-11-20T00:00:00Z") },
    });

    // Half a second before 09:00.
    now.set("2026-11-30T08:59:59.500Z");
    // Several planners at once (two instances' sweeps, and direct calls): one row for this Monday.
    const sweeps = ctx.app.runtime.sweeps!;
    await Promise.all([
      planBoardDigests(ctx.db, { now: now() }),
      planBoardDigests(ctx.db, { now: now() }),
      sweeps.runNow("reminders.plan-digests"),
    ]);
    await sweeps.runNow("reminders.plan-digests");
    const rows = await ctx.db.reminder.findMany({ where: { subject: `board:${ctx.boardId}` } });
    expect(rows.map((r) => [r.kind, r.fireAt.toISOString(), r.recipient])).toEqual([
      ["weekly_digest", "2026-11-30T09:00:00.000Z", `channel:${CHANNEL}`],
    ]);
    await sweeps.runNow("reminders.repair");

    const sent = await ctx.waitForState(rows[0]!.id, "sent");
    const posts = ctx.app.fake
      .callsTo("chat.postMessage")
      .filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(rows[0]!.id));
    expect(posts).toHaveLength(1);
    const text = String(posts[0]!.args.text);
    expect(text).toBe(
      `LCRB actions · week of Mon 30 Nov 2026: 3 open · 1 overdue · 1 due this week · 1 done in the last 7 days. Overdue: ${overdue}.`,
    );
    const blocks = JSON.stringify(posts[0]!.args.blocks);
    for (const reference of [overdue, thisWeek, done]) expect(blocks).toContain(reference);
    expect(sent.slackChannelId).toBe(CHANNEL);

    // After it went, planning again looks a week ahead.
    await sweeps.runNow("reminders.plan-digests");
    const next = await ctx.db.reminder.findMany({ where: { subject: `board:${ctx.boardId}`, state: "scheduled" } });
    expect(next.map((r) => r.fireAt.toISOString())).toEqual(["2026-12-07T09:00:00.000Z"]);
  });
});
