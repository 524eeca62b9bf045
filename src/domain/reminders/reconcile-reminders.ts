import type { Prisma } from "../../db/client";

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

export interface DesiredReminder {
  kind: string;
  fireAt: Date;
  recipient: string;
}

export interface ReconcileOptions {
  workspaceId: string;
  /** "action:<id>", "meeting:<id>" or "board:<id>". */
  subject: string;
  /** Stored on new rows. */
  links: { boardId: string | null; actionId?: string; meetingId?: string };
  desired: readonly DesiredReminder[];
  /** Scheduled rows not in `desired` that stay anyway (an open action's snoozes). */
  keeps?: (row: { id: string; kind: string }) => boolean;
}

const keyOf = (r: DesiredReminder) => `${r.kind}|${r.fireAt.toISOString()}|${r.recipient}`;

/**
 * Makes a subject's scheduled reminder rows exactly `desired`: missing rows are
 * created, unwanted scheduled rows cancelled, cancelled ones wanted again revived.
 * Rows already sent (or sending) are never touched. Runs inside the caller's
 * transaction, so the rows always agree with what they are about.
 */
export async function reconcileReminders(
  tx: Prisma.TransactionClient,
  { workspaceId, subject, links, desired, keeps }: ReconcileOptions,
): Promise<ReminderSync> {
  const existing = await tx.reminder.findMany({
    where: { workspaceId, subject },
    select: { id: true, kind: true, fireAt: true, recipient: true, state: true },
  });
  const existingByKey = new Map(existing.map((r) => [keyOf(r), r]));
  const desiredKeys = new Set(desired.map(keyOf));

  const cancelled = existing.filter((r) => r.state === "scheduled" && !desiredKeys.has(keyOf(r)) && !keeps?.(r));
  if (cancelled.length > 0) {
    await tx.reminder.updateMany({
      where: { id: { in: cancelled.map((r) => r.id) }, state: "scheduled" },
      data: { state: "cancelled" },
    });
  }
  const revived = desired.flatMap((d) => {
    const row = existingByKey.get(keyOf(d));
    return row && row.state === "cancelled" ? [row] : [];
  });
  if (revived.length > 0) {
    await tx.reminder.updateMany({
      where: { id: { in: revived.map((r) => r.id) }, state: "cancelled" },
      data: { state: "scheduled", lastError: null },
    });
  }
  const missing = desired.filter((d) => !existingByKey.has(keyOf(d)));
  const created = missing.length
    ? await tx.reminder.createManyAndReturn({
        data: missing.map((d) => ({
          workspaceId,
          ...links,
          subject,
          kind: d.kind,
          recipient: d.recipient,
          fireAt: d.fireAt,
        })),
        select: { id: true, fireAt: true },
      })
    : [];
  return {
    scheduled: [...created, ...revived.map((r) => ({ id: r.id, fireAt: r.fireAt }))],
    cancelled: cancelled.map((r) => r.id),
  };
}
