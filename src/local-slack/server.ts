// A local stand-in for Slack's Web API: a real HTTP server that answers the methods
// Minutebook calls the way Slack does, records every call, can be told to fail, and
// checks every Block Kit payload against Slack's limits. The tests point the app at
// it (SLACK_API_URL), and so does the local console, so the app has no special cases.
// It refuses as Slack documents (each rule cites its source where it is applied):
// channels the bot is not in (conversations.ts), deactivated people and bots
// (users.ts), trigger ids after three seconds or a second use, response URLs after
// thirty minutes or five replies (interaction-tokens.ts), method rate limits and one
// message a second per channel (rate-limits.ts), and text Slack could not take (block-kit.ts).
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { validateMessage, validateView } from "./block-kit";
import { describeChannel, isBotIn, isHiddenFromBot, listMembers, type LocalChannel } from "./conversations";
import { ResponseUrls, TriggerIds } from "./interaction-tokens";
import { RateLimits, type RateLimitMode } from "./rate-limits";
import { listUsers, openDm, userObject, type LocalUser } from "./users";

export type { LocalChannel } from "./conversations";
export type { LocalUser } from "./users";
export type { RateLimitMode } from "./rate-limits";

type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  args: Json;
  token: string | undefined;
  status: number;
  response: Json;
  at: Date;
}

/** A workspace the app is installed in: its team and the bot token Slack gave for it. */
export interface LocalWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
}

export type Failure = { status: 429; retryAfterSeconds: number } | { status: 500 } | { status: 200; error: string };

/** A file the app uploaded (files.getUploadURLExternal, the upload POST, files.completeUploadExternal). */
export interface UploadedFile {
  id: string;
  /** The file name given to files.getUploadURLExternal. */
  name: string;
  /** The length declared to files.getUploadURLExternal. */
  length: number;
  /** What was POSTed to the upload URL; undefined until then. */
  bytes: Buffer | undefined;
  /** Set by files.completeUploadExternal. */
  title?: string;
  channelId?: string;
  initialComment?: string;
  /** The message that shared it in the channel. */
  ts?: string;
  isComplete: boolean;
}

/** A file people can share: described by files.info and served to the bot token. */
interface LocalFile {
  id: string;
  name: string;
  bytes: Buffer;
  /** files.info gives its size (Slack does not always). */
  hasSize: boolean;
  /** Its download carries a Content-Length; without one the body is sent chunked. */
  hasContentLength: boolean;
  /** The download sends this many bytes, then waits (until the client hangs up, or 10 s) before the rest. */
  stallAfterBytes?: number;
}

/** How long a stalled download waits for the client to hang up before sending the rest. */
const DOWNLOAD_STALL_MS = 10_000;

export interface Violation {
  method: string;
  problems: string[];
  args: Json;
}

export interface LocalSlackOptions {
  botToken: string;
  /** Slack's clock, for message timestamps: the app's clock when a test moves it. */
  now?: () => Date;
  teamId?: string;
  botUserId?: string;
  /**
   * The bot scopes the app was granted (its manifest's), for the methods that need a scope
   * the app might lack (conversations.info on a group DM needs mpim:read). Not given: all.
   */
  scopes?: readonly string[];
  /**
   * Milliseconds of real time, for the rules about how long ago a request was sent (trigger
   * ids) and how fast calls come (rate limits): these do not follow the app's clock. A test
   * of those rules can drive it; default Date.now.
   */
  realTime?: () => number;
}

const MESSAGE_METHODS = new Set([
  "chat.postMessage",
  "chat.update",
  "chat.postEphemeral",
  "chat.scheduleMessage",
  "response_url",
]);
const VIEW_METHODS = new Set(["views.open", "views.publish", "views.update", "views.push"]);

/** Where a post to a user lands: the bot's DM with them (D + the rest of the id). */
export function dmChannelOf(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
}

const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata", "unfurls", "user_auth_blocks", "files"]);

function parseBody(raw: string, contentType: string | undefined): Json {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Json;
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends nested values (blocks, view, metadata) as JSON strings;
    // other fields, text above all, stay strings even when they look like JSON.
    if (JSON_FIELDS.has(key) && /^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // a plain string that happens to start with a bracket
      }
    }
    args[key] = value;
  }
  return args;
}

/**
 * The message a completed upload posts: the initial_comment, or (without one) the
 * blocks, which then need a plain-text fallback like any message. A file shared with
 * neither posts no message.
 */
function fileMessageProblems(args: Json): string[] {
  if (args.initial_comment !== undefined) return validateMessage({ text: args.initial_comment });
  if (args.blocks !== undefined) return validateMessage({ text: args.text, blocks: args.blocks });
  return [];
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString("utf8");
}

/**
 * The file in an upload POST. Slack takes the bytes raw or as multipart/form-data
 * (the Web API client sends a form with one file part); for a form, the first part
 * that carries a filename, else the first part.
 */
function uploadedBytes(raw: Buffer, contentType: string | undefined): Buffer {
  const boundary = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  if (!boundary) return raw;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Array<{ headers: string; body: Buffer }> = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, a blank line, the body, CRLF before the next delimiter.
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split !== -1) parts.push({ headers: part.subarray(0, split).toString("utf8"), body: part.subarray(split + 4) });
    start = next;
  }
  return (parts.find((p) => /filename=/i.test(p.headers)) ?? parts[0])?.body ?? Buffer.alloc(0);
}

export class LocalSlack {
  readonly calls: RecordedCall[] = [];
  readonly violations: Violation[] = [];
  readonly teamId: string;
  readonly botUserId: string;
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Failure[]>();
  private readonly delays = new Map<string, number[]>();
  private readonly users = new Map<string, LocalUser>();
  private readonly channels = new Map<string, LocalChannel>();
  private readonly files = new Map<string, LocalFile>();
  private readonly uploads = new Map<string, UploadedFile>();
  private server: Server | undefined;
  private baseUrl = "";
  private tsCounter = 0;
  /** Messages as Slack would keep them, by conversation, oldest first (for conversations.history). */
  private readonly history = new Map<string, Json[]>();
  private viewCounter = 0;
  /** Views as Slack keeps them: the latest of each by id, with the hash views.update checks. */
  private readonly views = new Map<string, { view: Json; hash: string }>();
  private readonly homeViews = new Map<string, string>();
  /** Other workspaces' bot tokens, and codes waiting to be exchanged for one. */
  private readonly workspaces = new Map<string, LocalWorkspace>();
  private readonly installCodes = new Map<string, LocalWorkspace & { installerUserId: string }>();
  private fileCounter = 0;
  private readonly triggers: TriggerIds;
  private readonly responseUrls: ResponseUrls;
  private readonly limits: RateLimits;
  private readonly scopes: ReadonlySet<string> | undefined;

  constructor(private readonly options: LocalSlackOptions) {
    this.teamId = options.teamId ?? "T0MINUTES";
    this.botUserId = options.botUserId ?? "U0MINUTEBOT";
    const realTime = options.realTime ?? (() => Date.now());
    this.triggers = new TriggerIds(realTime);
    this.limits = new RateLimits(realTime);
    this.responseUrls = new ResponseUrls(() => (options.now?.() ?? new Date()).getTime());
    this.scopes = options.scopes ? new Set(options.scopes) : undefined;
    this.events.setMaxListeners(100);
  }

  /**
   * "slack" (the default): Web API calls over a method's tier, or chat.postMessage over about
   * one a second in a channel, are answered 429 with Retry-After (rate-limits.ts). "off": no
   * limits, for a benchmark or a test about something else that calls Slack in bulk.
   */
  get rateLimits(): RateLimitMode {
    return this.limits.mode;
  }

  set rateLimits(mode: RateLimitMode) {
    this.limits.mode = mode;
  }

  /**
   * A trigger_id for a request being sent to the app now (requests.ts calls this for every
   * command and interaction): views.open and views.push take it once, within three seconds.
   * An id given again (a redelivered request) keeps the moment it was first issued.
   */
  issueTriggerId(id?: string): string {
    return this.triggers.issue(id);
  }

  /** How many ms ago a trigger id was issued (undefined if never): the margin a form opened with. */
  triggerAgeMs(id: string): number | undefined {
    return this.triggers.ageOf(id);
  }

  static async start(options: LocalSlackOptions): Promise<LocalSlack> {
    const fake = new LocalSlack(options);
    await fake.listen();
    return fake;
  }

  /** Base URL for SLACK_API_URL, ending in /api/ as Slack's does. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /**
   * A response_url for a command or interaction; posts to it are recorded as "response_url".
   * It takes five replies within thirty minutes of Slack's clock from the first time it is
   * given out (interaction-tokens.ts); later ones are answered 404.
   */
  responseUrl(id: string = String(++this.tsCounter)): string {
    this.responseUrls.issue(id);
    return `${this.baseUrl}/response/${id}`;
  }

  addUser(user: LocalUser): void {
    this.users.set(user.id, user);
  }

  addChannel(channel: LocalChannel): void {
    this.channels.set(channel.id, channel);
  }

  get people(): LocalUser[] {
    return [...this.users.values()];
  }

  get conversations(): LocalChannel[] {
    return [...this.channels.values()];
  }

  /** Calls `listener` with every call as Slack acts on it; returns a function that stops listening. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.events.on("call", listener);
    return () => this.events.off("call", listener);
  }

  /** A person shares a file in a channel: the file is kept and their message holds it. */
  shareFile({ channelId, userId, name, bytes }: { channelId: string; userId: string; name: string; bytes: Buffer }): {
    fileId: string;
    ts: string;
  } {
    const fileId = `F${String(++this.fileCounter).padStart(8, "0")}`;
    this.addFile({ id: fileId, name, bytes });
    const ts = this.nextTs();
    const message: Json = { type: "message", user: userId, text: "", ts, files: [{ id: fileId, name }] };
    this.history.set(channelId, [...(this.history.get(channelId) ?? []), message]);
    return { fileId, ts };
  }

  /**
   * A file as if someone had uploaded it: files.info describes it, and its download URL serves it to the bot token.
   * `hasSize: false`: files.info gives no size; `hasContentLength: false`: the download is sent chunked, without a
   * Content-Length; `stallAfterBytes`: the download stops for a while after that many bytes, so a test can see,
   * in the file_download call's response (bytesSent, isComplete), whether the app hung up before the end.
   */
  addFile(file: {
    id: string;
    name: string;
    bytes: Buffer;
    hasSize?: boolean;
    hasContentLength?: boolean;
    stallAfterBytes?: number;
  }): void {
    this.files.set(file.id, {
      ...file,
      hasSize: file.hasSize ?? true,
      hasContentLength: file.hasContentLength ?? true,
    });
  }

  /** A file the app uploaded, by id, with the bytes it sent and where it was shared. */
  uploadedFile(id: string): UploadedFile | undefined {
    return this.uploads.get(id);
  }

  /** The files the app shared in a conversation, oldest first. */
  filesSharedIn(channel: string): UploadedFile[] {
    return [...this.uploads.values()].filter((file) => file.isComplete && file.channelId === channel);
  }

  /** The next `count` calls to `method` fail this way, then calls succeed again. */
  failNext(method: string, failure: Failure, count = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first call (already made or yet to come) that matches. */
  waitFor(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    const existing = this.calls.find((call) => call.method === method && call.status === 200 && predicate(call));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall) => {
        if (call.method !== method || call.status !== 200 || !predicate(call)) return;
        clearTimeout(timer);
        this.events.off("call", onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.events.off("call", onCall);
        const seen = this.calls.map((c) => c.method).join(", ") || "none";
        reject(new Error(`No ${method} call within ${timeoutMs} ms (calls so far: ${seen})`));
      }, timeoutMs);
      this.events.on("call", onCall);
    });
  }

  /** Throws if any recorded payload broke Slack's Block Kit limits. */
  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    const lines = this.violations.map((v) => `${v.method}: ${v.problems.join("; ")}`);
    throw new Error(`Slack would reject ${this.violations.length} payload(s):\n${lines.join("\n")}`);
  }

  /** Checks a payload that reached Slack another way (an HTTP ack body) with the same rules. */
  checkMessage(where: string, payload: Json): void {
    const problems = validateMessage(payload);
    if (problems.length > 0) this.violations.push({ method: where, problems, args: payload });
  }

  /** Checks a view a form's answer carries (response_action update or push) with the rules views.open applies. */
  checkView(where: string, view: unknown): void {
    const problems = validateView(view);
    if (problems.length > 0) this.violations.push({ method: where, problems, args: { view } as Json });
  }

  /** What a conversation holds now, oldest first (posts to a user are in their DM). */
  messagesIn(channel: string): Json[] {
    return [...(this.history.get(dmChannelOf(channel)) ?? [])];
  }

  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.failures.clear();
    this.delays.clear();
    this.limits.reset();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "fake_slack_error", detail: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    // Where files.info says a file is: Slack's shape, files-pri/<team>-<file>/<name>.
    const download = /^\/files-pri\/T[A-Z0-9]+-([A-Z0-9]+)\//.exec(url.pathname);
    if (download && req.method === "GET") {
      // Slack serves files only with the bot token; without it, a login page.
      const file = this.files.get(download[1]!);
      const isAuthorised = Boolean(this.teamOfToken(req.headers.authorization?.replace(/^Bearer /, "")));
      const call: RecordedCall = {
        method: "file_download",
        args: { file: download[1] },
        token: undefined,
        status: file && isAuthorised ? 200 : 403,
        response: {},
        at: new Date(),
      };
      this.calls.push(call);
      if (!file || !isAuthorised) {
        res.writeHead(file ? 403 : 404, { "content-type": "text/html" }).end("<html>Sign in</html>");
        this.events.emit("call", call);
        return;
      }
      this.serveFile(file, res, call.response);
      // Waiters hear of it once its first bytes are on their way: bytesSent says how many (where a stall holds it).
      this.events.emit("call", call);
      return;
    }
    const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(url.pathname);
    if (upload && req.method === "POST") return this.receiveUpload(upload[1]!, req, res);
    const args = parseBody(await readBody(req), req.headers["content-type"]);
    const responseMatch = /^\/response\/([^/]+)$/.exec(url.pathname);
    const apiMatch = /^\/api\/([a-zA-Z0-9.]+)$/.exec(url.pathname);
    const method = responseMatch ? "response_url" : apiMatch?.[1];
    if (!method || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    // Recorded with the call, so a reply can be matched to the request that carried its response_url.
    if (responseMatch) args.__path = url.pathname;
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : typeof args.token === "string" ? args.token : undefined;
    const refused = responseMatch ? this.responseUrls.refusal(responseMatch[1]!) : undefined;
    const { status, body, headers } = refused
      ? { status: 404, body: { ok: false, error: refused }, headers: {} }
      : this.answer(method, args, token);
    if (responseMatch && !refused && status === 200 && body.ok === true) this.responseUrls.use(responseMatch[1]!);
    const call: RecordedCall = { method, args, token, status, response: body, at: new Date() };
    this.calls.push(call);
    // Slack has acted on the call (the message is posted) before the answer is on its way.
    this.events.emit("call", call);
    const delayMs = this.delays.get(method)?.shift();
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  /**
   * A file's bytes, recorded as they go in its file_download call's response: bytesSent
   * (handed to the connection), and isComplete once the last of them was; a client that
   * hangs up first leaves it false.
   */
  private serveFile(file: LocalFile, res: ServerResponse, record: Json): void {
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      ...(file.hasContentLength ? { "content-length": String(file.bytes.length) } : {}),
    });
    Object.assign(record, { bytesSent: 0, isComplete: false });
    res.on("finish", () => {
      record.isComplete = true;
    });
    const sendRest = (from: number) => {
      record.bytesSent = file.bytes.length;
      res.end(file.bytes.subarray(from));
    };
    const stallAt = file.stallAfterBytes;
    if (stallAt === undefined || stallAt >= file.bytes.length) return sendRest(0);
    res.write(file.bytes.subarray(0, stallAt));
    record.bytesSent = stallAt;
    const timer = setTimeout(() => {
      if (!res.destroyed) sendRest(stallAt);
    }, DOWNLOAD_STALL_MS);
    res.on("close", () => clearTimeout(timer));
  }

  /**
   * The POST of a file's bytes to the upload URL files.getUploadURLExternal gave, recorded
   * as "file_upload" (args: file, length, bytes). Slack answers 200 "OK - <length>"; the
   * URL needs no token. failNext("file_upload", …) answers with that failure's status
   * (a status-200 failure as 400).
   */
  private async receiveUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = uploadedBytes(await readBytes(req), req.headers["content-type"]);
    const file = this.uploads.get(fileId);
    const failure = this.failures.get("file_upload")?.shift();
    const status = failure ? (failure.status === 200 ? 400 : failure.status) : file && !file.isComplete ? 200 : 404;
    if (status === 200) file!.bytes = bytes;
    const body = status === 200 ? `OK - ${bytes.length}` : status === 404 ? "Not Found" : "Upload failed";
    const call: RecordedCall = {
      method: "file_upload",
      args: { file: fileId, length: bytes.length, bytes },
      token: undefined,
      status,
      response: { body },
      at: new Date(),
    };
    this.calls.push(call);
    this.events.emit("call", call);
    const headers: Record<string, string> = { "content-type": "text/plain" };
    if (failure?.status === 429) headers["retry-after"] = String(failure.retryAfterSeconds);
    res.writeHead(status, headers).end(body);
  }

  /** The next call to `method` is carried out at once but answered only after `ms` (a slow Slack). */
  delayNextAnswer(method: string, ms: number): void {
    this.delays.set(method, [...(this.delays.get(method) ?? []), ms]);
  }

  private answer(
    method: string,
    args: Json,
    token: string | undefined,
  ): { status: number; body: Json; headers?: Record<string, string> } {
    const failure = this.failures.get(method)?.shift();
    if (failure?.status === 429) {
      return {
        status: 429,
        body: { ok: false, error: "ratelimited" },
        headers: { "retry-after": String(failure.retryAfterSeconds) },
      };
    }
    if (failure?.status === 500) return { status: 500, body: { ok: false, error: "internal_error" } };
    if (failure) return { status: 200, body: { ok: false, error: failure.error } };

    // oauth.v2.access is called with the app's client id and secret, not a token.
    const team = this.teamOfToken(token);
    if (method !== "response_url" && method !== "oauth.v2.access" && !team) {
      return { status: 200, body: { ok: false, error: token ? "invalid_auth" : "not_authed" } };
    }
    const retryAfter = team
      ? this.limits.take(
          team.botToken,
          method,
          method === "chat.postMessage" ? dmChannelOf(String(args.channel ?? "")) : undefined,
        )
      : undefined;
    if (retryAfter !== undefined)
      return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": String(retryAfter) } };
    const { __path: _path, ...payload } = args;
    const problems = MESSAGE_METHODS.has(method)
      ? validateMessage(payload)
      : VIEW_METHODS.has(method)
        ? validateView(args.view)
        : method === "files.completeUploadExternal"
          ? fileMessageProblems(args)
          : [];
    if (problems.length > 0) {
      this.violations.push({ method, problems, args });
      return { status: 200, body: { ok: false, error: "invalid_blocks", errors: problems } };
    }
    if (method === "views.open" || method === "views.push") {
      const refusal = this.triggers.refusal(args.trigger_id);
      if (refusal) return { status: 200, body: { ok: false, error: refusal } };
      this.triggers.spend(String(args.trigger_id));
    }
    if (method === "oauth.v2.access") return { status: 200, body: this.exchangeCode(args) };
    if (method === "auth.test") return { status: 200, body: this.whoIs(token!) };
    return { status: 200, body: this.success(method, args, team?.botUserId ?? this.botUserId) };
  }

  /**
   * files.completeUploadExternal: each file must have been reserved and uploaded, and
   * can be completed once (Slack discards uploads never completed). With a channel_id,
   * one message in that channel carries the files and the initial_comment; the files
   * are then described by files.info and served to the bot token like shared ones.
   */
  private completeUploads(args: Json): Json {
    const wanted = Array.isArray(args.files) ? (args.files as Json[]) : [];
    const uploads = wanted.map((f) => this.uploads.get(String(f.id ?? "")));
    if (wanted.length === 0) return { ok: false, error: "invalid_arguments" };
    if (uploads.some((u) => !u || u.bytes === undefined || u.isComplete)) return { ok: false, error: "file_not_found" };
    const channelId =
      typeof args.channel_id === "string" && args.channel_id
        ? args.channel_id
        : typeof args.channels === "string" && args.channels
          ? args.channels.split(",")[0]
          : undefined;
    const target = channelId ? dmChannelOf(channelId) : undefined;
    const ts = target ? this.nextTs() : undefined;
    const initialComment = typeof args.initial_comment === "string" ? args.initial_comment : undefined;
    const files = uploads.map((upload, i) => {
      const file = upload!;
      Object.assign(file, {
        title: String(wanted[i]!.title ?? file.name),
        channelId: target,
        initialComment,
        ts,
        isComplete: true,
      });
      this.addFile({ id: file.id, name: file.name, bytes: file.bytes! });
      const url = this.fileUrl(file);
      return {
        id: file.id,
        name: file.name,
        title: file.title,
        size: file.bytes!.length,
        user: this.botUserId,
        url_private: url,
        url_private_download: url,
        channels: target && /^C/.test(target) ? [target] : [],
        groups: target && /^G/.test(target) ? [target] : [],
        ims: target && /^D/.test(target) ? [target] : [],
      };
    });
    if (target && ts) {
      const message: Json = {
        type: "message",
        text: initialComment ?? "",
        ts,
        bot_id: "B0MINUTEBOT",
        files: files.map((f) => ({ id: f.id, name: f.name, title: f.title })),
      };
      this.history.set(target, [...(this.history.get(target) ?? []), message]);
    }
    return { ok: true, files };
  }

  /** Another workspace the app is installed in, with its own bot token (multi-workspace tests). */
  addWorkspace(workspace: LocalWorkspace): void {
    this.workspaces.set(workspace.botToken, workspace);
  }

  /**
   * What Slack will hand over for an OAuth code: the installing workspace and its new
   * bot token. oauth.v2.access with this code answers it (once), as Slack does.
   */
  addInstallCode(code: string, workspace: LocalWorkspace & { installerUserId: string }): void {
    this.installCodes.set(code, workspace);
  }

  private teamOfToken(token: string | undefined): LocalWorkspace | undefined {
    if (!token) return undefined;
    if (token === this.options.botToken)
      return {
        teamId: this.teamId,
        teamName: "Minutebook Test",
        botToken: token,
        botUserId: this.botUserId,
        botId: "B0MINUTEBOT",
      };
    return this.workspaces.get(token);
  }

  private whoIs(token: string): Json {
    const team = this.teamOfToken(token)!;
    return {
      ok: true,
      url: `https://${team.teamId.toLowerCase()}.slack.com/`,
      team: team.teamName,
      user: "minutebook",
      team_id: team.teamId,
      user_id: team.botUserId,
      bot_id: team.botId,
      is_enterprise_install: false,
    };
  }

  private exchangeCode(args: Json): Json {
    const grant = this.installCodes.get(String(args.code ?? ""));
    if (!grant) return { ok: false, error: "invalid_code" };
    this.installCodes.delete(String(args.code));
    this.addWorkspace(grant);
    return {
      ok: true,
      app_id: "A0MINUTEBOOK",
      authed_user: { id: grant.installerUserId },
      scope: "commands,chat:write",
      token_type: "bot",
      access_token: grant.botToken,
      bot_user_id: grant.botUserId,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** A message timestamp as Slack writes them: seconds, then six digits unique per message. */
  private nextTs(): string {
    this.tsCounter += 1;
    const seconds = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    return `${seconds}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  /**
   * Where files.info says a file can be downloaded: Slack's shape
   * (https://files.slack.com/files-pri/T…-F…/name), on this server's own origin since the
   * stand-in is local HTTP. The app should take files only from Slack's host or, in tests and
   * the console, from SLACK_API_URL's origin.
   */
  fileUrl(file: { id: string; name: string }): string {
    return `${this.baseUrl}/files-pri/${this.teamId}-${file.id}/${encodeURIComponent(file.name)}`;
  }

  /** A view opened, pushed, published or updated: kept under its id with a new hash, and described as Slack returns it. */
  private keepView(id: string | undefined, given: unknown): Json {
    this.viewCounter += 1;
    const viewId = id ?? `V${String(this.viewCounter).padStart(8, "0")}`;
    const hash = `${Math.floor(Date.now() / 1000)}.${String(this.viewCounter).padStart(8, "0")}`;
    const view: Json = {
      ...((given ?? {}) as Json),
      id: viewId,
      team_id: this.teamId,
      hash,
      state: { values: {} },
      app_id: "A0MINUTEBOOK",
      bot_id: "B0MINUTEBOT",
    };
    this.views.set(viewId, { view, hash });
    return view;
  }

  /** The latest of a view the app opened, pushed, published or updated, by id. */
  viewById(id: string): Json | undefined {
    return this.views.get(id)?.view;
  }

  /** A registered channel the bot cannot see (private, not invited) answers as if absent. */
  private channelFor(id: unknown, botUserId: string): { channel: LocalChannel | undefined; isHidden: boolean } {
    const channel = this.channels.get(String(id ?? ""));
    return { channel, isHidden: channel ? isHiddenFromBot(channel, botUserId) : false };
  }

  /**
   * What a method that needs the bot in the channel (history, ephemeral messages, file shares)
   * answers when it is not: channel_not_found for a channel hidden from it, not_in_channel for
   * a public one it has not joined; undefined when it may go ahead.
   */
  private memberRefusal(
    id: unknown,
    botUserId: string,
  ): { refusal: Json | undefined; channel: LocalChannel | undefined } {
    const { channel, isHidden } = this.channelFor(id, botUserId);
    if (isHidden) return { refusal: { ok: false, error: "channel_not_found" }, channel };
    if (channel && !isBotIn(channel, botUserId)) return { refusal: { ok: false, error: "not_in_channel" }, channel };
    return { refusal: undefined, channel };
  }

  private success(method: string, args: Json, botUserId: string): Json {
    switch (method) {
      case "chat.postMessage": {
        const channel = String(args.channel ?? "");
        if (!channel) return { ok: false, error: "channel_not_found" };
        // A private channel the bot is not in: channel_not_found. A public one needs no
        // invitation: the app has chat:write.public ("Send messages to channels @app isn't a
        // member of", https://docs.slack.dev/reference/scopes/chat.write.public). A deactivated
        // person's DM still takes the post, as Slack's own answer in
        // github.com/slackapi/python-slack-sdk/issues/1156 says: nobody will read it.
        if (this.channelFor(channel, botUserId).isHidden) return { ok: false, error: "channel_not_found" };
        // Posting to a user ID lands in the bot's DM with that user.
        const target = dmChannelOf(channel);
        const ts = this.nextTs();
        const message: Json = {
          type: "message",
          text: args.text,
          blocks: args.blocks,
          ts,
          bot_id: "B0MINUTEBOT",
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          ...(args.metadata ? { metadata: args.metadata } : {}),
        };
        this.history.set(target, [...(this.history.get(target) ?? []), message]);
        return { ok: true, channel: target, ts, message };
      }
      case "chat.update": {
        if (this.channelFor(args.channel, botUserId).isHidden) return { ok: false, error: "channel_not_found" };
        const kept = this.history.get(dmChannelOf(String(args.channel)))?.find((m) => m.ts === args.ts);
        if (!kept) return { ok: false, error: "message_not_found" };
        Object.assign(kept, { text: args.text, blocks: args.blocks, edited: { user: botUserId } });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case "chat.postEphemeral": {
        // https://docs.slack.dev/reference/methods/chat.postEphemeral, Errors: channel_not_found,
        // not_in_channel ("Cannot post user messages to a channel they are not in": the bot must
        // be in it; chat:write.public does not reach ephemeral messages), user_not_in_channel
        // ("Intended recipient is not in the specified channel").
        const { refusal, channel } = this.memberRefusal(args.channel, botUserId);
        if (refusal) return refusal;
        if (channel?.members && !channel.members.includes(String(args.user ?? "")))
          return { ok: false, error: "user_not_in_channel" };
        return { ok: true, message_ts: this.nextTs() };
      }
      case "conversations.open":
        return openDm(args.users, { people: this.users, botUserId });
      case "conversations.history": {
        // https://docs.slack.dev/reference/methods/conversations.history, Errors: not_in_channel
        // ("Only user tokens can access public channels they are not in"); a private channel
        // the bot is not in does not exist for it.
        const { refusal } = this.memberRefusal(args.channel, botUserId);
        if (refusal) return refusal;
        const messages = this.history.get(String(args.channel)) ?? [];
        const oldest = Number(args.oldest ?? 0);
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
        // Thread replies are not part of a channel's history (conversations.replies has them).
        const found = messages
          .filter((m) => Number(m.ts) > oldest && (m.thread_ts === undefined || m.thread_ts === m.ts))
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map((m) => (withMetadata ? m : { ...m, metadata: undefined }));
        return { ok: true, messages: found, has_more: false };
      }
      case "files.info": {
        const file = this.files.get(String(args.file ?? ""));
        if (!file) return { ok: false, error: "file_not_found" };
        const url = this.fileUrl(file);
        return {
          ok: true,
          file: {
            id: file.id,
            name: file.name,
            ...(file.hasSize ? { size: file.bytes.length } : {}),
            url_private: url,
            url_private_download: url,
          },
        };
      }
      case "files.getUploadURLExternal": {
        const name = String(args.filename ?? "");
        const length = Number(args.length ?? 0);
        // Slack answers missing_argument to a length of 0 or none.
        if (!name || !Number.isInteger(length) || length <= 0) return { ok: false, error: "missing_argument" };
        const id = `F${String(++this.fileCounter).padStart(8, "0")}`;
        this.uploads.set(id, { id, name, length, bytes: undefined, isComplete: false });
        return { ok: true, upload_url: `${this.baseUrl}/upload/v1/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        // https://docs.slack.dev/reference/methods/files.completeUploadExternal, Errors:
        // not_in_channel ("User/bot membership is required for the specified channel").
        const { refusal } = this.memberRefusal(args.channel_id, botUserId);
        return refusal ?? this.completeUploads(args);
      }
      case "views.open":
      case "views.push":
        return { ok: true, view: this.keepView(undefined, args.view) };
      case "views.publish": {
        // A person's Home tab is one view, published over and over.
        const home = this.homeViews.get(String(args.user_id ?? ""));
        const view = this.keepView(home, args.view);
        this.homeViews.set(String(args.user_id ?? ""), String(view.id));
        return { ok: true, view };
      }
      case "views.update": {
        // https://docs.slack.dev/reference/methods/views.update: the view_id of an open view
        // (not_found for any other); a hash given must be the view's latest, or hash_conflict
        // ("the view has been updated since the hash was given"), so an update cannot undo a newer one.
        const kept = this.views.get(String(args.view_id ?? ""));
        if (!kept) return { ok: false, error: "not_found" };
        if (args.hash !== undefined && args.hash !== kept.hash) return { ok: false, error: "hash_conflict" };
        return { ok: true, view: this.keepView(String(args.view_id), args.view) };
      }
      case "conversations.info": {
        const channel = this.channels.get(String(args.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        return describeChannel(channel, { botUserId, scopes: this.scopes });
      }
      case "conversations.members": {
        const channel = this.channels.get(String(args.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        return listMembers(channel, args, botUserId);
      }
      case "users.info": {
        // A deactivated person is still described, with deleted: true (users.ts).
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return { ok: true, user: userObject(user, this.teamId) };
      }
      case "users.list": {
        const slackbot: LocalUser = {
          id: "USLACKBOT",
          name: "slackbot",
          realName: "Slackbot",
          displayName: "Slackbot",
        };
        const app: LocalUser = { id: botUserId, name: "minutebook", realName: "Minutebook", isBot: true };
        return listUsers(
          [slackbot, app, ...this.users.values()].map((u) => userObject(u, this.teamId)),
          args,
        );
      }
      case "response_url":
        return { ok: true };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}
