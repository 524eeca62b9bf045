// meetings.ensure-next: a recurring board's next meeting, added by the hourly sweep
// when one passes while nobody acts; idempotent however often, and however many at once.
import { parseRecurrence } from "../../src/domain/boards/recurrence";
import { ensureNextMeeting } from "../../src/domain/meetings/ensure-next-meeting";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { startTestApp, type TestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";

// Mon 23 Nov 2026, 10:00 London; tests move the clock on.
const START = "2026-11-23T10:00:00Z";
const now = runningClock(START);
const DAY = 86_400_000;

const SECRETARY = "U0SECRETARY";

describe("meetings.ensure-next", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const sweep = () => app.runtime.sweeps!.runNow("meetings.ensure-next");
  const rule = (text: string) => {
    const parsed = parseRecurrence(text, "2026-11-23");
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.rule;
  };
  const makeBoard = (code: string, recurrence: string | null, extra: Record<string, unknown> = {}) =>
    db().board.create({
      data: {
        workspaceId,
        code,
        name: `${code} board`,
        slackChannelId: `C0${code}`,
        secretarySlackUserId: SECRETARY,
        createdBySlackUserId: SECRETARY,
        recurrenceRule: recurrence ? rule(recurrence) : null,
        defaultStartMinutes: 15 * 60 + 30,
        defaultLocation: "City Hall",
        ...extra,
      },
    });
  const scheduledAhead = async (boardId: string) =>
    (
      await db().meeting.findMany({
        where: { boardId, status: "scheduled", startsAt: { gt: now() } },
        orderBy: { startsAt: "asc" },
      })
    ).map((m) => [m.startsAt.toISOString(), m.location]);

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  it("adds the rule's next meeting at the usual time and place, with its reminders, once however often it runs", async () => {
    const board = await makeBoard("QTR", "monthly on the 2nd Tuesday");
    const still = await makeBoard("ADHOC", null);
    const archived = await makeBoard("OLD", "monthly on the 2nd Tuesday", { archivedAt: new Date(START) });
    expect(await sweep()).toBe(true);
    expect(await sweep()).toBe(true);
    expect(await scheduledAhead(board.id)).toEqual([["2026-12-08T15:30:00.000Z", "City Hall"]]);
    const meeting = await db().meeting.findFirstOrThrow({ where: { boardId: board.id } });
    expect(meeting.createdBySlackUserId).toBeNull();
    const reminders = await db().reminder.findMany({
      where: { meetingId: meeting.id, state: "scheduled" },
      orderBy: { fireAt: "asc" },
    });
    // Papers due Tue 1 Dec, five working days before Tue 8 Dec; the call five working days before that.
    expect(reminders.map((r) => [r.kind, r.fireAt.toISOString(), r.recipient])).toEqual([
      ["papers_call", "2026-11-24T09:00:00.000Z", "channel:C0QTR"],
      ["papers_last_call", "2026-12-01T09:00:00.000Z", "channel:C0QTR"],
      ["matters_arising", "2026-12-07T09:00:00.000Z", "channel:C0QTR"],
    ]);
    // The call, within three days of now (Mon 23 Nov), has its job; the later two wait for the repair sweep.
    const queue = app.runtime.queues.queue("reminders");
    expect(await Promise.all(reminders.map((r) => queue.getJobState(r.id)))).toEqual(["delayed", "unknown", "unknown"]);
    expect(await db().meeting.count({ where: { boardId: { in: [still.id, archived.id] } } })).toBe(0);
  });

  it("adds one meeting when many callers race for a board with none", async () => {
    const board = await makeBoard("RACE", "every 2 weeks on Monday");
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => ensureNextMeeting(db(), { workspaceId, boardId: board.id, now: now() })),
      sweep(),
      sweep(),
    ]);
    const added = results.filter((r) => typeof r === "object" && r.meeting !== null);
    expect(added.length).toBeLessThanOrEqual(1);
    expect(await scheduledAhead(board.id)).toEqual([["2026-12-07T15:30:00.000Z", "City Hall"]]);
    expect(await db().meeting.count({ where: { boardId: board.id } })).toBe(1);
  });

  it("adds the next one when a meeting passes while nobody acts, and only one", async () => {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId, code: "QTR" } });
    // Wed 9 Dec 2026: the 8 Dec meeting has passed, unclosed.
    now.advance(16 * DAY);
    expect(await scheduledAhead(board.id)).toEqual([]);
    await Promise.all([sweep(), sweep(), ensureNextMeeting(db(), { workspaceId, boardId: board.id, now: now() })]);
    await sweep();
    expect(await scheduledAhead(board.id)).toEqual([["2027-01-12T15:30:00.000Z", "City Hall"]]);
    expect(await db().meeting.count({ where: { boardId: board.id, status: "scheduled" } })).toBe(2);
  });

  it("skips a cancelled day instead of bringing it back", async () => {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId, code: "QTR" } });
    app.fake.addChannel({ id: "C0QTR", name: "qtr", members: [SECRETARY] });
    const cancelled = await (
      await app.slack.command("/meeting", "cancel 12 January", { userId: SECRETARY, channelId: "C0QTR" })
    ).reply();
    expect(String(cancelled.text)).toBe(
      "QTR meeting of Tue 12 Jan 2027, 15:30 cancelled. Its reminders are cancelled. Next meeting, from the board's schedule: Tue 9 Feb 2027, 15:30, City Hall.",
    );
    await sweep();
    expect(await scheduledAhead(board.id)).toEqual([["2027-02-09T15:30:00.000Z", "City Hall"]]);
    expect(await db().meeting.count({ where: { boardId: board.id, startsAt: new Date("2027-01-12T15:30:00Z") } })).toBe(
      1,
    );
  });

  it("goes on to other boards when one board's rule cannot be read", async () => {
    const broken = await makeBoard("BROKEN", null, { recurrenceRule: "RRULE:FREQ=NONSENSE" });
    const fine = await makeBoard("FINE", "weekly on Thursday");
    await sweep();
    expect(await db().meeting.count({ where: { boardId: broken.id } })).toBe(0);
    expect(await scheduledAhead(fine.id)).toEqual([["2026-12-10T15:30:00.000Z", "City Hall"]]);
  });
});
