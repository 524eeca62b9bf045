import { App, HTTPReceiver, SocketModeReceiver, type Authorize, type InstallProviderOptions, type Receiver } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { HttpRoute } from "../http/routes";
import type { Metrics } from "../observability/metrics";
import { toBoltLogger, type Logger } from "../logger";
import type { SlackDeps } from "./deps";
import type { JobQueues } from "../../jobs/queues";
import type { ReminderJobs } from "../../jobs/reminders/reminder-jobs";
import { createWorkLimiter, refusedLogger } from "./work-limiter";
import { meteredReceiver } from "./metered-receiver";
import { createHomeRefresher } from "./home";
import { register as registerActions } from "./listeners/actions";
import { register as registerCommands } from "./listeners/commands";
import { register as registerEvents } from "./listeners/events";
import { register as registerMinutes } from "./listeners/minutes";
import { workspaceMiddleware } from "./middleware/workspace";
import { BOT_SCOPES, EVENTS_PATH, INSTALL_PATH, OAUTH_REDIRECT_PATH } from "./surface";
import type { BotIdentity } from "./verify-token";
import type { PrismaInstallationStore } from "./installation-store";
import type { JobDefinition } from "../../jobs/define-job";
import type { JobWorkers } from "../../jobs/workers";
import type { SlackFor } from "./clients";
import { createDurableWork, slackWorkJob } from "./durable-work";
import { ACTION_COMMAND_WORK } from "./listeners/commands/action";
import { MEETING_COMMAND_WORK } from "./listeners/commands/meeting";
import { ACTION_BUTTON_WORK } from "./listeners/actions";
import { REMINDER_BUTTON_WORK } from "./listeners/actions/reminder-buttons";

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  db: Db;
  /** One workspace: who the bot token belongs to (checked at start-up). */
  identity: BotIdentity | undefined;
  /** Many workspaces: their installations. */
  installations: PrismaInstallationStore | undefined;
  routes: HttpRoute[];
  clientOptions: WebClientOptions;
  now: () => Date;
  reminderJobs: ReminderJobs;
  queues: JobQueues;
  metrics: Metrics;
  /** The bot's client for a workspace, for durable work done outside the request. */
  requestClients: SlackFor;
  /** Starts this process's workers for the durable work's queue. */
  startWorkers: (definitions: readonly JobDefinition<never>[], concurrency: number) => JobWorkers;
}

/** OAuth for installing in many workspaces: /slack/install and /slack/oauth_redirect. */
function oauthOptions({ config, clientOptions, installations }: SlackAppOptions) {
  if (!config.oauth || !installations) return {};
  // Against a stand-in for Slack's API (the tests), its authorisation page is there too.
  const authorizationUrl = config.slackApiUrl ? new URL("../oauth/v2/authorize", config.slackApiUrl).toString() : undefined;
  const installerOptions: Partial<InstallProviderOptions> & { installPath: string; redirectUriPath: string } = {
    installPath: INSTALL_PATH,
    redirectUriPath: OAUTH_REDIRECT_PATH,
    clientOptions,
    ...(authorizationUrl ? { authorizationUrl } : {}),
  };
  return { clientId: config.oauth.clientId, clientSecret: config.oauth.clientSecret, stateSecret: config.oauth.stateSecret, installationStore: installations, scopes: Object.keys(BOT_SCOPES), installerOptions };
}

function createReceiver(options: SlackAppOptions): Receiver {
  const { config, logger, routes, clientOptions } = options;
  const boltLogger = toBoltLogger(logger);
  const oauth = oauthOptions(options);
  if (config.slackAppToken) {
    // Socket Mode: events arrive over a WebSocket; HTTP serves only the custom routes (and OAuth's).
    return new SocketModeReceiver({
      appToken: config.slackAppToken,
      logger: boltLogger,
      customRoutes: routes,
      ...oauth,
      installerOptions: { ...oauth.installerOptions, port: config.port, clientOptions },
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slackSigningSecret,
    endpoints: [EVENTS_PATH],
    customRoutes: routes,
    logger: boltLogger,
    ...oauth,
  });
}

/** Each request is answered with the bot token of the workspace it came from, unless that workspace uninstalled. */
function authorizeFrom(installations: PrismaInstallationStore): Authorize<boolean> {
  return async ({ teamId, enterpriseId, isEnterpriseInstall }) => {
    const team = isEnterpriseInstall ? enterpriseId : (teamId ?? enterpriseId);
    const installation = team ? await installations.liveInstallation(team) : undefined;
    if (!installation) throw new Error(`Minutebook is not installed in ${team ?? "this workspace"}`);
    return { botToken: installation.botToken, botId: installation.botId, botUserId: installation.botUserId, teamId: installation.teamId };
  };
}

/**
 * How much listener work runs at once. Prisma's query engine spends its time on
 * this process's one thread, so more in flight adds no throughput (measured: 113
 * actions/s end to end either way) and only delays acknowledging new requests
 * (bench/command-roundtrip.ts: p99 208 ms with 8, 77 ms with 3, for bursts of 50).
 */
const LISTENER_WORK_CONCURRENCY = 3;

/**
 * In-memory work that may wait behind the running pieces (what commands and buttons
 * that change actions and meetings do is kept in Redis instead; see durable-work.ts).
 * One web process finishes about 30 changes a second (bench/load.ts), so 200 is some
 * seven seconds of work: what the shutdown budget can still finish. Beyond it, people
 * are told to try again instead of being answered and then losing the work.
 */
const LISTENER_WORK_WAITING = 200;

export interface SlackApp {
  app: App;
  /**
   * Stops receiving, finishes the durable work under way (or hands it back within
   * `budgetMs`; waiting work stays in Redis), then the in-memory work.
   */
  stop(budgetMs: number): Promise<void>;
}

/** The Bolt app: receiver, middleware and every listener, and nothing else. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger, db, clientOptions } = options;
  const app = new App({
    ...(options.installations
      ? { authorize: authorizeFrom(options.installations) }
      : { token: config.slackBotToken, botId: options.identity?.botId, botUserId: options.identity?.botUserId }),
    receiver: meteredReceiver(createReceiver(options), options.metrics),
    logger: toBoltLogger(logger),
    clientOptions,
  });
  const workspaces = workspaceMiddleware(db, config.defaultTimeZone);
  app.use(workspaces.middleware);
  const base = {
    db,
    logger,
    now: options.now,
    work: createDurableWork({ queues: options.queues, onRefused: refusedLogger(logger, "durable") }),
    limit: createWorkLimiter(LISTENER_WORK_CONCURRENCY, { maxWaiting: LISTENER_WORK_WAITING, onRefused: refusedLogger(logger, "in memory") }),
    reminderJobs: options.reminderJobs,
    enqueue: options.queues.enqueue.bind(options.queues),
    dataRetentionDays: config.dataRetentionDays,
    forgetWorkspace: workspaces.forget,
  };
  const homes = createHomeRefresher(base);
  const deps: SlackDeps = { ...base, refreshHome: homes.refresh };
  registerCommands(app, deps);
  registerMinutes(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });
  const kinds = [ACTION_COMMAND_WORK, MEETING_COMMAND_WORK, ACTION_BUTTON_WORK, REMINDER_BUTTON_WORK];
  const workers = options.startWorkers([slackWorkJob(deps, options.requestClients, kinds as never[]) as JobDefinition<never>], LISTENER_WORK_CONCURRENCY);
  return {
    app,
    async stop(budgetMs) {
      await app.stop();
      await workers.close(budgetMs);
      // In-memory work acknowledged to Slack but not yet done is finished before connections close.
      await base.limit.idle();
      await homes.stop();
    },
  };
}
