import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { HealthRoute } from "../http/health";
import { toBoltLogger, type Logger } from "../logger";
import { register as registerCommands } from "./listeners/commands";
import { register as registerEvents } from "./listeners/events";
import { workspaceMiddleware } from "./middleware/workspace";
import { EVENTS_PATH } from "./surface";
import type { BotIdentity } from "./verify-token";

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  db: Db;
  identity: BotIdentity;
  routes: HealthRoute[];
  clientOptions: WebClientOptions;
}

function createReceiver({ config, logger, routes, clientOptions }: SlackAppOptions): Receiver {
  const boltLogger = toBoltLogger(logger);
  if (config.slackAppToken) {
    // Socket Mode: events arrive over a WebSocket; HTTP serves only the custom routes.
    return new SocketModeReceiver({
      appToken: config.slackAppToken,
      logger: boltLogger,
      customRoutes: routes,
      installerOptions: { port: config.port, clientOptions },
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slackSigningSecret,
    endpoints: [EVENTS_PATH],
    customRoutes: routes,
    logger: boltLogger,
  });
}

/** The Bolt app: receiver, middleware and every listener, and nothing else. */
export function createSlackApp(options: SlackAppOptions): App {
  const { config, logger, db, clientOptions } = options;
  const app = new App({
    token: config.slackBotToken,
    botId: options.identity.botId,
    botUserId: options.identity.botUserId,
    receiver: createReceiver(options),
    logger: toBoltLogger(logger),
    clientOptions,
  });
  app.use(workspaceMiddleware(db, config.defaultTimeZone));
  registerCommands(app);
  registerEvents(app);
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });
  return app;
}
