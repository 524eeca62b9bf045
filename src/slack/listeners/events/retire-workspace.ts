import type { SlackEventMiddlewareArgs } from "@slack/bolt";
import { retireWorkspace } from "../../../use-cases/workspaces/retire-workspace";
import type { SlackDeps } from "../../deps";
import type { ListenerArgs } from "../../context";

type UninstallArgs = ListenerArgs<SlackEventMiddlewareArgs<"app_uninstalled" | "tokens_revoked">>;

/**
 * app_uninstalled, or tokens_revoked for the bot's token: reminders for the workspace
 * stop at once (rows cancelled in one transaction, their jobs removed), and its data is
 * deleted after the grace period by the workspaces.purge sweep.
 */
export function retireWorkspaceListener(deps: SlackDeps) {
  return async ({ event, body, context }: UninstallArgs): Promise<void> => {
    if (event.type === "tokens_revoked" && (event.tokens.bot ?? []).length === 0) return;
    const slackTeamId = context.teamId ?? context.enterpriseId ?? (body as { team_id?: string }).team_id;
    if (!slackTeamId) return;
    const retired = await retireWorkspace(deps.db, {
      slackTeamId,
      now: deps.now(),
      retentionDays: deps.dataRetentionDays,
    });
    if (!retired) return;
    await deps.reminderJobs.apply({ scheduled: [], cancelled: retired.cancelledReminderIds });
    deps.forgetWorkspace(slackTeamId);
    deps.logger.info(
      {
        teamId: slackTeamId,
        event: event.type,
        remindersCancelled: retired.cancelledReminderIds.length,
        deleteAfter: retired.deleteAfter,
      },
      "Minutebook was uninstalled from a workspace; its reminders are stopped and its data will be deleted",
    );
  };
}
