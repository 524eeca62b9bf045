import type { SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { changeAction } from "../../../domain/actions/change-action";
import { createAction } from "../../../domain/actions/create-action";
import { dueOnDay, resolveDue, type ResolvedDue } from "../../../domain/actions/resolve-due";
import type { BoardSummary } from "../../../domain/boards/resolve-board";
import { BOARD_SELECT } from "../../../domain/boards/resolve-board";
import { AppError, isAppError } from "../../../errors";
import { applyActionEffects } from "../../action-effects";
import { isoDayOf } from "../../../dates";
import type { SlackDeps } from "../../deps";
import { defineWork } from "../../durable-work";
import { failureView, parseJsonSafely, tooLong, truncate, type MessageView } from "../../views/blocks";
import { actionChangedView } from "../../views/actions/action-changed";
import { actionLoggedView } from "../../views/actions/action-logged";
import { ACTION_MODAL, type ActionModalMetadata } from "../../views/actions/action-modal";
import { timeZoneOf } from "../../views/actions/describe-action";
import { actorFor } from "../commands/action/run-change";
import { findVisibleActionById } from "../commands/action/run-show";
import { isBoardHiddenFrom } from "../../people";
import { tellSubmitter } from "../../tell-submitter";
import type { ListenerArgs } from "../../context";

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

/** Submitting the New/Edit action form: field errors shown on the form, else saved and confirmed. */
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
    const chosen: BoardSummary | undefined = form.boardId
      ? ((await deps.db.board.findFirst({
          where: { id: form.boardId, workspaceId: workspace.id, archivedAt: null },
          select: BOARD_SELECT,
        })) ?? undefined)
      : undefined;
    // The form lists only boards the person may see; any other is not one of them.
    const board =
      chosen && !(await isBoardHiddenFrom(client, chosen, { channelId: undefined, slackUserId: userId }))
        ? chosen
        : undefined;

    // Field by field, so the form shows each problem beside its field and keeps what was typed.
    const errors: Record<string, string> = {};
    if (form.boardId && !board) errors[ACTION_MODAL.board] = "Pick one of the boards listed, or none.";
    if (!form.text)
      errors[ACTION_MODAL.text] = 'Say what is to be done, such as "Draft the CONTEST terms of reference".';
    const M = ACTION_MODAL.maxLength;
    const typed = (blockId: string) => values[blockId]?.[ACTION_MODAL.value]?.value;
    for (const [blockId, problem] of [
      [ACTION_MODAL.text, tooLong("The action's text is", form.text, M.text)],
      [
        ACTION_MODAL.ownerBodies,
        tooLong("The owners outside Slack are", typed(ACTION_MODAL.ownerBodies), M.ownerBodies),
      ],
      [ACTION_MODAL.duePhrase, tooLong("The date in words is", typed(ACTION_MODAL.duePhrase), M.duePhrase)],
    ] as const) {
      if (problem) errors[blockId] = problem;
    }
    let due: ResolvedDue | null = null;
    const kept =
      metadata.data.mode === "edit" ? await unchangedDue(deps, workspace, metadata.data.actionId, form) : undefined;
    if (kept) {
      due = kept;
    } else if (form.dueDate) {
      due = dueOnDay(form.dueDate, board?.timeZone ?? workspace.timeZone);
    } else if (form.duePhrase && !errors[ACTION_MODAL.duePhrase]) {
      try {
        due = await resolveDue(deps.db, { phrase: form.duePhrase, board, timeZone: workspace.timeZone, now });
      } catch (error) {
        if (!isAppError(error)) throw error;
        errors[ACTION_MODAL.duePhrase] = truncate(
          `${error.message.replace(" Nothing was saved.", "")} ${error.hint ?? ""}`.trim(),
          150,
        );
      }
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    // Kept in Redis before the form closes; saved and confirmed by whichever process is free.
    const input: FormWork = {
      metadata: metadata.data,
      form,
      due: due && { ...due, dueAt: due.dueAt.toISOString() },
      boardId: board?.id,
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
            (isAppError(error)
              ? `${error.message} ${error.hint ?? ""}`
              : "Something went wrong; nothing was saved. Try again."
            ).trim(),
            150,
          ),
        },
      });
      return;
    }
    await ack();
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
  async run(deps, work, input) {
    const { workspace, userId, client, receivedAt: now } = work;
    const due: ResolvedDue | null = input.due && { ...input.due, dueAt: new Date(input.due.dueAt) };
    let outcome: { view: MessageView; after?: () => Promise<void> };
    try {
      const c = { client, workspace, userId, form: input.form, due, metadata: input.metadata, now };
      outcome =
        input.metadata.mode === "edit"
          ? await saveEdit(deps, c)
          : await saveNew(deps, {
              ...c,
              board: await boardById(deps, workspace.id, input.boardId),
              viewId: input.viewId,
            });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "saving the action form failed");
      outcome = { view: failureView(error, "saved") };
    }
    await tellSubmitter(client, userId, input.metadata.channelId, outcome.view).catch((err: unknown) =>
      deps.logger.warn({ err }, "could not confirm the action form"),
    );
    await outcome.after?.();
  },
});

/** The board chosen on the form, unless it was archived since. */
async function boardById(
  deps: SlackDeps,
  workspaceId: string,
  boardId: string | undefined,
): Promise<BoardSummary | undefined> {
  if (!boardId) return undefined;
  const board = await deps.db.board.findFirst({
    where: { id: boardId, workspaceId, archivedAt: null },
    select: BOARD_SELECT,
  });
  if (!board)
    throw new AppError(
      "board_not_found",
      "The board chosen on the form is no longer there. Nothing was saved.",
      "Open the form again and choose another board, or none.",
    );
  return board;
}

interface SaveContext {
  client: WebClient;
  workspace: { id: string; timeZone: string };
  userId: string;
  form: FormValues;
  due: ResolvedDue | null;
  metadata: ActionModalMetadata;
  now: Date;
}

async function saveNew(deps: SlackDeps, c: SaveContext & { board: BoardSummary | undefined; viewId: string }) {
  const { action, isNew, reminders } = await createAction({
    db: deps.db,
    workspaceId: c.workspace.id,
    board: c.board,
    text: c.form.text,
    owners: c.form.owners,
    due: c.due ?? undefined,
    createdBySlackUserId: c.userId,
    originMeetingId: c.form.meetingId ?? null,
    sourceChannelId: c.metadata.sourceChannelId ?? null,
    sourceMessageTs: c.metadata.sourceMessageTs ?? null,
    requestKey: `view:${c.viewId}`,
    now: c.now,
  });
  const newOwnerIds = c.form.owners.flatMap((o) => ("slackUserId" in o ? [o.slackUserId] : []));
  return {
    view: actionLoggedView(action, timeZoneOf(action, c.workspace.timeZone)),
    after: isNew
      ? () =>
          applyActionEffects(deps, {
            workspace: c.workspace,
            client: c.client,
            action,
            actorSlackUserId: c.userId,
            newOwnerIds,
            reminders,
          })
      : undefined,
  };
}

async function saveEdit(deps: SlackDeps, c: SaveContext) {
  const found = await findVisibleActionById(
    { deps, client: c.client, workspace: c.workspace, userId: c.userId },
    c.metadata.actionId ?? "",
  );
  const actor = await actorFor({ client: c.client, userId: c.userId }, found);
  const { action, before, eventType, reminders } = await changeAction(deps.db, {
    workspaceId: c.workspace.id,
    actionId: found.id,
    actor,
    change: {
      kind: "edit",
      text: c.form.text,
      owners: c.form.owners,
      due: c.due,
      originMeetingId: c.form.meetingId ?? null,
    },
    now: c.now,
    ...(c.metadata.version !== undefined ? { expectedVersion: c.metadata.version } : {}),
  });
  return {
    view: actionChangedView(eventType, action, c.userId, timeZoneOf(action, c.workspace.timeZone)),
    after: () =>
      applyActionEffects(deps, {
        workspace: c.workspace,
        client: c.client,
        action,
        actorSlackUserId: c.userId,
        change: { before },
        reminders,
      }),
  };
}

/**
 * In the Edit form a due date left as it was stays exactly as it was: the phrase
 * is not read again (a relative one like "next Friday" would move) and a picked
 * day that matches keeps the phrase it was written as.
 */
async function unchangedDue(
  deps: SlackDeps,
  workspace: { id: string; timeZone: string },
  actionId: string | undefined,
  form: FormValues,
): Promise<ResolvedDue | undefined> {
  if (!actionId) return undefined;
  const action = await deps.db.action.findFirst({
    where: { id: actionId, workspaceId: workspace.id },
    include: { board: { select: { timeZone: true } } },
  });
  if (!action?.dueAt || !action.duePrecision) return undefined;
  const existing: ResolvedDue = {
    dueAt: action.dueAt,
    duePrecision: action.duePrecision,
    dueText: action.dueText,
    dueMeetingId: action.dueMeetingId,
  };
  const timeZone = action.board?.timeZone ?? workspace.timeZone;
  if (form.dueDate && form.dueDate === isoDayOf(action.dueAt, timeZone)) return existing;
  if (!form.dueDate && form.duePhrase && form.duePhrase === action.dueText) return existing;
  return undefined;
}
