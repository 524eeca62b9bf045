// What follows a change to an action, on Slack's side: owners told, Home tabs refreshed.
// Failures here are logged, not shown: the change itself is already saved.
import type { WebClient } from "@slack/web-api";
import type { ActionRecord } from "../domain/actions/action-record";
import type { ActionChanged } from "../use-cases/effects";
import type { SlackDeps } from "./deps";
import { actionAssignedDm } from "./views/actions/action-logged";
import { timeZoneOf } from "./views/actions/describe-action";
import { actionDueChangedDm, actionNoLongerYoursDm, actionUndoneDm } from "./views/actions/owner-notices";
import type { MessageView } from "./views/blocks";

/** An ActionChanged effect, with the workspace and client to apply it through. */
export type ActionEffects = Omit<ActionChanged, "kind"> & {
  workspace: { id: string; timeZone: string };
  client: WebClient;
};

/** Who gets which DM for one change; no one is in two lists, and the actor is in none. */
export interface OwnersToTell {
  /** Given the action (new to its owners): the "given to you" message. */
  given: string[];
  /** No longer owners: the "no longer yours" message. */
  removed: string[];
  /** Owners before and after, told of a new date or an undo. */
  changed: string[];
}

/** An action's owners who are in Slack, each once. */
export const slackIdsOf = (action: Pick<ActionRecord, "owners">) => [
  ...new Set(action.owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : []))),
];

/**
 * An owner in Slack hears of a change someone else made to their action: the new
 * owners and the removed ones of a reassignment, and every owner of a new date or an
 * undo. Someone both given the action and facing a new date gets one message, the
 * "given to you" one, which carries the date.
 */
export function ownersToTell({
  before,
  after,
  actorSlackUserId,
  isUndo = false,
}: {
  before: ActionRecord;
  after: ActionRecord;
  actorSlackUserId: string;
  isUndo?: boolean;
}): OwnersToTell {
  const was = slackIdsOf(before);
  const now = slackIdsOf(after);
  const isOther = (id: string) => id !== actorSlackUserId;
  const isDateChanged = (before.dueAt?.getTime() ?? null) !== (after.dueAt?.getTime() ?? null);
  const given = now.filter((id) => !was.includes(id) && isOther(id));
  return {
    given,
    removed: was.filter((id) => !now.includes(id) && isOther(id)),
    changed: isDateChanged || isUndo ? now.filter((id) => was.includes(id) && isOther(id)) : [],
  };
}

export async function applyActionEffects(deps: SlackDeps, effects: ActionEffects): Promise<void> {
  const { client, action, actorSlackUserId, change } = effects;
  await deps.reminderJobs.apply(effects.reminders);
  const timeZone = timeZoneOf(action, effects.workspace.timeZone);
  const log = deps.logger.child({ action: action.reference });
  const tell = async (userId: string, dm: MessageView) => {
    await client.chat
      .postMessage({ channel: userId, ...dm })
      .catch((err: unknown) => log.warn({ err, userId }, "could not tell an owner about a change to their action"));
  };
  if (!change) {
    for (const userId of new Set(effects.newOwnerIds ?? []))
      if (userId !== actorSlackUserId) await tell(userId, actionAssignedDm(action, actorSlackUserId, timeZone));
  } else {
    const { before, isUndo = false } = change;
    const all = ownersToTell({ before, after: action, actorSlackUserId, isUndo });
    const notYet = (ids: string[]) => ids.filter((id) => !(effects.toldAlready ?? []).includes(id));
    const told = { given: notYet(all.given), removed: notYet(all.removed), changed: notYet(all.changed) };
    for (const userId of told.given) await tell(userId, actionAssignedDm(action, actorSlackUserId, timeZone, "given"));
    for (const userId of told.removed) await tell(userId, actionNoLongerYoursDm(action, actorSlackUserId));
    for (const userId of told.changed)
      await tell(
        userId,
        isUndo
          ? actionUndoneDm(action, before.status, actorSlackUserId, timeZone)
          : actionDueChangedDm(action, before, actorSlackUserId, timeZone),
      );
  }
  const formerOwners = change ? slackIdsOf(change.before) : [];
  const affected = new Set([actorSlackUserId, ...slackIdsOf(action), ...formerOwners]);
  for (const userId of affected) deps.refreshHome(client, effects.workspace, userId);
}
