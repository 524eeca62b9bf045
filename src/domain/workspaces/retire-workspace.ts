import type { Db } from "../../db/client";
import { mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";

export interface RetiredWorkspace {
  workspaceId: string;
  /** Reminder rows cancelled, whose jobs can be removed from Redis. */
  cancelledReminderIds: string[];
  /** When its data will be deleted. */
  deleteAfter: Date;
}

/**
 * Minutebook was uninstalled from a workspace (or its bot token revoked): in one
 * transaction its installations are marked revoked, the workspace uninstalled, and
 * every reminder still to send cancelled, so nothing more goes to it. Its data stays
 * for the grace period, then the purge sweep deletes it. Undefined if the workspace
 * was never seen; idempotent (Slack may send both events, and may send them twice).
 */
export async function retireWorkspace(
  db: Db,
  { slackTeamId, now, retentionDays }: { slackTeamId: string; now: Date; retentionDays: number },
): Promise<RetiredWorkspace | undefined> {
  return db.$transaction(async (tx) => {
    await tx.installation.updateMany({ where: { teamId: slackTeamId, revokedAt: null }, data: { revokedAt: now } });
    const workspace = await tx.workspace.findUnique({
      where: { slackTeamId },
      select: { id: true, uninstalledAt: true },
    });
    if (!workspace) return undefined;
    const uninstalledAt = workspace.uninstalledAt ?? now;
    if (!workspace.uninstalledAt) await tx.workspace.update({ where: { id: workspace.id }, data: { uninstalledAt } });
    const pending = await tx.reminder.findMany({
      where: { workspaceId: workspace.id, state: { in: ["scheduled", "sending"] } },
      select: { id: true },
    });
    await tx.reminder.updateMany({
      where: { id: { in: pending.map((r) => r.id) } },
      data: { state: "cancelled", lastError: "Minutebook was uninstalled from the workspace" },
    });
    await tx.minutesImport.updateMany({
      where: { workspaceId: workspace.id, status: { in: ["pending", "parsing", "previewed"] } },
      data: { status: "cancelled" },
    });
    return {
      workspaceId: workspace.id,
      cancelledReminderIds: pending.map((r) => r.id),
      deleteAfter: new Date(uninstalledAt.getTime() + retentionDays * 86_400_000),
    };
  });
}

/** Deletes (with everything in them) the workspaces uninstalled more than `retentionDays` ago. */
export async function purgeRetiredWorkspaces(
  db: Db,
  { now, retentionDays }: { now: Date; retentionDays: number },
): Promise<Array<{ slackTeamId: string; uninstalledAt: Date }>> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const due = await db.workspace.findMany({
    where: { uninstalledAt: { lte: cutoff } },
    select: { id: true, slackTeamId: true, uninstalledAt: true },
  });
  const purged: Array<{ slackTeamId: string; uninstalledAt: Date }> = [];
  for (const workspace of due) {
    // Only if it is still uninstalled: a reinstall in the meantime keeps it.
    const deleted = await db.workspace.deleteMany({ where: { id: workspace.id, uninstalledAt: { lte: cutoff } } });
    if (deleted.count > 0) purged.push({ slackTeamId: workspace.slackTeamId, uninstalledAt: workspace.uninstalledAt! });
  }
  return purged;
}

/**
 * A workspace installed again within its grace period: the reminders its uninstall
 * cancelled are planned again (revived where still wanted), action by action and
 * meeting by meeting, each in its own transaction, as any change would plan them.
 */
export async function resumeWorkspace(
  db: Db,
  { workspaceId, now }: { workspaceId: string; now: Date },
): Promise<ReminderSync> {
  let sync: ReminderSync = { scheduled: [], cancelled: [] };
  const actions = await db.action.findMany({ where: { workspaceId, status: "open" }, select: { id: true } });
  for (const action of actions)
    sync = mergeSyncs(
      sync,
      await db.$transaction((tx) => syncActionReminders(tx, { workspaceId, actionId: action.id, now })),
    );
  const meetings = await db.meeting.findMany({
    where: { workspaceId, status: "scheduled", startsAt: { gt: now } },
    select: { id: true },
  });
  for (const meeting of meetings)
    sync = mergeSyncs(
      sync,
      await db.$transaction((tx) => syncMeetingReminders(tx, { workspaceId, meetingId: meeting.id, now })),
    );
  return sync;
}
