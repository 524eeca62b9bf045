// What a Slack Web API error means for a reminder: wait (Slack said Retry-After), give up
// (no retry will cure it), or neither (unknown: retry). Pure; the words are for the row's
// lastError and for the secretary, so they say what happened, not the code.
//
// The codes are the ones Slack documents for the methods a reminder calls:
//   https://docs.slack.dev/reference/methods/conversations.open   (user_disabled, user_not_found,
//     user_not_visible, cannot_dm_bot, channel_not_found, method_not_supported_for_channel_type)
//   https://docs.slack.dev/reference/methods/chat.postMessage      (channel_not_found, not_in_channel,
//     is_archived, msg_too_long, no_text, invalid_blocks, restricted_action*, ekm_access_denied)
//   https://docs.slack.dev/reference/methods/conversations.history (channel_not_found, not_in_channel,
//     missing_scope)
// and the errors common to every method on those pages (invalid_auth, not_authed, account_inactive
// "Authentication token is for a deleted user or workspace when using a bot token", token_revoked,
// token_expired, no_permission, missing_scope, access_denied, team_access_not_granted).
import { ErrorCode } from "@slack/web-api";

export type Recipient = { kind: "user" | "channel"; id: string };

export type SlackFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | {
      kind: "permanent";
      code: string;
      /** Why, in people's words, finishing "I couldn't remind @jo about RCRB-4 (…): ". */
      reason: string;
      /** What the secretary can do about it. */
      next: string;
      /** Minutebook's own token was refused: nothing can be sent in the workspace, to the secretary neither. */
      isTokenRefused: boolean;
    };

/** A recipient as Slack shows it in a message: @person or #channel. */
export const who = (to: Recipient) => (to.kind === "user" ? `<@${to.id}>` : `<#${to.id}>`);

const TOKEN_REFUSED = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "team_access_not_granted",
]);
const NOT_ALLOWED = new Set([
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_non_threadable_channel",
  "restricted_action_thread_only_channel",
  "ekm_access_denied",
  "access_denied",
  "no_permission",
  "not_allowed_token_type",
]);
const BADLY_WRITTEN = new Set([
  "msg_too_long",
  "no_text",
  "invalid_blocks",
  "invalid_blocks_format",
  "too_many_attachments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "method_not_supported_for_channel_type",
]);

/** Words for a permanent error, or undefined when retrying may cure it. */
export function permanentFailureOf(
  code: string,
  to: Recipient,
  needed?: string,
): Extract<SlackFailure, { kind: "permanent" }> | undefined {
  const failure = (reason: string, next: string, isTokenRefused = false) => ({
    kind: "permanent" as const,
    code,
    reason,
    next,
    isTokenRefused,
  });
  const person = "Reassign the action or tell them another way.";
  if (TOKEN_REFUSED.has(code))
    return failure("Slack no longer accepts Minutebook's access to this workspace", "Reinstall Minutebook.", true);
  if (NOT_ALLOWED.has(code))
    return failure(
      `this workspace does not allow Minutebook to post to ${who(to)}`,
      "Ask a workspace admin, or tell them another way.",
    );
  if (BADLY_WRITTEN.has(code))
    return failure(
      `Slack refused the message as Minutebook wrote it (${code}), a fault on our side`,
      "Tell them another way; we have logged it.",
    );
  switch (code) {
    case "user_disabled":
      return failure("their Slack account is deactivated", person);
    case "user_not_found":
      return failure("Slack does not know them in this workspace (they may have left)", person);
    case "user_not_visible":
      return failure("Slack does not let Minutebook see them (a guest or someone from another organisation)", person);
    case "cannot_dm_bot":
      return failure("they are a bot, and Slack does not let Minutebook message bots", person);
    case "missing_scope":
      return failure(
        `Minutebook is missing a Slack permission it needs${needed ? ` (${needed})` : ""}`,
        "Reinstall Minutebook to grant it.",
      );
    case "channel_not_found":
      return to.kind === "channel"
        ? failure(
            `Minutebook cannot see ${who(to)} (it is private without Minutebook in it, or was deleted)`,
            `Invite Minutebook with /invite @Minutebook, or move the board to another channel.`,
          )
        : failure("Slack could not find their messages with Minutebook", person);
    case "not_in_channel":
      return failure(`Minutebook is not a member of ${who(to)}`, "Invite Minutebook with /invite @Minutebook there.");
    case "is_archived":
      return failure(`${who(to)} is archived`, "Move the board to a channel in use.");
    default:
      return undefined;
  }
}

/** What an error thrown by a WebClient call means; undefined for anything else (retry it). */
export function slackFailureOf(error: unknown, to: Recipient): SlackFailure | undefined {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string; needed?: string } };
  // The job clients reject rate-limited calls (rejectRateLimitedCalls) with Slack's Retry-After in seconds.
  if (e?.code === ErrorCode.RateLimitedError)
    return { kind: "rate_limited", retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
  if (e?.code === ErrorCode.PlatformError && e.data?.error) return permanentFailureOf(e.data.error, to, e.data.needed);
  return undefined;
}
