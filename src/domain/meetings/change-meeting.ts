import type { Db, Prisma } from "../../db/client";
import { formatDay, isoDayOf } from "../../dates";
import { AppError } from "../../errors";
import { followMeetingDateIn } from "../actions/follow-meeting-date";
import { mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";
import { scheduledMeetingOn, type MeetingBoard } from "./meeting-board";

async function meetingOn(tx: Prisma.TransactionClient, board: MeetingBoard, day: string) {
  const meeting = await scheduledMeetingOn(tx, board, day);
  if (!meeting) {
    throw new AppError("meeting_not_found", `${board.code} has no meeting scheduled on ${formatDay(new Date(`${day}T12:00:00Z`), board.timeZone)}. Nothing was changed.`, "`/meeting list` shows its meetings.");
  }
  return meeting;
}

/** Moves a meeting: its reminders move, and actions due "by the next meeting" at it follow it. */
export async function moveMeeting(
  db: Db,
  { workspaceId, board, day, startsAt, location, now }: { workspaceId: string; board: MeetingBoard; day: string; startsAt: Date; location: string | undefined; now: Date },
): Promise<{ meetingId: string; references: string[]; reminders: ReminderSync }> {
  return db.$transaction(async (tx) => {
    const meeting = await meetingOn(tx, board, day);
    const clash = await scheduledMeetingOn(tx, board, isoDayOf(startsAt, board.timeZone));
    if (clash && clash.id !== meeting.id) {
      throw new AppError("meeting_exists", `${board.code} already has a meeting on ${formatDay(startsAt, board.timeZone)}. Nothing was changed.`);
    }
    await tx.meeting.update({ where: { id: meeting.id }, data: { startsAt, ...(location ? { location } : {}) } });
    const followed = await followMeetingDateIn(tx, { workspaceId, meetingId: meeting.id, now });
    return { meetingId: meeting.id, ...followed };
  });
}

/**
 * Cancels a meeting: its reminders stop. Actions that were due at it become due at
 * the board's next scheduled meeting if there is one (and keep their day otherwise).
 */
export async function cancelMeeting(
  db: Db,
  { workspaceId, board, day, now }: { workspaceId: string; board: MeetingBoard; day: string; now: Date },
): Promise<{ meetingId: string; startsAt: Date; movedTo: { id: string; startsAt: Date } | null; references: string[]; reminders: ReminderSync }> {
  return db.$transaction(async (tx) => {
    const meeting = await meetingOn(tx, board, day);
    await tx.meeting.update({ where: { id: meeting.id }, data: { status: "cancelled" } });
    const syncs: ReminderSync[] = [await syncMeetingReminders(tx, { workspaceId, meetingId: meeting.id, now })];
    const next = await tx.meeting.findFirst({ where: { boardId: board.id, status: "scheduled", startsAt: { gt: meeting.startsAt } }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true } });
    const due = await tx.action.findMany({ where: { workspaceId, dueMeetingId: meeting.id, status: "open" }, select: { id: true, reference: true } });
    for (const action of due) {
      await tx.action.update({ where: { id: action.id }, data: { dueMeetingId: next?.id ?? null, version: { increment: 1 } } });
      if (!next) {
        await tx.actionEvent.create({ data: { workspaceId, actionId: action.id, type: "updated", actorLabel: "meeting cancelled", note: `The meeting it was due at (${formatDay(meeting.startsAt, board.timeZone)}) was cancelled; it keeps that date.`, createdAt: now } });
      }
    }
    if (next) syncs.push((await followMeetingDateIn(tx, { workspaceId, meetingId: next.id, now })).reminders);
    else for (const action of due) syncs.push(await syncActionReminders(tx, { workspaceId, actionId: action.id, now }));
    return { meetingId: meeting.id, startsAt: meeting.startsAt, movedTo: next, references: due.map((a) => a.reference), reminders: mergeSyncs(...syncs) };
  });
}
