import type {
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import { z } from "zod";
import type { Prisma } from "../../../db/client";
import { formatDay } from "../../../dates";
import { changeAction } from "../../../domain/actions/change-action";
import { dueOnDay, resolveDue, type ResolvedDue } from "../../../domain/actions/resolve-due";
import { approversOf, decideExtension, requestExtension } from "../../../domain/reminders/request-extension";
import { AppError, isAppError } from "../../../errors";
import { applyActionEffects } from "../../action-effects";
import type { SlackDeps } from "../../deps";
import { failureView, parseJsonSafely, problemView, tooLong, truncate, type MessageView } from "../../views/blocks";
import { actionChangedView } from "../../views/actions/action-changed";
import { dayWithWords, timeZoneOf } from "../../views/actions/describe-action";
import { REMINDER_BUTTONS } from "../../views/reminders/reminder-message";
import { decidedMessage, extensionRequestMessage, NEW_DATE, newDateModal } from "../../views/reminders/new-date";
import { actorFor } from "../commands/action/run-change";
import { findVisibleAction, findVisibleActionById } from "../commands/action/run-show";
import { changeRightOf, notAllowedToChange } from "../../../domain/actions/authorize-change";
import { openFormAtOnce } from "../../open-form";
import type { ListenerArgs, MinutebookContext } from "../../context";

type Workspace = { id: string; timeZone: string };
type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;
type ViewArgs = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;

const Metadata = z.object({ actionId: z.string().uuid(), channelId: z.string().optional() });

/** New date from a reminder; approval by the chair or secretary where the board asks for it. */
export function register(app: App, deps: SlackDeps): void {
  app.action(REMINDER_BUTTONS.newDate, openForm(deps));
  app.view(NEW_DATE.callbackId, submitForm(deps));
  app.action(NEW_DATE.approve, decide(deps, true));
  app.action(NEW_DATE.decline, decide(deps, false));
}

function workspaceOf(context: MinutebookContext): Workspace | undefined {
  return context.workspace;
}

async function needsApproval(deps: SlackDeps, boardId: string | null, userId: string): Promise<boolean> {
  if (!boardId) return false;
  const board = await deps.db.board.findUnique({
    where: { id: boardId },
    select: { requireExtensionApproval: true, chairSlackUserId: true, secretarySlackUserId: true },
  });
  const approvers = approversOf(board);
  return Boolean(board?.requireExtensionApproval) && approvers.length > 0 && !approvers.includes(userId);
}

type Request = { deps: SlackDeps; client: ButtonArgs["client"]; workspace: Workspace; userId: string };

interface ApproverMessage {
  userId: string;
  channel: string;
  ts: string;
}

/** Where the approvers' messages about a request are, as stored; a request from before both were asked kept one. */
function approverMessagesOf(request: {
  approverMessages: unknown;
  approverChannelId: string | null;
  approverMessageTs: string | null;
}): Array<{ channel: string; ts: string }> {
  const parsed = z.array(z.object({ channel: z.string(), ts: z.string() })).safeParse(request.approverMessages);
  if (parsed.success) return parsed.data;
  return request.approverChannelId && request.approverMessageTs
    ? [{ channel: request.approverChannelId, ts: request.approverMessageTs }]
    : [];
}

const isFromMessage = (args: ButtonArgs) => args.body.container?.type !== "view";

/** The action a New date button or form is about, if the person may change it: anyone else is told so in place of the form. */
async function changeableAction(request: Request, actionId: string, goneMessage?: string) {
  const action = await findVisibleActionById(request, actionId, goneMessage);
  if (!changeRightOf(action, await actorFor(request, action))) throw notAllowedToChange(action);
  return action;
}

function openForm(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = workspaceOf(args.context);
    if (!workspace) return;
    await openFormAtOnce({
      client: args.client,
      triggerId: args.body.trigger_id,
      title: "New date",
      logger: deps.logger,
      build: () =>
        deps.limit(async () => {
          const gone = "That reminder is no longer there. Nothing was changed.";
          const value = args.action.value ?? "";
          const reminder = /^[0-9a-f-]{36}$/.test(value)
            ? await deps.db.reminder.findFirst({
                where: { id: value, workspaceId: workspace.id },
                select: { actionId: true },
              })
            : null;
          if (!reminder?.actionId) throw new AppError("reminder_not_found", gone);
          const userId = args.body.user.id;
          const action = await changeableAction(
            { deps, client: args.client, workspace, userId },
            reminder.actionId,
            gone,
          );
          return newDateModal(
            action,
            timeZoneOf(action, workspace.timeZone),
            { actionId: action.id, ...(args.body.channel?.id ? { channelId: args.body.channel.id } : {}) },
            await needsApproval(deps, action.boardId, userId),
          );
        }),
    });
  };
}

type Value = { value?: string | null; selected_date?: string | null };

function submitForm(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = workspaceOf(context);
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
    const fieldErrors = Object.fromEntries(
      Object.entries(overlong).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    if (Object.keys(fieldErrors).length > 0) {
      await ack({ response_action: "errors", errors: fieldErrors });
      return;
    }
    const userId = body.user.id;
    const now = deps.now();
    let action: Awaited<ReturnType<typeof changeableAction>>;
    try {
      action = await changeableAction({ deps, client, workspace, userId }, metadata.data.actionId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      await ack({ response_action: "errors", errors: { [NEW_DATE.date]: truncate(error.message, 150) } });
      return;
    }
    let due: ResolvedDue;
    try {
      if (date) due = dueOnDay(date, action.board?.timeZone ?? workspace.timeZone);
      else if (phrase)
        due = await resolveDue(deps.db, {
          phrase,
          board: action.board ?? undefined,
          timeZone: workspace.timeZone,
          now,
        });
      else throw new AppError("no_date", 'Pick a date, or write one such as "end of January".');
    } catch (error) {
      if (!isAppError(error)) throw error;
      await ack({
        response_action: "errors",
        errors: {
          [date ? NEW_DATE.date : NEW_DATE.phrase]: truncate(
            `${error.message.replace(" Nothing was saved.", "")} ${error.hint ?? ""}`.trim(),
            150,
          ),
        },
      });
      return;
    }
    await ack();
    let view_: MessageView;
    try {
      view_ = await deps.limit(async () => {
        const timeZone = action.board?.timeZone ?? workspace.timeZone;
        const newDue = dayWithWords(due.dueAt, due.dueText, timeZone);
        if (await needsApproval(deps, action.boardId, userId)) {
          const request = await requestExtension(deps.db, {
            workspaceId: workspace.id,
            actionId: action.id,
            slackUserId: userId,
            due,
            reason,
            now,
          });
          const full = await findVisibleAction({ deps, client, workspace, userId }, action.reference);
          // The chair and the secretary are both asked; whoever answers first decides.
          const approvers = approversOf(action.board);
          const asked: ApproverMessage[] = [];
          for (const approver of approvers) {
            // One approver Slack will not deliver to (deactivated, say) does not stop the other being asked.
            const posted = await client.chat
              .postMessage({
                channel: approver,
                ...extensionRequestMessage(full, request.id, userId, newDue, reason, timeZone, approvers),
              })
              .catch((err: unknown) => deps.logger.warn({ err, approver }, "could not ask an approver for a new date"));
            if (posted?.channel && posted.ts) asked.push({ userId: approver, channel: posted.channel, ts: posted.ts });
            deps.refreshHome(client, workspace, approver);
          }
          await deps.db.extensionRequest.update({
            where: { id: request.id },
            data: {
              approverChannelId: asked[0]?.channel ?? null,
              approverMessageTs: asked[0]?.ts ?? null,
              approverMessages: asked as unknown as Prisma.InputJsonValue,
            },
          });
          const who = approvers.map((a) => `<@${a}>`).join(" and ");
          if (asked.length === 0) {
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
        const request = { deps, client, workspace, userId };
        const found = await findVisibleAction(request, action.reference);
        const changed = await changeAction(deps.db, {
          workspaceId: workspace.id,
          actionId: action.id,
          actor: await actorFor(request, found),
          change: { kind: "due", due },
          now,
        });
        await applyActionEffects(deps, {
          workspace,
          client,
          action: changed.action,
          actorSlackUserId: userId,
          change: { before: changed.before },
          reminders: changed.reminders,
        });
        return actionChangedView(changed.eventType, changed.action, userId, timeZone);
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "the New date form failed");
      view_ = failureView(error);
    }
    await client.chat
      .postMessage({ channel: userId, text: view_.text, blocks: view_.blocks })
      .catch((err: unknown) => deps.logger.warn({ err }, "could not answer the New date form"));
  };
}

function decide(deps: SlackDeps, isApproved: boolean) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = workspaceOf(args.context);
    if (!workspace) return;
    const userId = args.body.user.id;
    try {
      const { reference, said } = await deps.limit(async () => {
        const gone = "That request is no longer there. Nothing was changed.";
        const value = args.action.value ?? "";
        const pending = /^[0-9a-f-]{36}$/.test(value)
          ? await deps.db.extensionRequest.findFirst({
              where: { id: value, workspaceId: workspace.id },
              select: { actionId: true },
            })
          : null;
        if (!pending) throw new AppError("request_not_found", gone);
        const found = await findVisibleActionById(
          { deps, client: args.client, workspace, userId },
          pending.actionId,
          gone,
        );
        // Only the chair's, secretary's or an admin's say counts here, not an owner's.
        const actor = await actorFor(
          { client: args.client, userId },
          { ...found, owners: [], createdBySlackUserId: null },
        );
        const { request, changed } = await decideExtension(deps.db, {
          workspaceId: workspace.id,
          requestId: args.action.value ?? "",
          actor,
          isApproved,
          now: deps.now(),
        });
        const timeZone = timeZoneOf(found, workspace.timeZone);
        const newDue = dayWithWords(request.requestedDueAt, request.requestedDueText, timeZone);
        const outcome = isApproved
          ? `approved by <@${userId}>: ${found.reference} is now due ${newDue}`
          : `declined by <@${userId}>: ${found.reference} stays due ${formatDay(found.dueAt ?? request.requestedDueAt, timeZone)}`;
        const toOwner = decidedMessage(found.reference, `Your new date for ${found.reference} was ${outcome}.`);
        await args.client.chat.postMessage({
          channel: request.requestedBySlackUserId,
          text: toOwner.text,
          blocks: toOwner.blocks,
        });
        // Co-owners hear of the new date too; the one who asked has just been told.
        if (changed)
          await applyActionEffects(deps, {
            workspace,
            client: args.client,
            action: changed.action,
            actorSlackUserId: userId,
            change: { before: changed.before },
            toldAlready: [request.requestedBySlackUserId],
            reminders: changed.reminders,
          });
        const said = `New date ${outcome}.`;
        // The other approver's request says it was decided, and by whom; both Home tabs drop it.
        const pressedOn = isFromMessage(args) ? args.body.message?.ts : undefined;
        for (const other of approverMessagesOf(request)) {
          if (other.ts === pressedOn) continue;
          const view = decidedMessage(found.reference, said);
          await args.client.chat
            .update({ channel: other.channel, ts: other.ts, text: view.text, blocks: view.blocks })
            .catch((err: unknown) => deps.logger.warn({ err }, "could not mark a new-date request decided"));
        }
        for (const approver of new Set([...approversOf(found.board), userId]))
          deps.refreshHome(args.client, workspace, approver);
        return { reference: found.reference, said };
      });
      // From the Home tab there is no message to replace: the tab is redrawn, and the decision told by DM.
      if (isFromMessage(args)) await args.respond({ replace_original: true, ...decidedMessage(reference, said) });
      else await args.client.chat.postMessage({ channel: userId, ...decidedMessage(reference, said) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      // From the Home tab there is nowhere to answer but a DM.
      if (isFromMessage(args))
        await args.respond({
          response_type: "ephemeral",
          replace_original: false,
          ...problemView(error.message, error.hint),
        });
      else await args.client.chat.postMessage({ channel: userId, ...problemView(error.message, error.hint) });
    }
  };
}
