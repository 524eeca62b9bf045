// When reminders fire: working days, 09:00 in the board's zone, the default policy.
// Pure: no I/O. Public holidays come from the date-holidays package.
import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { z } from "zod";

export type HolidayRegion = "england-and-wales" | "scotland" | "northern-ireland";
export type ActionReminderKind = "due_7d" | "due_1wd" | "due_day" | "overdue" | "escalation";
export type MeetingReminderKind = "papers_call" | "papers_last_call" | "matters_arising";

const PolicySchema = z.object({
  beforeDueDays: z.array(z.number().int().min(1).max(90)).max(5).default([7]),
  beforeDueWorkingDays: z.array(z.number().int().min(1).max(20)).max(5).default([1]),
  onDueDay: z.boolean().default(true),
  overdueEveryDays: z.number().int().min(1).max(90).default(7),
  maxOverdueReminders: z.number().int().min(0).max(52).default(8),
  escalateAfterOverdue: z.number().int().min(1).max(52).default(3),
  sendAtMinutes: z.number().int().min(0).max(1439).default(540),
  /** Papers are due this many working days before the meeting. */
  papersDueWorkingDays: z.number().int().min(1).max(30).default(5),
  /** The call for papers goes out this many working days before they are due (a last call on the day). */
  papersCallWorkingDays: z.number().int().min(1).max(30).default(5),
  mattersArisingWorkingDays: z.number().int().min(1).max(30).default(1),
  /** The Monday digest of the board's actions to its channel. */
  weeklyDigest: z.boolean().default(true),
});

export type ReminderPolicy = z.infer<typeof PolicySchema>;
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = PolicySchema.parse({});

/** A board's stored policy with defaults filled in, or what is wrong with it in plain words. */
export function readReminderPolicy(
  json: unknown,
): { ok: true; policy: ReminderPolicy } | { ok: false; problems: string[] } {
  const parsed = PolicySchema.safeParse(json ?? {});
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "policy"}: ${i.message}`) };
}

export interface WorkingCalendar {
  timeZone: string;
  holidayRegion: HolidayRegion;
}

const STATE: Record<HolidayRegion, string> = { "england-and-wales": "ENG", scotland: "SCT", "northern-ireland": "NIR" };
const holidayCache = new Map<string, Set<string>>();

function publicHolidays(region: HolidayRegion, year: number): Set<string> {
  const cacheKey = `${region}:${year}`;
  let days = holidayCache.get(cacheKey);
  if (!days) {
    const calendar = new Holidays("GB", STATE[region]);
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(cacheKey, days);
  }
  return days;
}

function dayOf(iso: string, zone: string): DateTime {
  const day = DateTime.fromISO(iso, { zone });
  if (!day.isValid) throw new Error(`Invalid day or time zone: ${iso} in ${zone}`);
  return day;
}

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const date = dayOf(day, calendar.timeZone);
  return date.weekday <= 5 && !publicHolidays(calendar.holidayRegion, date.year).has(day);
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(day: string, calendar: WorkingCalendar): string {
  let date = dayOf(day, calendar.timeZone).plus({ days: 1 });
  while (!isWorkingDay(date.toISODate()!, calendar)) date = date.plus({ days: 1 });
  return date.toISODate()!;
}

/** `n` working days after `day` (before it when negative). */
export function addWorkingDays(day: string, n: number, calendar: WorkingCalendar): string {
  let date = dayOf(day, calendar.timeZone);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    date = date.plus({ days: step });
    if (isWorkingDay(date.toISODate()!, calendar)) left--;
  }
  return date.toISODate()!;
}

/** `sendAtMinutes` past midnight on `day` in the zone, on the next working day if `day` is not one. */
export function fireTimeOn(day: string, sendAtMinutes: number, calendar: WorkingCalendar): Date {
  const working = isWorkingDay(day, calendar) ? day : nextWorkingDay(day, calendar);
  return dayOf(working, calendar.timeZone)
    .set({ hour: Math.floor(sendAtMinutes / 60), minute: sendAtMinutes % 60 })
    .toJSDate();
}

/** The last working day on or before `day`. */
export function workingDayOnOrBefore(day: string, calendar: WorkingCalendar): string {
  return isWorkingDay(day, calendar) ? day : addWorkingDays(day, -1, calendar);
}

/**
 * When an action's due-day reminder goes: the send time on the due day, or on the last working
 * day before it when the due day is not one (a Sunday due date is reminded on Friday).
 */
export function dueDayReminderTime({
  dueAt,
  calendar,
  policy,
}: {
  dueAt: Date;
  calendar: WorkingCalendar;
  policy: ReminderPolicy;
}): Date {
  const dueDay = DateTime.fromJSDate(dueAt, { zone: calendar.timeZone }).toISODate();
  if (!dueDay) throw new Error(`Invalid time zone ${calendar.timeZone}`);
  return fireTimeOn(workingDayOnOrBefore(dueDay, calendar), policy.sendAtMinutes, calendar);
}

export interface PlannedReminder<K extends string = string> {
  kind: K;
  fireAt: Date;
  /** 1-based count for overdue reminders, else 0. */
  sequence: number;
}

const ORDER: Record<string, number> = {
  due_7d: 0,
  due_1wd: 1,
  due_day: 2,
  overdue: 3,
  escalation: 4,
  papers_call: 0,
  papers_last_call: 1,
  matters_arising: 2,
};

function sorted<K extends string>(planned: PlannedReminder<K>[], now: Date): PlannedReminder<K>[] {
  return planned
    .filter((p) => p.fireAt.getTime() >= now.getTime())
    .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || ORDER[a.kind]! - ORDER[b.kind]!);
}

/**
 * Every reminder an action with this due day gets under the policy, from now on. Before the due
 * day and on it, a reminder whose day is not a working day comes on the working day before; after
 * it (overdue), on the working day after. The owner hears at most once a day: where two kinds
 * fall on one day, the later kind is sent ("Due Sunday" on Friday, not "Due tomorrow" as well).
 * The escalation goes to the secretariat, so it is not one of the owner's.
 */
export function planActionReminders({
  dueAt,
  calendar,
  policy,
  now,
}: {
  dueAt: Date;
  calendar: WorkingCalendar;
  policy: ReminderPolicy;
  now: Date;
}): PlannedReminder<ActionReminderKind>[] {
  const dueDay = DateTime.fromJSDate(dueAt, { zone: calendar.timeZone }).toISODate();
  if (!dueDay) throw new Error(`Invalid time zone ${calendar.timeZone}`);
  const earlier = (day: string) => fireTimeOn(workingDayOnOrBefore(day, calendar), policy.sendAtMinutes, calendar);
  const dueDayAt = dueDayReminderTime({ dueAt, calendar, policy });
  // Days before the due day, moved to a working day on or before them, never land after the due day's reminder.
  const planned: PlannedReminder<ActionReminderKind>[] = [
    ...policy.beforeDueDays.map((d) => ({
      kind: "due_7d" as const,
      fireAt: earlier(dayOf(dueDay, calendar.timeZone).minus({ days: d }).toISODate()!),
      sequence: 0,
    })),
    ...policy.beforeDueWorkingDays.map((d) => ({
      kind: "due_1wd" as const,
      fireAt: earlier(addWorkingDays(dueDay, -d, calendar)),
      sequence: 0,
    })),
  ];
  if (policy.onDueDay) planned.push({ kind: "due_day", fireAt: dueDayAt, sequence: 0 });
  // Overdue: the first working day after the due day, then every `overdueEveryDays` from it, each
  // on the next working day when its own is not one (it can never come before the date it chases).
  let overdueDay = nextWorkingDay(dueDay, calendar);
  for (let sequence = 1; sequence <= policy.maxOverdueReminders; sequence++) {
    const fireAt = fireTimeOn(overdueDay, policy.sendAtMinutes, calendar);
    planned.push({ kind: "overdue", fireAt, sequence });
    if (sequence === policy.escalateAfterOverdue) planned.push({ kind: "escalation", fireAt, sequence: 0 });
    overdueDay = dayOf(overdueDay, calendar.timeZone).plus({ days: policy.overdueEveryDays }).toISODate()!;
  }
  // One a day for the owner: the latest kind of each day (a before-due reminder moved onto the
  // due day's adds nothing).
  const byDay = new Map<string, PlannedReminder<ActionReminderKind>>();
  const escalations = planned.filter((p) => p.kind === "escalation");
  for (const p of planned.filter((x) => x.kind !== "escalation")) {
    const day = DateTime.fromJSDate(p.fireAt, { zone: calendar.timeZone }).toISODate()!;
    const kept = byDay.get(day);
    if (!kept || ORDER[p.kind]! > ORDER[kept.kind]!) byDay.set(day, p);
  }
  return sorted([...byDay.values(), ...escalations], now);
}

/** The days a meeting's preparation keeps to, each a YYYY-MM-DD in the board's zone. */
export interface MeetingDeadlines {
  /** The call for papers: `papersCallWorkingDays` working days before they are due. */
  papersCall: string;
  /** Papers due: `papersDueWorkingDays` working days before the meeting (a last call that day). */
  papersDue: string;
  /**
   * The agenda pack published: 5 clear days before the meeting (Local Government Act 1972
   * s.100B(3)), the day of publication and the day of the meeting not counted, in calendar days;
   * on a working day, so the last working day with five whole days between it and the meeting.
   */
  agendaPublished: string;
  /** Matters arising: `mattersArisingWorkingDays` working days before the meeting. */
  mattersArising: string;
}

/** Clear days required between the agenda pack's publication and the meeting. */
export const AGENDA_CLEAR_DAYS = 5;

export function meetingDeadlines({
  startsAt,
  calendar,
  policy,
}: {
  startsAt: Date;
  calendar: WorkingCalendar;
  policy: ReminderPolicy;
}): MeetingDeadlines {
  const day = DateTime.fromJSDate(startsAt, { zone: calendar.timeZone }).toISODate();
  if (!day) throw new Error(`Invalid time zone ${calendar.timeZone}`);
  const papersDue = addWorkingDays(day, -policy.papersDueWorkingDays, calendar);
  return {
    papersCall: addWorkingDays(papersDue, -policy.papersCallWorkingDays, calendar),
    papersDue,
    agendaPublished: workingDayOnOrBefore(
      dayOf(day, calendar.timeZone)
        .minus({ days: AGENDA_CLEAR_DAYS + 1 })
        .toISODate()!,
      calendar,
    ),
    mattersArising: addWorkingDays(day, -policy.mattersArisingWorkingDays, calendar),
  };
}

/** The first send time (the board's hour on a working day) at or after now. */
export function nextSendTime({
  calendar,
  policy,
  now,
}: {
  calendar: WorkingCalendar;
  policy: ReminderPolicy;
  now: Date;
}): Date {
  const today = DateTime.fromJSDate(now, { zone: calendar.timeZone }).toISODate()!;
  const todayAt = fireTimeOn(today, policy.sendAtMinutes, calendar);
  return isWorkingDay(today, calendar) && todayAt >= now
    ? todayAt
    : fireTimeOn(nextWorkingDay(today, calendar), policy.sendAtMinutes, calendar);
}

/** The call for papers, a last call on the day they are due, and the matters-arising list before a meeting. */
export function planMeetingReminders({
  startsAt,
  calendar,
  policy,
  now,
}: {
  startsAt: Date;
  calendar: WorkingCalendar;
  policy: ReminderPolicy;
  now: Date;
}): PlannedReminder<MeetingReminderKind>[] {
  const days = meetingDeadlines({ startsAt, calendar, policy });
  const at = (day: string) => fireTimeOn(day, policy.sendAtMinutes, calendar);
  // A meeting planned after its call's day still gets the call, at the next send time, as long as
  // that is before the last call; otherwise the last call is the first word.
  const soonest = nextSendTime({ calendar, policy, now });
  const call = at(days.papersCall) >= now ? at(days.papersCall) : soonest < at(days.papersDue) ? soonest : undefined;
  return sorted(
    [
      ...(call ? [{ kind: "papers_call" as const, fireAt: call, sequence: 0 }] : []),
      { kind: "papers_last_call" as const, fireAt: at(days.papersDue), sequence: 0 },
      { kind: "matters_arising" as const, fireAt: at(days.mattersArising), sequence: 0 },
    ],
    now,
  );
}

/**
 * When the board's weekly digest goes: Monday at the send time, or the next working
 * day when Monday is a holiday; this week's if still to come, else next week's.
 */
export function nextWeeklyDigestTime({
  calendar,
  policy,
  now,
}: {
  calendar: WorkingCalendar;
  policy: ReminderPolicy;
  now: Date;
}): Date {
  const monday = DateTime.fromJSDate(now, { zone: calendar.timeZone }).startOf("week");
  const thisWeek = fireTimeOn(monday.toISODate()!, policy.sendAtMinutes, calendar);
  if (thisWeek.getTime() >= now.getTime()) return thisWeek;
  return fireTimeOn(monday.plus({ weeks: 1 }).toISODate()!, policy.sendAtMinutes, calendar);
}

/**
 * The calendar and policy a board's reminders follow: its own, or the workspace's
 * zone, England and Wales, and the default policy (also when a stored policy is invalid).
 */
export function reminderRulesOf(
  board: { timeZone: string; holidayRegion: string; reminderPolicy: unknown } | null | undefined,
  workspaceTimeZone: string,
): { calendar: WorkingCalendar; policy: ReminderPolicy } {
  const read = readReminderPolicy(board?.reminderPolicy ?? {});
  return {
    calendar: {
      timeZone: board?.timeZone ?? workspaceTimeZone,
      holidayRegion: (board?.holidayRegion ?? "england-and-wales") as HolidayRegion,
    },
    policy: read.ok ? read.policy : DEFAULT_REMINDER_POLICY,
  };
}
