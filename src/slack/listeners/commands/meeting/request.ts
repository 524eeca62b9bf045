import type { WebClient } from "@slack/web-api";
import type { BoardRef } from "../../../../domain/boards/resolve-board";
import type { NamedBoard } from "../../../../domain/meetings/parse-meeting-command";
import type { Caller } from "../../../../use-cases/caller";
import type { SlackDeps } from "../../../deps";
import { readerTimeZone } from "../../../people";
import type { Zones } from "../../../views/meetings/meeting-views";

/** One /meeting command: who asked, where, and the board it names (else the channel's). */
export interface MeetingRequest {
  deps: SlackDeps;
  client: WebClient;
  workspace: { id: string; timeZone: string };
  caller: Caller;
  board: BoardRef | undefined;
}

/** The board a command names: by its code, by its channel, or neither (the channel's own). */
export function boardRefOf({ boardCode, boardChannelId }: NamedBoard): BoardRef | undefined {
  if (boardCode) return { code: boardCode };
  return boardChannelId ? { channelId: boardChannelId } : undefined;
}

/** The board's zone, and the reader's from their Slack profile (named in replies when they differ). */
export async function zonesFor(request: MeetingRequest, board: { timeZone: string }): Promise<Zones> {
  return {
    timeZone: board.timeZone,
    readerTimeZone: await readerTimeZone(request.client, request.caller.userId, request.workspace.timeZone),
  };
}
