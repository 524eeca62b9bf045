import type {
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import { z } from "zod";
import { changeRightOf } from "../../../domain/actions/authorize-change";
import { changeAction } from "../../../domain/actions/change-action";
import { loadMattersArising } from "../../../domain/reminders/load-matters-arising";
import { AppError, isAppError } from "../../../errors";
import { applyActionEffects } from "../../action-effects";
import type { SlackDeps } from "../../deps";
import { failureView, message, parseJsonSafely, section, tooLong, type MessageView } from "../../views/blocks";
import { timeZoneOf } from "../../views/actions/describe-action";
import { mattersArisingMessage, MEETING_BUTTONS, parsePostUpdateValue } from "../../views/reminders/meeting-reminders";
import { POST_UPDATE, postUpdateModal } from "../../views/reminders/post-update";
import { actorFor } from "../commands/action/run-change";
import { findVisibleActionById } from "../commands/action/run-show";
import { tellSubmitter } from "../../tell-submitter";
import { openFormAtOnce } from "../../open-form";
import type { ListenerArgs } from "../../context";

type Workspace = { id: string; timeZone: string };
type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;
type ViewArgs = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;

const Metadata = z.object({ reminderId: z.string().uuid(), actionId: z.string().uuid() });

/** "Post update" on the matters-arising list: an owner's one line, kept in the history and shown in the list. */
export function register(app: App, deps: SlackDeps): void {
  app.action(MEETING_BUTTONS.postUpdate, openForm(deps));
  app.view(POST_UPDATE.callbackId, submitForm(deps));
}

function actionBehind(
  deps: SlackDeps,
  request: { client: ButtonArgs["client"]; workspace: Workspace; userId: string },
  actionId: string,
) {
  return findVisibleActionById({ deps, ...request }, actionId, "That action is no longer there. Nothing was changed.");
}

function openForm(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = args.context.workspace;
    const value = parsePostUpdateValue(args.action.value ?? "");
    if (!workspace) return;
    await openFormAtOnce({
      client: args.client,
      triggerId: args.body.trigger_id,
      title: "Post update",
      logger: deps.logger,
      build: () =>
        deps.limit(async () => {
          if (!value)
            throw new AppError(
              "bad_button",
              "That button is out of date. Nothing was changed.",
              "`/action update LCRB-14 <one line>` posts an update instead.",
            );
          const request = { client: args.client, workspace, userId: args.body.user.id };
          const action = await actionBehind(deps, request, value.actionId);
          if (!changeRightOf(action, await actorFor(request, action))) {
            throw new AppError(
              "not_allowed",
              `Only ${action.reference}'s owners, whoever logged it, the board's chair or secretary can post an update on it. Nothing was changed.`,
            );
          }
          return postUpdateModal(action, timeZoneOf(action, workspace.timeZone), value);
        }),
    });
  };
}

function submitForm(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = context.workspace;
    const metadata = Metadata.safeParse(parseJsonSafely(view.private_metadata));
    const values = view.state.values as Record<string, Record<string, { value?: string | null }>>;
    const note = (values[POST_UPDATE.note]?.[POST_UPDATE.value]?.value ?? "").replace(/\s+/g, " ").trim();
    if (!workspace || !metadata.success) {
      await ack({
        response_action: "errors",
        errors: { [POST_UPDATE.note]: "This form is out of date: close it and press Post update again." },
      });
      return;
    }
    if (!note) {
      await ack({
        response_action: "errors",
        errors: { [POST_UPDATE.note]: 'Write one line, such as "First draft shared; final by Friday".' },
      });
      return;
    }
    const overlong = tooLong("The update is", note, POST_UPDATE.maxLength);
    if (overlong) {
      await ack({ response_action: "errors", errors: { [POST_UPDATE.note]: overlong } });
      return;
    }
    await ack();
    const userId = body.user.id;
    const reminder = await deps.db.reminder.findFirst({
      where: { id: metadata.data.reminderId, workspaceId: workspace.id },
      select: { meetingId: true, slackChannelId: true, slackMessageTs: true },
    });
    let answer: MessageView;
    try {
      answer = await deps.limit(async () => {
        const request = { client, workspace, userId };
        const action = await actionBehind(deps, request, metadata.data.actionId);
        const changed = await changeAction(deps.db, {
          workspaceId: workspace.id,
          actionId: action.id,
          actor: await actorFor(request, action),
          change: { kind: "update", note },
          now: deps.now(),
        });
        await applyActionEffects(deps, {
          workspace,
          client,
          action: changed.action,
          actorSlackUserId: userId,
          newOwnerIds: [],
          reminders: changed.reminders,
        });
        await redrawMattersArising(deps, client, workspace, metadata.data.reminderId, reminder);
        return message(`Update posted on ${action.reference}.`, [
          section(
            `Update posted on *${action.reference}*. The matters-arising list shows it, and it is in the action's history.`,
          ),
        ]);
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "the Post update form failed");
      answer = failureView(error);
    }
    await tellSubmitter(client, userId, reminder?.slackChannelId ?? undefined, answer).catch((err: unknown) =>
      deps.logger.warn({ err }, "could not answer the Post update form"),
    );
  };
}

/** The list is redrawn in place so everyone in the channel sees the new line. */
async function redrawMattersArising(
  deps: SlackDeps,
  client: ViewArgs["client"],
  workspace: Workspace,
  reminderId: string,
  reminder: { meetingId: string | null; slackChannelId: string | null; slackMessageTs: string | null } | null,
): Promise<void> {
  if (!reminder?.meetingId || !reminder.slackChannelId || !reminder.slackMessageTs) return;
  const data = await loadMattersArising(deps.db, { workspaceId: workspace.id, meetingId: reminder.meetingId });
  if (!data) return;
  const view = mattersArisingMessage(data, reminderId, deps.now());
  await client.chat
    .update({ channel: reminder.slackChannelId, ts: reminder.slackMessageTs, text: view.text, blocks: view.blocks })
    .catch((err: unknown) => deps.logger.warn({ err, reminderId }, "could not redraw the matters-arising list"));
}
