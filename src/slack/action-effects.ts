// What follows a change to an action, on Slack's side: owners told, Home tabs refreshed.
// Failures here are logged, not shown: the change itself is already saved.
import type { WebClient } from "@slack/web-api";
import type { ActionRecord } from "../domain/actions/action-record";
import type { ReminderSync } from "../domain/reminders/reconcile-reminders";
import type { SlackDeps } from "./deps";
import { actionAssignedDm } from "./views/actions/action-logged";
import { timeZoneOf } from "./views/actions/describe-action";

export interface ActionEffects {
  workspace: { id: string; timeZone: string };
  client: WebClient;
  action: ActionRecord;
  actorSlackUserId: string;
  /** Slack users newly given the action: each gets a DM (not the actor, who knows). */
  newOwnerIds: readonly string[];
  /** Other people whose Home tab shows the action (former owners, say). */
  alsoAffected?: readonly string[];
  /** Reminder rows the change planned or cancelled: their jobs follow now. */
  reminders: ReminderSync;
}

export async function applyActionEffects(deps: SlackDeps, effects: ActionEffects): Promise<void> {
  const { client, action, actorSlackUserId } = effects;
  await deps.reminderJobs.apply(effects.reminders);
  const timeZone = timeZoneOf(action, effects.workspace.timeZone);
  const log = deps.logger.child({ action: action.reference });
  for (const userId of new Set(effects.newOwnerIds)) {
    if (userId === actorSlackUserId) continue;
    await client.chat
      .postMessage({ channel: userId, ...actionAssignedDm(action, actorSlackUserId, timeZone) })
      .catch((err: unknown) => log.warn({ err, userId }, "could not tell an owner about their action"));
  }
  const owners = action.owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : []));
  const affected = new Set([actorSlackUserId, ...owners, ...(effects.alsoAffected ?? [])]);
  for (const userId of affected) deps.refreshHome(client, effects.workspace, userId);
}
