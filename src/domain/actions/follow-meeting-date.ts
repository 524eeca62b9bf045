import { startOfDay } from "../../dates";
import type { Db, Prisma } from "../../db/client";
import { EMPTY_SYNC, mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";

/**
 * Actions due "by the next meeting" move with that meeting. Called whenever a
 * meeting's start time changes; each open action due at it gets the meeting's
 * new day and a due_changed event, and the meeting's own reminders (call for
 * papers, matters arising) move too, in one transaction. Returns the references moved.
 */
export async function followMeetingDate(
  db: Db,
  { workspaceId, meetingId, now }: { workspaceId: string; meetingId: string; now: Date },
): Promise<{ references: string[]; reminders: ReminderSync }> {
  return db.$transaction((tx) => followMeetingDateIn(tx, { workspaceId, meetingId, now }));
}

/**
 * The same, inside a transaction the caller holds (moving a meeting is one).
 * `actorLabel` says in each action's history why its date moved.
 */
export async function followMeetingDateIn(
  tx: Prisma.TransactionClient,
  {
    workspaceId,
    meetingId,
    now,
    actorLabel = "meeting moved",
  }: { workspaceId: string; meetingId: string; now: Date; actorLabel?: string },
): Promise<{ references: string[]; reminders: ReminderSync }> {
  const meeting = await tx.meeting.findFirst({
    where: { id: meetingId, workspaceId },
    select: { startsAt: true, board: { select: { timeZone: true } } },
  });
  if (!meeting) return { references: [], reminders: EMPTY_SYNC };
  const dueAt = startOfDay(meeting.startsAt, meeting.board.timeZone);
  const actions = await tx.action.findMany({
    where: { workspaceId, dueMeetingId: meetingId, status: "open", NOT: { dueAt } },
    select: { id: true, reference: true, dueAt: true, dueText: true, duePrecision: true },
  });
  const syncs: ReminderSync[] = [await syncMeetingReminders(tx, { workspaceId, meetingId, now })];
  for (const action of actions) {
    await tx.action.update({
      where: { id: action.id },
      data: { dueAt, duePrecision: "day", version: { increment: 1 } },
    });
    await tx.actionEvent.create({
      data: {
        workspaceId,
        actionId: action.id,
        type: "due_changed",
        actorLabel,
        before: {
          dueAt: action.dueAt?.toISOString() ?? null,
          dueText: action.dueText,
          duePrecision: action.duePrecision,
        },
        after: { dueAt: dueAt.toISOString(), dueText: action.dueText, duePrecision: "day" },
        createdAt: now,
      },
    });
    syncs.push(await syncActionReminders(tx, { workspaceId, actionId: action.id, now }));
  }
  return { references: actions.map((a) => a.reference), reminders: mergeSyncs(...syncs) };
}
