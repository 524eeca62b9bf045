import { Prisma, type Db } from "../../db/client";

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
export async function ensureWorkspace({
  db,
  slackTeamId,
  enterpriseId,
  timeZone,
}: EnsureWorkspaceOptions): Promise<WorkspaceRef> {
  const select = { id: true, slackTeamId: true, timeZone: true } as const;
  try {
    return await db.workspace.upsert({
      where: { slackTeamId },
      create: { slackTeamId, enterpriseId: enterpriseId ?? null, timeZone },
      update: {},
      select,
    });
  } catch (error) {
    // Prisma's upsert reads, then inserts: a team's first requests arriving together
    // all find no row, and all but one insert fail. The row is there now.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return db.workspace.findUniqueOrThrow({ where: { slackTeamId }, select });
    throw error;
  }
}
