// /meeting schedule, move, cancel and close: each one use case, whose reminder jobs
// follow its commit. A move or a cancellation is then posted in the board's channel,
// since its members plan around the date; a close posts the meeting's summary there.
import { isoDayOf } from "../../../../dates";
import { cancelMeeting } from "../../../../use-cases/meetings/cancel-meeting";
import { closeMeeting } from "../../../../use-cases/meetings/close-meeting";
import { moveMeeting } from "../../../../use-cases/meetings/move-meeting";
import { scheduleMeeting } from "../../../../use-cases/meetings/schedule-meeting";
import { postInBoardChannel } from "../../../board-channel";
import { applyEffects } from "../../../effects";
import { postMeetingSummary } from "../../../minutes-effects";
import type { MessageView } from "../../../views/blocks";
import {
  meetingCancelledAnnouncement,
  meetingCancelledView,
  meetingMovedAnnouncement,
  meetingMovedView,
  meetingNotice,
  meetingScheduledView,
  meetingWords,
  withNote,
} from "../../../views/meetings/meeting-views";
import { zonesFor, type MeetingRequest } from "./request";

export async function runSchedule(
  request: MeetingRequest,
  command: { when: string; place: string | undefined },
): Promise<MessageView> {
  const { deps, client, workspace, caller } = request;
  const { result, effects } = await scheduleMeeting(deps.db, caller, { board: request.board, ...command });
  await applyEffects(deps, { client, workspace }, effects);
  const { board, meeting, hasReminders } = result;
  return meetingScheduledView(board.code, meeting, hasReminders, await zonesFor(request, board));
}

export async function runMove(
  request: MeetingRequest,
  command: { date: string; when: string; place: string | undefined },
): Promise<MessageView> {
  const { deps, client, workspace, caller } = request;
  const { result, effects } = await moveMeeting(deps.db, caller, { board: request.board, ...command });
  await applyEffects(deps, { client, workspace }, effects);
  const { board, moved } = result;
  const notPosted = await postInBoardChannel(deps.logger, client, {
    channelId: board.slackChannelId,
    boardCode: board.code,
    view: meetingMovedAnnouncement(board.code, moved, caller.userId, board.timeZone),
  });
  return withNote(meetingMovedView(board.code, moved, await zonesFor(request, board)), notPosted);
}

export async function runCancel(request: MeetingRequest, command: { date: string }): Promise<MessageView> {
  const { deps, client, workspace, caller } = request;
  const { result, effects } = await cancelMeeting(deps.db, caller, { board: request.board, ...command });
  await applyEffects(deps, { client, workspace }, effects);
  const { board, cancelled } = result;
  const notPosted = await postInBoardChannel(deps.logger, client, {
    channelId: board.slackChannelId,
    boardCode: board.code,
    view: meetingCancelledAnnouncement(board.code, cancelled, caller.userId, board.timeZone),
  });
  return withNote(meetingCancelledView(board.code, cancelled, await zonesFor(request, board)), notPosted);
}

export async function runClose(request: MeetingRequest): Promise<MessageView> {
  const { deps, client, workspace, caller } = request;
  const { result, effects } = await closeMeeting(deps.db, caller, { board: request.board });
  await applyEffects(deps, { client, workspace }, effects);
  const { board, meetingId, startsAt, nextMeetingFailure } = result;
  if (nextMeetingFailure)
    deps.logger.warn(
      { err: nextMeetingFailure, boardId: board.id },
      "closed a meeting, but could not add the board's next one; the hourly sweep will",
    );
  // The meeting is closed whatever becomes of the summary (read, or taken by Slack): a failure is told, not reported as nothing done.
  const isPosted = await postMeetingSummary(deps, { client, workspace }, meetingId).then(
    () => true,
    (err: unknown) => {
      deps.logger.warn({ err, meetingId }, "a closed meeting's summary could not be posted");
      return false;
    },
  );
  const tz = board.timeZone;
  const day =
    isoDayOf(startsAt, tz) === isoDayOf(caller.now, tz) ? "today" : meetingWords({ startsAt, location: null }, tz);
  return meetingNotice(
    `${board.code} meeting of ${day} closed.`,
    isPosted
      ? "Its summary is in the board's channel."
      : "Slack would not take its summary for the board's channel just now, so the channel has not been told; if Minutebook is not in that channel, `/invite @Minutebook` there.",
  );
}
