// The DMs an action's owners get when someone else changes it under them: a new
// date, the action taken from them, or a change undone. Each names who did it and
// what follows, so it reads on its own in a phone notification.
import { formatDay } from "../../../dates";
import type { ActionRecord } from "../../../domain/actions/action-record";
import { context, message, section, type MessageView } from "../blocks";
import { doneAndOpen } from "./action-logged";
import { boardText, dueLong, escapeText, ownersText } from "./describe-action";

type Due = Pick<ActionRecord, "dueAt" | "dueText" | "duePrecision">;

/** To each owner but the person who moved it: the new date and the old. */
export function actionDueChangedDm(action: ActionRecord, was: Due, byUserId: string, timeZone: string): MessageView {
  const day = (due: Due) => (due.dueAt ? formatDay(due.dueAt, timeZone) : "no date");
  const headline = action.dueAt
    ? `New date for ${action.reference}: ${day(action)}`
    : `${action.reference} no longer has a due date`;
  const due = action.dueAt ? `Due ${dueLong(action, timeZone)} · ` : "";
  const next = action.dueAt
    ? "Reminders moved to the new date."
    : "Its reminders have stopped until it has a date again.";
  return message(`${headline} (was ${day(was)}). ${action.text}`, [
    section(`*${escapeText(headline)}*\n${escapeText(action.text)}`),
    context(
      `${escapeText(due)}was ${escapeText(day(was))} · changed by <@${byUserId}> · ${escapeText(boardText(action))}. ${next}`,
    ),
    doneAndOpen(action),
  ]);
}

/** To each owner the action was taken from. */
export function actionNoLongerYoursDm(action: ActionRecord, byUserId: string): MessageView {
  return message(`${action.reference} is no longer yours: ${action.text}. It is now with ${ownersText(action)}.`, [
    section(`*${action.reference} is no longer yours*\n${escapeText(action.text)}`),
    context(
      `Now with ${ownersText(action)} · changed by <@${byUserId}> · ${escapeText(boardText(action))}. Reminders to you as its owner stop.`,
    ),
  ]);
}

/**
 * To each owner when a change is undone: logging it (the action is withdrawn) or
 * closing it (it is open again, `wasStatus` says how it had been closed).
 */
export function actionUndoneDm(
  action: ActionRecord,
  wasStatus: string,
  byUserId: string,
  timeZone: string,
): MessageView {
  if (action.status !== "open") {
    return message(`${action.reference} withdrawn: <@${byUserId}> undid logging it. ${action.text}`, [
      section(`*${action.reference} withdrawn*\n${escapeText(action.text)}`),
      context(`<@${byUserId}> undid logging it, so there is nothing to do and no reminders will come.`),
    ]);
  }
  const undid = wasStatus === "dropped" ? "dropping it" : "marking it done";
  return message(
    `${action.reference} is open again: <@${byUserId}> undid ${undid}. ${action.text} (due ${dueLong(action, timeZone)})`,
    [
      section(`*${action.reference} is open again*\n${escapeText(action.text)}`),
      context(
        `<@${byUserId}> undid ${undid} · due ${escapeText(dueLong(action, timeZone))} · ${escapeText(boardText(action))}.${action.dueAt ? " Its reminders start again." : ""}`,
      ),
      doneAndOpen(action),
    ],
  );
}
