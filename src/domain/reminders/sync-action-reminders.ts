import type { Prisma } from "../../db/client";
import { planActionReminders, reminderRulesOf } from "../../reminders/plan";
import { escalationRecipients, ownerRecipients } from "./recipients";

/** What changed in the reminder rows, for the jobs to follow after commit. */
export interface ReminderSync {
  /** Rows to have a delayed job for (new, or brought back). */
  scheduled: Array<{ id: string; fireAt: Date }>;
  /** Rows cancelled: their jobs, if any, can go. */
  cancelled: string[];
}

export const EMPTY_SYNC: ReminderSync = { scheduled: [], cancelled: [] };

export function mergeSyncs(...syncs: ReminderSync[]): ReminderSync {
  return { scheduled: syncs.flatMap((s) => s.scheduled), cancelled: syncs.flatMap((s) => s.cancelled) };
}

const key = (r: { kind: string; fireAt: Date; recipient: string }) => `${r.kind}|${r.fireAt.toISOString()}|${r.recipient}`;

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
  if (!action) return EMPTY_SYNC;
  const subject = `action:${action.id}`;
  const desired: Array<{ kind: string; fireAt: Date; recipient: string }> = [];
  if (action.status === "open" && action.dueAt) {
    const { calendar, policy } = reminderRulesOf(action.board, action.workspace.timeZone);
    const owners = ownerRecipients(action);
    const escalation = escalationRecipients(action);
    for (const planned of planActionReminders({ dueAt: action.dueAt, calendar, policy, now })) {
      for (const recipient of planned.kind === "escalation" ? escalation : owners) desired.push({ kind: planned.kind, fireAt: planned.fireAt, recipient });
    }
  }
  const existing = await tx.reminder.findMany({ where: { workspaceId, subject }, select: { id: true, kind: true, fireAt: true, recipient: true, state: true } });
  const existingByKey = new Map(existing.map((r) => [key(r), r]));
  const desiredKeys = new Set(desired.map(key));

  const cancelled = existing.filter((r) => r.state === "scheduled" && !desiredKeys.has(key(r)) && (r.kind !== "snooze" || action.status !== "open"));
  if (cancelled.length > 0) {
    await tx.reminder.updateMany({ where: { id: { in: cancelled.map((r) => r.id) }, state: "scheduled" }, data: { state: "cancelled" } });
  }
  const revived = desired.flatMap((d) => {
    const row = existingByKey.get(key(d));
    return row && row.state === "cancelled" ? [row] : [];
  });
  if (revived.length > 0) {
    await tx.reminder.updateMany({ where: { id: { in: revived.map((r) => r.id) }, state: "cancelled" }, data: { state: "scheduled", lastError: null } });
  }
  const missing = desired.filter((d) => !existingByKey.has(key(d)));
  const created = missing.length
    ? await tx.reminder.createManyAndReturn({
        data: missing.map((d) => ({ workspaceId, boardId: action.boardId, actionId: action.id, subject, kind: d.kind, recipient: d.recipient, fireAt: d.fireAt })),
        select: { id: true, fireAt: true },
      })
    : [];
  return { scheduled: [...created, ...revived.map((r) => ({ id: r.id, fireAt: r.fireAt }))], cancelled: cancelled.map((r) => r.id) };
}
