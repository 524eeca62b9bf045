import type { Db } from "../../db/client";
import { formatDay } from "../../dates";
import { followMeetingDateIn } from "../actions/follow-meeting-date";
import { mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";
import { ensureNextMeetingIn } from "./ensure-next-meeting";
import { lockBoardMeetings, requireScheduledMeetingOn, slackOwnersOf, type MeetingBoard } from "./meeting-board";

type MeetingAt = { id: string; startsAt: Date; location: string | null };

export interface CancelledMeeting {
  meeting: MeetingAt;
  /** The board's next scheduled meeting after it, if any. */
  next: MeetingAt | null;
  /** Whether `next` was added just now, from the board's rule, to replace it. */
  isNextFromRule: boolean;
  /** Actions that were due at it: now due at `next`, or keeping their day when there is none. */
  references: string[];
  ownerSlackUserIds: string[];
  reminders: ReminderSync;
}

/**
 * Cancels the board's scheduled meeting on `day`: its reminders stop; a recurring
 * board gets its next meeting from the rule; actions that were due at it ("by the
 * next meeting") become due at the next meeting, or keep their day if there is
 * none. One transaction.
 */
export async function cancelMeeting(
  db: Db,
  { workspaceId, board, day, now }: { workspaceId: string; board: MeetingBoard; day: string; now: Date },
): Promise<CancelledMeeting> {
  return db.$transaction(async (tx) => {
    await lockBoardMeetings(tx, board.id);
    const found = await requireScheduledMeetingOn(tx, board, day);
    const meeting = await tx.meeting.update({
      where: { id: found.id },
      data: { status: "cancelled" },
      select: { id: true, startsAt: true, location: true },
    });
    const syncs: ReminderSync[] = [await syncMeetingReminders(tx, { workspaceId, meetingId: meeting.id, now })];
    const ensured = await ensureNextMeetingIn(tx, { workspaceId, boardId: board.id, now });
    syncs.push(ensured.reminders);
    const next = await tx.meeting.findFirst({
      where: { boardId: board.id, status: "scheduled", startsAt: { gt: meeting.startsAt } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, location: true },
    });
    const due = await tx.action.findMany({
      where: { workspaceId, dueMeetingId: meeting.id, status: "open" },
      select: { id: true, reference: true },
    });
    for (const action of due) {
      await tx.action.update({
        where: { id: action.id },
        data: { dueMeetingId: next?.id ?? null, version: { increment: 1 } },
      });
      if (!next) {
        await tx.actionEvent.create({
          data: {
            workspaceId,
            actionId: action.id,
            type: "updated",
            actorLabel: "meeting cancelled",
            note: `The meeting it was due at (${formatDay(meeting.startsAt, board.timeZone)}) was cancelled and no other is scheduled; it keeps that date.`,
            createdAt: now,
          },
        });
        syncs.push(await syncActionReminders(tx, { workspaceId, actionId: action.id, now }));
      }
    }
    if (next)
      syncs.push(
        (await followMeetingDateIn(tx, { workspaceId, meetingId: next.id, now, actorLabel: "meeting cancelled" }))
          .reminders,
      );
    const references = due.map((a) => a.reference);
    return {
      meeting,
      next,
      isNextFromRule: ensured.meeting !== null && ensured.meeting.id === next?.id,
      references,
      ownerSlackUserIds: await slackOwnersOf(tx, workspaceId, references),
      reminders: mergeSyncs(...syncs),
    };
  });
}
