import { DateTime } from "luxon";
import type { Db } from "../../db/client";
import { isoDayOf } from "../../dates";
import { nextOccurrence } from "../boards/recurrence";
import { EMPTY_SYNC, type ReminderSync } from "../reminders/reconcile-reminders";
import { MEETING_BOARD_SELECT } from "./meeting-board";
import { insertMeeting } from "./schedule-meeting";

/**
 * A recurring board always has its next meeting: if none is scheduled ahead, the
 * rule's next day (after today and after the last meeting) is added, at the board's
 * usual time and place. A per-board advisory lock makes concurrent callers add one.
 */
export async function ensureNextMeeting(db: Db, { workspaceId, boardId, now }: { workspaceId: string; boardId: string; now: Date }): Promise<{ meetingId: string | null; reminders: ReminderSync }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`next-meeting:${boardId}`}))`;
    const board = await tx.board.findFirst({ where: { id: boardId, workspaceId, archivedAt: null }, select: MEETING_BOARD_SELECT });
    if (!board?.recurrenceRule) return { meetingId: null, reminders: EMPTY_SYNC };
    const ahead = await tx.meeting.findFirst({ where: { boardId, status: "scheduled", startsAt: { gt: now } }, select: { id: true } });
    if (ahead) return { meetingId: null, reminders: EMPTY_SYNC };
    // After today and after the last meeting held or scheduled; a day whose meeting was cancelled is skipped, not re-added.
    const last = await tx.meeting.findFirst({ where: { boardId, status: { in: ["scheduled", "held"] } }, orderBy: { startsAt: "desc" }, select: { startsAt: true } });
    const cancelled = new Set((await tx.meeting.findMany({ where: { boardId, status: "cancelled", startsAt: { gt: now } }, select: { startsAt: true } })).map((m) => isoDayOf(m.startsAt, board.timeZone)));
    const today = isoDayOf(now, board.timeZone);
    let day: string | undefined = last && isoDayOf(last.startsAt, board.timeZone) > today ? isoDayOf(last.startsAt, board.timeZone) : today;
    for (let tries = 0; tries < 24; tries++) {
      day = nextOccurrence(board.recurrenceRule, day);
      if (!day || !cancelled.has(day)) break;
    }
    if (!day) return { meetingId: null, reminders: EMPTY_SYNC };
    const minutes = board.defaultStartMinutes ?? 10 * 60;
    const startsAt = DateTime.fromISO(day, { zone: board.timeZone }).set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toJSDate();
    const created = await insertMeeting(tx, { workspaceId, board, startsAt, location: null, createdBySlackUserId: null, now });
    return { meetingId: created.meeting.id, reminders: created.reminders };
  });
}
