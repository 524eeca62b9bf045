// Done, from the button on a reminder.
import type { Db } from "../../db/client";
import type { ChangedAction } from "../../domain/actions/change-action";
import { markSeenActionDone } from "../actions/mark-done";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { findReminderAction } from "./reminder-action";

/** Marks the reminder's action done, if the caller may see and change it; its reminders stop. */
export async function markReminderDone(
  db: Db,
  caller: Caller,
  { reminderId }: { reminderId: string },
): Promise<Outcome<ChangedAction>> {
  const { action } = await findReminderAction(db, caller, reminderId);
  return markSeenActionDone(db, caller, action);
}
