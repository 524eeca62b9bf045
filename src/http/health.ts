import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Role } from "../config";

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** GET /healthz: the process is up and serving (it checks neither PostgreSQL nor Redis). */
export function healthRoute(roles: readonly Role[]): HealthRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", roles }));
    },
  };
}

/** A worker-only process still answers /healthz, so a platform can probe it. */
export async function startHealthServer(port: number, roles: readonly Role[]): Promise<Server> {
  const route = healthRoute(roles);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === route.path && route.method.includes(req.method ?? "")) return route.handler(req, res);
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not_found" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return server;
}
