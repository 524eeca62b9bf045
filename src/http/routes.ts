// The HTTP routes every role serves beside Slack's: liveness, readiness, metrics and,
// when a login is configured, the queue dashboard. The web role hands them to Bolt's
// receiver as custom routes; a worker-only process serves them on a server of its own.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import express from "express";
import { match } from "path-to-regexp";
import { QUEUE_NAMES } from "../../jobs/define-job";
import type { JobQueues } from "../../jobs/queues";
import type { Role } from "../config";
import type { Db } from "../db/client";
import type { Metrics } from "../observability/metrics";
import type { Redis } from "../redis";
import { drainable, type DrainableServer } from "./drain";
import { createLoginThrottle, type LoginThrottle } from "./login-throttle";
import { setSecurityHeaders } from "./security-headers";

export interface HttpRoute {
  /** A path-to-regexp path, as Bolt's custom routes take. */
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

const ADMIN_PATH = "/admin/queues";
const READY_TIMEOUT_MS = 2000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** GET /healthz: the process is up and serving. It checks nothing else: that is /readyz. */
export function healthRoute(roles: readonly Role[]): HttpRoute {
  return { path: "/healthz", method: ["GET"], handler: (_req, res) => sendJson(res, 200, { status: "ok", roles }) };
}

async function check(name: string, probe: () => Promise<unknown>): Promise<[string, string]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return [name, "ok"];
  } catch (error) {
    return [name, error instanceof Error ? error.message || error.name : String(error)];
  } finally {
    clearTimeout(timer);
  }
}

/** GET /readyz: 200 when PostgreSQL and Redis both answer, else 503 saying which did not. */
export function readyRoute({ db, redis }: { db: Db; redis: Redis }): HttpRoute {
  return {
    path: "/readyz",
    method: ["GET"],
    handler: (_req, res) => {
      void Promise.all([check("postgres", () => db.$queryRaw`SELECT 1`), check("redis", () => redis.ping())]).then(
        (results) => {
          const checks = Object.fromEntries(results);
          const isReady = results.every(([, result]) => result === "ok");
          sendJson(res, isReady ? 200 : 503, { status: isReady ? "ready" : "not_ready", checks });
        },
      );
    },
  };
}

/** GET /metrics: this process's metrics in Prometheus's text format. */
export function metricsRoute(metrics: Metrics): HttpRoute {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: (_req, res) => {
      metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": metrics.registry.contentType });
          res.end(text);
        },
        (error: unknown) => sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) }),
      );
    },
  };
}

/** Compared as digests, so neither the content nor the length of the expected value shows in the timing. */
function isSame(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function challenge(res: express.Response): void {
  res.setHeader("www-authenticate", 'Basic realm="Minutebook queues", charset="UTF-8"');
  res.status(401).json({ error: "unauthorised" });
}

/**
 * Bull Board at /admin/queues, behind HTTP basic auth: the queues, their jobs, retry and clean.
 * Wrong passwords are throttled per client address (see login-throttle.ts); a request without
 * credentials, as a browser sends before it asks for them, is not counted as one.
 */
/**
 * Who is asking, for the throttle: the connection's address, or behind `hops` proxies of the
 * operator's own (TRUST_PROXY_HOPS), the address the outermost of them saw, which it wrote last
 * but `hops - 1` into X-Forwarded-For. Entries before that are the client's to write, so never read.
 * Without the setting, behind a proxy every client is the proxy: the throttle is then shared.
 */
export function clientAddressOf(
  req: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> },
  hops: number,
): string {
  const socket = req.socket.remoteAddress ?? "";
  if (hops === 0) return socket;
  const header = req.headers["x-forwarded-for"];
  const entries = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return entries[entries.length - hops] ?? socket;
}

export function adminQueuesRoute(
  queues: JobQueues,
  login: { user: string; password: string },
  throttle: LoginThrottle = createLoginThrottle(),
  trustProxyHops = 0,
): HttpRoute {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(ADMIN_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name))), serverAdapter: adapter });
  const board = adapter.getRouter() as express.Express;
  // Bull Board's pages are an Express app of their own, which would announce itself again.
  board.disable("x-powered-by");
  const app = express();
  app.disable("x-powered-by");
  app.use(ADMIN_PATH, (req, res, next) => {
    setSecurityHeaders(res);
    res.setHeader("cache-control", "no-store");
    const address = clientAddressOf(req, trustProxyHops);
    const wait = throttle.waitSeconds(address);
    if (wait > 0) {
      res.setHeader("retry-after", String(wait));
      res.status(429).json({ error: "too_many_failed_logins", retryAfterSeconds: wait });
      return;
    }
    const header = req.headers.authorization;
    if (!header) return challenge(res);
    const [scheme, encoded = ""] = header.split(" ");
    const [user = "", ...rest] = Buffer.from(encoded, "base64").toString("utf8").split(":");
    if (scheme === "Basic" && isSame(user, login.user) && isSame(rest.join(":"), login.password)) return next();
    throttle.failed(address);
    challenge(res);
  });
  app.use(ADMIN_PATH, board);
  // Answered here rather than by Express's final handler, which would replace the headers above.
  app.use((_req: express.Request, res: express.Response) => {
    res.status(404).json({ error: "not_found" });
  });
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    setSecurityHeaders(res);
    res.status(500).json({ error: "failed" });
  });
  return {
    path: `${ADMIN_PATH}{/*rest}`,
    method: ["GET", "POST", "PUT", "DELETE"],
    handler: (req, res) => app(req as express.Request, res as express.Response),
  };
}

export interface RouteDeps {
  roles: readonly Role[];
  db: Db;
  redis: Redis;
  metrics: Metrics;
  queues: JobQueues;
  admin: { user: string; password: string } | undefined;
  trustProxyHops?: number;
}

export function httpRoutes(deps: RouteDeps): HttpRoute[] {
  return [
    healthRoute(deps.roles),
    readyRoute(deps),
    metricsRoute(deps.metrics),
    ...(deps.admin ? [adminQueuesRoute(deps.queues, deps.admin, createLoginThrottle(), deps.trustProxyHops ?? 0)] : []),
  ];
}

/** For a process without Bolt's receiver (the worker role): the same routes on their own server. */
export async function startHttpServer(port: number, routes: readonly HttpRoute[]): Promise<Server & DrainableServer> {
  const matchers = routes.map((route) => ({ route, matches: match(route.path) }));
  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    let found: (typeof matchers)[number] | undefined;
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      found = matchers.find(({ route, matches }) => matches(path) && route.method.includes(req.method ?? ""));
    } catch {
      // A URL that does not parse, or a path whose %-escapes do not decode.
      return sendJson(res, 400, { error: "bad_request" });
    }
    if (found) return found.route.handler(req, res);
    sendJson(res, 404, { error: "not_found" });
  });
  const served = Object.assign(server, drainable(server));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return served;
}
