import { DateTime } from "luxon";
import type { Prisma } from "../../db/client";
import { isoDayOf, startOfIsoDay } from "../../dates";
import { AppError } from "../../errors";

/** What meeting functions need of a board. */
export interface MeetingBoard {
  id: string;
  code: string;
  timeZone: string;
  defaultLocation: string | null;
  defaultStartMinutes: number | null;
  recurrenceRule: string | null;
}

export const MEETING_BOARD_SELECT = {
  id: true,
  code: true,
  timeZone: true,
  defaultLocation: true,
  defaultStartMinutes: true,
  recurrenceRule: true,
} as const;

/** When a board's meetings start if its settings do not say. */
export const DEFAULT_START_MINUTES = 10 * 60;

/**
 * Serialises everything that adds, moves or cancels a board's meetings (a person
 * scheduling, the settings form, the hourly sweep) for the rest of the transaction,
 * so two of them cannot both see "no meeting that day" and both add one.
 */
export async function lockBoardMeetings(tx: Prisma.TransactionClient, boardId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board-meetings:${boardId}`}))`;
}

/** Minutes past midnight in the zone at which `instant` falls. */
export function minutesOfDay(instant: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return local.hour * 60 + local.minute;
}

/** The board's scheduled meeting on a day (YYYY-MM-DD, board time), if any. */
export async function scheduledMeetingOn(tx: Prisma.TransactionClient, board: MeetingBoard, day: string) {
  const from = startOfIsoDay(day, board.timeZone);
  const candidates = await tx.meeting.findMany({
    where: {
      boardId: board.id,
      status: "scheduled",
      startsAt: { gte: from, lt: new Date(from.getTime() + 26 * 3_600_000) },
    },
    orderBy: { startsAt: "asc" },
  });
  return candidates.find((m) => isoDayOf(m.startsAt, board.timeZone) === day);
}

/** The board's scheduled meeting on a day, or a refusal naming the day. */
export async function requireScheduledMeetingOn(tx: Prisma.TransactionClient, board: MeetingBoard, day: string) {
  const meeting = await scheduledMeetingOn(tx, board, day);
  if (!meeting) {
    throw new AppError({ code: "meeting_not_found", boardCode: board.code, day, timeZone: board.timeZone });
  }
  return meeting;
}

/** People in Slack who own any of these actions: their Home tabs show the new dates. */
export async function slackOwnersOf(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  references: readonly string[],
): Promise<string[]> {
  if (references.length === 0) return [];
  const owners = await tx.actionOwner.findMany({
    where: { workspaceId, slackUserId: { not: null }, action: { workspaceId, reference: { in: [...references] } } },
    select: { slackUserId: true },
  });
  return [...new Set(owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : [])))];
}
