// Requests to the Slack endpoint built by hand, for tests of what the app does with bodies,
// headers and timestamps Slack would never send: signed correctly (over exactly the bytes
// and timestamp sent, whatever they are) unless told otherwise. Also one well-formed body of
// each kind Minutebook takes, for tests to spoil.
import { createHmac } from "node:crypto";
import { TEST_SIGNING_SECRET } from "./test-app";

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export interface RawRequest {
  body: string | Uint8Array;
  /** Omitted: no Content-Type header. */
  contentType?: string;
  /** The X-Slack-Request-Timestamp header as sent; default now, in whole seconds. */
  timestamp?: string;
  /** Default: Slack's v0 signature of the timestamp and body; null sends none. */
  signature?: string | null;
  path?: string;
}

export interface RawResponse {
  status: number;
  text: string;
  headers: Headers;
}

export function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

export function signatureOf(timestamp: string, body: string | Uint8Array, secret = TEST_SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
}

export async function sendRaw(appUrl: string, request: RawRequest): Promise<RawResponse> {
  const timestamp = request.timestamp ?? nowSeconds();
  const headers: Record<string, string> = { "x-slack-request-timestamp": timestamp };
  if (request.contentType !== undefined) headers["content-type"] = request.contentType;
  const signature = request.signature === undefined ? signatureOf(timestamp, request.body) : request.signature;
  if (signature !== null) headers["x-slack-signature"] = signature;
  const response = await fetch(`${appUrl}${request.path ?? "/slack/events"}`, {
    method: "POST",
    headers,
    body: request.body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

type Json = Record<string, unknown>;

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function payloadForm(payload: unknown): string {
  return form({ payload: JSON.stringify(payload) });
}

/** A slash command as Slack posts it (form fields). */
export function commandFields(teamId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    token: "deprecated-verification-token",
    team_id: teamId,
    team_domain: "minutebook-test",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: "U0SECRETARY",
    user_name: "secretary",
    command: "/action",
    text: "help",
    api_app_id: "A0MINUTEBOOK",
    is_enterprise_install: "false",
    response_url: "https://hooks.slack.com/commands/T0MINUTES/1/abc",
    trigger_id: "1700000000123.1234567890.0123456789abcdef0123456789abcdef",
    ...overrides,
  };
}

const user = (teamId: string) => ({ id: "U0SECRETARY", username: "secretary", name: "secretary", team_id: teamId });
const common = (teamId: string) => ({
  team: { id: teamId, domain: "minutebook-test" },
  api_app_id: "A0MINUTEBOOK",
  token: "deprecated-verification-token",
  trigger_id: "1700000000123.1234567890.0123456789abcdef0123456789abcdef",
  is_enterprise_install: false,
  enterprise: null,
});

/** One payload of each interaction kind Minutebook handles. */
export function interactionPayloads(teamId: string): Record<string, Json> {
  return {
    block_actions: {
      ...common(teamId),
      type: "block_actions",
      user: user(teamId),
      response_url: "https://hooks.slack.com/actions/T0MINUTES/1/abc",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0GENERAL", is_ephemeral: true },
      channel: { id: "C0GENERAL", name: "general" },
      actions: [{ type: "button", action_id: "action.more", block_id: "b", value: "x", action_ts: "1700000000.1" }],
    },
    view_submission: {
      ...common(teamId),
      type: "view_submission",
      user: user(teamId),
      view: {
        id: "V0FORM",
        type: "modal",
        callback_id: "action.modal",
        private_metadata: JSON.stringify({ mode: "new" }),
        hash: "1700000000.abc",
        state: {
          values: {
            text: { value: { type: "plain_text_input", value: "Review the rota" } },
            due: { when: { type: "datepicker", selected_date: "2026-12-01" } },
          },
        },
      },
      response_urls: [],
    },
    message_action: {
      ...common(teamId),
      type: "message_action",
      callback_id: "log_as_action",
      user: user(teamId),
      channel: { id: "C0GENERAL", name: "general" },
      message_ts: "1700000000.000200",
      message: { type: "message", user: "U0SECRETARY", ts: "1700000000.000200", text: "Jo to circulate the figures" },
      response_url: "https://hooks.slack.com/app/T0MINUTES/1/abc",
    },
  };
}

/** One Events API envelope of each event Minutebook subscribes to (app_uninstalled and tokens_revoked left out: they change things). */
export function eventEnvelopes(teamId: string): Record<string, Json> {
  const envelope = (event: Json) => ({
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: "A0MINUTEBOOK",
    event,
    type: "event_callback",
    event_id: "Ev0ABCDEF12",
    event_time: 1700000000,
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: "U0MINUTEBOT", is_bot: true, is_enterprise_install: false },
    ],
  });
  return {
    app_home_opened: envelope({
      type: "app_home_opened",
      user: "U0OWNER",
      channel: "D0OWNER",
      tab: "home",
      event_ts: "1700000000.000300",
    }),
    file_shared: envelope({
      type: "file_shared",
      file_id: "F0FILE",
      user_id: "U0OWNER",
      channel_id: "C0GENERAL",
      file: { id: "F0FILE" },
      event_ts: "1700000000.000400",
    }),
  };
}
