import type { Db } from "../../db/client";
import { retireWorkspace as retire, type RetiredWorkspace } from "../../domain/workspaces/retire-workspace";

/**
 * Minutebook was uninstalled from a workspace (or its bot token revoked): Slack says so, not
 * a person, so there is no Caller. Its reminders stop at once (the rows here; their jobs are
 * removed by the listener after commit), and its data is deleted after the grace period.
 * Undefined if the workspace was never seen.
 */
export async function retireWorkspace(
  db: Db,
  input: { slackTeamId: string; now: Date; retentionDays: number },
): Promise<RetiredWorkspace | undefined> {
  return retire(db, input);
}
