// The New date form, checked before it closes: a refusal or an unreadable date is shown
// on the form, beside its field, with what was typed kept.
import type { Db } from "../../db/client";
import { dueOnDay, resolveDue, type ResolvedDue } from "../../domain/actions/resolve-due";
import { isAppError, type Problem } from "../../errors";
import { assertMayChange, visibleActionById } from "../access";
import type { Caller } from "../caller";

/** The date the form asks for, or what is wrong with it. */
export type NewDateCheck = { due: ResolvedDue; problem?: undefined } | { due?: undefined; problem: Problem };

/**
 * Throws the refusal unless the caller may change the action; then reads the date
 * picked (a day) or written (a phrase, read in the board's zone and against its meetings).
 */
export async function checkNewDate(
  db: Db,
  caller: Caller,
  { actionId, date, phrase }: { actionId: string; date: string | undefined; phrase: string | undefined },
): Promise<NewDateCheck> {
  const action = await visibleActionById(db, caller, actionId);
  await assertMayChange(caller, action);
  try {
    if (date) return { due: dueOnDay(date, action.board?.timeZone ?? caller.workspace.timeZone) };
    if (phrase)
      return {
        due: await resolveDue(db, {
          phrase,
          board: action.board ?? undefined,
          timeZone: caller.workspace.timeZone,
          now: caller.now,
        }),
      };
    return { problem: { code: "no_date" } };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { problem: error.problem };
  }
}
