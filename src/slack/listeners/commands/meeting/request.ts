import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../../deps";
import type { MessageView } from "../../../views/blocks";
import type { Zones } from "../../../views/meetings/meeting-views";
import type { boardFor } from "../board-access";

/** One /meeting command, after its board is found. */
export interface MeetingRequest {
  deps: SlackDeps;
  client: WebClient;
  workspace: { id: string; timeZone: string };
  userId: string;
  channelId: string;
  board: Awaited<ReturnType<typeof boardFor>>;
  zones: Zones;
  now: Date;
}

/** The reply, and people whose Home tabs show something that changed. */
export interface MeetingOutcome {
  view: MessageView;
  affectedSlackUserIds?: readonly string[];
}
