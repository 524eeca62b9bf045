// A /meeting command's dates, read in the board's zone; a phrase that cannot be read is
// an AppError quoting it with examples, and nothing changes.
import { readMeetingDay, readMeetingSlot, readMeetingWhen } from "../../domain/meetings/parse-meeting-command";
import { AppError } from "../../errors";

type Board = { timeZone: string; defaultStartMinutes: number | null };

const EXAMPLES = "Try: `9 June 2027 15:30`, `next Tuesday 3.30pm`, `Tue 9 Jun at noon`.";

/** The day naming an existing meeting ("9 June"); it may have passed. */
export function meetingDayOf(board: Board, now: Date, text: string): string {
  const day = readMeetingDay(text, { now, timeZone: board.timeZone });
  if (!day)
    throw new AppError(
      "meeting_day_unreadable",
      `I couldn't read "${text}" as a day. Nothing was changed.`,
      "Name the meeting by its date, such as `9 June`; `/meeting list` shows them.",
    );
  return day;
}

/** A new meeting's start: the time given or the board's usual one, ahead of now. */
export function meetingStartOf(board: Board, now: Date, text: string): Date {
  const when = readMeetingWhen(text, {
    now,
    timeZone: board.timeZone,
    defaultStartMinutes: board.defaultStartMinutes,
  });
  if (!when.ok) throw new AppError("meeting_when_unreadable", `${when.problem} Nothing was changed.`, EXAMPLES);
  return when.startsAt;
}

/** Where a meeting moves to: a day, and a time if one is given. */
export function meetingSlotOf(board: Board, now: Date, text: string): { day: string; minutes: number | null } {
  const slot = readMeetingSlot(text, { now, timeZone: board.timeZone });
  if (!slot.ok) throw new AppError("meeting_when_unreadable", `${slot.problem} Nothing was changed.`, EXAMPLES);
  return slot;
}
