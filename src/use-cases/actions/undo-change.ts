// Undo, from the button on a confirmation: withdraws an action just logged, or reopens
// one just closed.
import type { Db } from "../../db/client";
import type { ChangedAction } from "../../domain/actions/change-action";
import { undoChange as undoInDomain } from "../../domain/actions/undo-change";
import { undoerOf, visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";

/** Undoes the change made at `version`, if it was the caller's and nothing has changed since. */
export async function undoChange(
  db: Db,
  caller: Caller,
  { actionId, version }: { actionId: string; version: number },
): Promise<Outcome<ChangedAction>> {
  const found = await visibleActionById(db, caller, actionId);
  const changed = await undoInDomain(db, {
    workspaceId: caller.workspace.id,
    actionId: found.id,
    version,
    actor: undoerOf(caller),
    now: caller.now,
  });
  return {
    result: changed,
    effects: [
      {
        kind: "action_changed",
        action: changed.action,
        actorSlackUserId: caller.userId,
        // The owners are told it was undone.
        change: { before: changed.before, isUndo: true },
        reminders: changed.reminders,
      },
    ],
  };
}
