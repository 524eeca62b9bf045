import type { Prisma } from "../../db/client";
import { planActionReminders, reminderRulesOf } from "../../reminders/plan";
import { reconcileReminders, type DesiredReminder, type ReminderSync } from "./reconcile-reminders";
import { escalationRecipients, ownerRecipients } from "./recipients";

/**
 * Makes an action's planned reminders match what it is now: open with a due date,
 * the full schedule for each recipient; closed or undated, none. Runs inside the
 * transaction that changed the action, so rows and action never disagree.
 * Snoozes stay while the action is open; sent reminders are never touched.
 */
export async function syncActionReminders(tx: Prisma.TransactionClient, { workspaceId, actionId, now }: { workspaceId: string; actionId: string; now: Date }): Promise<ReminderSync> {
  const action = await tx.action.findFirst({
    where: { id: actionId, workspaceId },
    include: {
      owners: { orderBy: { position: "asc" } },
      board: { select: { id: true, slackChannelId: true, secretarySlackUserId: true, chairSlackUserId: true, timeZone: true, holidayRegion: true, reminderPolicy: true } },
      workspace: { select: { timeZone: true } },
    },
  });
  if (!action) return { scheduled: [], cancelled: [] };
  const desired: DesiredReminder[] = [];
  if (action.status === "open" && action.dueAt) {
    const { calendar, policy } = reminderRulesOf(action.board, action.workspace.timeZone);
    const owners = ownerRecipients(action);
    const escalation = escalationRecipients(action);
    for (const planned of planActionReminders({ dueAt: action.dueAt, calendar, policy, now })) {
      // The secretariat's escalation goes to someone who is not already chased as an owner that day.
      for (const recipient of planned.kind === "escalation" ? escalation.filter((r) => !owners.includes(r)) : owners) desired.push({ kind: planned.kind, fireAt: planned.fireAt, recipient });
    }
  }
  return reconcileReminders(tx, {
    workspaceId,
    subject: `action:${action.id}`,
    links: { boardId: action.boardId, actionId: action.id },
    desired,
    keeps: (row) => row.kind === "snooze" && action.status === "open",
  });
}
