import type { Prisma } from "../../db/client";
import { DateTime } from "luxon";
import { dueDayReminderTime, planActionReminders, reminderRulesOf } from "../../reminders/plan";
import { reconcileReminders, type DesiredReminder, type ReminderSync } from "./reconcile-reminders";
import { escalationRecipients, ownerRecipients } from "./recipients";

/**
 * Makes an action's planned reminders match what it is now: open with a due date,
 * the full schedule for each recipient; closed or undated, none. Runs inside the
 * transaction that changed the action, so rows and action never disagree.
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
  let desired: DesiredReminder[] = [];
  /** Snoozes that still hold and end in a reminder of their own: the person hears nothing before. */
  const keptSnoozes = new Set<string>();
  if (action.status === "open" && action.dueAt) {
    const { calendar, policy } = reminderRulesOf(action.board, action.workspace.timeZone);
    const owners = ownerRecipients(action);
    const escalation = escalationRecipients(action);
    for (const planned of planActionReminders({ dueAt: action.dueAt, calendar, policy, now })) {
      // The secretariat's escalation goes to someone who is not already chased as an owner that day.
      for (const recipient of planned.kind === "escalation" ? escalation.filter((r) => !owners.includes(r)) : owners)
        desired.push({ kind: planned.kind, fireAt: planned.fireAt, recipient });
    }
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
