import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { ACTION_INCLUDE, type Actor } from "./action-record";
import type { ChangedAction } from "./change-action";
import { syncActionReminders } from "../reminders/sync-action-reminders";

/**
 * Undoes the change an Undo button was drawn for: logging it (the action is
 * withdrawn) or closing it (it is reopened). Only the person who made the change,
 * and only while nothing else has changed since.
 */
export async function undoChange(
  db: Db,
  {
    workspaceId,
    actionId,
    version,
    actor,
    now,
  }: { workspaceId: string; actionId: string; version: number; actor: Actor; now: Date },
): Promise<ChangedAction> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Action" WHERE id = ${actionId}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
    const before = await tx.action.findFirst({ where: { id: actionId, workspaceId }, include: ACTION_INCLUDE });
    if (!before) throw new AppError({ code: "action_not_found" });
    if (before.version !== version) {
      throw new AppError({ code: "undo_stale", reference: before.reference });
    }
    const last = await tx.actionEvent.findFirst({ where: { actionId }, orderBy: { createdAt: "desc" } });
    if (!last || last.actorSlackUserId !== actor.slackUserId) {
      throw new AppError({ code: "undo_not_yours", reference: before.reference });
    }
    const isCreation = last.type === "created";
    if (!isCreation && last.type !== "done" && last.type !== "dropped") {
      throw new AppError({ code: "undo_unsupported", reference: before.reference });
    }
    const action = await tx.action.update({
      where: { id: actionId },
      data: isCreation
        ? { status: "dropped", closedAt: now, closedBySlackUserId: actor.slackUserId, version: { increment: 1 } }
        : { status: "open", closedAt: null, closedBySlackUserId: null, version: { increment: 1 } },
      include: ACTION_INCLUDE,
    });
    const eventType = isCreation ? "withdrawn" : "reopened";
    await tx.actionEvent.create({
      data: {
        workspaceId,
        actionId,
        type: eventType,
        actorSlackUserId: actor.slackUserId,
        before: { status: before.status },
        after: { status: action.status },
        note: "undo",
        createdAt: now,
      },
    });
    const reminders = await syncActionReminders(tx, { workspaceId, actionId, now });
    return { action, before, eventType, reminders };
  });
}
