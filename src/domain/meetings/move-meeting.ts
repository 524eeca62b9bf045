import type { Db } from "../../db/client";
import { formatDay, formatTime, instantOnDay, isoDayOf } from "../../dates";
import { AppError } from "../../errors";
import { followMeetingDateIn } from "../actions/follow-meeting-date";
import type { ReminderSync } from "../reminders/reconcile-reminders";
import {
  lockBoardMeetings,
  minutesOfDay,
  requireScheduledMeetingOn,
  scheduledMeetingOn,
  slackOwnersOf,
  type MeetingBoard,
} from "./meeting-board";

export interface MovedMeeting {
  meeting: { id: string; startsAt: Date; location: string | null };
  previousStartsAt: Date;
  previousLocation: string | null;
  /** Actions due "by the next meeting" at it, which moved with it. */
  references: string[];
  /** Their owners in Slack, whose Home tabs show the new date. */
  ownerSlackUserIds: string[];
  reminders: ReminderSync;
}

/**
 * Moves the board's scheduled meeting on `day` to `to.day` (at `to.minutes`, else
 * at its present time), and to `location` if one is given. Its call for papers and
 * matters arising move, and actions due at it follow it, in one transaction.
 */
export async function moveMeeting(
  db: Db,
  {
    workspaceId,
    board,
    day,
    to,
    location,
    now,
  }: {
    workspaceId: string;
    board: MeetingBoard;
    day: string;
    to: { day: string; minutes: number | null };
    location: string | undefined;
    now: Date;
  },
): Promise<MovedMeeting> {
  return db.$transaction(async (tx) => {
    await lockBoardMeetings(tx, board.id);
    const meeting = await requireScheduledMeetingOn(tx, board, day);
    const startsAt = instantOnDay(to.day, to.minutes ?? minutesOfDay(meeting.startsAt, board.timeZone), board.timeZone);
    if (startsAt.getTime() <= now.getTime()) {
      throw new AppError(
        "meeting_in_past",
        `${formatDay(startsAt, board.timeZone)} at ${formatTime(startsAt, board.timeZone)} has passed, so the meeting can't move there. Nothing was changed.`,
        "Move it to a day and time ahead, such as `/meeting move 9 June to 16 June 15:30`.",
      );
    }
    const clash = await scheduledMeetingOn(tx, board, isoDayOf(startsAt, board.timeZone));
    if (clash && clash.id !== meeting.id) {
      throw new AppError(
        "meeting_exists",
        `${board.code} already meets on ${formatDay(clash.startsAt, board.timeZone)} at ${formatTime(clash.startsAt, board.timeZone)}. Nothing was changed.`,
        "Cancel one of them with `/meeting cancel <date>`, or move this one to another day.",
      );
    }
    const moved = await tx.meeting.update({
      where: { id: meeting.id },
      data: { startsAt, ...(location ? { location } : {}) },
      select: { id: true, startsAt: true, location: true },
    });
    const followed = await followMeetingDateIn(tx, { workspaceId, meetingId: meeting.id, now });
    return {
      meeting: moved,
      previousStartsAt: meeting.startsAt,
      previousLocation: meeting.location,
      references: followed.references,
      ownerSlackUserIds: await slackOwnersOf(tx, workspaceId, followed.references),
      reminders: followed.reminders,
    };
  });
}
