import type { BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Listeners } from "../../listener-router";
import { formatDay } from "../../../dates";
import { isAppError } from "../../../errors";
import { decideNewDate, type DecidedNewDate } from "../../../use-cases/reminders/decide-new-date";
import type { Outcome } from "../../../use-cases/effects";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { applyEffects } from "../../effects";
import { problemView } from "../../views/blocks";
import { dayWithWords, timeZoneOf } from "../../views/actions/describe-action";
import { decidedMessage, NEW_DATE } from "../../views/reminders/new-date";
import type { ListenerArgs } from "../../context";

type Workspace = { id: string; timeZone: string };
type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;

/** Approve and Decline on a request for a new date, in the approvers' DMs and on their Home tabs. */
export function register(app: Listeners, deps: SlackDeps): void {
  app.action(NEW_DATE.approve, decide(deps, true));
  app.action(NEW_DATE.decline, decide(deps, false));
}

const isFromMessage = (args: ButtonArgs) => args.body.container?.type !== "view";

/** Approve or Decline, by the chair, the secretary or an admin: the owner told, the other approver's message marked decided. */
function decide(deps: SlackDeps, isApproved: boolean) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = args.context.workspace;
    if (!workspace) return;
    const userId = args.body.user.id;
    const caller = callerOf(args.client, { workspace, userId, channelId: args.body.channel?.id, now: deps.now() });
    let decided: Outcome<DecidedNewDate>;
    try {
      decided = await deps.limit(() =>
        decideNewDate(deps.db, caller, { requestId: args.action.value ?? "", isApproved }),
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      // From the Home tab there is nowhere to answer but a DM.
      if (isFromMessage(args))
        await args.respond({
          response_type: "ephemeral",
          replace_original: false,
          ...problemView(error.problem),
        });
      else await args.client.chat.postMessage({ channel: userId, ...problemView(error.problem) });
      return;
    }
    const { result, effects } = decided;
    try {
      const { reference } = result.action;
      const outcome = decisionWords(result, isApproved, userId, workspace);
      const toOwner = decidedMessage(reference, `Your new date for ${reference} was ${outcome}.`);
      const said = `New date ${outcome}.`;
      await args.client.chat
        .postMessage({ channel: result.request.requestedBySlackUserId, text: toOwner.text, blocks: toOwner.blocks })
        .catch((err: unknown) => deps.logger.warn({ err }, "could not tell the owner a new date was decided"));
      // The other approver's request says it was decided, and by whom.
      const pressedOn = isFromMessage(args) ? args.body.message?.ts : undefined;
      for (const other of result.approverMessages) {
        if (other.ts === pressedOn) continue;
        const view = decidedMessage(reference, said);
        await args.client.chat
          .update({ channel: other.channel, ts: other.ts, text: view.text, blocks: view.blocks })
          .catch((err: unknown) => deps.logger.warn({ err }, "could not mark a new-date request decided"));
      }
      // From the Home tab there is no message to replace: the tab is redrawn, and the decision told by DM.
      if (isFromMessage(args)) await args.respond({ replace_original: true, ...decidedMessage(reference, said) });
      else await args.client.chat.postMessage({ channel: userId, ...decidedMessage(reference, said) });
    } finally {
      // The decision is saved: its reminder jobs, co-owners' DMs and Home tabs follow whatever Slack made of the answer.
      await applyEffects(deps, { client: args.client, workspace }, effects);
    }
  };
}

/** "approved by <@U…>: LCRB-4 is now due …", or declined and where the date stays. */
function decisionWords(
  { action, request }: DecidedNewDate,
  isApproved: boolean,
  userId: string,
  workspace: Workspace,
): string {
  const timeZone = timeZoneOf(action, workspace.timeZone);
  const newDue = dayWithWords(request.requestedDueAt, request.requestedDueText, timeZone);
  return isApproved
    ? `approved by <@${userId}>: ${action.reference} is now due ${newDue}`
    : `declined by <@${userId}>: ${action.reference} stays due ${formatDay(action.dueAt ?? request.requestedDueAt, timeZone)}`;
}
