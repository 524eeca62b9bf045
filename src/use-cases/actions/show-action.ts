// `/action show <REF>` and the Open button: an action the caller may see, with its whole history.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { findAction, UPDATE_EVENT_TYPES } from "../../domain/actions/find-action";
import { AppError } from "../../errors";
import { isActionHidden, visibleActionById } from "../access";
import type { Caller } from "../caller";

export interface ShownAction {
  action: ActionRecord;
  history: Awaited<ReturnType<typeof historyOf>>;
  /** When it last had progress (a note, a new date, new owners, reopening), for the RAG rule. */
  lastUpdateAt: Date | null;
  /** Reminders that could not be delivered, so whoever looks can see who was not told. */
  undelivered: Array<{ recipient: string; fireAt: Date; lastError: string | null }>;
}

/**
 * The action by its reference (or by id, from a button), refused as not found when it is on a
 * private board hidden from the caller (whose channel's members the Directory is asked for). Three statements.
 */
export async function showAction(
  db: Db,
  caller: Caller,
  input: { reference: string } | { actionId: string },
): Promise<ShownAction> {
  const action =
    "reference" in input
      ? await visibleAction(db, caller, input.reference)
      : await visibleActionById(db, caller, input.actionId);
  const [history, undelivered] = await Promise.all([
    historyOf(db, caller.workspace.id, action.id),
    db.reminder.findMany({
      where: { actionId: action.id, workspaceId: caller.workspace.id, state: "failed" },
      orderBy: { fireAt: "asc" },
      select: { recipient: true, fireAt: true, lastError: true },
    }),
  ]);
  // The history holds every event, so its latest update is the one the RAG rule needs.
  const updates = history.filter((event) => (UPDATE_EVENT_TYPES as readonly string[]).includes(event.type));
  const lastUpdateAt = updates.reduce<Date | null>(
    (latest, e) => (latest && latest >= e.createdAt ? latest : e.createdAt),
    null,
  );
  return { action, history, lastUpdateAt, undelivered };
}

function historyOf(db: Db, workspaceId: string, actionId: string) {
  return db.actionEvent.findMany({ where: { actionId, workspaceId }, orderBy: { createdAt: "asc" } });
}

/**
 * The action with this reference as the caller may know it: one on a private board hidden
 * from them reads exactly as a reference that names no action.
 */
export async function visibleAction(db: Db, caller: Caller, reference: string): Promise<ActionRecord> {
  const action = await findAction(db, { workspaceId: caller.workspace.id, reference });
  if (await isActionHidden(caller, action))
    throw new AppError({ code: "action_reference_unknown", written: reference, reference: action.reference });
  return action;
}
