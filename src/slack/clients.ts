// The bot's Web API client for a workspace, for work done outside a Slack request
// (reminders, imports, commands' work). One workspace: the one token. Many: each
// workspace's own installation, decrypted when first needed and kept while its row
// is unchanged.
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Db } from "../db/client";
import { findLiveInstallation } from "../domain/workspaces/installations";
import { AppError } from "../errors";
import type { PrismaInstallationStore } from "./installation-store";

export type SlackFor = (workspaceId: string) => Promise<WebClient>;

/** The workspace uninstalled Minutebook (or never installed it): nothing can be sent there. */
export class NotInstalledError extends AppError {
  constructor(workspaceId: string) {
    super({ code: "workspace_not_installed", workspaceId });
  }
}

/**
 * Jobs fail fast on a rate limit and come back after Retry-After, rather than the
 * client pausing for long. Work for a person's request ("requests") waits and
 * retries as Bolt's own client does: it runs once, and someone is waiting on it.
 */
const CLIENT_OPTIONS = { jobs: { rejectRateLimitedCalls: true }, requests: {} } satisfies Record<
  string,
  WebClientOptions
>;
export type ClientUse = keyof typeof CLIENT_OPTIONS;

export function singleWorkspaceClients(
  token: string,
  clientOptions: WebClientOptions,
  use: ClientUse = "jobs",
): SlackFor {
  const client = new WebClient(token, { ...clientOptions, ...CLIENT_OPTIONS[use] });
  return async () => client;
}

export function installedWorkspaceClients(
  db: Db,
  store: PrismaInstallationStore,
  clientOptions: WebClientOptions,
  use: ClientUse = "jobs",
): SlackFor {
  const cache = new Map<string, { client: WebClient; version: string }>();
  return async (workspaceId) => {
    // One small read each time: an installation revoked or replaced (uninstalled and
    // installed again, with a new token) is seen at once, in every process; only its
    // decryption is remembered. A token kept after a reinstall would be refused, and a
    // reminder refused so is given up for good.
    const live = await findLiveInstallation(db, workspaceId);
    const version = live?.version;
    const cached = cache.get(workspaceId);
    if (cached && cached.version === version) return cached.client;
    const installation = live?.teamId ? await store.liveInstallation(live.teamId) : undefined;
    if (!installation || !version) {
      cache.delete(workspaceId);
      throw new NotInstalledError(workspaceId);
    }
    const client = new WebClient(installation.botToken, { ...clientOptions, ...CLIENT_OPTIONS[use] });
    cache.set(workspaceId, { client, version });
    return client;
  };
}
