import type { Db, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import {
  ACTION_INCLUDE,
  describeOwners,
  ownerInputsOf,
  type ActionRecord,
  type Actor,
  type OwnerInput,
} from "./action-record";
import { changeRightOf, notAllowedToChange } from "./authorize-change";
import type { ResolvedDue } from "./resolve-due";
import type { ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";

export type ActionChange =
  | { kind: "done"; note: string | undefined }
  | { kind: "update"; note: string }
  | { kind: "due"; due: ResolvedDue }
  | { kind: "assign"; owners: readonly OwnerInput[] }
  | { kind: "drop"; reason: string }
  | { kind: "reopen" }
  /** The Edit form: every field at once; only what differs is recorded. */
  | {
      kind: "edit";
      text: string;
      owners: readonly OwnerInput[];
      due: ResolvedDue | null;
      originMeetingId: string | null;
    };

export interface ChangedAction {
  action: ActionRecord;
  before: ActionRecord;
  eventType: string;
  /** Reminder rows moved or cancelled with it, for their jobs to follow after commit. */
  reminders: ReminderSync;
}

const EVENT_TYPE: Record<ActionChange["kind"], string> = {
  done: "done",
  update: "note",
  due: "due_changed",
  assign: "assigned",
  drop: "dropped",
  reopen: "reopened",
  edit: "updated",
};

/**
 * Applies one change to an action, with its ActionEvent, in one transaction under a
 * row lock, after checking the actor may make it. Anyone else gets a clear refusal
 * and nothing changes.
 */
export async function changeAction(db: Db, options: ApplyChangeOptions): Promise<ChangedAction> {
  return db.$transaction((tx) => applyChange(tx, options));
}

export interface ApplyChangeOptions {
  workspaceId: string;
  actionId: string;
  actor: Actor;
  change: ActionChange;
  now: Date;
  /** The version a form was opened on: if the action changed since, nothing is saved. */
  expectedVersion?: number;
}

/** changeAction inside a transaction the caller already holds (an approval that moves a date, say). */
export async function applyChange(
  tx: Prisma.TransactionClient,
  { workspaceId, actionId, actor, change, now, expectedVersion }: ApplyChangeOptions,
): Promise<ChangedAction> {
  await tx.$queryRaw`SELECT id FROM "Action" WHERE id = ${actionId}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
  const before = await tx.action.findFirst({ where: { id: actionId, workspaceId }, include: ACTION_INCLUDE });
  if (!before) throw new AppError({ code: "action_not_found" });
  if (!changeRightOf(before, actor)) throw notAllowedToChange(before);
  if (expectedVersion !== undefined && before.version !== expectedVersion) {
    throw new AppError({ code: "changed_since", reference: before.reference });
  }
  checkState(before, change);
  const data = dataFor(change, actor, now);
  const action = await tx.action.update({
    where: { id: actionId },
    data: { ...data, version: { increment: 1 } },
    include: ACTION_INCLUDE,
  });
  if (change.kind === "assign" || change.kind === "edit") {
    await tx.actionOwner.deleteMany({ where: { actionId } });
    await tx.actionOwner.createMany({
      data: change.owners.map((owner, position) => ({
        workspaceId,
        actionId,
        position,
        slackUserId: "slackUserId" in owner ? owner.slackUserId : null,
        bodyName: "bodyName" in owner ? owner.bodyName : null,
      })),
    });
  }
  const [eventBefore, eventAfter] = snapshots(before, change);
  await tx.actionEvent.create({
    data: {
      workspaceId,
      actionId,
      type: EVENT_TYPE[change.kind],
      actorSlackUserId: actor.slackUserId,
      before: eventBefore,
      after: eventAfter,
      note: noteOf(change),
      createdAt: now,
    },
  });
  const after =
    change.kind === "assign" || change.kind === "edit"
      ? await tx.action.findUniqueOrThrow({ where: { id: actionId }, include: ACTION_INCLUDE })
      : action;
  const reminders = await syncActionReminders(tx, { workspaceId, actionId, now });
  return { action: after, before, eventType: EVENT_TYPE[change.kind], reminders };
}

function checkState(action: ActionRecord, change: ActionChange): void {
  const ref = action.reference;
  switch (change.kind) {
    case "done":
      if (action.status === "done") throw new AppError({ code: "already_done", reference: ref });
      if (action.status === "dropped") throw new AppError({ code: "is_dropped", reference: ref });
      return;
    case "due":
    case "assign":
    case "drop":
      if (action.status !== "open") {
        throw new AppError({ code: "not_open", reference: ref, status: action.status, tried: "change" });
      }
      return;
    case "reopen":
      if (action.status === "open") throw new AppError({ code: "already_open", reference: ref });
      return;
    case "update":
      return;
    case "edit":
      if (action.status !== "open") {
        throw new AppError({ code: "not_open", reference: ref, status: action.status, tried: "edit" });
      }
      return;
  }
}

function dataFor(change: ActionChange, actor: Actor, now: Date): Prisma.ActionUpdateInput {
  switch (change.kind) {
    case "done":
      return { status: "done", closedAt: now, closedBySlackUserId: actor.slackUserId };
    case "drop":
      return { status: "dropped", closedAt: now, closedBySlackUserId: actor.slackUserId };
    case "reopen":
      return { status: "open", closedAt: null, closedBySlackUserId: null };
    case "due":
      return {
        dueAt: change.due.dueAt,
        duePrecision: change.due.duePrecision,
        dueText: change.due.dueText,
        dueMeeting: change.due.dueMeetingId ? { connect: { id: change.due.dueMeetingId } } : { disconnect: true },
      };
    case "assign":
    case "update":
      // Owners are rewritten after the update; a note changes nothing but the version.
      return {};
    case "edit":
      return {
        text: change.text,
        dueAt: change.due?.dueAt ?? null,
        duePrecision: change.due?.duePrecision ?? null,
        dueText: change.due?.dueText ?? null,
        dueMeeting: change.due?.dueMeetingId ? { connect: { id: change.due.dueMeetingId } } : { disconnect: true },
        originMeeting: change.originMeetingId ? { connect: { id: change.originMeetingId } } : { disconnect: true },
      };
  }
}

function snapshots(
  before: ActionRecord,
  change: ActionChange,
): [Prisma.InputJsonValue | undefined, Prisma.InputJsonValue | undefined] {
  switch (change.kind) {
    case "done":
    case "drop":
    case "reopen":
      return [
        { status: before.status },
        { status: change.kind === "reopen" ? "open" : change.kind === "done" ? "done" : "dropped" },
      ];
    case "due":
      return [
        { dueAt: before.dueAt?.toISOString() ?? null, duePrecision: before.duePrecision, dueText: before.dueText },
        { dueAt: change.due.dueAt.toISOString(), duePrecision: change.due.duePrecision, dueText: change.due.dueText },
      ];
    case "assign":
      return [{ owners: describeOwners(ownerInputsOf(before)) }, { owners: describeOwners(change.owners) }];
    case "update":
      return [undefined, undefined];
    case "edit":
      return editSnapshots(before, change);
  }
}

/** Before and after of the fields the Edit form changed, and only those. */
function editSnapshots(
  before: ActionRecord,
  change: Extract<ActionChange, { kind: "edit" }>,
): [Prisma.InputJsonValue, Prisma.InputJsonValue] {
  const was: Record<string, Prisma.InputJsonValue | null> = {};
  const now: Record<string, Prisma.InputJsonValue | null> = {};
  if (before.text !== change.text) [was.text, now.text] = [before.text, change.text];
  const ownersBefore = describeOwners(ownerInputsOf(before));
  const ownersAfter = describeOwners(change.owners);
  if (ownersBefore.join("\n") !== ownersAfter.join("\n")) [was.owners, now.owners] = [ownersBefore, ownersAfter];
  if (
    (before.dueAt?.toISOString() ?? null) !== (change.due?.dueAt.toISOString() ?? null) ||
    before.dueText !== (change.due?.dueText ?? null)
  ) {
    [was.dueAt, was.dueText, was.duePrecision] = [
      before.dueAt?.toISOString() ?? null,
      before.dueText,
      before.duePrecision,
    ];
    [now.dueAt, now.dueText, now.duePrecision] = [
      change.due?.dueAt.toISOString() ?? null,
      change.due?.dueText ?? null,
      change.due?.duePrecision ?? null,
    ];
  }
  if (before.originMeetingId !== change.originMeetingId)
    [was.originMeetingId, now.originMeetingId] = [before.originMeetingId, change.originMeetingId];
  return [was, now];
}

function noteOf(change: ActionChange): string | null {
  if (change.kind === "done" || change.kind === "update") return change.note ?? null;
  if (change.kind === "drop") return change.reason;
  return null;
}
