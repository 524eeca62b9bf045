// The workspace's people as Slack describes them (users.info, users.list) and what
// Slack says when the app opens a DM with one (conversations.open).
type Json = Record<string, unknown>;

export interface LocalUser {
  id: string;
  name: string;
  realName?: string;
  /** profile.display_name; the handle (`name`) when not given. */
  displayName?: string;
  /** profile.first_name and profile.last_name, when the person filled them in. */
  firstName?: string;
  lastName?: string;
  tz?: string;
  isBot?: boolean;
  /**
   * A deactivated account: users.info and users.list still describe it, with `deleted: true`
   * (https://docs.slack.dev/reference/objects/user-object: "deleted ... true if the user has been
   * deactivated"); conversations.open refuses it user_disabled.
   */
  isDeleted?: boolean;
  /** A workspace admin (users.info is_admin). */
  isAdmin?: boolean;
}

/** A user object as users.info and users.list give it. */
export function userObject(user: LocalUser, teamId: string): Json {
  const realName = user.realName ?? user.name;
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: Boolean(user.isDeleted),
    real_name: realName,
    tz: user.tz ?? "Europe/London",
    is_bot: Boolean(user.isBot),
    is_admin: Boolean(user.isAdmin),
    is_owner: false,
    profile: {
      display_name: user.displayName ?? user.name,
      real_name: realName,
      ...(user.firstName !== undefined ? { first_name: user.firstName } : {}),
      ...(user.lastName !== undefined ? { last_name: user.lastName } : {}),
    },
  };
}

/**
 * users.list as Slack documents it (https://docs.slack.dev/reference/methods/users.list):
 * every user of the workspace "in no particular order", deleted/deactivated ones and bots
 * included (Slackbot too, as USLACKBOT with is_bot false); cursor pagination: `limit`
 * (Slack asks for under 1000; "fewer than the requested number of items may be returned"),
 * `cursor` taken from the previous answer's `response_metadata.next_cursor`, which is ""
 * on the last page; a cursor Slack did not give is refused `invalid_cursor`.
 */
export function listUsers(users: readonly Json[], args: Json): Json {
  const limit = args.limit === undefined || args.limit === "" ? users.length : Math.min(1000, Number(args.limit));
  if (!Number.isInteger(limit) || limit < 0) return { ok: false, error: "invalid_arguments" };
  let start = 0;
  if (typeof args.cursor === "string" && args.cursor !== "") {
    const id = /^user:(.+)$/.exec(Buffer.from(args.cursor, "base64").toString("utf8"))?.[1];
    start = users.findIndex((u) => u.id === id);
    if (start < 0) return { ok: false, error: "invalid_cursor" };
  }
  // Slack treats a limit of 0 as no limit.
  const end = limit === 0 ? users.length : start + limit;
  const next = users[end];
  return {
    ok: true,
    members: users.slice(start, end),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: next ? Buffer.from(`user:${String(next.id)}`).toString("base64") : "" },
  };
}

/**
 * conversations.open with one user (https://docs.slack.dev/reference/methods/conversations.open,
 * Errors): user_not_found ("Value(s) passed for users was invalid") for anyone the workspace
 * does not have; user_disabled ("A specified user has been disabled") for a deactivated account;
 * cannot_dm_bot for the app's own bot user or another bot, which a bot token cannot DM (not on
 * the method page; Slack's answer quoted in github.com/HubSpot/slack-client/pull/90: "a dm
 * between two bots can not exist"). Otherwise the DM's id.
 */
export function openDm(
  users: unknown,
  { people, botUserId }: { people: ReadonlyMap<string, LocalUser>; botUserId: string },
): Json {
  const ids = String(users ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) return { ok: false, error: "users_list_not_supplied" };
  // One person only: the app never opens a group DM.
  if (ids.length > 1) return { ok: false, error: "method_not_supported_for_channel_type" };
  const id = ids[0]!;
  if (id === botUserId) return { ok: false, error: "cannot_dm_bot" };
  const user = people.get(id);
  if (!user) return { ok: false, error: "user_not_found" };
  if (user.isBot) return { ok: false, error: "cannot_dm_bot" };
  if (user.isDeleted) return { ok: false, error: "user_disabled" };
  return { ok: true, channel: { id: `D${id.slice(1)}` } };
}
