import type {
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import type { Listeners } from "../../listener-router";
import { z } from "zod";
import type { ResolvedDue } from "../../../domain/actions/resolve-due";
import { isAppError } from "../../../errors";
import { checkNewDate } from "../../../use-cases/reminders/check-new-date";
import { readNewDateForm } from "../../../use-cases/reminders/read-new-date-form";
import { requestNewDate, type AskApprover, type NewDateRequested } from "../../../use-cases/reminders/request-new-date";
import type { Effect } from "../../../use-cases/effects";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { applyEffects } from "../../effects";
import { failureView, fieldErrors, parseJsonSafely, tooLong, truncate, type MessageView } from "../../views/blocks";
import { wordsFor } from "../../views/problems";
import { actionChangedView } from "../../views/actions/action-changed";
import { dayWithWords, timeZoneOf } from "../../views/actions/describe-action";
import { REMINDER_BUTTONS } from "../../views/reminders/reminder-message";
import { decidedMessage, extensionRequestMessage, NEW_DATE, newDateModal } from "../../views/reminders/new-date";
import { register as registerDecisions } from "./decide-new-date";
import { openFormAtOnce } from "../../open-form";
import type { ListenerArgs } from "../../context";

type Workspace = { id: string; timeZone: string };
type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;
type ViewArgs = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;

const Metadata = z.object({ actionId: z.string().uuid(), channelId: z.string().optional() });

/** New date from a reminder; approval by the chair or secretary where the board asks for it (decide-new-date.ts). */
export function register(app: Listeners, deps: SlackDeps): void {
  app.action(REMINDER_BUTTONS.newDate, openForm(deps));
  app.view(NEW_DATE.callbackId, submitForm(deps));
  registerDecisions(app, deps);
}

/** The form, for those who may change the action; anyone else is told so in place of the form. */
function openForm(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = args.context.workspace;
    if (!workspace) return;
    const userId = args.body.user.id;
    const channelId = args.body.channel?.id;
    await openFormAtOnce({
      client: args.client,
      triggerId: args.body.trigger_id,
      title: "New date",
      logger: deps.logger,
      build: () =>
        deps.limit(async () => {
          const caller = callerOf(args.client, { workspace, userId, channelId, now: deps.now() });
          const { action, mustAsk } = await readNewDateForm(deps.db, caller, { reminderId: args.action.value ?? "" });
          return newDateModal(
            action,
            timeZoneOf(action, workspace.timeZone),
            { actionId: action.id, ...(channelId ? { channelId } : {}) },
            mustAsk,
          );
        }),
    });
  };
}

type Value = { value?: string | null; selected_date?: string | null };

/** The form submitted: problems shown on it; else it closes and the answer comes by DM. */
function submitForm(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = context.workspace;
    const metadata = Metadata.safeParse(parseJsonSafely(view.private_metadata));
    if (!workspace || !metadata.success) {
      await ack({
        response_action: "errors",
        errors: { [NEW_DATE.date]: "This form is out of date: close it and open it again." },
      });
      return;
    }
    const values = view.state.values as Record<string, Record<string, Value>>;
    const date = values[NEW_DATE.date]?.[NEW_DATE.value]?.selected_date ?? undefined;
    const phrase = values[NEW_DATE.phrase]?.[NEW_DATE.value]?.value?.trim() || undefined;
    const reason = values[NEW_DATE.reason]?.[NEW_DATE.value]?.value?.trim() || null;
    const overlong = {
      [NEW_DATE.phrase]: tooLong("The date in words is", phrase, NEW_DATE.maxLength.phrase),
      [NEW_DATE.reason]: tooLong("The reason is", reason, NEW_DATE.maxLength.reason),
    };
    const errors = fieldErrors(overlong);
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    const userId = body.user.id;
    const caller = callerOf(client, { workspace, userId, channelId: metadata.data.channelId, now: deps.now() });
    const { actionId } = metadata.data;
    let due: ResolvedDue;
    try {
      const checked = await checkNewDate(deps.db, caller, { actionId, date, phrase });
      if (checked.problem) {
        const { text, hint } = wordsFor(checked.problem);
        await ack({
          response_action: "errors",
          errors: {
            [date ? NEW_DATE.date : NEW_DATE.phrase]: truncate(
              `${text.replace(" Nothing was saved.", "")} ${hint ?? ""}`.trim(),
              150,
            ),
          },
        });
        return;
      }
      due = checked.due;
    } catch (error) {
      // Refused (or the action is gone): said on the form.
      if (!isAppError(error)) throw error;
      await ack({
        response_action: "errors",
        errors: { [NEW_DATE.date]: truncate(wordsFor(error.problem).text, 150) },
      });
      return;
    }
    await ack();
    let answer: MessageView;
    let effects: readonly Effect[] = [];
    try {
      const requested = await deps.limit(() =>
        requestNewDate(
          deps.db,
          caller,
          { actionId, due, reason },
          { askApprover: askApproverBy(deps, client, { workspace, userId, due, reason }) },
        ),
      );
      answer = requestedView(requested.result, due, userId, workspace);
      effects = requested.effects;
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "the New date form failed");
      answer = failureView(error);
    }
    try {
      await client.chat
        .postMessage({ channel: userId, text: answer.text, blocks: answer.blocks })
        .catch((err: unknown) => deps.logger.warn({ err }, "could not answer the New date form"));
    } finally {
      // The request is saved: what follows it does not wait on the answer.
      await applyEffects(deps, { client, workspace }, effects);
    }
  };
}

/** Asks one approver by DM, with Approve and Decline. */
function askApproverBy(
  deps: SlackDeps,
  client: ViewArgs["client"],
  { workspace, userId, due, reason }: { workspace: Workspace; userId: string; due: ResolvedDue; reason: string | null },
): AskApprover {
  return async (approver, { requestId, action, approvers }) => {
    const timeZone = timeZoneOf(action, workspace.timeZone);
    const newDue = dayWithWords(due.dueAt, due.dueText, timeZone);
    const posted = await client.chat
      .postMessage({
        channel: approver,
        ...extensionRequestMessage(action, requestId, userId, newDue, reason, timeZone, approvers),
      })
      // One approver Slack will not deliver to (deactivated, say) does not stop the other being asked.
      .catch((err: unknown) => deps.logger.warn({ err, approver }, "could not ask an approver for a new date"));
    return posted?.channel && posted.ts ? { channel: posted.channel, ts: posted.ts } : undefined;
  };
}

/** What the person who asked is told: the date moved, or whom it was asked of. */
function requestedView(requested: NewDateRequested, due: ResolvedDue, userId: string, workspace: Workspace) {
  if (requested.kind === "changed") {
    const { eventType, action } = requested.changed;
    return actionChangedView(eventType, action, userId, timeZoneOf(action, workspace.timeZone));
  }
  const { action, approvers, askedCount } = requested;
  const newDue = dayWithWords(due.dueAt, due.dueText, timeZoneOf(action, workspace.timeZone));
  const who = approvers.map((a) => `<@${a}>`).join(" and ");
  if (askedCount === 0) {
    return decidedMessage(
      action.reference,
      `Your request to move ${action.reference} to ${newDue} is waiting for ${who}, but Slack would not deliver a message to them. It shows on their Home tab; you may want to tell them.`,
    );
  }
  return decidedMessage(
    action.reference,
    `Asked ${who} to approve moving ${action.reference} to ${newDue}${approvers.length > 1 ? " (whoever answers first decides)" : ""}. You will hear back here.`,
  );
}
