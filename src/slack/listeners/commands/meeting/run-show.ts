// /meeting next and /meeting list: anyone who can see the board may ask.
import { listMeetings, showNextMeeting } from "../../../../use-cases/meetings/show-meetings";
import type { MessageView } from "../../../views/blocks";
import { meetingListView, nextMeetingView } from "../../../views/meetings/meeting-views";
import { zonesFor, type MeetingRequest } from "./request";

export async function runNext(request: MeetingRequest): Promise<MessageView> {
  const { board, next } = await showNextMeeting(request.deps.db, request.caller, { board: request.board });
  return nextMeetingView(board.code, next, await zonesFor(request, board));
}

export async function runList(request: MeetingRequest): Promise<MessageView> {
  const { board, list } = await listMeetings(request.deps.db, request.caller, { board: request.board });
  return meetingListView(board.code, list, await zonesFor(request, board));
}
