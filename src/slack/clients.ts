// The bot's Web API client for a workspace, for work done outside a Slack request
// (reminders, imports). One workspace: the one token. Many: each workspace's own
// installation, decrypted when first needed and kept for a few minutes.
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { PrismaInstallationStore } from "./installation-store";

export type SlackFor = (workspaceId: string) => Promise<WebClient>;

/** The workspace uninstalled Minutebook (or never installed it): nothing can be sent there. */
export class NotInstalledError extends AppError {
  constructor(workspaceId: string) {
    super("workspace_not_installed", `Minutebook is not installed in workspace ${workspaceId} any more.`);
  }
}

const CACHE_MS = 5 * 60_000;
/**
 * Jobs fail fast on a rate limit and come back after Retry-After, rather than the
 * client pausing for long. Work for a person's request ("requests") waits and
 * retries as Bolt's own client does: it runs once, and someone is waiting on it.
 */
const CLIENT_OPTIONS = { jobs: { rejectRateLimitedCalls: true }, requests: {} } satisfies Record<string, WebClientOptions>;
export type ClientUse = keyof typeof CLIENT_OPTIONS;

export function singleWorkspaceClients(token: string, clientOptions: WebClientOptions, use: ClientUse = "jobs"): SlackFor {
  const client = new WebClient(token, { ...clientOptions, ...CLIENT_OPTIONS[use] });
  return async () => client;
}

export function installedWorkspaceClients(db: Db, store: PrismaInstallationStore, clientOptions: WebClientOptions, use: ClientUse = "jobs"): SlackFor {
  // A person's request is answered with the installation as it is now, as Bolt's authorize
  // reads it for each request: a workspace that reinstalled has a new token at once.
  const cacheMs = use === "jobs" ? CACHE_MS : 0;
  const cache = new Map<string, { client: WebClient; at: number }>();
  return async (workspaceId) => {
    const cached = cache.get(workspaceId);
    if (cached && Date.now() - cached.at < cacheMs) return cached.client;
    const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { slackTeamId: true, uninstalledAt: true } });
    const installation = workspace && !workspace.uninstalledAt ? await store.liveInstallation(workspace.slackTeamId) : undefined;
    if (!installation) {
      cache.delete(workspaceId);
      throw new NotInstalledError(workspaceId);
    }
    const client = new WebClient(installation.botToken, { ...clientOptions, ...CLIENT_OPTIONS[use] });
    cache.set(workspaceId, { client, at: Date.now() });
    return client;
  };
}
