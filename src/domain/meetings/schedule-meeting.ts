import type { Db, Prisma } from "../../db/client";
import { isoDayOf } from "../../dates";
import { AppError } from "../../errors";
import type { ReminderSync } from "../reminders/reconcile-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";
import { lockBoardMeetings, scheduledMeetingOn, type MeetingBoard } from "./meeting-board";

export interface ScheduledMeeting {
  meeting: { id: string; startsAt: Date; location: string | null };
  reminders: ReminderSync;
}

/** Adds a meeting inside the caller's transaction; one scheduled meeting a day per board. */
export async function insertMeeting(
  tx: Prisma.TransactionClient,
  {
    workspaceId,
    board,
    startsAt,
    location,
    createdBySlackUserId,
    now,
  }: {
    workspaceId: string;
    board: MeetingBoard;
    startsAt: Date;
    location: string | null;
    createdBySlackUserId: string | null;
    now: Date;
  },
): Promise<ScheduledMeeting> {
  await lockBoardMeetings(tx, board.id);
  const clash = await scheduledMeetingOn(tx, board, isoDayOf(startsAt, board.timeZone));
  if (clash) {
    throw new AppError({
      code: "meeting_exists",
      boardCode: board.code,
      startsAt: clash.startsAt,
      timeZone: board.timeZone,
      tried: "schedule",
    });
  }
  const meeting = await tx.meeting.create({
    data: {
      workspaceId,
      boardId: board.id,
      startsAt,
      location: location ?? board.defaultLocation,
      status: "scheduled",
      createdBySlackUserId,
      createdAt: now,
    },
    select: { id: true, startsAt: true, location: true },
  });
  const reminders = await syncMeetingReminders(tx, { workspaceId, meetingId: meeting.id, now });
  return { meeting, reminders };
}

/** Schedules a meeting with its call for papers and matters arising, in one transaction. */
export async function scheduleMeeting(db: Db, options: Parameters<typeof insertMeeting>[1]): Promise<ScheduledMeeting> {
  return db.$transaction((tx) => insertMeeting(tx, options));
}
