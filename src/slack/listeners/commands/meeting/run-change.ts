// /meeting schedule, move and cancel: each one transaction with its reminder rows
// (and the actions due at the meeting); the reminder jobs follow after commit.
import { cancelMeeting } from "../../../../domain/meetings/cancel-meeting";
import { moveMeeting } from "../../../../domain/meetings/move-meeting";
import { scheduleMeeting } from "../../../../domain/meetings/schedule-meeting";
import { meetingCancelledView, meetingMovedView, meetingScheduledView } from "../../../views/meetings/meeting-views";
import { assertCanManage } from "../board-access";
import { meetingDayOf, meetingSlotOf, meetingStartOf } from "./read-dates";
import type { MeetingOutcome, MeetingRequest } from "./request";

export async function runSchedule(request: MeetingRequest, command: { when: string; place: string | undefined }): Promise<MeetingOutcome> {
  const { deps, board } = request;
  await assertCanManage(request.client, board, request.userId);
  const startsAt = meetingStartOf(request, command.when);
  const { meeting, reminders } = await scheduleMeeting(deps.db, { workspaceId: request.workspace.id, board, startsAt, location: command.place ?? null, createdBySlackUserId: request.userId, now: request.now });
  await deps.reminderJobs.apply(reminders);
  return { view: meetingScheduledView(board.code, meeting, reminders.scheduled.length > 0, request.zones) };
}

export async function runMove(request: MeetingRequest, command: { date: string; when: string; place: string | undefined }): Promise<MeetingOutcome> {
  const { deps, board } = request;
  await assertCanManage(request.client, board, request.userId);
  const day = meetingDayOf(request, command.date);
  const to = meetingSlotOf(request, command.when);
  const moved = await moveMeeting(deps.db, { workspaceId: request.workspace.id, board, day, to, location: command.place, now: request.now });
  await deps.reminderJobs.apply(moved.reminders);
  return { view: meetingMovedView(board.code, moved, request.zones), affectedSlackUserIds: moved.ownerSlackUserIds };
}

export async function runCancel(request: MeetingRequest, command: { date: string }): Promise<MeetingOutcome> {
  const { deps, board } = request;
  await assertCanManage(request.client, board, request.userId);
  const cancelled = await cancelMeeting(deps.db, { workspaceId: request.workspace.id, board, day: meetingDayOf(request, command.date), now: request.now });
  await deps.reminderJobs.apply(cancelled.reminders);
  return { view: meetingCancelledView(board.code, cancelled, request.zones), affectedSlackUserIds: cancelled.ownerSlackUserIds };
}
