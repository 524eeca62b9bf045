// The fault run's own services, so that it can kill and stop them without touching the
// PostgreSQL and Redis others use on 5432 and 6379: a throwaway PostgreSQL cluster, Redis
// servers on free ports, the app's processes as deployed, and a proxy in front of the Slack
// stand-in that can answer 429 to every Web API method for a while.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, createWriteStream, existsSync, mkdirSync, type WriteStream } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** A port nobody listens on now (the kernel's choice). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The first of `candidates` that exists, or a clear reason to stop. */
export function binary(name: string, candidates: string[]): string {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(`${name} not found (looked in ${candidates.join(", ")}): install it to run the fault run`);
  return found;
}

const PG_BIN = "/usr/lib/postgresql/15/bin";

/**
 * A PostgreSQL cluster in a temporary directory on a free port, trusted, superuser "root".
 * initdb refuses to run as root, so as root the cluster belongs to the postgres user.
 */
export class ThrowawayPostgres {
  readonly port: number;
  private readonly dataDir: string;
  private readonly asUser: string[];

  private constructor(
    private readonly dir: string,
    port: number,
  ) {
    this.port = port;
    this.dataDir = path.join(dir, "pgdata");
    this.asUser = process.getuid?.() === 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : [];
  }

  static async create(dir: string): Promise<ThrowawayPostgres> {
    binary("initdb", [`${PG_BIN}/initdb`]);
    binary("pg_ctl", [`${PG_BIN}/pg_ctl`]);
    const pg = new ThrowawayPostgres(dir, await freePort());
    mkdirSync(pg.dataDir, { recursive: true });
    if (pg.asUser.length > 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      chownSync(dir, uid, gid);
      chownSync(pg.dataDir, uid, gid);
    }
    pg.run(`${PG_BIN}/initdb`, ["-D", pg.dataDir, "-U", "root", "--auth=trust", "--no-sync"]);
    await pg.start();
    return pg;
  }

  url(database: string): string {
    return `postgresql://root@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.run(`${PG_BIN}/pg_ctl`, [
      "-D",
      this.dataDir,
      "-o",
      options,
      "-l",
      path.join(this.dir, "postgres.log"),
      "-w",
      "start",
    ]);
  }

  /** A fast shutdown: open connections are dropped, as a database restart would. */
  async stop(): Promise<void> {
    this.run(`${PG_BIN}/pg_ctl`, ["-D", this.dataDir, "-m", "fast", "-w", "stop"]);
  }

  private run(command: string, args: string[]): void {
    const [head, ...rest] = [...this.asUser, command, ...args];
    execFileSync(head!, rest, { stdio: ["ignore", "ignore", "pipe"] });
  }
}

/** redis-server on a free port; `dir` set means append-only persistence there (data survives a kill). */
export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string | undefined,
    private readonly log: WriteStream,
  ) {}

  static async start({ dir, logFile }: { dir?: string; logFile: string }): Promise<RedisServer> {
    binary("redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]);
    const server = new RedisServer(await freePort(), dir, createWriteStream(logFile, { flags: "a" }));
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // "With its data": every write is in the append-only file before Redis answers, so a kill loses none.
    const persistence = this.dir
      ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", this.dir, "--save", ""]
      : ["--save", "", "--appendonly", "no"];
    const child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", ...persistence], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    client.on("error", () => undefined);
    const isUp = await waitUntil(
      async () => {
        try {
          if (client.status !== "ready") await client.connect();
          return (await client.ping()) === "PONG";
        } catch {
          client.disconnect();
          return false;
        }
      },
      10_000,
      50,
    );
    client.disconnect();
    if (!isUp) throw new Error(`redis-server did not start on ${this.port}`);
  }

  /** SIGKILL: no shutdown save, whatever the configuration. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    this.log.end();
  }
}

/** One `node main.js --role <role>` process; its log lines go to a file. */
export class AppProcess {
  port = 0;
  private exit: Promise<number | string>;

  private constructor(
    readonly role: "web" | "worker",
    private readonly child: ChildProcess,
  ) {
    this.exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  }

  static async start(role: "web" | "worker", env: Record<string, string>, logFile: string): Promise<AppProcess> {
    const main = path.join(__dirname, "..", "src", "main.js");
    const child = spawn(process.execPath, [main, "--role", role], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const app = new AppProcess(role, child);
    const log = createWriteStream(logFile, { flags: "a" });
    child.stderr?.pipe(log, { end: false });
    let head = "";
    app.port = await new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log.write(chunk);
        head += chunk.toString("utf8");
        const match =
          /"port":(\d+)[^\n]*"msg":"Minutebook started"/.exec(head) ??
          /"msg":"Minutebook started"[^\n]*"port":(\d+)/.exec(head);
        if (match || head.includes('"msg":"Minutebook started"')) {
          child.stdout?.off("data", onData);
          child.stdout?.pipe(log);
          resolve(Number(match?.[1] ?? 0));
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) =>
        reject(new Error(`the ${role} process exited with ${code} before it started; see ${logFile}`)),
      );
    });
    return app;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGKILL");
    await this.exit;
  }

  /** SIGTERM, as a deployment stops it; SIGKILL after 20 s. */
  async stop(): Promise<number | string> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exit;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 20_000);
    const code = await this.exit;
    clearTimeout(timer);
    return code;
  }
}

/**
 * In front of the Slack stand-in: passes everything through, except that for a while every
 * Web API method is answered 429 with a Retry-After (what the stand-in's failNext does for one
 * method and a number of calls, for all methods and a stretch of time).
 */
export class SlackProxy {
  private limitedUntil = 0;
  private maxRetryAfterS = 30;
  refused = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: string): Promise<SlackProxy> {
    const to = new URL(target);
    // eslint-disable-next-line prefer-const -- assigned once the server listens, read by its handler before that
    let proxy: SlackProxy | undefined;
    const server = createServer((req, res) => {
      if (proxy && Date.now() < proxy.limitedUntil && req.url?.startsWith("/api/")) {
        proxy.refused += 1;
        req.resume();
        // Slack says how long to wait; here, until the stretch ends, at most maxRetryAfterS at a time.
        const seconds = Math.max(
          1,
          Math.min(proxy.maxRetryAfterS, Math.ceil((proxy.limitedUntil - Date.now()) / 1000)),
        );
        res
          .writeHead(429, { "content-type": "application/json", "retry-after": String(seconds) })
          .end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      const forward = request(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", () => res.writeHead(502).end());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    proxy = new SlackProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** The Web API base URL to give the app (SLACK_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  limitFor(ms: number, maxRetryAfterS: number): void {
    this.limitedUntil = Date.now() + ms;
    this.maxRetryAfterS = maxRetryAfterS;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
