import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { formatDay, formatTime, isoDayOf } from "../../../dates";
import { changeAction } from "../../../domain/actions/change-action";
import { snoozeReminders } from "../../../domain/reminders/snooze-reminders";
import { AppError, isAppError } from "../../../errors";
import { addWorkingDays, dueDayReminderTime, fireTimeOn, reminderRulesOf } from "../../../reminders/plan";
import { applyActionEffects } from "../../action-effects";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { SlackDeps } from "../../deps";
import { defineWork } from "../../durable-work";
import { keptButtonListener } from "./kept-button";
import { actions, failureView, type MessageView } from "../../views/blocks";
import { ACTION_BUTTONS, button, undoValue } from "../../views/actions/buttons";
import { answeredReminderMessage, REMINDER_BUTTONS } from "../../views/reminders/reminder-message";
import { actorFor } from "../commands/action/run-change";
import { findVisibleActionById } from "../commands/action/run-show";
import { changeRightOf, notAllowedToChange } from "../../../domain/actions/authorize-change";
import type { ListenerArgs } from "../../context";

type Args = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;

/** The buttons on a reminder: each is kept in Redis, acted on, then the reminder is updated in place to say what happened. */
export function register(app: App, deps: SlackDeps): void {
  for (const actionId of Object.keys(PRESSES))
    app.action(
      actionId,
      keptButtonListener(deps, REMINDER_BUTTON_WORK, (action) => ({
        button: action.action_id,
        reminderId: action.value ?? "",
      })),
    );
}

type Workspace = { id: string; timeZone: string };
/** Who pressed which reminder's button, and when. */
interface Pressed {
  client: WebClient;
  workspace: Workspace;
  userId: string;
  reminderId: string;
  now: Date;
}
type Press = (deps: SlackDeps, pressed: Pressed) => Promise<{ view: MessageView; after?: () => Promise<void> }>;

const PRESSES: Record<string, Press> = {
  [REMINDER_BUTTONS.done]: pressDone,
  [REMINDER_BUTTONS.snoozeDay]: (deps, pressed) => pressSnooze(deps, pressed, 1),
  [REMINDER_BUTTONS.snoozeWeek]: (deps, pressed) => pressSnooze(deps, pressed, 5),
};

export const REMINDER_BUTTON_WORK = defineWork({
  name: "reminder.button",
  input: z.object({ button: z.string(), reminderId: z.string() }),
  isSafeToRerun: () => false,
  async run(deps, work, { button, reminderId }) {
    const press = PRESSES[button];
    if (!press) throw new Error(`No reminder button called ${button}`);
    let outcome: Awaited<ReturnType<Press>>;
    let replace = true;
    try {
      outcome = await press(deps, {
        client: work.client,
        workspace: work.workspace,
        userId: work.userId,
        reminderId,
        now: work.receivedAt,
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, button }, "a reminder button failed");
      // A refusal leaves the reminder as it was and answers beside it.
      replace = false;
      outcome = { view: failureView(error) };
    }
    await work.respond?.({
      replace_original: replace,
      ...(replace ? {} : { response_type: "ephemeral" as const }),
      text: outcome.view.text,
      blocks: outcome.view.blocks,
    });
    await outcome.after?.();
  },
});

const REMINDER_GONE = "That reminder is no longer there. Nothing was changed.";

/** The reminder a button names and its action, if the person may see it (else it is gone, naming nothing). */
async function reminderOf(
  deps: SlackDeps,
  request: { client: Args["client"]; workspace: Workspace; userId: string },
  reminderId: string,
) {
  const reminder = /^[0-9a-f-]{36}$/.test(reminderId)
    ? await deps.db.reminder.findFirst({
        where: { id: reminderId, workspaceId: request.workspace.id },
        select: { id: true, actionId: true, recipient: true },
      })
    : null;
  if (!reminder?.actionId) throw new AppError("reminder_not_found", REMINDER_GONE);
  const action = await findVisibleActionById({ deps, ...request }, reminder.actionId, REMINDER_GONE);
  return { reminder, action };
}

async function pressDone(deps: SlackDeps, { client, workspace, userId, reminderId, now }: Pressed) {
  const request = { deps, client, workspace, userId };
  const { action: found } = await reminderOf(deps, request, reminderId);
  const actor = await actorFor(request, found);
  const { action, reminders } = await changeAction(deps.db, {
    workspaceId: workspace.id,
    actionId: found.id,
    actor,
    change: { kind: "done", note: undefined },
    now,
  });
  const view = answeredReminderMessage(
    action,
    `Marked done by <@${actor.slackUserId}> at ${formatTime(now, action.board?.timeZone ?? workspace.timeZone)}. Reminders for it have stopped.`,
  );
  view.blocks.push(actions([button("Undo", ACTION_BUTTONS.undo, undoValue(action.id, action.version))]));
  return {
    view,
    after: () =>
      applyActionEffects(deps, {
        workspace,
        client,
        action,
        actorSlackUserId: actor.slackUserId,
        newOwnerIds: [],
        reminders,
      }),
  };
}

async function pressSnooze(deps: SlackDeps, pressed: Pressed, workingDays: number) {
  return { view: await snoozeFor(deps, { ...pressed, workingDays }) };
}

/**
 * Snoozes a person's reminders about an action: "1 day" is the next working day,
 * "1 week" five working days on, both at the board's reminder time.
 */
export async function snoozeFor(
  deps: SlackDeps,
  { client, workspace, userId, reminderId, workingDays, now }: Pressed & { workingDays: number },
): Promise<MessageView> {
  const { reminder, action } = await reminderOf(deps, { client, workspace, userId }, reminderId);
  // A reminder to a channel (an action owned only by bodies outside Slack) silences the
  // whole channel's reminders: that is for those who may change the action.
  if (reminder.recipient.startsWith("channel:") && !changeRightOf(action, await actorFor({ client, userId }, action)))
    throw notAllowedToChange(action);
  const board = action.boardId
    ? await deps.db.board.findUnique({
        where: { id: action.boardId },
        select: { timeZone: true, holidayRegion: true, reminderPolicy: true },
      })
    : null;
  const { calendar, policy } = reminderRulesOf(board, workspace.timeZone);
  const asked = fireTimeOn(
    addWorkingDays(isoDayOf(now, calendar.timeZone), workingDays, calendar),
    policy.sendAtMinutes,
    calendar,
  );
  // A snooze never carries a reminder past the due day: one that would is cut to the due day's reminder.
  const dueDayAt = action.dueAt ? dueDayReminderTime({ dueAt: action.dueAt, calendar, policy }) : undefined;
  const isCut = dueDayAt !== undefined && dueDayAt > now && asked > dueDayAt;
  const until = isCut ? dueDayAt : asked;
  const snoozed = await snoozeReminders(deps.db, {
    workspaceId: workspace.id,
    reminderId: reminder.id,
    slackUserId: userId,
    until,
    now,
  });
  await deps.reminderJobs.apply(snoozed.sync);
  const when = `${formatDay(until, calendar.timeZone)} ${formatTime(until, calendar.timeZone)}`;
  return answeredReminderMessage(
    action,
    isCut
      ? `Snoozed by <@${userId}> until ${when}, the due day's reminder: a snooze does not go past the due date. For more time, use New date….`
      : `Snoozed by <@${userId}> until ${when}. You will be reminded then.`,
  );
}
