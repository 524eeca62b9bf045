import {
  addWorkingDays,
  DEFAULT_REMINDER_POLICY,
  meetingDeadlines,
  fireTimeOn,
  isWorkingDay,
  nextWeeklyDigestTime,
  nextWorkingDay,
  planActionReminders,
  planMeetingReminders,
  readReminderPolicy,
  type WorkingCalendar,
} from "../../../src/reminders/plan";

const london: WorkingCalendar = { timeZone: "Europe/London", holidayRegion: "england-and-wales" };
const scotland: WorkingCalendar = { timeZone: "Europe/London", holidayRegion: "scotland" };
const iso = (d: Date) => d.toISOString();

describe("working days", () => {
  it.each([
    ["2026-12-24", london, true], // Thursday
    ["2026-12-25", london, false], // Christmas Day
    ["2026-12-28", london, false], // Boxing Day (Saturday) is observed on Monday 28th
    ["2026-12-29", london, true],
    ["2027-03-29", london, false], // Easter Monday 2027, England
    ["2027-03-29", scotland, true], // not a holiday in Scotland
    ["2027-01-04", scotland, false], // 2 January falls on a Saturday: Scotland's substitute is Monday 4th
    ["2027-01-04", london, true],
    ["2026-11-28", london, false], // Saturday
  ] as const)("%s is a working day in %o: %s", (day, calendar, expected) => {
    expect(isWorkingDay(day, calendar)).toBe(expected);
  });

  it("steps over weekends and holidays", () => {
    expect(nextWorkingDay("2026-12-24", london)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-29", -1, london)).toBe("2026-12-24");
    expect(addWorkingDays("2026-11-23", 5, london)).toBe("2026-11-30");
  });

  it("fires at 09:00 local time on both sides of a clock change, on the next working day", () => {
    expect(iso(fireTimeOn("2027-03-25", 540, london))).toBe("2027-03-25T09:00:00.000Z"); // Thursday, GMT
    expect(iso(fireTimeOn("2027-03-26", 540, london))).toBe("2027-03-30T08:00:00.000Z"); // Good Friday: Tuesday (Easter Monday too), BST
    expect(iso(fireTimeOn("2027-03-30", 540, london))).toBe("2027-03-30T08:00:00.000Z"); // Tuesday, BST
    expect(iso(fireTimeOn("2027-10-30", 540, london))).toBe("2027-11-01T09:00:00.000Z"); // Saturday: Monday, GMT again
    // New York is on summer time from 14 March: 09:00 EDT is 13:00Z.
    expect(
      iso(fireTimeOn("2027-03-25", 540, { timeZone: "America/New_York", holidayRegion: "england-and-wales" })),
    ).toBe("2027-03-25T13:00:00.000Z");
  });
});

describe("planActionReminders", () => {
  const plan = (dueDay: string, now: string, calendar = london) =>
    planActionReminders({
      dueAt: new Date(`${dueDay}T00:00:00Z`),
      calendar,
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date(now),
    }).map((r) => [r.kind, iso(r.fireAt), r.sequence]);

  it("plans the default schedule for a weekday due date", () => {
    // Due Fri 4 Dec 2026 (GMT, so 00:00 local is 00:00Z).
    expect(plan("2026-12-04", "2026-11-23T10:00:00Z").slice(0, 7)).toEqual([
      ["due_7d", "2026-11-27T09:00:00.000Z", 0],
      ["due_1wd", "2026-12-03T09:00:00.000Z", 0],
      ["due_day", "2026-12-04T09:00:00.000Z", 0],
      ["overdue", "2026-12-07T09:00:00.000Z", 1],
      ["overdue", "2026-12-14T09:00:00.000Z", 2],
      ["overdue", "2026-12-21T09:00:00.000Z", 3],
      ["escalation", "2026-12-21T09:00:00.000Z", 0],
    ]);
    // The fourth overdue falls on the substitute Boxing Day (Mon 28 Dec): Tuesday instead.
    expect(plan("2026-12-04", "2026-11-23T10:00:00Z")[7]).toEqual(["overdue", "2026-12-29T09:00:00.000Z", 4]);
    expect(plan("2026-12-04", "2026-11-23T10:00:00Z").filter((r) => r[0] === "overdue")).toHaveLength(8);
  });

  it("moves a Saturday due day's reminders earlier, one a day", () => {
    // Due Sat 12 Dec 2026: 7 days before is Sat 5 Dec, so Fri 4 Dec; 1 working day before is
    // Fri 11 Dec, and so is the due-day reminder: on one day the owner hears once ("Due Saturday").
    // The first overdue is the working day after the 12th, Mon 14 Dec, alone that day.
    expect(plan("2026-12-12", "2026-11-23T10:00:00Z").slice(0, 4)).toEqual([
      ["due_7d", "2026-12-04T09:00:00.000Z", 0],
      ["due_day", "2026-12-11T09:00:00.000Z", 0],
      ["overdue", "2026-12-14T09:00:00.000Z", 1],
      ["overdue", "2026-12-21T09:00:00.000Z", 2],
    ]);
  });

  it("keeps the working day before a Sunday due date when the board sends nothing on the due day", () => {
    const policy = { ...DEFAULT_REMINDER_POLICY, onDueDay: false };
    // Due Sun 13 Dec 2026: the working day before is Fri 11 Dec, where a due-day reminder would have gone.
    const rows = planActionReminders({
      dueAt: new Date("2026-12-13T00:00:00Z"),
      calendar: london,
      policy,
      now: new Date("2026-11-23T10:00:00Z"),
    });
    expect(rows.slice(0, 3).map((r) => [r.kind, iso(r.fireAt)])).toEqual([
      ["due_7d", "2026-12-04T09:00:00.000Z"],
      ["due_1wd", "2026-12-11T09:00:00.000Z"],
      ["overdue", "2026-12-14T09:00:00.000Z"],
    ]);
  });

  it("moves a bank holiday's reminders to the working day before: Christmas Day", () => {
    // Due Fri 25 Dec 2026: the due-day reminder on Thu 24 Dec, which is also the working day
    // before, so once; overdue on Tue 29 Dec (Mon 28 is the Boxing Day substitute).
    expect(plan("2026-12-25", "2026-11-23T10:00:00Z").slice(0, 3)).toEqual([
      ["due_7d", "2026-12-18T09:00:00.000Z", 0],
      ["due_day", "2026-12-24T09:00:00.000Z", 0],
      ["overdue", "2026-12-29T09:00:00.000Z", 1],
    ]);
  });

  it("drops what is already past", () => {
    // Due tomorrow (Tue 24 Nov): the 7-day and 1-working-day reminders have gone by.
    expect(plan("2026-11-24", "2026-11-23T10:00:00Z")[0]).toEqual(["due_day", "2026-11-24T09:00:00.000Z", 0]);
  });

  it("uses summer time after the clocks go forward", () => {
    // Due Tue 30 Mar 2027 (BST): 00:00 local is 23:00Z the day before; 09:00 BST is 08:00Z.
    const rows = planActionReminders({
      dueAt: new Date("2027-03-29T23:00:00Z"),
      calendar: london,
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date("2027-03-01T00:00:00Z"),
    });
    // 1 working day before the 30th: Mon 29 is Easter Monday and Fri 26 Good Friday, so Thu 25 (GMT, 09:00Z).
    expect(rows.slice(0, 3).map((r) => [r.kind, iso(r.fireAt)])).toEqual([
      ["due_7d", "2027-03-23T09:00:00.000Z"],
      ["due_1wd", "2027-03-25T09:00:00.000Z"],
      ["due_day", "2027-03-30T08:00:00.000Z"],
    ]);
  });
});

describe("planMeetingReminders", () => {
  it("calls for papers five working days before they are due, five before the meeting, with a last call that day", () => {
    // Meeting Tue 9 Jun 2026 12:00 BST: papers due Tue 2 Jun; the call five working days before
    // that, Tue 26 May (Mon 25 May is the spring bank holiday); matters arising Mon 8 Jun.
    const rows = planMeetingReminders({
      startsAt: new Date("2026-06-09T11:00:00Z"),
      calendar: london,
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date("2026-05-01T00:00:00Z"),
    });
    expect(rows.map((r) => [r.kind, iso(r.fireAt)])).toEqual([
      ["papers_call", "2026-05-26T08:00:00.000Z"],
      ["papers_last_call", "2026-06-02T08:00:00.000Z"],
      ["matters_arising", "2026-06-08T08:00:00.000Z"],
    ]);
  });

  it("names the agenda pack's day: five clear days before the meeting, on a working day", () => {
    // Meeting Tue 22 Dec 2026: papers due Tue 15 Dec; pack by Wed 16 Dec (17th to 21st clear).
    const days = meetingDeadlines({
      startsAt: new Date("2026-12-22T14:00:00Z"),
      calendar: london,
      policy: DEFAULT_REMINDER_POLICY,
    });
    expect(days).toEqual({
      papersCall: "2026-12-08",
      papersDue: "2026-12-15",
      agendaPublished: "2026-12-16",
      mattersArising: "2026-12-21",
    });
    // Meeting Mon 11 Jan 2027: six days before is Tue 5 Jan, a working day.
    expect(
      meetingDeadlines({
        startsAt: new Date("2027-01-11T14:00:00Z"),
        calendar: london,
        policy: DEFAULT_REMINDER_POLICY,
      }).agendaPublished,
    ).toBe("2027-01-05");
    // Meeting Fri 8 Jan 2027: six days before is Sat 2 Jan, so Thu 31 Dec (Fri 1 Jan is New Year's Day).
    expect(
      meetingDeadlines({
        startsAt: new Date("2027-01-08T14:00:00Z"),
        calendar: london,
        policy: DEFAULT_REMINDER_POLICY,
      }).agendaPublished,
    ).toBe("2026-12-31");
  });

  it("calls for papers at the next send time when the meeting is planned after the call's day, before the last call", () => {
    // Meeting Tue 22 Dec 2026 planned on Thu 10 Dec 11:00: the call (Tue 8 Dec) has gone by; it goes Fri 11 Dec 09:00.
    const late = planMeetingReminders({
      startsAt: new Date("2026-12-22T14:00:00Z"),
      calendar: london,
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date("2026-12-10T11:00:00Z"),
    });
    expect(late.map((r) => [r.kind, iso(r.fireAt)])).toEqual([
      ["papers_call", "2026-12-11T09:00:00.000Z"],
      ["papers_last_call", "2026-12-15T09:00:00.000Z"],
      ["matters_arising", "2026-12-21T09:00:00.000Z"],
    ]);
    // Planned on Mon 14 Dec 11:00: the next send time is the deadline day itself, so only the last call.
    const later = planMeetingReminders({
      startsAt: new Date("2026-12-22T14:00:00Z"),
      calendar: london,
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date("2026-12-14T11:00:00Z"),
    });
    expect(later.map((r) => r.kind)).toEqual(["papers_last_call", "matters_arising"]);
  });
});

describe("nextWeeklyDigestTime", () => {
  const at = (now: string, calendar = london) =>
    iso(nextWeeklyDigestTime({ calendar, policy: DEFAULT_REMINDER_POLICY, now: new Date(now) }));
  it.each([
    ["Monday before 09:00: today", "2026-11-30T08:59:59Z", london, "2026-11-30T09:00:00.000Z"],
    ["Monday 09:00 exactly: today", "2026-11-30T09:00:00Z", london, "2026-11-30T09:00:00.000Z"],
    ["Monday after 09:00: next Monday", "2026-11-30T09:00:01Z", london, "2026-12-07T09:00:00.000Z"],
    ["Sunday: the next day", "2026-12-06T20:00:00Z", london, "2026-12-07T09:00:00.000Z"],
    [
      "Easter Monday 2027 (England): Tuesday, in summer time",
      "2027-03-28T12:00:00Z",
      london,
      "2027-03-30T08:00:00.000Z",
    ],
    ["the same week in Scotland: Monday", "2027-03-28T12:00:00Z", scotland, "2027-03-29T08:00:00.000Z"],
    [
      "a holiday Monday already past 09:00 on Tuesday: next Monday",
      "2027-03-30T08:30:00Z",
      london,
      "2027-04-05T08:00:00.000Z",
    ],
    [
      "New York board: 09:00 there",
      "2026-11-30T12:00:00Z",
      { timeZone: "America/New_York", holidayRegion: "england-and-wales" } as WorkingCalendar,
      "2026-11-30T14:00:00.000Z",
    ],
  ] as const)("%s", (_what, now, calendar, expected) => {
    expect(at(now, calendar)).toBe(expected);
  });
});

describe("readReminderPolicy", () => {
  it("fills in defaults and explains bad values", () => {
    expect(readReminderPolicy({ overdueEveryDays: 14 })).toEqual({
      ok: true,
      policy: { ...DEFAULT_REMINDER_POLICY, overdueEveryDays: 14 },
    });
    const bad = readReminderPolicy({ sendAtMinutes: 2000, beforeDueDays: "seven" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.join("\n")).toMatch(/sendAtMinutes/);
  });
});
