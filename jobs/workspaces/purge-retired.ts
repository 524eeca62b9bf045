// workspaces.purge, hourly on one instance: a workspace that uninstalled Minutebook
// more than DATA_RETENTION_DAYS ago is deleted with everything in it, and logged.
import { purgeRetiredWorkspaces } from "../../src/domain/workspaces/retire-workspace";
import type { SweepDefinition } from "../define-job";

export function purgeRetiredSweep({ retentionDays }: { retentionDays: number }): SweepDefinition {
  return {
    name: "workspaces.purge",
    cron: "41 * * * *",
    lockMs: 10 * 60_000,
    async run({ db, logger, firedAt }) {
      const purged = await purgeRetiredWorkspaces(db, { now: firedAt, retentionDays });
      for (const workspace of purged)
        logger.info(
          { teamId: workspace.slackTeamId, uninstalledAt: workspace.uninstalledAt, retentionDays },
          "deleted the data of a workspace that uninstalled Minutebook",
        );
      return purged.length;
    },
  };
}
