// The Directory use cases ask about people, answered by Slack (conversations.members and
// users.info, each cached for a while in people.ts).
import type { WebClient } from "@slack/web-api";
import type { Caller, Directory } from "../use-cases/caller";
import { isChannelMember, isWorkspaceAdmin } from "./people";

export function slackDirectory(client: WebClient): Directory {
  return {
    isChannelMember: (channelId, userId) => isChannelMember(client, channelId, userId),
    isWorkspaceAdmin: (userId) => isWorkspaceAdmin(client, userId),
  };
}

/** The Caller of a Slack request. */
export function callerOf(
  client: WebClient,
  request: { workspace: { id: string; timeZone: string }; userId: string; channelId: string | undefined; now: Date },
): Caller {
  return { ...request, directory: slackDirectory(client) };
}
