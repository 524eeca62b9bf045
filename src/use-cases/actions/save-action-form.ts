// The New/Edit action form, saved (from Redis, after the form closed): a new action
// logged, or the action changed as the form says.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { changeAction } from "../../domain/actions/change-action";
import { createAction } from "../../domain/actions/create-action";
import type { ResolvedDue } from "../../domain/actions/resolve-due";
import { liveBoardById, type BoardSummary } from "../../domain/boards/resolve-board";
import { AppError } from "../../errors";
import { assertMayChange, visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import type { ActionForm } from "./check-action-form";

export interface ActionFormToSave {
  mode: "new" | "edit";
  form: ActionForm;
  due: ResolvedDue | null;
  /** New: the board chosen, checked visible to the caller when the form was submitted. */
  boardId?: string;
  /** New: the form's view id, so a second delivery of it finds the action already logged. */
  viewId: string;
  /** New, from "Log as action": the message it was logged from. */
  sourceChannelId?: string;
  sourceMessageTs?: string;
  /** Edit: the action, and the version the form was opened on. */
  actionId?: string;
  version?: number;
}

export type SavedActionForm =
  { kind: "logged"; action: ActionRecord } | { kind: "changed"; action: ActionRecord; eventType: string };

export function saveActionForm(db: Db, caller: Caller, input: ActionFormToSave): Promise<Outcome<SavedActionForm>> {
  return input.mode === "edit" ? saveEdit(db, caller, input) : saveNew(db, caller, input);
}

async function saveNew(db: Db, caller: Caller, input: ActionFormToSave): Promise<Outcome<SavedActionForm>> {
  const { form } = input;
  const { action, isNew, reminders } = await createAction({
    db,
    workspaceId: caller.workspace.id,
    board: await boardById(db, caller, input.boardId),
    text: form.text,
    owners: form.owners,
    due: input.due ?? undefined,
    createdBySlackUserId: caller.userId,
    workspaceTimeZone: caller.workspace.timeZone,
    originMeetingId: form.meetingId ?? null,
    sourceChannelId: input.sourceChannelId ?? null,
    sourceMessageTs: input.sourceMessageTs ?? null,
    requestKey: `view:${input.viewId}`,
    now: caller.now,
  });
  return {
    result: { kind: "logged", action },
    // A second delivery of the form finds the action logged: its owners were told the first time.
    effects: isNew
      ? [
          {
            kind: "action_changed",
            action,
            actorSlackUserId: caller.userId,
            newOwnerIds: form.owners.flatMap((o) => ("slackUserId" in o ? [o.slackUserId] : [])),
            reminders,
          },
        ]
      : [],
  };
}

async function saveEdit(db: Db, caller: Caller, input: ActionFormToSave): Promise<Outcome<SavedActionForm>> {
  const { form } = input;
  const found = await visibleActionById(db, caller, input.actionId ?? "");
  const { action, before, eventType, reminders } = await changeAction(db, {
    workspaceId: caller.workspace.id,
    actionId: found.id,
    actor: await assertMayChange(caller, found),
    change: {
      kind: "edit",
      text: form.text,
      owners: form.owners,
      due: input.due,
      originMeetingId: form.meetingId ?? null,
    },
    now: caller.now,
    ...(input.version !== undefined ? { expectedVersion: input.version } : {}),
  });
  return {
    result: { kind: "changed", action, eventType },
    effects: [{ kind: "action_changed", action, actorSlackUserId: caller.userId, change: { before }, reminders }],
  };
}

/** The board chosen on the form, unless it was archived since. */
async function boardById(db: Db, caller: Caller, boardId: string | undefined): Promise<BoardSummary | undefined> {
  if (!boardId) return undefined;
  const board = await liveBoardById(db, caller.workspace.id, boardId);
  if (!board) throw new AppError({ code: "form_board_gone" });
  return board;
}
