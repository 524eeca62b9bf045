// What Minutebook asks Slack about people and channels, for permissions.
import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client";

/** Workspace admins and owners may change any action. */
export async function isWorkspaceAdmin(client: WebClient, slackUserId: string): Promise<boolean> {
  const result = await client.users.info({ user: slackUserId });
  return Boolean(result.user?.is_admin || result.user?.is_owner || result.user?.is_primary_owner);
}

async function isChannelMember(client: WebClient, channelId: string, slackUserId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
    if (page.members?.includes(slackUserId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

/** Boards with a private channel the person is not in: their actions are not shown to them. */
export async function hiddenBoardIdsFor(db: Db, client: WebClient, { workspaceId, slackUserId }: { workspaceId: string; slackUserId: string }): Promise<string[]> {
  const privateBoards = await db.board.findMany({
    where: { workspaceId, isPrivate: true, archivedAt: null, slackChannelId: { not: null } },
    select: { id: true, slackChannelId: true },
  });
  const hidden: string[] = [];
  for (const board of privateBoards) {
    const isMember = await isChannelMember(client, board.slackChannelId!, slackUserId).catch(() => false);
    if (!isMember) hidden.push(board.id);
  }
  return hidden;
}

/** The person's own time zone from their Slack profile, or `fallback` if Slack does not say. */
export async function readerTimeZone(client: WebClient, slackUserId: string, fallback: string): Promise<string> {
  const result = await client.users.info({ user: slackUserId }).catch(() => undefined);
  return result?.user?.tz ?? fallback;
}

/**
 * A private board named from outside its channel exists only for members of that
 * channel; to anyone else it is hidden, as an unknown code would be.
 */
export async function isBoardHiddenFrom(client: WebClient, board: { isPrivate: boolean; slackChannelId: string | null }, { channelId, slackUserId }: { channelId: string | undefined; slackUserId: string }): Promise<boolean> {
  if (!board.isPrivate || board.slackChannelId === channelId) return false;
  return !(await isChannelMember(client, board.slackChannelId ?? "", slackUserId).catch(() => false));
}
