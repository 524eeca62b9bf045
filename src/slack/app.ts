import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  type Authorize,
  type InstallProviderOptions,
  type Receiver,
} from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { HttpRoute } from "../http/routes";
import type { Metrics } from "../observability/metrics";
import { toBoltLogger, type Logger } from "../logger";
import type { SlackDeps } from "./deps";
import { meteredReceiver } from "./metered-receiver";
import { register as registerActions } from "./listeners/actions";
import { register as registerCommands } from "./listeners/commands";
import { register as registerEvents } from "./listeners/events";
import { register as registerMinutes } from "./listeners/minutes";
import { claimsItsOwnDelivery } from "./listeners/commands/action";
import { dedupeMiddleware } from "./middleware/dedupe";
import { workspaceMiddleware } from "./middleware/workspace";
import { guardedHttpReceiver } from "./request-guard";
import { ListenerRouter } from "./listener-router";
import { BOT_EVENTS, BOT_SCOPES, EVENTS_PATH, INSTALL_PATH, OAUTH_REDIRECT_PATH, SLASH_COMMANDS } from "./surface";
import type { BotIdentity } from "./verify-token";
import type { PrismaInstallationStore } from "./installation-store";
import type { MinutebookContext } from "./context";

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
  metrics: Metrics;
  /** What listeners use (see src/slack-deps.ts). */
  deps: SlackDeps;
}

/** OAuth for installing in many workspaces: /slack/install and /slack/oauth_redirect. */
function oauthOptions({ config, clientOptions, installations }: SlackAppOptions) {
  if (!config.oauth || !installations) return {};
  // Against a stand-in for Slack's API (the tests), its authorisation page is there too.
  const authorizationUrl = config.slackApiUrl
    ? new URL("../oauth/v2/authorize", config.slackApiUrl).toString()
    : undefined;
  const installerOptions: Partial<InstallProviderOptions> & { installPath: string; redirectUriPath: string } = {
    installPath: INSTALL_PATH,
    redirectUriPath: OAUTH_REDIRECT_PATH,
    clientOptions,
    ...(authorizationUrl ? { authorizationUrl } : {}),
  };
  return {
    clientId: config.oauth.clientId,
    clientSecret: config.oauth.clientSecret,
    stateSecret: config.oauth.stateSecret,
    installationStore: installations,
    scopes: Object.keys(BOT_SCOPES),
    installerOptions,
  };
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
  // One list for both: Bolt checks no signatures (below), so the guard must stand before every endpoint.
  const endpoints = [EVENTS_PATH];
  const receiver = new HTTPReceiver({
    signingSecret: config.slackSigningSecret,
    endpoints,
    customRoutes: routes,
    logger: boltLogger,
    // The guard below has checked the signature of every request Bolt is handed at its
    // endpoint (and answered the rest): Bolt checking it again parsed each body twice more.
    signatureVerification: false,
    ...oauth,
  });
  // Bolt is handed only requests Slack signed in the last five minutes, shaped as Slack sends them.
  return guardedHttpReceiver(receiver, {
    signingSecret: config.slackSigningSecret,
    endpoints,
    surface: { commands: SLASH_COMMANDS.map((c) => c.command), events: BOT_EVENTS },
    // One workspace: requests naming another team are refused (many: authorize decides).
    teamId: options.installations ? undefined : options.identity?.teamId,
    logger,
  });
}

/** Each request is answered with the bot token of the workspace it came from, unless that workspace uninstalled. */
function authorizeFrom(installations: PrismaInstallationStore): Authorize<boolean> {
  return async ({ teamId, enterpriseId, isEnterpriseInstall }) => {
    const team = isEnterpriseInstall ? enterpriseId : (teamId ?? enterpriseId);
    const installation = team ? await installations.liveInstallation(team) : undefined;
    if (!installation) throw new Error(`Minutebook is not installed in ${team ?? "this workspace"}`);
    return {
      botToken: installation.botToken,
      botId: installation.botId,
      botUserId: installation.botUserId,
      teamId: installation.teamId,
    };
  };
}

export interface SlackApp {
  app: App<MinutebookContext>;
  /** Stops receiving requests (the work they left is finished by the runtime). */
  stop(): Promise<void>;
}

/** The Bolt app: receiver, middleware and every listener, and nothing else. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger, db, clientOptions } = options;
  const app = new App<MinutebookContext>({
    ...(options.installations
      ? { authorize: authorizeFrom(options.installations) }
      : { token: config.slackBotToken, botId: options.identity?.botId, botUserId: options.identity?.botUserId }),
    receiver: meteredReceiver(createReceiver(options), options.metrics),
    logger: toBoltLogger(logger),
    clientOptions,
    // Bolt's conversation store (state kept per channel between requests) is not used here:
    // without it, one middleware less runs on every request.
    convoStore: false,
  });
  const workspaces = workspaceMiddleware(db, config.defaultTimeZone);
  app.use(
    dedupeMiddleware({
      redis: options.deps.redis,
      prefix: options.deps.redisKeyPrefix,
      logger,
      leavesClaimTo: claimsItsOwnDelivery,
    }),
  );
  app.use(workspaces.middleware);
  const deps: SlackDeps = { ...options.deps, forgetWorkspace: workspaces.forget };
  // Registered here, not with Bolt, which would run every listener's matchers for each request.
  const listeners = new ListenerRouter();
  registerCommands(listeners, deps);
  registerMinutes(listeners, deps);
  registerActions(listeners, deps);
  registerEvents(listeners, deps);
  app.use(listeners.middleware());
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });
  return {
    app,
    stop: async () => {
      await app.stop();
    },
  };
}
