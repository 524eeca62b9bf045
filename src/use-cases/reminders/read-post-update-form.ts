// "Post update" on a matters-arising list: the form, for those who may change the action.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { assertMayPostUpdate, visibleActionById } from "../access";
import type { Caller } from "../caller";

/** The action the update is about, if the caller may post one: anyone else is told so in place of the form. */
export async function readPostUpdateForm(
  db: Db,
  caller: Caller,
  { actionId }: { actionId: string },
): Promise<ActionRecord> {
  const action = await visibleActionById(db, caller, actionId);
  await assertMayPostUpdate(caller, action);
  return action;
}
