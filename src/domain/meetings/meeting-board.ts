import type { Prisma } from "../../db/client";
import { isoDayOf, startOfIsoDay } from "../../dates";

/** What meeting functions need of a board. */
export interface MeetingBoard {
  id: string;
  code: string;
  timeZone: string;
  defaultLocation: string | null;
  defaultStartMinutes: number | null;
  recurrenceRule: string | null;
}

export const MEETING_BOARD_SELECT = { id: true, code: true, timeZone: true, defaultLocation: true, defaultStartMinutes: true, recurrenceRule: true } as const;

/** The board's scheduled meeting on a day (YYYY-MM-DD, board time), if any. */
export async function scheduledMeetingOn(tx: Prisma.TransactionClient, board: MeetingBoard, day: string) {
  const from = startOfIsoDay(day, board.timeZone);
  const candidates = await tx.meeting.findMany({ where: { boardId: board.id, status: "scheduled", startsAt: { gte: from, lt: new Date(from.getTime() + 26 * 3_600_000) } }, orderBy: { startsAt: "asc" } });
  return candidates.find((m) => isoDayOf(m.startsAt, board.timeZone) === day);
}
