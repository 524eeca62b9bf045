import type { SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { ResolvedDue } from "../../../domain/actions/resolve-due";
import { isAppError, type Problem } from "../../../errors";
import { checkActionForm, type ActionFormCheck } from "../../../use-cases/actions/check-action-form";
import { saveActionForm, type SavedActionForm } from "../../../use-cases/actions/save-action-form";
import type { Effect } from "../../../use-cases/effects";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { defineWork } from "../../durable-work";
import { applyEffects } from "../../effects";
import { failureView, fieldErrors, parseJsonSafely, tooLong, truncate, type MessageView } from "../../views/blocks";
import { plainWordsFor, wordsFor } from "../../views/problems";
import { actionChangedView } from "../../views/actions/action-changed";
import { actionLoggedView } from "../../views/actions/action-logged";
import { ACTION_MODAL } from "../../views/actions/action-modal";
import { timeZoneOf } from "../../views/actions/describe-action";
import { tellSubmitter } from "../../tell-submitter";
import type { ListenerArgs } from "../../context";
import { callerOfWork } from "../actions/kept-button";

type Args = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;

const Metadata = z.object({
  mode: z.enum(["new", "edit"]),
  channelId: z.string().optional(),
  sourceChannelId: z.string().optional(),
  sourceMessageTs: z.string().optional(),
  actionId: z.string().uuid().optional(),
  version: z.number().int().optional(),
});

const Owner = z.union([z.object({ slackUserId: z.string() }), z.object({ bodyName: z.string() })]);
/** What the form says, as read from its fields (and as kept in Redis for saving). */
const FormValues = z.object({
  text: z.string(),
  owners: z.array(Owner),
  dueDate: z.string().optional(),
  duePhrase: z.string().optional(),
  boardId: z.string().optional(),
  meetingId: z.string().optional(),
});
type FormValues = z.infer<typeof FormValues>;

type StateValue = {
  value?: string | null;
  selected_users?: string[];
  selected_date?: string | null;
  selected_option?: { value: string } | null;
};

function readForm(values: Record<string, Record<string, StateValue>>): FormValues {
  const field = (blockId: string) => values[blockId]?.[ACTION_MODAL.value];
  const bodies = (field(ACTION_MODAL.ownerBodies)?.value ?? "")
    .split(/,|;|\n/)
    .map((b) => b.trim().replace(/\s+/g, " "))
    .filter(Boolean);
  return {
    text: (field(ACTION_MODAL.text)?.value ?? "").trim().replace(/\s+/g, " "),
    owners: [
      ...(field(ACTION_MODAL.ownerUsers)?.selected_users ?? []).map((slackUserId) => ({ slackUserId })),
      ...bodies.map((bodyName) => ({ bodyName })),
    ],
    dueDate: field(ACTION_MODAL.dueDate)?.selected_date ?? undefined,
    duePhrase: field(ACTION_MODAL.duePhrase)?.value?.trim() || undefined,
    boardId: field(ACTION_MODAL.board)?.selected_option?.value,
    meetingId: field(ACTION_MODAL.meeting)?.selected_option?.value,
  };
}

/** Submitting the New/Edit action form: field errors shown on the form, else kept for saving. */
export function actionModalListener(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const workspace = context.workspace;
    const metadata = Metadata.safeParse(parseJsonSafely(view.private_metadata));
    if (!workspace || !metadata.success) {
      await ack({
        response_action: "errors",
        errors: { [ACTION_MODAL.text]: "This form is out of date: close it and open it again." },
      });
      return;
    }
    const userId = body.user.id;
    const now = deps.now();
    const values = view.state.values as Record<string, Record<string, StateValue>>;
    const form = readForm(values);
    // The form's own limits, beside each field.
    const M = ACTION_MODAL.maxLength;
    const typed = (blockId: string) => values[blockId]?.[ACTION_MODAL.value]?.value;
    const overlong = {
      [ACTION_MODAL.text]: tooLong("The action's text is", form.text, M.text),
      [ACTION_MODAL.ownerBodies]: tooLong(
        "The owners outside Slack are",
        typed(ACTION_MODAL.ownerBodies),
        M.ownerBodies,
      ),
      [ACTION_MODAL.duePhrase]: tooLong("The date in words is", typed(ACTION_MODAL.duePhrase), M.duePhrase),
    };
    const caller = callerOf(client, { workspace, userId, channelId: metadata.data.channelId, now });
    const checked = await checkActionForm(deps.db, caller, {
      // A date in words too long to be one is not read.
      form: overlong[ACTION_MODAL.duePhrase] ? { ...form, duePhrase: undefined } : form,
      editing: metadata.data.mode === "edit" ? metadata.data.actionId : undefined,
    });
    // Field by field, so the form shows each problem beside its field and keeps what was typed;
    // a field too long says so rather than what else is wrong with it.
    const errors = { ...fieldErrors(fieldErrorsOf(checked.problems)), ...fieldErrors(overlong) };
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    // Kept in Redis before the form closes; saved and confirmed by whichever process is free.
    const input: FormWork = {
      metadata: metadata.data,
      form,
      due: checked.due && { ...checked.due, dueAt: checked.due.dueAt.toISOString() },
      boardId: checked.board?.id,
      viewId: view.id,
    };
    try {
      await deps.work.add(
        ACTION_FORM_WORK,
        { workspace, userId, channelId: metadata.data.channelId, responseUrl: undefined, receivedAt: now },
        input,
      );
    } catch (error) {
      // Not kept: the form stays open saying so, with what was typed.
      if (!isAppError(error)) deps.logger.error({ err: error }, "the action form could not be kept for saving");
      await ack({
        response_action: "errors",
        errors: {
          [ACTION_MODAL.text]: truncate(
            isAppError(error) ? plainWordsFor(error.problem) : "Something went wrong; nothing was saved. Try again.",
            150,
          ),
        },
      });
      return;
    }
    await ack();
  };
}

/** The check's problems, each beside its field, in the few words a field error has room for. */
function fieldErrorsOf(problems: ActionFormCheck["problems"]): Record<string, string | undefined> {
  const words = (problem: Problem | undefined) => {
    if (!problem) return undefined;
    const { text, hint } = wordsFor(problem);
    return truncate(`${text.replace(" Nothing was saved.", "")} ${hint ?? ""}`.trim(), 150);
  };
  return {
    [ACTION_MODAL.board]: words(problems.board),
    [ACTION_MODAL.text]: words(problems.text),
    [ACTION_MODAL.duePhrase]: words(problems.duePhrase),
  };
}

const FormWork = z.object({
  metadata: Metadata,
  form: FormValues,
  due: z
    .object({
      dueAt: z.string().datetime(),
      duePrecision: z.enum(["day", "month", "quarter", "season", "year"]),
      dueText: z.string().nullable(),
      dueMeetingId: z.string().nullable(),
    })
    .nullable(),
  /** The board the form chose, checked visible to the person when they submitted it. */
  boardId: z.string().optional(),
  viewId: z.string(),
});
type FormWork = z.infer<typeof FormWork>;

/** Saving a New or Edit action form, from Redis, then confirming where it was opened (or by DM). */
export const ACTION_FORM_WORK = defineWork({
  name: "action.form",
  input: FormWork,
  // A new action is keyed on the form's view id; an edit is checked against the version it
  // was opened at, and a second run would answer that someone else changed it.
  isSafeToRerun: ({ metadata }) => metadata.mode === "new",
  async run(deps, work, { metadata, form, due, boardId, viewId }) {
    const { channelId: _answerIn, ...saving } = metadata;
    let answer: MessageView;
    let effects: readonly Effect[] = [];
    try {
      const saved = await saveActionForm(deps.db, callerOfWork(work), {
        ...saving,
        form,
        due: due && ({ ...due, dueAt: new Date(due.dueAt) } satisfies ResolvedDue),
        boardId,
        viewId,
      });
      answer = savedView(saved.result, work.workspace.timeZone, work.userId);
      effects = saved.effects;
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "saving the action form failed");
      answer = failureView(error, "saved");
    }
    try {
      await tellSubmitter(work.client, work.userId, metadata.channelId, answer).catch((err: unknown) =>
        deps.logger.warn({ err }, "could not confirm the action form"),
      );
    } finally {
      // The form is saved: what follows it does not wait on the answer.
      await applyEffects(deps, work, effects);
    }
  },
});

function savedView(saved: SavedActionForm, workspaceTimeZone: string, userId: string): MessageView {
  const timeZone = timeZoneOf(saved.action, workspaceTimeZone);
  return saved.kind === "logged"
    ? actionLoggedView(saved.action, timeZone)
    : actionChangedView(saved.eventType, saved.action, userId, timeZone);
}
