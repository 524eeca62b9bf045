// The HTTP server in front of Bolt's HTTPReceiver. Bolt trusts any correctly signed body
// (one whose JSON is `null` crashes the process in its receiver); here a request to the
// events endpoint is read, its signature and timestamp checked, and its body's shape
// checked (request-guard-shapes.ts) before Bolt is handed it, already read. Anything else
// is answered here: 401 for a signature problem, 400 for a malformed body, 413 for one too
// big, 200 for what Slack sends that needs no work. Every other path (health, metrics, the
// dashboard, OAuth's install pages) goes to the receiver's own routing as before.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ErrorCode, type App, type HTTPReceiver, type Receiver } from "@slack/bolt";
import type { Logger } from "../logger";
import { drainable } from "../http/drain";
import { setSecurityHeaders } from "../http/security-headers";
import { checkSlackSignature } from "./request-guard-signature";
import { shapeOf, type SlackSurface } from "./request-guard-shapes";

/** Bolt's own limit: Slack's largest payloads (a full modal's state) are far smaller. */
const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** How far past the limit a body is still read (and dropped) so that its sender hears the 413. */
const DISCARD_FACTOR = 2;
/**
 * How long a stopping server waits for requests under way. Slack wants an answer within
 * three seconds and Bolt gives one by then (404 if no listener acknowledged), so a little
 * more lets every request that was taken be answered.
 */
const DEFAULT_DRAIN_MS = 4_000;

export interface RequestGuardOptions {
  signingSecret: string;
  /** Bolt's endpoints for Slack's requests (EVENTS_PATH). */
  endpoints: readonly string[];
  surface: SlackSurface;
  /** One workspace: the only team whose requests are taken. Undefined: any, and Bolt's authorize decides. */
  teamId: string | undefined;
  logger: Logger;
  bodyLimitBytes?: number;
  drainMs?: number;
  /** Real time in ms: Slack's timestamps are real time whatever clock the app runs on. */
  now?: () => number;
}

type Answer = { status: number; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function answer(res: ServerResponse, status: number, body = ""): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(body);
}

/**
 * The whole body, or "too large". A body a little over the limit is read to its end and
 * dropped, so the client, still sending, reads the 413 instead of a reset connection; one
 * declared or found to be far over it is not waited for.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  const discardLimit = limit * DISCARD_FACTOR;
  const declared = Number(req.headers["content-length"]);
  if (declared > discardLimit) return Promise.resolve("too large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > discardLimit) {
        req.removeAllListeners("data");
        req.pause();
        resolve("too large");
      }
    });
    req.once("end", () => resolve(size > limit ? "too large" : Buffer.concat(chunks, size)));
    req.once("error", reject);
    req.once("aborted", () => reject(new Error("request aborted")));
  });
}

/**
 * Bolt's HTTPReceiver with this guard in front, serving on a server of its own (so the
 * guard sees each request first, and stopping drains it: see http/drain.ts).
 */
export function guardedHttpReceiver(inner: HTTPReceiver, options: RequestGuardOptions): Receiver {
  const { signingSecret, surface, teamId, logger } = options;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const now = options.now ?? Date.now;
  const log = logger.child({ component: "request-guard" });
  let server: (Server & ReturnType<typeof drainable>) | undefined;

  /** Bolt's routing, with its refusal of an unknown path turned into a 404 instead of an exception. */
  const toBolt = (req: IncomingMessage, res: ServerResponse) => {
    try {
      inner.requestListener(req, res);
    } catch (error) {
      if ((error as { code?: unknown }).code === ErrorCode.HTTPReceiverDeferredRequestError) return answer(res, 404);
      // A custom route's path whose %-escapes do not decode, and the like.
      if (error instanceof URIError) return answer(res, 400);
      log.error({ err: error, method: req.method }, "a request failed before any handler took it");
      answer(res, 500);
    }
  };

  /** What to answer instead of handing the request to Bolt, or undefined to hand it over. */
  const refusalOf = (req: IncomingMessage, body: Buffer): Answer | undefined => {
    const signatureProblem = checkSlackSignature(
      { timestamp: req.headers["x-slack-request-timestamp"], signature: req.headers["x-slack-signature"], body },
      signingSecret,
      now(),
    );
    if (signatureProblem) {
      // Slack's SSL check (a few bytes) carries nothing and asks for nothing but a 200; Bolt, too,
      // answers it unsigned. Looked for only here: a signed one is answered by its shape below.
      const isSslCheck =
        body.length < 1024 &&
        /^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "") &&
        new URLSearchParams(body.toString("latin1")).get("ssl_check") === "1";
      return isSslCheck ? { status: 200, reason: "ssl check" } : { status: 401, reason: signatureProblem };
    }
    const encoding = req.headers["content-encoding"];
    if (encoding !== undefined && encoding !== "identity") return { status: 400, reason: "content encoding not taken" };
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return { status: 400, reason: "body is not UTF-8" };
    }
    const shape = shapeOf(req.headers["content-type"], text, surface);
    if (shape.verdict === "answer") return shape;
    if (teamId !== undefined && shape.kind !== "url_verification" && shape.teamId !== teamId)
      return { status: 401, reason: "request from another workspace" };
    // Bolt reads a form only under exactly this type (a charset after it would make it JSON to Bolt).
    req.headers["content-type"] = shape.mediaType;
    return undefined;
  };

  const guard = async (req: IncomingMessage, res: ServerResponse) => {
    let body: Buffer | "too large";
    try {
      body = await readBody(req, limit);
    } catch {
      // The client went away mid-body: there is nobody to answer.
      return void res.destroy();
    }
    if (body === "too large") {
      log.warn({ limitBytes: limit }, "refused a Slack request: body too large");
      res.setHeader("connection", "close");
      return answer(res, 413);
    }
    const refusal = refusalOf(req, body);
    if (refusal) {
      if (refusal.status >= 400)
        log.warn(
          { status: refusal.status, reason: refusal.reason, bytes: body.length },
          `refused a Slack request: ${refusal.reason}`,
        );
      else log.debug({ reason: refusal.reason }, "answered a Slack request without Bolt");
      return answer(res, refusal.status, refusal.status === 400 ? `${refusal.reason}\n` : "");
    }
    // Bolt reads the body only if it has not been read: it takes this one as it is.
    Object.assign(req, { rawBody: body });
    toBolt(req, res);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    let path: string;
    try {
      path = new URL(req.url ?? "/", "http://localhost").pathname;
    } catch {
      return answer(res, 400);
    }
    if (req.method === "POST" && options.endpoints.includes(path)) {
      return void guard(req, res).catch((error: unknown) => {
        log.error({ err: error }, "the request guard failed");
        answer(res, 500);
      });
    }
    toBolt(req, res);
  };

  return {
    init(app: App) {
      inner.init(app);
    },
    async start(port: unknown) {
      if (server) throw new Error("the Slack receiver is already started");
      const created = createServer(onRequest);
      const served = Object.assign(created, drainable(created));
      await new Promise<void>((resolve, reject) => {
        created.once("error", reject);
        created.listen(typeof port === "number" || typeof port === "string" ? Number(port) : 0, () => {
          created.off("error", reject);
          resolve();
        });
      });
      // Later server errors (out of file descriptors, say) are logged, not thrown at the process.
      created.on("error", (error) => log.error({ err: error }, "the HTTP server reported an error"));
      server = served;
      return served;
    },
    async stop() {
      const stopping = server;
      server = undefined;
      await stopping?.drain(options.drainMs ?? DEFAULT_DRAIN_MS);
    },
  };
}
