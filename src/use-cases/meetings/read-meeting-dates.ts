// A /meeting command's dates, read in the board's zone; a phrase that cannot be read is
// an AppError carrying the date reader's own explanation (it quotes the phrase), and
// nothing changes.
import { readMeetingDay, readMeetingSlot, readMeetingWhen } from "../../domain/meetings/parse-meeting-command";
import { AppError } from "../../errors";

type Board = { timeZone: string; defaultStartMinutes: number | null };

/** The day naming an existing meeting ("9 June"); it may have passed. */
export function meetingDayOf(board: Board, now: Date, text: string): string {
  const day = readMeetingDay(text, { now, timeZone: board.timeZone });
  if (!day) throw new AppError({ code: "meeting_day_unreadable", written: text });
  return day;
}

/** A new meeting's start: the time given or the board's usual one, ahead of now. */
export function meetingStartOf(board: Board, now: Date, text: string): Date {
  const when = readMeetingWhen(text, {
    now,
    timeZone: board.timeZone,
    defaultStartMinutes: board.defaultStartMinutes,
  });
  if (!when.ok) throw new AppError({ code: "meeting_when_unreadable", explanation: when.problem });
  return when.startsAt;
}

/** Where a meeting moves to: a day, and a time if one is given. */
export function meetingSlotOf(board: Board, now: Date, text: string): { day: string; minutes: number | null } {
  const slot = readMeetingSlot(text, { now, timeZone: board.timeZone });
  if (!slot.ok) throw new AppError({ code: "meeting_when_unreadable", explanation: slot.problem });
  return slot;
}
