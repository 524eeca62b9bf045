import type { Db, Prisma } from "../../db/client";
import { instantOnDay, isoDayOf } from "../../dates";
import { nextOccurrence } from "../boards/recurrence";
import { EMPTY_SYNC, type ReminderSync } from "../reminders/reconcile-reminders";
import { DEFAULT_START_MINUTES, lockBoardMeetings, MEETING_BOARD_SELECT, type MeetingBoard } from "./meeting-board";
import { insertMeeting } from "./schedule-meeting";

export interface EnsuredMeeting {
  /** The meeting added, or null when one was already ahead (or the board has no rule). */
  meeting: { id: string; startsAt: Date; location: string | null } | null;
  reminders: ReminderSync;
}

/**
 * A recurring board always has its next meeting: if none is scheduled ahead, the
 * rule's next free day after today is added, at the board's
 * usual time and place, with its reminders. Safe to call any number of times, at once.
 */
export async function ensureNextMeeting(
  db: Db,
  options: { workspaceId: string; boardId: string; now: Date },
): Promise<EnsuredMeeting> {
  return db.$transaction((tx) => ensureNextMeetingIn(tx, options));
}

/**
 * The same inside the caller's transaction (cancelling a meeting, saving settings).
 * The per-board lock makes the check and the insert one step: a second caller waits,
 * then finds the meeting the first added.
 */
export async function ensureNextMeetingIn(
  tx: Prisma.TransactionClient,
  { workspaceId, boardId, now }: { workspaceId: string; boardId: string; now: Date },
): Promise<EnsuredMeeting> {
  await lockBoardMeetings(tx, boardId);
  const board = await tx.board.findFirst({
    where: { id: boardId, workspaceId, archivedAt: null },
    select: MEETING_BOARD_SELECT,
  });
  if (!board?.recurrenceRule) return { meeting: null, reminders: EMPTY_SYNC };
  const ahead = await tx.meeting.findFirst({
    where: { boardId, status: "scheduled", startsAt: { gt: now } },
    select: { id: true },
  });
  if (ahead) return { meeting: null, reminders: EMPTY_SYNC };
  const day = await nextRuleDay(tx, board, { now });
  if (!day) return { meeting: null, reminders: EMPTY_SYNC };
  const startsAt = instantOnDay(day, board.defaultStartMinutes ?? DEFAULT_START_MINUTES, board.timeZone);
  // createdBySlackUserId null marks a meeting the rule made (people and imports always set it).
  const created = await insertMeeting(tx, {
    workspaceId,
    board,
    startsAt,
    location: null,
    createdBySlackUserId: null,
    now,
  });
  return created;
}

/**
 * The rule's first day (YYYY-MM-DD, board time) after today that is free: no
 * meeting scheduled or held that day (leaving out `excludingMeetingId`, one about
 * to be re-placed), and none cancelled (a cancelled day is skipped, not brought back).
 */
export async function nextRuleDay(
  tx: Prisma.TransactionClient,
  board: MeetingBoard,
  { now, excludingMeetingId }: { now: Date; excludingMeetingId?: string },
): Promise<string | undefined> {
  if (!board.recurrenceRule) return undefined;
  const taken = await tx.meeting.findMany({
    where: {
      boardId: board.id,
      startsAt: { gt: now },
      ...(excludingMeetingId ? { id: { not: excludingMeetingId } } : {}),
    },
    select: { startsAt: true },
  });
  const takenDays = new Set(taken.map((m) => isoDayOf(m.startsAt, board.timeZone)));
  let day: string | undefined = isoDayOf(now, board.timeZone);
  for (let tries = 0; tries < 100; tries++) {
    day = nextOccurrence(board.recurrenceRule, day);
    if (!day || !takenDays.has(day)) return day;
  }
  return undefined;
}
