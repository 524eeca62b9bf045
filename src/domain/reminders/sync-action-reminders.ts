import type { Prisma } from "../../db/client";
import { DateTime } from "luxon";
import {
  dueDayReminderTime,
  planActionReminders,
  reminderRulesOf,
  type ActionReminderKind,
  type PlannedReminder,
  type ReminderPolicy,
  type WorkingCalendar,
} from "../../reminders/plan";
import { reconcileReminders, type DesiredReminder, type ReminderSync } from "./reconcile-reminders";
import { escalationRecipients, ownerRecipients, type RecipientSubject } from "./recipients";

/** What an action's reminder schedule depends on: its date and people, and its board's rules. */
export interface ReminderSubject extends RecipientSubject {
  status: string;
  dueAt: Date | null;
  board:
    | (NonNullable<RecipientSubject["board"]> & { timeZone: string; holidayRegion: string; reminderPolicy: unknown })
    | null;
}

/**
 * The reminders an action is due, from now on: open with a due date, the full schedule
 * for each recipient; closed or undated, none. Pure: snoozes are left to the caller.
 */
export function plannedActionReminders(
  action: ReminderSubject,
  workspaceTimeZone: string,
  now: Date,
): DesiredReminder[] {
  if (action.status !== "open" || !action.dueAt) return [];
  const { calendar, policy } = reminderRulesOf(action.board, workspaceTimeZone);
  const owners = ownerRecipients(action);
  const escalation = escalationRecipients(action);
  const desired: DesiredReminder[] = [];
  for (const planned of wholePlanOf(action.dueAt, calendar, policy)) {
    if (planned.fireAt.getTime() < now.getTime()) continue;
    // The secretariat's escalation goes to someone who is not already chased as an owner that day.
    for (const recipient of planned.kind === "escalation" ? escalation.filter((r) => !owners.includes(r)) : owners)
      desired.push({ kind: planned.kind, fireAt: planned.fireAt, recipient });
  }
  return desired;
}

const PLANS_KEPT = 500;
const wholePlans = new Map<string, readonly PlannedReminder<ActionReminderKind>[]>();

/**
 * An action's whole schedule, past reminders included, remembered: planning costs some
 * milliseconds of working-day arithmetic, and many actions share a due day and a board's
 * rules. Leaving out those before now afterwards gives what planActionReminders gives with
 * `now` (it sorts by time, and drops the past last).
 */
function wholePlanOf(
  dueAt: Date,
  calendar: WorkingCalendar,
  policy: ReminderPolicy,
): readonly PlannedReminder<ActionReminderKind>[] {
  const key = `${dueAt.getTime()}|${calendar.timeZone}|${calendar.holidayRegion}|${JSON.stringify(policy)}`;
  const known = wholePlans.get(key);
  if (known) return known;
  const plan = planActionReminders({ dueAt, calendar, policy, now: new Date(0) });
  if (wholePlans.size >= PLANS_KEPT) wholePlans.delete(wholePlans.keys().next().value as string);
  wholePlans.set(key, plan);
  return plan;
}

/**
 * Makes an action's planned reminders match what it is now (plannedActionReminders).
 * Runs inside the transaction that changed the action, so rows and action never disagree.
 * Snoozes stay while the action is open (see below); sent reminders are never touched.
 */
export async function syncActionReminders(
  tx: Prisma.TransactionClient,
  { workspaceId, actionId, now }: { workspaceId: string; actionId: string; now: Date },
): Promise<ReminderSync> {
  const action = await tx.action.findFirst({
    where: { id: actionId, workspaceId },
    include: {
      owners: { orderBy: { position: "asc" } },
      board: {
        select: {
          id: true,
          slackChannelId: true,
          secretarySlackUserId: true,
          chairSlackUserId: true,
          timeZone: true,
          holidayRegion: true,
          reminderPolicy: true,
        },
      },
      workspace: { select: { timeZone: true } },
    },
  });
  if (!action) return { scheduled: [], cancelled: [] };
  let desired = plannedActionReminders(action, action.workspace.timeZone, now);
  /** Snoozes that still hold and end in a reminder of their own: the person hears nothing before. */
  const keptSnoozes = new Set<string>();
  if (action.status === "open" && action.dueAt) {
    const { calendar, policy } = reminderRulesOf(action.board, action.workspace.timeZone);
    // Planned afresh (a new date, new settings, a meeting moved), a snooze still holds: nothing for
    // that person before it ends. One that now runs past the due day's reminder ends (a snooze
    // never silences the due day), and one ending on a day with a reminder of its own gives way to it.
    const dueDayAt = dueDayReminderTime({ dueAt: action.dueAt, calendar, policy });
    const sameDay = (a: Date, b: Date) =>
      DateTime.fromJSDate(a, { zone: calendar.timeZone }).hasSame(
        DateTime.fromJSDate(b, { zone: calendar.timeZone }),
        "day",
      );
    const snoozes = await tx.reminder.findMany({
      where: { subject: `action:${action.id}`, kind: "snooze", state: "scheduled" },
      select: { id: true, recipient: true, fireAt: true },
    });
    const holding = snoozes.filter((snooze) => snooze.fireAt <= dueDayAt);
    desired = desired.filter(
      (d) => !holding.some((snooze) => snooze.recipient === d.recipient && d.fireAt < snooze.fireAt),
    );
    for (const snooze of holding)
      if (!desired.some((d) => d.recipient === snooze.recipient && sameDay(d.fireAt, snooze.fireAt)))
        keptSnoozes.add(snooze.id);
  }
  return reconcileReminders(tx, {
    workspaceId,
    subject: `action:${action.id}`,
    links: { boardId: action.boardId, actionId: action.id },
    desired,
    keeps: (row) => keptSnoozes.has(row.id),
  });
}
