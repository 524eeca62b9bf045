// The reminder a button on it names, and the action it is about.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { AppError, type Problem } from "../../errors";
import { visibleActionById } from "../access";
import type { Caller } from "../caller";
import { isRowId } from "../../domain/ids";

/** A reminder gone, or about an action hidden from the caller: told the same. */
export const REMINDER_GONE: Problem = { code: "reminder_not_found" };

export interface ReminderAction {
  reminder: { id: string; actionId: string; recipient: string };
  action: ActionRecord;
}

/**
 * The reminder and its action as the caller may know them: a reminder that is gone, or
 * not about an action, or about one hidden from them, is gone, naming nothing.
 */
export async function findReminderAction(db: Db, caller: Caller, reminderId: string): Promise<ReminderAction> {
  const reminder = isRowId(reminderId)
    ? await db.reminder.findFirst({
        where: { id: reminderId, workspaceId: caller.workspace.id },
        select: { id: true, actionId: true, recipient: true },
      })
    : null;
  if (!reminder?.actionId) throw new AppError(REMINDER_GONE);
  const action = await visibleActionById(db, caller, reminder.actionId, REMINDER_GONE);
  return { reminder: { ...reminder, actionId: reminder.actionId }, action };
}
