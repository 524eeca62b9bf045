import type { Db } from "../../db/client";

export interface EnsureWorkspaceOptions {
  db: Db;
  slackTeamId: string;
  enterpriseId?: string | null;
  /** Used only when the workspace is first seen. */
  timeZone: string;
}

export interface WorkspaceRef {
  id: string;
  slackTeamId: string;
  timeZone: string;
}

/**
 * The workspace row for a Slack team, created the first time the team talks to
 * Minutebook. Every other domain function is scoped by the id this returns.
 */
export async function ensureWorkspace({ db, slackTeamId, enterpriseId, timeZone }: EnsureWorkspaceOptions): Promise<WorkspaceRef> {
  return db.workspace.upsert({
    where: { slackTeamId },
    create: { slackTeamId, enterpriseId: enterpriseId ?? null, timeZone },
    update: {},
    select: { id: true, slackTeamId: true, timeZone: true },
  });
}
