// Words for problems with meetings: the /meeting command's dates, scheduling, moving and closing.
import { formatDay, formatTime, startOfIsoDay } from "../../../dates";
import type { MeetingProblem, NamedMeeting } from "../../../errors";
import { importedWords } from "./minutes";
import { said, unreachable, type Words } from "./words";

export function meetingWords(problem: MeetingProblem): Words {
  switch (problem.code) {
    case "meeting_day_unreadable":
      return said(
        `I couldn't read "${problem.written}" as a day. Nothing was changed.`,
        "Name the meeting by its date, such as `9 June`; `/meeting list` shows them.",
      );
    case "meeting_when_unreadable":
      return said(
        `${problem.explanation} Nothing was changed.`,
        "Try: `9 June 2027 15:30`, `next Tuesday 3.30pm`, `Tue 9 Jun at noon`.",
      );
    case "meeting_not_found": {
      const day = formatDay(startOfIsoDay(problem.day, problem.timeZone), problem.timeZone);
      return said(
        `${problem.boardCode} has no meeting scheduled on ${day}. Nothing was changed.`,
        "`/meeting list` shows its meetings.",
      );
    }
    case "meeting_in_past":
      return said(
        `${formatDay(problem.startsAt, problem.timeZone)} at ${formatTime(problem.startsAt, problem.timeZone)} has passed, so the meeting can't move there. Nothing was changed.`,
        "Move it to a day and time ahead, such as `/meeting move 9 June to 16 June 15:30`.",
      );
    case "meeting_exists": {
      const day = formatDay(problem.startsAt, problem.timeZone);
      return said(
        `${problem.boardCode} already meets on ${day} at ${formatTime(problem.startsAt, problem.timeZone)}. Nothing was changed.`,
        problem.tried === "schedule"
          ? `To change it: \`/meeting move ${day} to <date and time>\`.`
          : "Cancel one of them with `/meeting cancel <date>`, or move this one to another day.",
      );
    }
    case "no_meeting_to_close": {
      const next = problem.nextStartsAt
        ? ` Its next meeting is ${formatDay(problem.nextStartsAt, problem.timeZone)}.`
        : "";
      return said(
        `${problem.boardCode} has no meeting today or earlier still open to close.${next} Nothing was changed.`,
        "Close a meeting on its day, after it has met; `/meeting list` shows them.",
      );
    }
    case "meeting_already_closed":
      return said(
        `The ${meetingNamed(problem.meeting)} is already closed, and its summary was posted then. Nothing was changed.`,
        "Import its minutes with `/minutes`, or share the file in the board's channel: they complete the same meeting.",
      );
    case "meeting_closed_by_minutes":
      return said(
        `The ${meetingNamed(problem.meeting)} is already closed: its minutes were imported ${importedWords(problem.imported, problem.meeting.timeZone, problem.readerSlackUserId)}, and its summary posted to the channel then. Nothing was changed.`,
        "`/meeting list` shows the board's meetings.",
      );
    default:
      return unreachable(problem);
  }
}

/** "LCRB meeting of today", or "of Tue 9 Jun 2026". */
function meetingNamed({ boardCode, startsAt, isToday, timeZone }: NamedMeeting): string {
  return `${boardCode} meeting of ${isToday ? "today" : formatDay(startsAt, timeZone)}`;
}
