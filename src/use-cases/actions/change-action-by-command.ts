// `/action done|update|due|assign|drop|reopen <REF> …`: one change to an action the caller may see.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { changeAction, type ActionChange } from "../../domain/actions/change-action";
import type { ActionCommand } from "../../domain/actions/command";
import { resolveDue } from "../../domain/actions/resolve-due";
import { actorFor } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { visibleAction } from "./show-action";

export type ChangeCommand = Extract<ActionCommand, { kind: "done" | "update" | "due" | "assign" | "drop" | "reopen" }>;

export interface ChangedByCommand {
  action: ActionRecord;
  /** What the change was recorded as ("done", "note", "due_changed", …): the reply says it in words. */
  eventType: string;
}

/**
 * Found, then the new date read (a date that cannot be read is said before a refusal), then
 * changed: the domain refuses anyone without the right inside its transaction, so a refusal
 * changes nothing.
 */
export async function changeActionByCommand(
  db: Db,
  caller: Caller,
  command: ChangeCommand,
): Promise<Outcome<ChangedByCommand>> {
  const found = await visibleAction(db, caller, command.reference);
  const actor = await actorFor(caller, found);
  const change = await changeOf(db, caller, command, found.board ?? undefined);
  const { action, before, eventType, reminders } = await changeAction(db, {
    workspaceId: caller.workspace.id,
    actionId: found.id,
    actor,
    change,
    now: caller.now,
  });
  return {
    result: { action, eventType },
    effects: [{ kind: "action_changed", action, actorSlackUserId: caller.userId, change: { before }, reminders }],
  };
}

async function changeOf(
  db: Db,
  caller: Caller,
  command: ChangeCommand,
  board: Parameters<typeof resolveDue>[1]["board"],
): Promise<ActionChange> {
  switch (command.kind) {
    case "done":
      return { kind: "done", note: command.note };
    case "update":
      return { kind: "update", note: command.note };
    case "drop":
      return { kind: "drop", reason: command.reason };
    case "reopen":
      return { kind: "reopen" };
    case "assign":
      return { kind: "assign", owners: command.owners };
    case "due":
      return {
        kind: "due",
        due: await resolveDue(db, {
          phrase: command.duePhrase,
          board,
          timeZone: caller.workspace.timeZone,
          now: caller.now,
        }),
      };
  }
}
