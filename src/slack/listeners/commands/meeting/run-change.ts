// /meeting schedule, move and cancel: each one transaction with its reminder rows
// (and the actions due at the meeting); the reminder jobs follow after commit. A move
// or a cancellation is then posted in the board's channel, since its members plan
// around the date.
import { cancelMeeting } from "../../../../domain/meetings/cancel-meeting";
import { moveMeeting } from "../../../../domain/meetings/move-meeting";
import { scheduleMeeting } from "../../../../domain/meetings/schedule-meeting";
import { postInBoardChannel } from "../../../board-channel";
import {
  meetingCancelledAnnouncement,
  meetingCancelledView,
  meetingMovedAnnouncement,
  meetingMovedView,
  meetingScheduledView,
  withNote,
} from "../../../views/meetings/meeting-views";
import { assertCanManage } from "../board-access";
import { meetingDayOf, meetingSlotOf, meetingStartOf } from "./read-dates";
import type { MeetingOutcome, MeetingRequest } from "./request";

export async function runSchedule(
  request: MeetingRequest,
  command: { when: string; place: string | undefined },
): Promise<MeetingOutcome> {
  const { deps, board } = request;
  await assertCanManage(request.client, board, request.userId);
  const startsAt = meetingStartOf(request, command.when);
  const { meeting, reminders } = await scheduleMeeting(deps.db, {
    workspaceId: request.workspace.id,
    board,
    startsAt,
    location: command.place ?? null,
    createdBySlackUserId: request.userId,
    now: request.now,
  });
  await deps.reminderJobs.apply(reminders);
  return { view: meetingScheduledView(board.code, meeting, reminders.scheduled.length > 0, request.zones) };
}

export async function runMove(
  request: MeetingRequest,
  command: { date: string; when: string; place: string | undefined },
): Promise<MeetingOutcome> {
  const { deps, board } = request;
  await assertCanManage(request.client, board, request.userId);
  const day = meetingDayOf(request, command.date);
  const to = meetingSlotOf(request, command.when);
  const moved = await moveMeeting(deps.db, {
    workspaceId: request.workspace.id,
    board,
    day,
    to,
    location: command.place,
    now: request.now,
  });
  await deps.reminderJobs.apply(moved.reminders);
  const notPosted = await postInBoardChannel(deps.logger, request.client, {
    channelId: board.slackChannelId,
    boardCode: board.code,
    view: meetingMovedAnnouncement(board.code, moved, request.userId, board.timeZone),
  });
  return {
    view: withNote(meetingMovedView(board.code, moved, request.zones), notPosted),
    affectedSlackUserIds: moved.ownerSlackUserIds,
  };
}

export async function runCancel(request: MeetingRequest, command: { date: string }): Promise<MeetingOutcome> {
  const { deps, board } = request;
  await assertCanManage(request.client, board, request.userId);
  const cancelled = await cancelMeeting(deps.db, {
    workspaceId: request.workspace.id,
    board,
    day: meetingDayOf(request, command.date),
    now: request.now,
  });
  await deps.reminderJobs.apply(cancelled.reminders);
  const notPosted = await postInBoardChannel(deps.logger, request.client, {
    channelId: board.slackChannelId,
    boardCode: board.code,
    view: meetingCancelledAnnouncement(board.code, cancelled, request.userId, board.timeZone),
  });
  return {
    view: withNote(meetingCancelledView(board.code, cancelled, request.zones), notPosted),
    affectedSlackUserIds: cancelled.ownerSlackUserIds,
  };
}
