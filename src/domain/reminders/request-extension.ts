import { z } from "zod";
import type { Db, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import type { Actor } from "../actions/action-record";
import { applyChange } from "../actions/change-action";
import type { ResolvedDue } from "../actions/resolve-due";

/** Who decides a board's new dates: its secretary and its chair, each once (a workspace admin may too). */
export function approversOf(
  board: { chairSlackUserId: string | null; secretarySlackUserId: string | null } | null | undefined,
): string[] {
  return [...new Set([board?.secretarySlackUserId, board?.chairSlackUserId].filter((id): id is string => Boolean(id)))];
}

/**
 * Whether the person must ask for a new date rather than set it: the board wants its
 * chair or secretary to approve new dates, has one, and the person is neither.
 */
export async function mustAskForNewDate(
  db: Db,
  { boardId, slackUserId }: { boardId: string | null; slackUserId: string },
): Promise<boolean> {
  if (!boardId) return false;
  const board = await db.board.findUnique({
    where: { id: boardId },
    select: { requireExtensionApproval: true, chairSlackUserId: true, secretarySlackUserId: true },
  });
  const approvers = approversOf(board);
  return Boolean(board?.requireExtensionApproval) && approvers.length > 0 && !approvers.includes(slackUserId);
}

/** The refusal for someone who is neither the board's chair nor its secretary nor an admin; nothing was changed. */
export function notAllowedToDecide(reference: string): AppError {
  return new AppError({ code: "not_allowed_to_decide", reference });
}

/**
 * An owner asks for a new due date on a board that wants its chair or secretary
 * to approve it. The request and its ActionEvent are written together.
 */
export async function requestExtension(
  db: Db,
  {
    workspaceId,
    actionId,
    slackUserId,
    due,
    reason,
    now,
  }: { workspaceId: string; actionId: string; slackUserId: string; due: ResolvedDue; reason: string | null; now: Date },
) {
  return db.$transaction(async (tx) => {
    const action = await tx.action.findFirst({
      where: { id: actionId, workspaceId },
      select: { id: true, reference: true, status: true },
    });
    if (!action) throw new AppError({ code: "action_not_found" });
    if (action.status !== "open")
      throw new AppError({ code: "not_open", reference: action.reference, status: action.status, tried: "new_date" });
    const pending = await tx.extensionRequest.findFirst({ where: { actionId, status: "pending" } });
    if (pending)
      await tx.extensionRequest.update({ where: { id: pending.id }, data: { status: "withdrawn", decidedAt: now } });
    const request = await tx.extensionRequest.create({
      data: {
        workspaceId,
        actionId,
        requestedBySlackUserId: slackUserId,
        requestedDueAt: due.dueAt,
        requestedDuePrecision: due.duePrecision,
        requestedDueText: due.dueText,
        reason,
      },
    });
    await tx.actionEvent.create({
      data: {
        workspaceId,
        actionId,
        type: "extension_requested",
        actorSlackUserId: slackUserId,
        after: { dueAt: due.dueAt.toISOString(), dueText: due.dueText, duePrecision: due.duePrecision },
        note: reason,
        createdAt: now,
      },
    });
    return request;
  });
}

/**
 * The chair's or secretary's answer. Approval moves the date (with its event and
 * reminders) in the same transaction as the decision.
 */
export async function decideExtension(
  db: Db,
  {
    workspaceId,
    requestId,
    actor,
    isApproved,
    now,
  }: { workspaceId: string; requestId: string; actor: Actor; isApproved: boolean; now: Date },
) {
  const slackUserId = actor.slackUserId;
  return db.$transaction(async (tx) => {
    const request = await tx.extensionRequest.findFirst({
      where: { id: requestId, workspaceId },
      include: {
        action: {
          select: { reference: true, board: { select: { chairSlackUserId: true, secretarySlackUserId: true } } },
        },
      },
    });
    if (!request) throw new AppError({ code: "request_not_found" });
    const board = request.action.board;
    if (!actor.isAdmin && !approversOf(board).includes(actor.slackUserId))
      throw notAllowedToDecide(request.action.reference);
    if (request.status !== "pending") throw new AppError({ code: "already_decided", status: request.status });
    // The chair and the secretary may press at the same moment: only the first decision counts.
    const claimed = await tx.extensionRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: isApproved ? "approved" : "declined", decidedBySlackUserId: slackUserId, decidedAt: now },
    });
    if (claimed.count === 0) {
      const current = await tx.extensionRequest.findUniqueOrThrow({
        where: { id: request.id },
        select: { status: true },
      });
      throw new AppError({ code: "already_decided", status: current.status });
    }
    const decided = await tx.extensionRequest.findUniqueOrThrow({ where: { id: request.id } });
    await tx.actionEvent.create({
      data: {
        workspaceId,
        actionId: request.actionId,
        type: isApproved ? "extension_approved" : "extension_declined",
        actorSlackUserId: slackUserId,
        after: { dueAt: request.requestedDueAt.toISOString(), dueText: request.requestedDueText },
        createdAt: now,
      },
    });
    const changed = isApproved
      ? await applyChange(tx, {
          workspaceId,
          actionId: request.actionId,
          actor,
          change: {
            kind: "due",
            due: {
              dueAt: request.requestedDueAt,
              duePrecision: request.requestedDuePrecision,
              dueText: request.requestedDueText,
              dueMeetingId: null,
            },
          },
          now,
        })
      : undefined;
    return { request: decided, changed };
  });
}

/** Where an approver was asked, in Slack: their DM with the Approve and Decline buttons. */
export interface ApproverMessage {
  userId: string;
  channel: string;
  ts: string;
}

/** Keeps where the approvers were asked, so whoever decides first can mark the others' messages decided. */
export async function recordApproverMessages(
  db: Db,
  { workspaceId, requestId, asked }: { workspaceId: string; requestId: string; asked: readonly ApproverMessage[] },
): Promise<void> {
  await db.extensionRequest.updateMany({
    where: { id: requestId, workspaceId },
    data: {
      approverChannelId: asked[0]?.channel ?? null,
      approverMessageTs: asked[0]?.ts ?? null,
      approverMessages: asked as unknown as Prisma.InputJsonValue,
    },
  });
}

/** Where the approvers' messages about a request are, as stored; a request from before both were asked kept one. */
export function approverMessagesOf(request: {
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

export interface PendingRequest {
  id: string;
  reference: string;
  text: string;
  requestedBySlackUserId: string;
  requestedDueAt: Date;
  requestedDueText: string | null;
  /** The board's zone, for showing the date asked for. */
  timeZone: string | null;
  /** The action's board, for leaving out one the person may not see. */
  boardId: string | null;
}

/** New dates waiting for this person's decision as a board's chair or secretary, oldest first. */
export async function pendingRequestsFor(
  db: Db,
  { workspaceId, slackUserId }: { workspaceId: string; slackUserId: string },
): Promise<PendingRequest[]> {
  const pending = await db.extensionRequest.findMany({
    where: {
      workspaceId,
      status: "pending",
      action: {
        status: "open",
        board: { OR: [{ chairSlackUserId: slackUserId }, { secretarySlackUserId: slackUserId }] },
      },
    },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: {
      id: true,
      requestedBySlackUserId: true,
      requestedDueAt: true,
      requestedDueText: true,
      action: { select: { reference: true, text: true, boardId: true, board: { select: { timeZone: true } } } },
    },
  });
  return pending.map((r) => ({
    id: r.id,
    reference: r.action.reference,
    text: r.action.text,
    requestedBySlackUserId: r.requestedBySlackUserId,
    requestedDueAt: r.requestedDueAt,
    requestedDueText: r.requestedDueText,
    timeZone: r.action.board?.timeZone ?? null,
    boardId: r.action.boardId,
  }));
}
