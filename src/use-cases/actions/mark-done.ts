// Done, from a button: on an action's message, the Home tab or a reminder.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { changeAction, type ChangedAction } from "../../domain/actions/change-action";
import { assertMayChange, visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";

/** Marks the action done, if the caller may see and change it; its reminders stop. */
export async function markDone(
  db: Db,
  caller: Caller,
  { actionId }: { actionId: string },
): Promise<Outcome<ChangedAction>> {
  return markSeenActionDone(db, caller, await visibleActionById(db, caller, actionId));
}

/** markDone for an action already found visible to the caller (through a reminder, say). */
export async function markSeenActionDone(db: Db, caller: Caller, found: ActionRecord): Promise<Outcome<ChangedAction>> {
  const actor = await assertMayChange(caller, found);
  const changed = await changeAction(db, {
    workspaceId: caller.workspace.id,
    actionId: found.id,
    actor,
    change: { kind: "done", note: undefined },
    now: caller.now,
  });
  // No DM: whoever pressed knows, and the owners' Home tabs are redrawn.
  return {
    result: changed,
    effects: [
      {
        kind: "action_changed",
        action: changed.action,
        actorSlackUserId: caller.userId,
        reminders: changed.reminders,
      },
    ],
  };
}
