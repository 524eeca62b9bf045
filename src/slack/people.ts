// What Minutebook asks Slack about people and channels, for permissions.
import type { WebClient } from "@slack/web-api";
import type { WorkspacePerson } from "../domain/minutes/review/match-people";
import { resolvesWithin } from "../resolves-within";

/**
 * An answer of Slack's kept for `freshMs` under its key (at most `kept` keys, the oldest
 * forgotten first); a failed answer is not kept, so the next caller asks again.
 */
function freshAnswers<T>(freshMs: number, kept: number): (key: string, ask: () => Promise<T>) => Promise<T> {
  const answers = new Map<string, { answer: Promise<T>; at: number }>();
  return (key, ask) => {
    const known = answers.get(key);
    if (known && Date.now() - known.at < freshMs) return known.answer;
    const entry = { answer: ask(), at: Date.now() };
    if (answers.size >= kept) answers.delete(answers.keys().next().value as string);
    answers.set(key, entry);
    entry.answer.catch(() => {
      if (answers.get(key) === entry) answers.delete(key);
    });
    return entry.answer;
  };
}

/**
 * How long whether someone is a workspace admin, as Slack said, is trusted. Every change by
 * someone who is not the action's owner, its board's chair or secretary asks; users.info is
 * Tier 4 (about 100 a minute per workspace), which a busy secretariat's refusals and forms
 * could use up. Someone whose admin role is taken away keeps it here this long.
 */
export const ADMIN_FRESH_MS = 30_000;
const adminAnswers = freshAnswers<boolean>(ADMIN_FRESH_MS, 5_000);

/** Workspace admins and owners may change any action. */
export function isWorkspaceAdmin(client: WebClient, slackUserId: string): Promise<boolean> {
  return adminAnswers(`${client.slackApiUrl}:${client.token ?? ""}:${slackUserId}`, async () => {
    const result = await client.users.info({ user: slackUserId });
    return Boolean(result.user?.is_admin || result.user?.is_owner || result.user?.is_primary_owner);
  });
}

/**
 * How long a private channel's members, as Slack gave them, are trusted. Every list, Home
 * tab and form asks about each private board; without this each one cost a Slack call per
 * private board (conversations.members is rate-limited per workspace). Someone removed from
 * a private channel may still see its board's actions for this long.
 */
export const MEMBERS_FRESH_MS = 30_000;
const memberLists = freshAnswers<ReadonlySet<string>>(MEMBERS_FRESH_MS, 2_000);

/** A channel's members, asked of Slack at most once per MEMBERS_FRESH_MS per workspace (token) and channel. */
function channelMembers(client: WebClient, channelId: string): Promise<ReadonlySet<string>> {
  return memberLists(`${client.token ?? ""}:${channelId}`, () => readMembers(client, channelId));
}

async function readMembers(client: WebClient, channelId: string): Promise<ReadonlySet<string>> {
  const members = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const member of page.members ?? []) members.add(member);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

export async function isChannelMember(client: WebClient, channelId: string, slackUserId: string): Promise<boolean> {
  return (await channelMembers(client, channelId)).has(slackUserId);
}

/** The person's own time zone from their Slack profile, or `fallback` if Slack does not say. */
export async function readerTimeZone(client: WebClient, slackUserId: string, fallback: string): Promise<string> {
  const result = await client.users.info({ user: slackUserId }).catch(() => undefined);
  return result?.user?.tz ?? fallback;
}

/**
 * How long the workspace's people, as users.list gave them, are used for matching the
 * owners named in minutes: an import of forty actions, or its reopening, asks once.
 * Someone who joined or changed their name meanwhile is matched after this long.
 */
export const PEOPLE_FRESH_MS = 10 * 60_000;
const peopleLists = freshAnswers<WorkspacePerson[]>(PEOPLE_FRESH_MS, 200);

/** The workspace's people (no deleted accounts, no bots, no Slackbot), asked of Slack at most once per PEOPLE_FRESH_MS per workspace (token). */
export function workspacePeople(client: WebClient): Promise<WorkspacePerson[]> {
  // The API's address too: each local Slack of the tests is a workspace of its own.
  return peopleLists(`${client.slackApiUrl}:${client.token ?? ""}`, () => readPeople(client));
}

/**
 * How long a review waits for the workspace's people before opening without Slack matches:
 * the form must open within Slack's three seconds of the click (the trigger id expires), and
 * users.list of a large workspace is many pages at Tier 2. Past it the review opens with the
 * owners as written, for the secretary to match; Slack's answer is still kept for the next review.
 */
export const PEOPLE_WAIT_MS = 1_500;

/** The workspace's people if Slack answers within `ms`, else none for now (or if Slack refuses). */
export async function workspacePeopleSoon(client: WebClient, ms = PEOPLE_WAIT_MS): Promise<WorkspacePerson[]> {
  const people = workspacePeople(client);
  try {
    return (await resolvesWithin(people, ms)) ? await people : [];
  } catch {
    // Matching is a help: owners stay as the minutes name them, for the secretary to match.
    return [];
  }
}

async function readPeople(client: WebClient): Promise<WorkspacePerson[]> {
  const people: WorkspacePerson[] = [];
  let cursor: string | undefined;
  do {
    // Slack recommends pages of no more than 200 (https://docs.slack.dev/reference/methods/users.list).
    const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const member of page.members ?? []) {
      if (!member.id || member.deleted || member.is_bot || member.id === "USLACKBOT") continue;
      const profile = member.profile ?? {};
      const firstAndLast = [profile.first_name, profile.last_name].filter(Boolean).join(" ");
      people.push({
        slackUserId: member.id,
        handle: profile.display_name || member.name || member.id,
        names: [member.real_name, profile.display_name, profile.real_name, firstAndLast].filter((n): n is string =>
          Boolean(n),
        ),
      });
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return people;
}
