// "New date…" on a reminder: what the form shows, for those who may change the action.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { mustAskForNewDate } from "../../domain/reminders/request-extension";
import { assertMayChange } from "../access";
import type { Caller } from "../caller";
import { findReminderAction } from "./reminder-action";

export interface NewDateForm {
  action: ActionRecord;
  /** The board's chair or secretary approves the date: the form says they will be asked. */
  mustAsk: boolean;
}

/** The reminder's action, if the caller may change it: anyone else is told so in place of the form. */
export async function readNewDateForm(
  db: Db,
  caller: Caller,
  { reminderId }: { reminderId: string },
): Promise<NewDateForm> {
  const { action } = await findReminderAction(db, caller, reminderId);
  await assertMayChange(caller, action);
  return { action, mustAsk: await mustAskForNewDate(db, { boardId: action.boardId, slackUserId: caller.userId }) };
}
