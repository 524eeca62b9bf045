// Sends what Slack sends (slash commands, interactivity payloads, events) to the
// Bolt HTTP receiver, signed as Slack signs them, and collects the replies, whether
// they come back in the HTTP response or later through response_url. Used by the
// tests and by the local console, both against the local Web API server. Each
// request's trigger_id and response_url are issued by that server as the request is
// sent, so it holds them to Slack's limits (three seconds and once; thirty minutes
// and five replies).
//
// Requests go out through node:http, not fetch: in the answer benchmark this process is Slack
// and the load at once, and fetch's per-request cost (streams, abort signals, a Request object)
// kept it some 80% busy, which its timings of the app's acknowledgements then carried (list
// acknowledged p50 22 to 28 ms against 13 through node:http, in the same hour).
import { createHmac, randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import type { LocalSlack } from "./server";

type Json = Record<string, unknown>;

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Replaces the computed signature (to test refusals). */
  signature?: string | null;
  /** Extra headers, such as X-Slack-Retry-Num on a redelivery. */
  headers?: Record<string, string>;
}

export interface SlackHttpResponse {
  status: number;
  text: string;
  json: Json | undefined;
}

export interface SentRequest extends SlackHttpResponse {
  /** The response_url the request carried; posts to it are its replies. */
  responseUrl: string;
  /** Every reply so far: the HTTP body (if it held a message) and response_url posts. */
  replies(): Json[];
  /** The first reply, waiting for a response_url post if the body had none. */
  reply(timeoutMs?: number): Promise<Json>;
}

export interface Actor {
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  /** Slack's trigger id; a redelivered request carries the same one. Default: a new one, shaped like Slack's. */
  triggerId?: string;
}

export function signSlackRequest(signingSecret: string, body: string, timestamp: number): string {
  const hmac = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return `v0=${hmac}`;
}

export interface SlackRequestsOptions {
  /** The app's address: http://, as tests, benchmarks and the console run it. */
  appUrl: string;
  signingSecret: string;
  fake: LocalSlack;
  teamId?: string;
  /**
   * Connections kept open to the app, at most (default: as many as requests under way). A
   * benchmark keeps a fixed set, as Slack's side or a proxy in front of the app would: a busy
   * Node process accepts one new connection per turn of its event loop (libuv/libuv#3696), and
   * requests that opened new ones mid-run waited for it.
   */
  connections?: number;
  /** Told of each request's headers as it leaves (a test notes the signatures it sent). */
  onSend?: (headers: Readonly<Record<string, string>>) => void;
}

export class SlackRequests {
  private readonly agent: Agent;

  constructor(private readonly options: SlackRequestsOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? Number.POSITIVE_INFINITY });
  }

  private get teamId(): string {
    return this.options.teamId ?? this.options.fake.teamId;
  }

  async post(body: string, contentType: string, sign: SignOptions = {}): Promise<SlackHttpResponse> {
    const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      ...sign.headers,
    };
    const signature =
      sign.signature === undefined ? signSlackRequest(this.options.signingSecret, body, timestamp) : sign.signature;
    if (signature !== null) headers["x-slack-signature"] = signature;
    const { status, text } = await this.send(body, headers);
    let json: Json | undefined;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    return { status, text, json };
  }

  /** POSTs `body` to the app's /slack/events; resolves with the status and the body as text. */
  private send(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const payload = Buffer.from(body);
    this.options.onSend?.(headers);
    return new Promise((resolve, reject) => {
      const sent = request(
        `${this.options.appUrl}/slack/events`,
        { method: "POST", agent: this.agent, headers: { ...headers, "content-length": String(payload.length) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          response.on("error", reject);
        },
      );
      sent.on("error", reject);
      sent.end(payload);
    });
  }

  /** A slash command as Slack posts it: form-encoded, with a response_url. */
  async command(command: string, text: string, actor: Actor = {}, sign: SignOptions = {}): Promise<SentRequest> {
    const responseId = randomUUID();
    const form = new URLSearchParams({
      token: "deprecated-verification-token",
      team_id: this.teamId,
      team_domain: "minutebook-test",
      channel_id: actor.channelId ?? "C0GENERAL",
      channel_name: actor.channelName ?? "general",
      user_id: actor.userId ?? "U0SECRETARY",
      user_name: actor.userName ?? "secretary",
      command,
      text,
      api_app_id: "A0MINUTEBOOK",
      is_enterprise_install: "false",
      response_url: this.options.fake.responseUrl(responseId),
      trigger_id: this.options.fake.issueTriggerId(actor.triggerId),
    });
    const response = await this.post(form.toString(), "application/x-www-form-urlencoded", sign);
    return this.withReplies(response, responseId);
  }

  /** A block action, view submission or shortcut: form-encoded `payload` JSON. */
  async interaction(payload: Json, sign: SignOptions = {}): Promise<SentRequest> {
    const responseId = randomUUID();
    const full: Json = {
      team: { id: this.teamId, domain: "minutebook-test" },
      api_app_id: "A0MINUTEBOOK",
      token: "deprecated-verification-token",
      response_url: this.options.fake.responseUrl(responseId),
      ...payload,
    };
    // Slack gives every interaction a trigger; one named in the payload is issued as it is sent.
    full.trigger_id = this.options.fake.issueTriggerId(
      typeof payload.trigger_id === "string" ? payload.trigger_id : undefined,
    );
    const body = new URLSearchParams({ payload: JSON.stringify(full) }).toString();
    const response = await this.post(body, "application/x-www-form-urlencoded", sign);
    return this.withReplies(response, responseId);
  }

  /**
   * A button press, as Slack sends it: from a message (answered through response_url)
   * or from the Home tab (no response_url, no channel).
   */
  async button(options: {
    actionId: string;
    value: string;
    userId?: string;
    channelId?: string;
    from?: "message" | "home";
  }): Promise<SentRequest> {
    const userId = options.userId ?? "U0SECRETARY";
    const isHome = options.from === "home";
    return this.interaction({
      type: "block_actions",
      user: { id: userId, username: userId.toLowerCase(), team_id: this.teamId },
      container: isHome
        ? { type: "view", view_id: "V0HOME" }
        : {
            type: "message",
            message_ts: "1700000000.000100",
            channel_id: options.channelId ?? "C0GENERAL",
            is_ephemeral: true,
          },
      ...(isHome
        ? { view: { id: "V0HOME", type: "home" }, response_url: undefined }
        : { channel: { id: options.channelId ?? "C0GENERAL", name: "general" } }),
      actions: [
        {
          type: "button",
          action_id: options.actionId,
          block_id: "b",
          value: options.value,
          action_ts: String(Date.now() / 1000),
        },
      ],
    });
  }

  /** An Events API event_callback envelope around `event`. */
  async event(event: Json, sign: SignOptions = {}): Promise<SlackHttpResponse> {
    const body = JSON.stringify({
      token: "deprecated-verification-token",
      team_id: this.teamId,
      api_app_id: "A0MINUTEBOOK",
      event,
      type: "event_callback",
      event_id: `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.teamId, user_id: this.options.fake.botUserId, is_bot: true }],
    });
    return this.post(body, "application/json", sign);
  }

  private withReplies(response: SlackHttpResponse, responseId: string): SentRequest {
    const fake = this.options.fake;
    const path = `/response/${responseId}`;
    const bodyReply =
      response.json && (response.json.text !== undefined || response.json.blocks !== undefined)
        ? response.json
        : undefined;
    if (bodyReply) fake.checkMessage("http_response", bodyReply);
    const action = response.json?.response_action;
    if ((action === "update" || action === "push") && response.json?.view)
      fake.checkView(`response_action ${action}`, response.json.view);
    const fromUrl = () =>
      fake.calls.filter((c) => c.method === "response_url" && c.args.__path === path).map((c) => c.args);
    return {
      ...response,
      responseUrl: fake.responseUrl(responseId),
      replies: () => [...(bodyReply ? [bodyReply] : []), ...fromUrl()],
      reply: async (timeoutMs = 5000) => {
        if (bodyReply) return bodyReply;
        const call = await fake.waitFor("response_url", (c) => c.args.__path === path, timeoutMs);
        return call.args;
      },
    };
  }
}
