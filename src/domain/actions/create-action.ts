import { Prisma, type Db } from "../../db/client";
import { ACTION_INCLUDE, describeOwners, type ActionRecord, type OwnerInput } from "./action-record";
import { formatReference } from "./reference";
import { EMPTY_SYNC, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import type { ResolvedDue } from "./resolve-due";

export interface CreateActionOptions {
  db: Db;
  workspaceId: string;
  board: { id: string; code: string } | undefined;
  text: string;
  owners: readonly OwnerInput[];
  due: ResolvedDue | undefined;
  createdBySlackUserId: string | null;
  /** "import" for actions read from minutes; null when a person logged it. */
  actorLabel?: string | null;
  originMeetingId?: string | null;
  originMinuteItemId?: string | null;
  sourceLine?: number | null;
  sourceChannelId?: string | null;
  sourceMessageTs?: string | null;
  /** The minutes import it came from, kept in its first event with `eventNote` saying how. */
  importId?: string | null;
  eventNote?: string | null;
  /** What Slack sent (trigger or view id): the same key twice returns the first action. */
  requestKey?: string | null;
  now: Date;
}

export interface CreatedAction {
  action: ActionRecord;
  /** False when the request had been seen before and the earlier action came back. */
  isNew: boolean;
  /** Reminder rows planned with it, for their jobs to be queued after commit. */
  reminders: ReminderSync;
}

/** Logs an action: numbers it on its board, stores owners and the "created" event, in one transaction. */
export async function createAction(options: CreateActionOptions): Promise<CreatedAction> {
  const { db, workspaceId, requestKey } = options;
  const existing = async () =>
    requestKey ? db.action.findFirst({ where: { workspaceId, requestKey }, include: ACTION_INCLUDE }) : null;
  const earlier = await existing();
  if (earlier) return { action: earlier, isNew: false, reminders: EMPTY_SYNC };
  try {
    return await db.$transaction(async (tx) => {
      const action = await insertAction(tx, options);
      const reminders = await syncActionReminders(tx, { workspaceId, actionId: action.id, now: options.now });
      return { action, isNew: true, reminders };
    });
  } catch (error) {
    // Two deliveries of one request raced: the loser returns the winner's action.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await existing();
      if (winner) return { action: winner, isNew: false, reminders: EMPTY_SYNC };
    }
    throw error;
  }
}

export async function insertAction(tx: Prisma.TransactionClient, options: CreateActionOptions): Promise<ActionRecord> {
  const { workspaceId, board, due } = options;
  const number = board
    ? (
        await tx.board.update({
          where: { id: board.id },
          data: { nextActionNumber: { increment: 1 } },
          select: { nextActionNumber: true },
        })
      ).nextActionNumber - 1
    : (
        await tx.workspace.update({
          where: { id: workspaceId },
          data: { nextActionNumber: { increment: 1 } },
          select: { nextActionNumber: true },
        })
      ).nextActionNumber - 1;
  const reference = formatReference(board?.code, number);
  const action = await tx.action.create({
    data: {
      workspaceId,
      boardId: board?.id ?? null,
      number,
      reference,
      text: options.text,
      dueAt: due?.dueAt ?? null,
      duePrecision: due?.duePrecision ?? null,
      dueText: due?.dueText ?? null,
      dueMeetingId: due?.dueMeetingId ?? null,
      originMeetingId: options.originMeetingId ?? null,
      originMinuteItemId: options.originMinuteItemId ?? null,
      sourceLine: options.sourceLine ?? null,
      sourceChannelId: options.sourceChannelId ?? null,
      sourceMessageTs: options.sourceMessageTs ?? null,
      createdBySlackUserId: options.createdBySlackUserId,
      requestKey: options.requestKey ?? null,
      createdAt: options.now,
      owners: {
        create: options.owners.map((owner, position) => ({
          workspaceId,
          position,
          slackUserId: "slackUserId" in owner ? owner.slackUserId : null,
          bodyName: "bodyName" in owner ? owner.bodyName : null,
        })),
      },
    },
    include: ACTION_INCLUDE,
  });
  await tx.actionEvent.create({
    data: {
      workspaceId,
      actionId: action.id,
      type: options.actorLabel === "import" ? "imported" : "created",
      actorSlackUserId: options.createdBySlackUserId,
      actorLabel: options.actorLabel ?? null,
      createdAt: options.now,
      note: options.eventNote ?? null,
      after: {
        ...(options.importId ? { importId: options.importId } : {}),
        reference,
        text: options.text,
        owners: describeOwners(options.owners),
        dueAt: due?.dueAt.toISOString() ?? null,
        duePrecision: due?.duePrecision ?? null,
        dueText: due?.dueText ?? null,
        board: board?.code ?? null,
      },
    },
  });
  return action;
}
