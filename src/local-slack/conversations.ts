// Channels as a bot token sees them: what it may read and post depends on whether the
// bot is a member, as Slack's method pages say. Each rule names its source.
type Json = Record<string, unknown>;

export interface LocalChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** A group DM (mpim): conversations.info needs the mpim:read scope for it. */
  isMpim?: boolean;
  /** The people in it (the bot too, if listed). Left out: membership of people is not checked. */
  members?: string[];
  /**
   * Whether Minutebook's bot has been invited. Default: yes for a public channel (tests
   * post to public channels freely, as chat:write.public allows), no for a private one:
   * a private channel is invisible to a bot that is not in it, so a test that wants the
   * app to use one must say so (or list the bot among `members`).
   */
  botIsMember?: boolean;
}

export function isBotIn(channel: LocalChannel, botUserId: string): boolean {
  return channel.botIsMember ?? (Boolean(channel.members?.includes(botUserId)) || !channel.isPrivate);
}

/**
 * A private channel (or group DM) the bot is not in does not exist for it: every channel
 * method answers channel_not_found ("Value passed for channel was invalid"), as for a
 * channel that is not there (https://docs.slack.dev/reference/methods/conversations.info,
 * conversations.members, conversations.history, chat.postMessage, Errors).
 */
export function isHiddenFromBot(channel: LocalChannel, botUserId: string): boolean {
  return (Boolean(channel.isPrivate) || Boolean(channel.isMpim)) && !isBotIn(channel, botUserId);
}

/**
 * conversations.info (https://docs.slack.dev/reference/methods/conversations.info): a public
 * channel is described whether or not the bot is in it (channels:read), with is_member; a
 * private one only to a member (groups:read); a group DM needs mpim:read, else missing_scope
 * with the scope needed, as Slack answers a token without it.
 */
export function describeChannel(
  channel: LocalChannel,
  { botUserId, scopes }: { botUserId: string; scopes: ReadonlySet<string> | undefined },
): Json {
  if (channel.isMpim && scopes && !scopes.has("mpim:read"))
    return { ok: false, error: "missing_scope", needed: "mpim:read", provided: [...scopes].join(",") };
  if (isHiddenFromBot(channel, botUserId)) return { ok: false, error: "channel_not_found" };
  const isPrivate = Boolean(channel.isPrivate) || Boolean(channel.isMpim);
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !isPrivate,
      is_group: Boolean(channel.isPrivate) && !channel.isMpim,
      is_mpim: Boolean(channel.isMpim),
      is_im: false,
      is_private: isPrivate,
      is_member: isBotIn(channel, botUserId),
    },
  };
}

const CURSOR_PREFIX = "member:";

/**
 * conversations.members (https://docs.slack.dev/reference/methods/conversations.members):
 * cursor pagination, `limit` "under 1000" with a default of 100 ("The maximum number of items
 * to return", so 1000 and over is taken as 1000 here); `response_metadata.next_cursor` is ""
 * on the last page; a cursor Slack did not give answers invalid_cursor, a limit that is not a
 * number invalid_limit. The bot is listed when it is a member, as Slack lists bot users.
 */
export function listMembers(channel: LocalChannel, args: Json, botUserId: string): Json {
  if (isHiddenFromBot(channel, botUserId)) return { ok: false, error: "channel_not_found" };
  const everyone = [...(channel.members ?? [])];
  if (isBotIn(channel, botUserId) && !everyone.includes(botUserId)) everyone.push(botUserId);
  const limit = args.limit === undefined || args.limit === "" ? 100 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 0) return { ok: false, error: "invalid_limit" };
  // Slack treats 0 as its default page.
  const pageSize = Math.min(1000, limit === 0 ? 100 : limit);
  let start = 0;
  if (typeof args.cursor === "string" && args.cursor !== "") {
    const decoded = Buffer.from(args.cursor, "base64").toString("utf8");
    const offset = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : NaN;
    if (!Number.isInteger(offset) || offset <= 0 || offset >= everyone.length)
      return { ok: false, error: "invalid_cursor" };
    start = offset;
  }
  const end = start + pageSize;
  const next = end < everyone.length ? Buffer.from(`${CURSOR_PREFIX}${end}`).toString("base64") : "";
  return { ok: true, members: everyone.slice(start, end), response_metadata: { next_cursor: next } };
}
