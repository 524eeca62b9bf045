import type { BlockButtonAction, SlackActionMiddlewareArgs, App } from "@slack/bolt";
import { changeRightOf, notAllowedToChange } from "../../../domain/actions/authorize-change";
import { changeAction } from "../../../domain/actions/change-action";
import { undoChange } from "../../../domain/actions/undo-change";
import type { ReminderSync } from "../../../domain/reminders/reconcile-reminders";
import { AppError, isAppError } from "../../../errors";
import { applyActionEffects, type ActionEffects } from "../../action-effects";
import type { ActionRecord } from "../../../domain/actions/action-record";
import { z } from "zod";
import type { SlackDeps } from "../../deps";
import { answerPerson, defineWork } from "../../durable-work";
import { keptButtonListener } from "./kept-button";
import { failureView } from "../../views/blocks";
import { actionChangedView } from "../../views/actions/action-changed";
import { ACTION_BUTTONS, parseUndoValue } from "../../views/actions/buttons";
import { timeZoneOf } from "../../views/actions/describe-action";
import { parseMoreValue, showListPage } from "../commands/action/run-list";
import type { CommandOutcome, CommandRequest } from "../commands/action/request";
import { findVisibleActionById, runShow } from "../commands/action/run-show";
import { actorFor } from "../commands/action/run-change";
import { initialValuesOf, openActionForm } from "../../action-form";
import { openFormAtOnce } from "../../open-form";
import { MESSAGE_SHORTCUTS } from "../../surface";
import { ACTION_MODAL } from "../../views/actions/action-modal";
import { logAsActionListener } from "../shortcuts/log-as-action";
import { register as registerReminderButtons, snoozeFor } from "./reminder-buttons";
import { register as registerNewDate } from "./new-date";
import { register as registerPostUpdate } from "./post-update";
import { actionModalListener } from "../views/action-modal";
import { boardSettingsListener } from "../views/board-settings";
import { BOARD_SETTINGS } from "../../views/boards/board-views";
import type { ListenerArgs } from "../../context";

type Args = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;

/** Buttons on action messages and the Home tab. */
export function register(app: App, deps: SlackDeps): void {
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

type Press = (request: CommandRequest, value: string) => Promise<CommandOutcome>;

/** The buttons that change or page through actions, done from Redis like commands. */
const PRESSES: Record<string, Press> = {
  [ACTION_BUTTONS.done]: pressDone,
  [ACTION_BUTTONS.undo]: pressUndo,
  [ACTION_BUTTONS.more]: pressMore,
  [ACTION_BUTTONS.snooze]: pressSnoozeFromHome,
};

function requestOf(deps: SlackDeps, args: Args): CommandRequest | undefined {
  const workspace = args.context.workspace;
  if (!workspace) return undefined;
  return {
    deps,
    client: args.client,
    workspace,
    userId: args.body.user.id,
    channelId: args.body.channel?.id,
    triggerId: args.body.trigger_id,
    now: deps.now(),
  };
}

export const ACTION_BUTTON_WORK = defineWork({
  name: "action.button",
  input: z.object({ button: z.string(), value: z.string() }),
  // More (the next page of a list) only reads.
  isSafeToRerun: ({ button }) => button === ACTION_BUTTONS.more,
  async run(deps, work, { button, value }) {
    const press = PRESSES[button];
    if (!press) throw new Error(`No button called ${button}`);
    const request: CommandRequest = {
      deps,
      client: work.client,
      workspace: work.workspace,
      userId: work.userId,
      channelId: work.channelId,
      triggerId: undefined,
      now: work.receivedAt,
    };
    let outcome: CommandOutcome;
    try {
      outcome = await press(request, value);
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, button }, "a button failed");
      outcome = { view: failureView(error) };
    }
    if (outcome.view) await answerPerson(work, outcome.view);
    await outcome.afterReply?.();
  },
});

async function pressDone(request: CommandRequest, actionId: string): Promise<CommandOutcome> {
  const found = await findById(request, actionId);
  const actor = await actorFor(request, found);
  const { action, eventType, reminders } = await changeAction(request.deps.db, {
    workspaceId: request.workspace.id,
    actionId: found.id,
    actor,
    change: { kind: "done", note: undefined },
    now: request.now,
  });
  return withEffects(request, eventType, action, reminders);
}

async function pressUndo(request: CommandRequest, value: string): Promise<CommandOutcome> {
  const target = parseUndoValue(value);
  if (!target) throw new AppError("bad_button", "That button is out of date. Nothing was changed.");
  const found = await findById(request, target.actionId);
  const { action, before, eventType, reminders } = await undoChange(request.deps.db, {
    workspaceId: request.workspace.id,
    actionId: found.id,
    version: target.version,
    actor: { slackUserId: request.userId, isAdmin: false },
    now: request.now,
  });
  return withEffects(request, eventType, action, reminders, { before, isUndo: true });
}

/** Snooze on the Home tab: a week of quiet on this action's reminders to the person. */
async function pressSnoozeFromHome(request: CommandRequest, actionId: string): Promise<CommandOutcome> {
  const found = await findById(request, actionId);
  const reminder = await request.deps.db.reminder.findFirst({
    where: { workspaceId: request.workspace.id, actionId: found.id, recipient: `user:${request.userId}` },
    orderBy: { fireAt: "desc" },
    select: { id: true },
  });
  if (!reminder) {
    throw new AppError(
      "nothing_to_snooze",
      `You have no reminders about ${found.reference} to snooze${found.dueAt ? "" : ": it has no due date"}.`,
    );
  }
  const view = await snoozeFor(request.deps, {
    client: request.client,
    workspace: request.workspace,
    userId: request.userId,
    reminderId: reminder.id,
    workingDays: 5,
    now: request.now,
  });
  return { view, afterReply: async () => request.deps.refreshHome(request.client, request.workspace, request.userId) };
}

async function pressMore(request: CommandRequest, value: string): Promise<CommandOutcome> {
  const page = parseMoreValue(value);
  if (!page) throw new AppError("bad_button", "That button is out of date: run `/action list` again.");
  return { view: await showListPage(request, page) };
}

/** The reply, then the jobs, DMs and Home tabs; `change` (the action before) lets owners be told of an undo. */
function withEffects(
  request: CommandRequest,
  eventType: string,
  action: ActionRecord,
  reminders: ReminderSync,
  change?: ActionEffects["change"],
): CommandOutcome {
  return {
    view: actionChangedView(eventType, action, request.userId, timeZoneOf(action, request.workspace.timeZone)),
    afterReply: () =>
      applyActionEffects(request.deps, {
        workspace: request.workspace,
        client: request.client,
        action,
        actorSlackUserId: request.userId,
        reminders,
        ...(change ? { change } : {}),
      }),
  };
}

function findById(request: CommandRequest, actionId: string) {
  return findVisibleActionById(request, actionId);
}

/** Open: the action and its history in a modal, over whatever the person is looking at. */
function openListener(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const request = requestOf(deps, args);
    if (!request) return;
    await openFormAtOnce({
      client: args.client,
      triggerId: args.body.trigger_id,
      title: "Action",
      logger: deps.logger,
      build: () =>
        deps.limit(async () => {
          const found = await findById(request, args.action.value ?? "");
          const view = await runShow(request, found.reference);
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

/** Edit: the form, filled in with the action as it is now. */
function editListener(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const request = requestOf(deps, args);
    if (!request) return;
    await openActionForm({
      deps,
      client: args.client,
      triggerId: args.body.trigger_id,
      workspace: request.workspace,
      userId: request.userId,
      mode: "edit",
      load: async () => {
        const action = await findById(request, args.action.value ?? "");
        // Told now, in the form, not after filling it in.
        if (!changeRightOf(action, await actorFor(request, action))) throw notAllowedToChange(action);
        return {
          metadata: {
            mode: "edit",
            actionId: action.id,
            version: action.version,
            ...(request.channelId ? { channelId: request.channelId } : {}),
          },
          initial: initialValuesOf(action, timeZoneOf(action, request.workspace.timeZone)),
        };
      },
    });
  };
}
