// The load benchmark's harness: the app as child processes, as deployed, each run on a
// database and Redis prefix of its own.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations, defaultMigrationsDir } from "../prisma/migrate";
import { Queue } from "bullmq";
import { databaseUrl, withAdmin } from "../test/support/database";
import { closeRedis, createRedis } from "../src/redis";
import { BUSY_MESSAGE } from "../src/slack/durable-work";
import { TEST_REDIS_URL } from "../test/support/redis";

/** Databases of this benchmark's own, so its clean-up can never drop anyone else's. */
const DATABASE_PREFIX = "mb_load_";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

export interface AppProcess {
  pid: number;
  url: string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `node dist/src/main.js --role <role>` as a child process; resolves once it has logged "Minutebook started". */
export function startApp(role: "web" | "worker" | "all", env: Record<string, string>): Promise<AppProcess> {
  return startProcess({
    name: `the ${role} process`,
    script: path.join(__dirname, "..", "src", "main.js"),
    args: ["--role", role],
    env,
    startedMessage: "Minutebook started",
  });
}

/**
 * A compiled script as a child process with `env` alone (and PATH); resolves once it has
 * written a JSON line holding its "port" and the message `startedMessage`.
 */
export async function startProcess({
  name,
  script,
  args = [],
  env,
  startedMessage,
}: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  startedMessage: string;
}): Promise<AppProcess> {
  // Profiling flags go on to the child: `node --cpu-prof dist-bench/bench/run.js load` profiles every process.
  const profiling = process.execArgv.filter((arg) => /^--(cpu|heap)-prof/.test(arg));
  const child = spawn(process.execPath, [...profiling, script, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = new RegExp(`"port":(\\d+)[^\\n]*"msg":"${startedMessage}"`);
  let out = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = started.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${out}`)));
  });
  child.stdout.removeAllListeners("data");
  child.stdout.resume();
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

/** A fresh database with every migration applied, named with its creation time. */
export async function createLoadDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(async (admin) => {
    // Leftovers of this benchmark killed an hour or more ago, and nobody else's.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'mb\\_load\\_%'`,
    );
    for (const { datname } of rows) {
      const created = parseInt(/^mb_load_([0-9a-z]+)_/.exec(datname)?.[1] ?? "0", 36);
      if (Date.now() - created > 3_600_000) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = databaseUrl(name);
  await applyMigrations({ databaseUrl: url, migrationsDir: defaultMigrationsDir() });
  return {
    name,
    url,
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

export const loadRedisPrefix = () => `mbload:${randomBytes(5).toString("hex")}`;

/** A command's acknowledgement that says Minutebook was too busy to take it (nothing was saved). */
export function isBusy(ack: unknown): boolean {
  return typeof ack === "object" && ack !== null && String((ack as { text?: unknown }).text).includes(BUSY_MESSAGE);
}

/** `/action add` commands acknowledged and still waiting in Redis for a web process (after it stopped). */
export async function waitingAdds(prefix: string): Promise<number> {
  const redis = createRedis({ url: TEST_REDIS_URL, name: "bench" });
  const queue = new Queue("commands", { connection: redis, prefix });
  try {
    const waiting = await queue.getWaiting(0, -1);
    return waiting.filter((job) => /^add /.test(String((job.data as { input?: { text?: string } }).input?.text)))
      .length;
  } finally {
    await queue.close();
    await closeRedis(redis);
  }
}
