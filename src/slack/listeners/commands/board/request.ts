import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../../deps";

/** One /board command. */
export interface BoardRequest {
  deps: SlackDeps;
  client: WebClient;
  workspace: { id: string; timeZone: string };
  userId: string;
  channelId: string;
  triggerId: string;
  now: Date;
}

/** A board a command names: by its code or by its channel. */
export type BoardName = { code: string } | { channelId: string };

/** boardFor's options for a name (or, without one, the channel the command came from). */
export function boardForName(name: BoardName | undefined): {
  code: string | undefined;
  mentionedChannelId: string | undefined;
} {
  return {
    code: name && "code" in name ? name.code : undefined,
    mentionedChannelId: name && "channelId" in name ? name.channelId : undefined,
  };
}
