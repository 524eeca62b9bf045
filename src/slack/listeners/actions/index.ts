import type { BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Listeners } from "../../listener-router";
import { z } from "zod";
import type { ChangedAction } from "../../../domain/actions/change-action";
import { AppError, isAppError } from "../../../errors";
import { readEditActionForm } from "../../../use-cases/actions/read-action-form";
import { markDone } from "../../../use-cases/actions/mark-done";
import { undoChange } from "../../../use-cases/actions/undo-change";
import type { Effect } from "../../../use-cases/effects";
import { snoozeActionReminders } from "../../../use-cases/reminders/snooze-action-reminders";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { answerPerson, defineWork, type WorkRequest } from "../../durable-work";
import { applyEffects } from "../../effects";
import { callerOfWork, keptButtonListener } from "./kept-button";
import { failureView, type MessageView } from "../../views/blocks";
import { actionChangedView } from "../../views/actions/action-changed";
import { ACTION_BUTTONS, parseUndoValue } from "../../views/actions/buttons";
import { timeZoneOf } from "../../views/actions/describe-action";
import { parseMoreValue, showListPage } from "../commands/action/run-list";
import type { CommandRequest } from "../commands/action/request";
import { runShow } from "../commands/action/run-show";
import { initialValuesOf, openActionForm } from "../../action-form";
import { openFormAtOnce } from "../../open-form";
import { MESSAGE_SHORTCUTS } from "../../surface";
import { ACTION_MODAL } from "../../views/actions/action-modal";
import { logAsActionListener } from "../shortcuts/log-as-action";
import { register as registerReminderButtons, snoozedView } from "./reminder-buttons";
import { register as registerNewDate } from "./new-date";
import { register as registerPostUpdate } from "./post-update";
import { actionModalListener } from "../views/action-modal";
import { boardSettingsListener } from "../views/board-settings";
import { BOARD_SETTINGS } from "../../views/boards/board-views";
import type { ListenerArgs } from "../../context";

type Args = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;

/** Buttons on action messages and the Home tab. */
export function register(app: Listeners, deps: SlackDeps): void {
  for (const actionId of Object.keys(PRESSES))
    app.action(
      actionId,
      keptButtonListener(deps, ACTION_BUTTON_WORK, (action) => ({
        button: action.action_id,
        value: action.value ?? "",
      })),
    );
  app.action(ACTION_BUTTONS.open, openListener(deps));
  app.action(ACTION_BUTTONS.edit, editListener(deps));
  app.view(ACTION_MODAL.callbackId, actionModalListener(deps));
  app.view(BOARD_SETTINGS.callbackId, boardSettingsListener(deps));
  app.shortcut(MESSAGE_SHORTCUTS[0].callbackId, logAsActionListener(deps));
  registerReminderButtons(app, deps);
  registerNewDate(app, deps);
  registerPostUpdate(app, deps);
}

/** A press done: the answer, and what follows once the person has it. */
interface Pressed {
  view: MessageView;
  effects: readonly Effect[];
}
type Press = (deps: SlackDeps, work: WorkRequest, value: string) => Promise<Pressed>;

/** The buttons that change or page through actions, done from Redis like commands. */
const PRESSES: Record<string, Press> = {
  [ACTION_BUTTONS.done]: pressDone,
  [ACTION_BUTTONS.undo]: pressUndo,
  [ACTION_BUTTONS.more]: pressMore,
  [ACTION_BUTTONS.snooze]: pressSnoozeFromHome,
};

export const ACTION_BUTTON_WORK = defineWork({
  name: "action.button",
  input: z.object({ button: z.string(), value: z.string() }),
  // More (the next page of a list) only reads.
  isSafeToRerun: ({ button }) => button === ACTION_BUTTONS.more,
  async run(deps, work, { button, value }) {
    const press = PRESSES[button];
    if (!press) throw new Error(`No button called ${button}`);
    let pressed: Pressed;
    try {
      pressed = await press(deps, work, value);
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, button }, "a button failed");
      pressed = { view: failureView(error), effects: [] };
    }
    try {
      await answerPerson(work, pressed.view);
    } finally {
      // The press is saved: what follows it does not wait on Slack taking the answer (the work is not run again).
      await applyEffects(deps, work, pressed.effects);
    }
  },
});

async function pressDone(deps: SlackDeps, work: WorkRequest, actionId: string): Promise<Pressed> {
  const { result, effects } = await markDone(deps.db, callerOfWork(work), { actionId });
  return { view: changedView(work, result), effects };
}

async function pressUndo(deps: SlackDeps, work: WorkRequest, value: string): Promise<Pressed> {
  const target = parseUndoValue(value);
  if (!target) throw new AppError({ code: "bad_button", button: "undo" });
  const { result, effects } = await undoChange(deps.db, callerOfWork(work), target);
  return { view: changedView(work, result), effects };
}

/** Snooze on the Home tab: a week of quiet on this action's reminders to the person. */
async function pressSnoozeFromHome(deps: SlackDeps, work: WorkRequest, actionId: string): Promise<Pressed> {
  const { result, effects } = await snoozeActionReminders(deps.db, callerOfWork(work), { actionId, workingDays: 5 });
  return { view: snoozedView(result, work.userId), effects };
}

async function pressMore(deps: SlackDeps, work: WorkRequest, value: string): Promise<Pressed> {
  const page = parseMoreValue(value);
  if (!page) throw new AppError({ code: "bad_button", button: "list_page" });
  return { view: await showListPage(commandRequestOf(deps, work, work.receivedAt), page), effects: [] };
}

function changedView(work: WorkRequest, { eventType, action }: ChangedAction): MessageView {
  return actionChangedView(eventType, action, work.userId, timeZoneOf(action, work.workspace.timeZone));
}

/** The /action command's request, for the list and show it shares with these buttons. */
function commandRequestOf(
  deps: SlackDeps,
  request: Pick<WorkRequest, "client" | "workspace" | "userId" | "channelId">,
  now = deps.now(),
): Omit<CommandRequest, "triggerId"> {
  const { client, workspace, userId, channelId } = request;
  return { deps, client, workspace, userId, channelId, now };
}

/** Open: the action and its history in a modal, over whatever the person is looking at. */
function openListener(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const workspace = args.context.workspace;
    if (!workspace) return;
    const request = commandRequestOf(deps, {
      client: args.client,
      workspace,
      userId: args.body.user.id,
      channelId: args.body.channel?.id,
    });
    await openFormAtOnce({
      client: args.client,
      triggerId: args.body.trigger_id,
      title: "Action",
      logger: deps.logger,
      build: () =>
        deps.limit(async () => {
          const view = await runShow(request, { actionId: args.action.value ?? "" });
          return {
            type: "modal",
            title: { type: "plain_text", text: "Action" },
            close: { type: "plain_text", text: "Close" },
            blocks: view.blocks.slice(0, 100),
          };
        }),
    });
  };
}

/** Edit: the form, filled in with the action as it is now (or the refusal, in its place). */
function editListener(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const workspace = args.context.workspace;
    if (!workspace) return;
    const userId = args.body.user.id;
    const channelId = args.body.channel?.id;
    await openActionForm({
      deps,
      client: args.client,
      triggerId: args.body.trigger_id,
      workspace,
      userId,
      mode: "edit",
      load: async () => {
        const caller = callerOf(args.client, { workspace, userId, channelId, now: deps.now() });
        const { action, choices } = await readEditActionForm(deps.db, caller, { actionId: args.action.value ?? "" });
        return {
          metadata: { mode: "edit", actionId: action.id, version: action.version, ...(channelId ? { channelId } : {}) },
          initial: initialValuesOf(action, timeZoneOf(action, workspace.timeZone)),
          choices,
        };
      },
    });
  };
}
