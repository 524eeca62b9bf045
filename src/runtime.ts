// Boots the roles this process runs and tears them down again. main.ts wraps it
// with signals and exit codes; the tests call it directly against real services.
import type { Server } from "node:http";
import type { WebClientOptions } from "@slack/web-api";
import { applyMigrations, defaultMigrationsDir } from "../prisma/migrate";
import { JOB_DEFINITIONS, sweepsFor, type SweepContext } from "../jobs/registry";
import { createReminderJobs, type ReminderJobs } from "../jobs/reminders/reminder-jobs";
import type { JobDefinition, JobDeps, SweepDefinition } from "../jobs/define-job";
import { createJobQueues, type JobQueues } from "../jobs/queues";
import { createSweepLock, startSweeps, type Sweeps } from "../jobs/sweeps";
import { startJobWorkers, type JobWorkers } from "../jobs/workers";
import type { Config } from "./config";
import { createDb, type Db } from "./db/client";
import { ensureDatabase } from "./db/ensure-database";
import type { DrainableServer } from "./http/drain";
import { httpRoutes, startHttpServer } from "./http/routes";
import { createMetrics, meteredFetch, watchQueueDepths, type Metrics } from "./observability/metrics";
import type { Logger } from "./logger";
import { StartupError } from "./errors";
import { closeRedis, createRedis, lastRedisError, type Redis } from "./redis";
import { createSlackApp, type SlackApp } from "./slack/app";
import { COMMAND_WORK_CONCURRENCY, createSlackDeps } from "./slack-deps";
import { commandsJob, startCopyMover } from "../jobs/commands/durable-work";
import { WORK_KINDS } from "./slack/work-kinds";
import type { DurableWork } from "./slack/durable-work";
import { verifyBotToken } from "./slack/verify-token";
import { installedWorkspaceClients, singleWorkspaceClients, type ClientUse } from "./slack/clients";
import { createInstallationStore } from "./slack/installation-store";
import { resumeWorkspace } from "./domain/workspaces/retire-workspace";
import type { App } from "@slack/bolt";

export const SHUTDOWN_BUDGET_MS = 10_000;
/** How long the worker role's HTTP server waits for requests under way (health checks, metrics) when stopping. */
const HTTP_DRAIN_MS = 2_000;

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Extra Web API client options (tests shorten retries against the fake Slack). */
  slackClientOptions?: WebClientOptions;
  /** Replaces the registry's jobs and sweeps (tests). */
  jobDefinitions?: readonly JobDefinition<never>[];
  sweeps?: (context: SweepContext) => SweepDefinition[];
  /** Off in tests that run sweeps by hand. */
  isSweepScheduled?: boolean;
  now?: () => Date;
}

export interface Runtime {
  /** The HTTP port actually bound (PORT=0 picks a free one); undefined in Socket Mode without routes. */
  port: number | undefined;
  db: Db;
  queues: JobQueues;
  sweeps: Sweeps | undefined;
  /** Puts reminder rows' delayed jobs in Redis after a commit (what listeners use). */
  reminderJobs: ReminderJobs;
  metrics: Metrics;
  app: App | undefined;
  /** Where listeners leave work for the commands queue (tests read its count of waiting work). */
  work: DurableWork;
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const isWeb = config.roles.includes("web");
  const isWorker = config.roles.includes("worker");

  const metrics = createMetrics();
  // Every Web API client (the workers' and Bolt's) counts its calls by method and outcome.
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.slackApiUrl,
    fetch: meteredFetch(metrics),
    ...options.slackClientOptions,
  };
  await prepareDatabase(config, logger);
  // One workspace: its bot token is checked now, so a wrong one stops the process with a clear reason.
  const identity = config.slackBotToken
    ? await verifyBotToken(config.slackBotToken, clientOptions, config.slackApiUrl ?? "https://slack.com/api/")
    : undefined;
  if (identity) logger.info({ team: identity.teamId, botUserId: identity.botUserId }, "Slack bot token verified");

  // Closed in reverse order of opening.
  const closers: Array<() => Promise<unknown>> = [];
  const db = createDb({ databaseUrl: config.databaseUrl });
  closers.push(() => db.$disconnect());
  const queueRedis: Redis = createRedis({ url: config.redisUrl, name: "queues", logger });
  closers.push(() => closeRedis(queueRedis));
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((err: unknown) => logger.warn({ err }, "close failed"));
  };
  try {
    await queueRedis.ping();
  } catch (error) {
    await closeAll();
    throw new StartupError(
      "redis_unreachable",
      `Could not reach Redis at REDIS_URL (${describe(lastRedisError(queueRedis) ?? error)}): is redis-server running?`,
    );
  }
  await warnIfRedisForgets(queueRedis, logger);
  const queues = createJobQueues({ connection: queueRedis, prefix: config.redisKeyPrefix, logger });
  closers.push(() => queues.close());
  // Many workspaces: each request and each job uses the bot token of its own workspace's installation.
  const reminderJobs = createReminderJobs(queues, logger, now);
  const installations =
    config.oauth && config.encryption
      ? createInstallationStore({
          db,
          keyring: config.encryption,
          logger,
          defaultTimeZone: config.defaultTimeZone,
          onReinstalled: async (workspaceId) => {
            const sync = await resumeWorkspace(db, { workspaceId, now: now() });
            await reminderJobs.apply(sync);
            logger.info(
              { workspaceId, remindersPlanned: sync.scheduled.length },
              "a workspace installed Minutebook again; its reminders are planned again",
            );
          },
        })
      : undefined;
  const clientsFor = (use: ClientUse) =>
    installations
      ? installedWorkspaceClients(db, installations, clientOptions, use)
      : singleWorkspaceClients(config.slackBotToken ?? "", clientOptions, use);
  const slackFor = clientsFor("jobs");
  const deps: JobDeps = {
    db,
    slackFor,
    logger,
    now,
    redis: queueRedis,
    redisKeyPrefix: config.redisKeyPrefix,
    slackPaceMs: config.slackPaceMs,
    metrics,
  };
  watchQueueDepths(metrics, queues);
  const routes = httpRoutes({
    roles: config.roles,
    db,
    redis: queueRedis,
    metrics,
    queues,
    admin: config.admin,
    trustProxyHops: config.trustProxyHops,
  });

  let slackApp: SlackApp | undefined;
  let server: Server | undefined;
  let routesServer: (Server & DrainableServer) | undefined;
  let workers: JobWorkers | undefined;
  let commandWorkers: JobWorkers | undefined;
  let copyMover: { stop(): Promise<void> } | undefined;
  let sweeps: Sweeps | undefined;
  // Commands' and buttons' work waits in Redis: every process, web or worker, does it.
  const slackDeps = createSlackDeps({
    db,
    logger,
    now,
    queues,
    reminderJobs,
    dataRetentionDays: config.dataRetentionDays,
    redis: queueRedis,
    redisKeyPrefix: config.redisKeyPrefix,
  });
  const startWorkers = (definitions: readonly JobDefinition<never>[], concurrency?: number) =>
    startJobWorkers({
      redisUrl: config.redisUrl,
      prefix: config.redisKeyPrefix,
      definitions,
      deps,
      concurrency,
      lockDurationMs: config.workerLockMs,
      stalledIntervalMs: Math.min(config.workerLockMs, 30_000),
    });
  try {
    if (isWeb) {
      slackApp = createSlackApp({
        config,
        logger,
        db,
        identity,
        installations,
        routes,
        clientOptions,
        metrics,
        deps: slackDeps.deps,
      });
      const started = (await slackApp.app.start(config.port)) as unknown;
      server = isServer(started) ? started : undefined;
    } else {
      routesServer = await startHttpServer(config.port, routes);
      server = routesServer;
    }
    commandWorkers = startWorkers(
      [commandsJob(slackDeps.deps, clientsFor("requests"), WORK_KINDS)],
      COMMAND_WORK_CONCURRENCY,
    );
    copyMover = startCopyMover(slackDeps.deps.work, logger);
    if (isWorker) {
      workers = startWorkers(options.jobDefinitions ?? JOB_DEFINITIONS);
      const lockRedis = createRedis({ url: config.redisUrl, name: "sweeps", logger });
      closers.push(() => closeRedis(lockRedis));
      sweeps = startSweeps({
        sweeps: (options.sweeps ?? sweepsFor)({
          queues,
          redis: queueRedis,
          prefix: config.redisKeyPrefix,
          reminderJobs,
          retentionDays: config.dataRetentionDays,
          workerLockMs: config.workerLockMs,
        }),
        lock: createSweepLock(lockRedis, config.redisKeyPrefix),
        deps,
        isScheduled: options.isSweepScheduled ?? true,
      });
    }
  } catch (error) {
    await slackApp?.stop().catch(() => undefined);
    await copyMover?.stop();
    await commandWorkers?.close(1000);
    await workers?.close(1000);
    await slackDeps.stop(1000);
    await sweeps?.stop();
    await closeAll();
    throw error;
  }

  const address = server?.address();
  const port = address && typeof address === "object" ? address.port : undefined;
  let stopping: Promise<void> | undefined;

  return {
    port,
    db,
    queues,
    sweeps,
    reminderJobs,
    metrics,
    app: slackApp?.app,
    work: slackDeps.deps.work,
    stop() {
      stopping ??= (async () => {
        const started = Date.now();
        const remaining = () => Math.max(1000, SHUTDOWN_BUDGET_MS - 2000 - (Date.now() - started));
        // 1. Stop taking work: no new HTTP requests, no new sweep ticks.
        //    Requests under way are answered (with Connection: close); new connections are refused.
        if (slackApp)
          await slackApp.stop().catch((err: unknown) => logger.warn({ err }, "Slack receiver did not stop cleanly"));
        else await routesServer?.drain(HTTP_DRAIN_MS);
        await sweeps?.stop();
        await copyMover?.stop();
        // 2. Within what is left of the budget, together: finish running jobs (commands' work
        //    and the rest) or hand them back to other processes (what waits stays in Redis),
        //    and finish the in-memory work requests left (some forms, /board, /minutes).
        const budget = remaining();
        const [, , isIdle] = await Promise.all([
          commandWorkers?.close(budget),
          workers?.close(budget),
          slackDeps.stop(budget),
        ]);
        if (!isIdle) logger.warn({ budgetMs: budget }, "in-memory Slack work still under way at shutdown; it is lost");
        // 3. Close connections.
        await closeAll();
        logger.info({ ms: Date.now() - started }, "stopped");
      })();
      return stopping;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join(", ");
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Creates the database if missing and applies pending migrations, with a clear error if PostgreSQL is away. */
async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  try {
    if (await ensureDatabase(config.databaseUrl)) logger.info("created the database named in DATABASE_URL");
  } catch (error) {
    const { host, port } = new URL(config.databaseUrl);
    throw new StartupError(
      "database_unreachable",
      `Could not reach PostgreSQL at ${host}${port ? "" : ":5432"} from DATABASE_URL (${describe(error)}): is the server running and the user allowed in?`,
    );
  }
  const migrated = await applyMigrations({
    databaseUrl: config.databaseUrl,
    migrationsDir: defaultMigrationsDir(),
    logger,
  });
  logger.info(
    { applied: migrated.applied.length, current: migrated.alreadyApplied.length },
    "database schema is current",
  );
}

function isServer(value: unknown): value is Server {
  return typeof value === "object" && value !== null && "address" in value;
}

/**
 * A Redis that keeps nothing on disk loses, when it restarts, the commands acknowledged but not
 * yet done (measured: 3 of 40 in `npm run faults -- b`); reminders survive (PostgreSQL holds
 * them). Said once at start, as BullMQ says of an evicting Redis. A managed Redis may refuse
 * CONFIG: then nothing is said.
 */
export async function warnIfRedisForgets(redis: Redis, logger: Logger): Promise<void> {
  const answer = (await redis.config("GET", "appendonly").catch(() => undefined)) as string[] | undefined;
  if (answer?.[1] !== "no") return;
  logger.warn(
    "Redis keeps nothing on disk (appendonly no): if it restarts, commands acknowledged but not yet done are lost (reminders are not). Set appendonly yes (README: Redis must keep its data).",
  );
}
