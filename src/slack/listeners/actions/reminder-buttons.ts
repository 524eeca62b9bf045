import { z } from "zod";
import type { Listeners } from "../../listener-router";
import { formatDay, formatTime } from "../../../dates";
import { isAppError } from "../../../errors";
import type { Effect } from "../../../use-cases/effects";
import { markReminderDone } from "../../../use-cases/reminders/mark-reminder-done";
import { snoozeReminder, type Snoozed } from "../../../use-cases/reminders/snooze-reminder";
import type { SlackDeps } from "../../deps";
import { defineWork, type WorkRequest } from "../../durable-work";
import { applyEffects } from "../../effects";
import { actions, failureView, type MessageView } from "../../views/blocks";
import { ACTION_BUTTONS, button, undoValue } from "../../views/actions/buttons";
import { answeredReminderMessage, REMINDER_BUTTONS } from "../../views/reminders/reminder-message";
import { callerOfWork, keptButtonListener } from "./kept-button";

/** The buttons on a reminder: each is kept in Redis, acted on, then the reminder is updated in place to say what happened. */
export function register(app: Listeners, deps: SlackDeps): void {
  for (const actionId of Object.keys(PRESSES))
    app.action(
      actionId,
      keptButtonListener(deps, REMINDER_BUTTON_WORK, (action) => ({
        button: action.action_id,
        reminderId: action.value ?? "",
      })),
    );
}

/** A press done: what the reminder now says, and what follows once it says it. */
interface Pressed {
  view: MessageView;
  effects: readonly Effect[];
}
type Press = (deps: SlackDeps, work: WorkRequest, reminderId: string) => Promise<Pressed>;

const PRESSES: Record<string, Press> = {
  [REMINDER_BUTTONS.done]: pressDone,
  [REMINDER_BUTTONS.snoozeDay]: (deps, work, reminderId) => pressSnooze(deps, work, reminderId, 1),
  [REMINDER_BUTTONS.snoozeWeek]: (deps, work, reminderId) => pressSnooze(deps, work, reminderId, 5),
};

export const REMINDER_BUTTON_WORK = defineWork({
  name: "reminder.button",
  input: z.object({ button: z.string(), reminderId: z.string() }),
  isSafeToRerun: () => false,
  async run(deps, work, { button, reminderId }) {
    const press = PRESSES[button];
    if (!press) throw new Error(`No reminder button called ${button}`);
    let pressed: Pressed;
    let replace = true;
    try {
      pressed = await press(deps, work, reminderId);
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, button }, "a reminder button failed");
      // A refusal leaves the reminder as it was and answers beside it.
      replace = false;
      pressed = { view: failureView(error), effects: [] };
    }
    try {
      await work.respond?.({
        replace_original: replace,
        ...(replace ? {} : { response_type: "ephemeral" as const }),
        text: pressed.view.text,
        blocks: pressed.view.blocks,
      });
    } finally {
      // The press is saved and the work not run again: its reminder jobs follow whatever Slack made of the answer.
      await applyEffects(deps, work, pressed.effects);
    }
  },
});

async function pressDone(deps: SlackDeps, work: WorkRequest, reminderId: string): Promise<Pressed> {
  const { result, effects } = await markReminderDone(deps.db, callerOfWork(work), { reminderId });
  const { action } = result;
  const view = answeredReminderMessage(
    action,
    `Marked done by <@${work.userId}> at ${formatTime(work.receivedAt, action.board?.timeZone ?? work.workspace.timeZone)}. Reminders for it have stopped.`,
  );
  view.blocks.push(actions([button("Undo", ACTION_BUTTONS.undo, undoValue(action.id, action.version))]));
  return { view, effects };
}

async function pressSnooze(
  deps: SlackDeps,
  work: WorkRequest,
  reminderId: string,
  workingDays: number,
): Promise<Pressed> {
  const { result, effects } = await snoozeReminder(deps.db, callerOfWork(work), { reminderId, workingDays });
  return { view: snoozedView(result, work.userId), effects };
}

/** The reminder, answered: snoozed until when (cut to the due day's reminder if it would have passed it). */
export function snoozedView({ action, until, timeZone, isCut }: Snoozed, userId: string): MessageView {
  const when = `${formatDay(until, timeZone)} ${formatTime(until, timeZone)}`;
  return answeredReminderMessage(
    action,
    isCut
      ? `Snoozed by <@${userId}> until ${when}, the due day's reminder: a snooze does not go past the due date. For more time, use New date….`
      : `Snoozed by <@${userId}> until ${when}. You will be reminded then.`,
  );
}
