// One meeting per meeting: minutes for a day the board already has a meeting on the
// calendar (scheduled, or closed with `/meeting close`) complete that meeting; only
// minutes for a day with none add one. Minutes for a meeting that has its minutes
// are refused.
import { instantOnDay } from "../../dates";
import type { Prisma } from "../../db/client";
import type { ExtractedMeeting } from "../../minutes/types";
import { lockBoardMeetings } from "../meetings/meeting-board";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";
import type { ReminderSync } from "../reminders/reconcile-reminders";
import { earlierMinutesOf, meetingHasMinutes, meetingsOnDay } from "./earlier-minutes";

export interface MinutesSource {
  documentHash: string | null;
  fileName: string | null;
  text: string | null;
}

export interface MinutesMeetingBoard {
  id: string;
  code: string;
  timeZone: string;
  defaultStartMinutes: number | null;
}

/** The instant a meeting on `day` started: the minutes' time, else the board's usual one, else 09:00. */
export function instantOn(day: string, time: string | null, fallbackMinutes: number | null, timeZone: string): Date {
  const minutes = time ? Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) : (fallbackMinutes ?? 9 * 60);
  return instantOnDay(day, minutes, timeZone);
}

/**
 * The held meeting the minutes are for, inside the import's transaction: the board's
 * meeting that day made held with the minutes' title, time and place where they give
 * them (its reminders stop), or a new held meeting. Other minutes for it are refused.
 */
export async function recordMinutesMeeting(
  tx: Prisma.TransactionClient,
  {
    workspaceId,
    board,
    day,
    meeting,
    source,
    actorSlackUserId,
    now,
  }: {
    workspaceId: string;
    board: MinutesMeetingBoard;
    day: string;
    meeting: ExtractedMeeting;
    source: MinutesSource;
    actorSlackUserId: string;
    now: Date;
  },
): Promise<{ meetingId: string; reminders: ReminderSync | null }> {
  // The same per-board lock as /meeting and the sweep: two imports for one day cannot both find it free.
  await lockBoardMeetings(tx, board.id);
  const sameDay = await meetingsOnDay(tx, board, day);
  const hasMinutes = sameDay.find((m) => m.sourceDocumentHash !== null);
  if (hasMinutes) throw meetingHasMinutes(board, await earlierMinutesOf(tx, hasMinutes), actorSlackUserId);
  const minutes = {
    status: "held" as const,
    sourceDocumentHash: source.documentHash,
    sourceFileName: source.fileName,
    minutesText: source.text,
  };
  const onCalendar = sameDay[0];
  if (!onCalendar) {
    const created = await tx.meeting.create({
      data: {
        workspaceId,
        boardId: board.id,
        title: meeting.title,
        startsAt: instantOn(day, meeting.time, board.defaultStartMinutes, board.timeZone),
        location: meeting.location,
        ...minutes,
        createdBySlackUserId: actorSlackUserId,
        createdAt: now,
      },
      select: { id: true },
    });
    return { meetingId: created.id, reminders: null };
  }
  // What the minutes say of the meeting wins over what the calendar guessed; what they leave out is kept.
  await tx.meeting.update({
    where: { id: onCalendar.id },
    data: {
      title: meeting.title ?? onCalendar.title,
      startsAt: meeting.time
        ? instantOn(day, meeting.time, board.defaultStartMinutes, board.timeZone)
        : onCalendar.startsAt,
      location: meeting.location ?? onCalendar.location,
      ...minutes,
    },
  });
  const reminders =
    onCalendar.status === "scheduled"
      ? await syncMeetingReminders(tx, { workspaceId, meetingId: onCalendar.id, now })
      : null;
  return { meetingId: onCalendar.id, reminders };
}
