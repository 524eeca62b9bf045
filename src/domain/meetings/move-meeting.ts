import type { Db } from "../../db/client";
import { instantOnDay, isoDayOf } from "../../dates";
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
      throw new AppError({ code: "meeting_in_past", startsAt, timeZone: board.timeZone });
    }
    const clash = await scheduledMeetingOn(tx, board, isoDayOf(startsAt, board.timeZone));
    if (clash && clash.id !== meeting.id) {
      throw new AppError({
        code: "meeting_exists",
        boardCode: board.code,
        startsAt: clash.startsAt,
        timeZone: board.timeZone,
        tried: "move",
      });
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
