import type {
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import type { Listeners } from "../../listener-router";
import { z } from "zod";
import { AppError, isAppError } from "../../../errors";
import { postUpdate, type MattersArisingList, type UpdatePosted } from "../../../use-cases/reminders/post-update";
import { readPostUpdateForm } from "../../../use-cases/reminders/read-post-update-form";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { applyEffects } from "../../effects";
import { failureView, message, parseJsonSafely, section, tooLong, type MessageView } from "../../views/blocks";
import { timeZoneOf } from "../../views/actions/describe-action";
import { mattersArisingMessage, MEETING_BUTTONS, parsePostUpdateValue } from "../../views/reminders/meeting-reminders";
import { POST_UPDATE, postUpdateModal } from "../../views/reminders/post-update";
import { tellSubmitter } from "../../tell-submitter";
import { openFormAtOnce } from "../../open-form";
import type { ListenerArgs } from "../../context";

type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;
type ViewArgs = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;

const Metadata = z.object({ reminderId: z.string().uuid(), actionId: z.string().uuid() });

/** "Post update" on the matters-arising list: an owner's one line, kept in the history and shown in the list. */
export function register(app: Listeners, deps: SlackDeps): void {
  app.action(MEETING_BUTTONS.postUpdate, openForm(deps));
  app.view(POST_UPDATE.callbackId, submitForm(deps));
}

function openForm(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = args.context.workspace;
    const value = parsePostUpdateValue(args.action.value ?? "");
    if (!workspace) return;
    const userId = args.body.user.id;
    const channelId = args.body.channel?.id;
    await openFormAtOnce({
      client: args.client,
      triggerId: args.body.trigger_id,
      title: "Post update",
      logger: deps.logger,
      build: () =>
        deps.limit(async () => {
          if (!value) throw new AppError({ code: "bad_button", button: "post_update" });
          const caller = callerOf(args.client, { workspace, userId, channelId, now: deps.now() });
          const action = await readPostUpdateForm(deps.db, caller, { actionId: value.actionId });
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
    const caller = callerOf(client, { workspace, userId, channelId: undefined, now: deps.now() });
    const { answerIn, result, effects } = await deps.limit(() =>
      postUpdate(deps.db, caller, { ...metadata.data, note }),
    );
    try {
      if (result.isPosted && result.list) await redrawMattersArising(deps, client, result.list);
      await tellSubmitter(client, userId, answerIn, postedView(deps, result)).catch((err: unknown) =>
        deps.logger.warn({ err }, "could not answer the Post update form"),
      );
    } finally {
      // The update is saved: what follows it does not wait on the list or the answer.
      await applyEffects(deps, { client, workspace }, effects);
    }
  };
}

/** What the person who posted is told, beside the list. */
function postedView(deps: SlackDeps, posted: UpdatePosted): MessageView {
  if (!posted.isPosted) {
    if (!isAppError(posted.problem)) deps.logger.error({ err: posted.problem }, "the Post update form failed");
    return failureView(posted.problem);
  }
  const { reference } = posted;
  return message(`Update posted on ${reference}.`, [
    section(`Update posted on *${reference}*. The matters-arising list shows it, and it is in the action's history.`),
  ]);
}

/** The list is redrawn in place so everyone in the channel sees the new line. */
async function redrawMattersArising(
  deps: SlackDeps,
  client: ViewArgs["client"],
  { reminderId, channelId, messageTs, data }: MattersArisingList,
): Promise<void> {
  const view = mattersArisingMessage(data, reminderId, deps.now());
  await client.chat
    .update({ channel: channelId, ts: messageTs, text: view.text, blocks: view.blocks })
    .catch((err: unknown) => deps.logger.warn({ err, reminderId }, "could not redraw the matters-arising list"));
}
