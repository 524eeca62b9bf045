// Buttons whose work is kept in Redis (durable-work.ts): the press is put on the
// commands queue, then acknowledged; if it cannot be kept, the person is told.
import type { BlockButtonAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { isAppError } from "../../../errors";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { answerPerson, type WorkKind, type WorkRequest } from "../../durable-work";
import { failureView, type MessageView } from "../../views/blocks";
import type { ListenerArgs } from "../../context";
import type { Caller } from "../../../use-cases/caller";

export type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;

export function keptButtonListener<I>(deps: SlackDeps, kind: WorkKind<I>, inputOf: (button: ButtonAction) => I) {
  return async (args: ButtonArgs): Promise<void> => {
    const workspace = args.context.workspace;
    if (!workspace) {
      await args.ack();
      return;
    }
    const request = {
      workspace,
      userId: args.body.user.id,
      channelId: args.body.channel?.id,
      responseUrl: args.body.response_url,
      receivedAt: deps.now(),
    };
    try {
      await deps.work.add(kind, request, inputOf(args.action));
    } catch (error) {
      await args.ack();
      if (!isAppError(error))
        deps.logger.error({ err: error, button: args.action.action_id }, "a button could not be kept for doing");
      await answerButton(args, failureView(error));
      return;
    }
    await args.ack();
  };
}

/** Answers a button's press beside its message, or by DM when it was on the Home tab. */
export function answerButton(args: ButtonArgs, view: MessageView): Promise<void> {
  return answerPerson(
    { client: args.client, userId: args.body.user.id, respond: args.body.response_url ? args.respond : undefined },
    view,
  );
}

/** The Caller of a button's work, as it was when Slack delivered the press. */
export function callerOfWork(work: WorkRequest): Caller {
  return callerOf(work.client, {
    workspace: work.workspace,
    userId: work.userId,
    channelId: work.channelId,
    now: work.receivedAt,
  });
}
