// /meeting next and /meeting list: anyone who can see the board may ask.
import { findNextMeeting } from "../../../../domain/meetings/find-next-meeting";
import { listMeetings } from "../../../../domain/meetings/list-meetings";
import { meetingListView, nextMeetingView } from "../../../views/meetings/meeting-views";
import type { MeetingOutcome, MeetingRequest } from "./request";

export async function runNext(request: MeetingRequest): Promise<MeetingOutcome> {
  const next = await findNextMeeting(request.deps.db, {
    workspaceId: request.workspace.id,
    boardId: request.board.id,
    now: request.now,
  });
  return { view: nextMeetingView(request.board.code, next, request.zones) };
}

export async function runList(request: MeetingRequest): Promise<MeetingOutcome> {
  const list = await listMeetings(request.deps.db, {
    workspaceId: request.workspace.id,
    boardId: request.board.id,
    now: request.now,
  });
  return { view: meetingListView(request.board.code, list, request.zones) };
}
