import type { Db, Prisma } from "../../db/client";
import { isoDayOf, startOfDay } from "../../dates";
import { AppError } from "../../errors";
import { findMinutesOfMeeting, importedOf } from "../minutes/earlier-minutes";
import type { ReminderSync } from "../reminders/reconcile-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";

/**
 * Marks the board's meeting held: the latest one whose day has come (today's, or an
 * earlier one). Its remaining reminders stop. The digest follows. A meeting already
 * held (closed, or completed by its minutes, whose summary went out then) is said so
 * and left alone: one summary per meeting.
 */
export async function closeMeeting(
  db: Db,
  {
    workspaceId,
    board,
    now,
    actorSlackUserId = null,
  }: {
    workspaceId: string;
    board: { id: string; code: string; timeZone: string };
    now: Date;
    actorSlackUserId?: string | null;
  },
): Promise<{ meetingId: string; startsAt: Date; reminders: ReminderSync }> {
  // 00:00 tomorrow in the board's zone (26 hours on from 00:00 today lands in tomorrow whatever the clocks do).
  const startOfTomorrow = startOfDay(
    new Date(startOfDay(now, board.timeZone).getTime() + 26 * 3_600_000),
    board.timeZone,
  );
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: {
        workspaceId,
        boardId: board.id,
        status: { in: ["scheduled", "held"] },
        startsAt: { lt: startOfTomorrow },
      },
      orderBy: { startsAt: "desc" },
      select: { id: true, startsAt: true, status: true },
    });
    if (meeting?.status === "held") throw await alreadyHeld(tx, { board, meeting, now, actorSlackUserId });
    if (!meeting) {
      const next = await tx.meeting.findFirst({
        where: { boardId: board.id, status: "scheduled", startsAt: { gt: now } },
        orderBy: { startsAt: "asc" },
        select: { startsAt: true },
      });
      throw new AppError({
        code: "no_meeting_to_close",
        boardCode: board.code,
        nextStartsAt: next?.startsAt ?? null,
        timeZone: board.timeZone,
      });
    }
    await tx.meeting.update({ where: { id: meeting.id }, data: { status: "held" } });
    const reminders = await syncMeetingReminders(tx, { workspaceId, meetingId: meeting.id, now });
    return { meetingId: meeting.id, startsAt: meeting.startsAt, reminders };
  });
}

/** The latest meeting was held already: by its minutes (who, when, from what) or by an earlier close. */
async function alreadyHeld(
  tx: Prisma.TransactionClient,
  {
    board,
    meeting,
    now,
    actorSlackUserId,
  }: {
    board: { code: string; timeZone: string };
    meeting: { id: string; startsAt: Date };
    now: Date;
    actorSlackUserId: string | null;
  },
): Promise<AppError> {
  const held = {
    boardCode: board.code,
    startsAt: meeting.startsAt,
    isToday: isoDayOf(meeting.startsAt, board.timeZone) === isoDayOf(now, board.timeZone),
    timeZone: board.timeZone,
  };
  const minutes = await findMinutesOfMeeting(tx, meeting.id);
  if (minutes)
    return new AppError({
      code: "meeting_closed_by_minutes",
      meeting: held,
      imported: importedOf(minutes),
      readerSlackUserId: actorSlackUserId,
    });
  return new AppError({ code: "meeting_already_closed", meeting: held });
}
