import type { Db } from "../../db/client";
import { formatDay, startOfDay } from "../../dates";
import { AppError } from "../../errors";
import type { ReminderSync } from "../reminders/reconcile-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";

/**
 * Marks the board's meeting held: today's, or the latest one still scheduled
 * whose day has come. Its remaining reminders stop. The digest follows.
 */
export async function closeMeeting(
  db: Db,
  { workspaceId, board, now }: { workspaceId: string; board: { id: string; code: string; timeZone: string }; now: Date },
): Promise<{ meetingId: string; startsAt: Date; reminders: ReminderSync }> {
  // 00:00 tomorrow in the board's zone (26 hours on from 00:00 today lands in tomorrow whatever the clocks do).
  const startOfTomorrow = startOfDay(new Date(startOfDay(now, board.timeZone).getTime() + 26 * 3_600_000), board.timeZone);
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: { workspaceId, boardId: board.id, status: "scheduled", startsAt: { lt: startOfTomorrow } },
      orderBy: { startsAt: "desc" },
      select: { id: true, startsAt: true },
    });
    if (!meeting) {
      const next = await tx.meeting.findFirst({ where: { boardId: board.id, status: "scheduled", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { startsAt: true } });
      throw new AppError(
        "no_meeting_to_close",
        `${board.code} has no meeting today or earlier still open to close.${next ? ` Its next meeting is ${formatDay(next.startsAt, board.timeZone)}.` : ""} Nothing was changed.`,
        "Close a meeting on its day, after it has met; `/meeting list` shows them.",
      );
    }
    await tx.meeting.update({ where: { id: meeting.id }, data: { status: "held" } });
    const reminders = await syncMeetingReminders(tx, { workspaceId, meetingId: meeting.id, now });
    return { meetingId: meeting.id, startsAt: meeting.startsAt, reminders };
  });
}
