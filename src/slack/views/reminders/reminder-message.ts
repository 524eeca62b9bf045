import { DateTime } from "luxon";
import { formatDay } from "../../../dates";
import type { ActionRecord } from "../../../domain/actions/action-record";
import { actions, context, message, section, truncate, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button } from "../actions/buttons";
import { dueLong, escapeText, ownersText } from "../actions/describe-action";

export const REMINDER_BUTTONS = {
  done: "reminder.done",
  snoozeDay: "reminder.snooze_day",
  snoozeWeek: "reminder.snooze_week",
  newDate: "reminder.new_date",
} as const;

export interface ReminderMessageInput {
  reminderId: string;
  kind: string;
  action: ActionRecord;
  timeZone: string;
  now: Date;
  /** Days until the due day (negative when overdue). */
  daysToDue: number;
  lastUpdate: { at: Date; note: string } | undefined;
  originMeeting: { boardCode: string; startsAt: Date } | undefined;
}

function headline(kind: string, daysToDue: number, action: ActionRecord, timeZone: string): string {
  switch (kind) {
    case "due_7d":
      return `Due in ${daysToDue} days`;
    case "due_1wd":
      return daysToDue === 1 ? "Due tomorrow" : `Due ${formatDay(action.dueAt!, timeZone)}`;
    case "due_day":
      // A due day that is not a working day is reminded on the working day before: "Due Sunday".
      if (daysToDue <= 0) return "Due today";
      if (daysToDue === 1) return "Due tomorrow";
      return daysToDue < 7
        ? `Due ${DateTime.fromJSDate(action.dueAt!, { zone: timeZone }).toFormat("cccc")}`
        : `Due ${formatDay(action.dueAt!, timeZone)}`;
    case "escalation":
      return `Overdue by ${-daysToDue} days, for the secretariat`;
    case "overdue":
      return `Overdue by ${-daysToDue} ${-daysToDue === 1 ? "day" : "days"}`;
    default:
      return daysToDue < 0 ? `Overdue by ${-daysToDue} days` : "Reminder";
  }
}

/** A reminder: what it is, when it is due, the latest word on it, and one tap to answer. */
export function reminderMessage(input: ReminderMessageInput): MessageView {
  const { action, timeZone } = input;
  const title = `${headline(input.kind, input.daysToDue, action, timeZone)} · ${action.reference}`;
  const facts = [escapeText(`Due ${dueLong(action, timeZone)}`)];
  if (input.originMeeting)
    facts.push(`agreed at ${input.originMeeting.boardCode} on ${formatDay(input.originMeeting.startsAt, timeZone)}`);
  if (input.lastUpdate)
    facts.push(
      `last update ${formatDay(input.lastUpdate.at, timeZone)}: "${escapeText(truncate(input.lastUpdate.note, 200))}"`,
    );
  if (input.kind === "escalation") facts.push(`owners ${ownersText(action)}`);
  const id = input.reminderId;
  const buttons =
    input.kind === "escalation"
      ? [button("Open", ACTION_BUTTONS.open, action.id)]
      : [
          button("Done", REMINDER_BUTTONS.done, id, "primary"),
          button("Snooze 1 day", REMINDER_BUTTONS.snoozeDay, id),
          button("Snooze 1 week", REMINDER_BUTTONS.snoozeWeek, id),
          button("New date…", REMINDER_BUTTONS.newDate, id),
          button("Open", ACTION_BUTTONS.open, action.id),
        ];
  return message(`${title}: ${action.text} (due ${dueLong(action, timeZone)})`, [
    section(`*${escapeText(title)}*\n${escapeText(action.text)}`),
    context(facts.join(" · ")),
    actions(buttons),
  ]);
}

/** The reminder after someone answered it: what happened, in place of the buttons. */
export function answeredReminderMessage(action: ActionRecord, said: string): MessageView {
  return message(`${action.reference}: ${said}`, [
    section(`*${action.reference}* · ${escapeText(action.text)}`),
    context(said),
  ]);
}
