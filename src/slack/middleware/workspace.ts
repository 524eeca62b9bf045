import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Db } from "../../db/client";
import { ensureWorkspace, type WorkspaceRef } from "../../domain/workspaces/ensure-workspace";

const CACHE_LIMIT = 1000;

/**
 * Puts `context.workspace` on every request that comes from a team, creating the
 * workspace row on first contact. Listeners scope everything by it.
 */
export function workspaceMiddleware(
  db: Db,
  defaultTimeZone: string,
): { middleware: Middleware<AnyMiddlewareArgs>; forget: (teamId: string) => void } {
  const cache = new Map<string, WorkspaceRef>();
  const middleware: Middleware<AnyMiddlewareArgs> = async ({ context, next }) => {
    const teamId = context.teamId ?? context.enterpriseId;
    if (teamId) {
      let workspace = cache.get(teamId);
      if (!workspace) {
        workspace = await ensureWorkspace({
          db,
          slackTeamId: teamId,
          enterpriseId: context.enterpriseId,
          timeZone: defaultTimeZone,
        });
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(teamId, workspace);
      }
      context.workspace = workspace;
    }
    await next();
  };
  return { middleware, forget: (teamId) => void cache.delete(teamId) };
}
