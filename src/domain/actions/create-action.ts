import { randomUUID } from "node:crypto";
import pg from "pg";
import { Prisma, type Db } from "../../db/client";
import { AppError } from "../../errors";
import { ACTION_INCLUDE, describeOwners, type ActionRecord, type OwnerInput } from "./action-record";
import { formatReference, referencePrefix } from "./reference";
import { EMPTY_SYNC, type DesiredReminder, type ReminderSync } from "../reminders/reconcile-reminders";
import { plannedActionReminders } from "../reminders/sync-action-reminders";
import type { ResolvedDue } from "./resolve-due";

export interface CreateActionOptions {
  db: Db;
  workspaceId: string;
  /** The board; one read with its reminder rules (BOARD_FOR_ACTION) saves createAction reading it again. */
  board: ({ id: string; code: string } & Partial<BoardForAction>) | undefined;
  text: string;
  owners: readonly OwnerInput[];
  due: ResolvedDue | undefined;
  createdBySlackUserId: string | null;
  /** The workspace's zone, which reminders of an action without a board keep to; read if not given. */
  workspaceTimeZone?: string;
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

/** What a new action needs of its board: what every reply shows of it, and its reminder rules. */
export const BOARD_FOR_ACTION = {
  ...ACTION_INCLUDE.board.select,
  holidayRegion: true,
  reminderPolicy: true,
} as const satisfies Prisma.BoardSelect;
export type BoardForAction = Prisma.BoardGetPayload<{ select: typeof BOARD_FOR_ACTION }>;

/**
 * Logs an action: numbers it on its board (or the workspace), stores it with its owners,
 * its "created" event and its planned reminders in ONE statement, so all of it is saved or
 * none (no transaction round trips). The same request key twice returns the first action:
 * the second write breaks the key's unique index and writes nothing, so a retried request
 * costs a read, and a first one no read at all.
 */
export async function createAction(options: CreateActionOptions): Promise<CreatedAction> {
  const { db, workspaceId, requestKey } = options;
  const board = options.board ? await boardForAction(db, workspaceId, options.board) : undefined;
  // Reminders of an action without a board keep to the workspace's zone: read only when needed and not given.
  const workspaceTimeZone =
    options.workspaceTimeZone ?? (board || !options.due ? undefined : await workspaceTimeZoneOf(db, workspaceId));
  try {
    return await writeNewAction(db, { ...options, board }, workspaceTimeZone);
  } catch (error) {
    // The request was seen before (a retry, or two deliveries racing): the first action comes back.
    if (requestKey && isUniqueViolation(error)) {
      const earlier = await db.action.findFirst({ where: { workspaceId, requestKey }, include: ACTION_INCLUDE });
      if (earlier) return { action: earlier, isNew: false, reminders: EMPTY_SYNC };
    }
    throw error;
  }
}

async function boardForAction(
  db: Db,
  workspaceId: string,
  board: NonNullable<CreateActionOptions["board"]>,
): Promise<BoardForAction> {
  if (Object.keys(BOARD_FOR_ACTION).every((key) => key in board)) return board as BoardForAction;
  const read = await db.board.findFirst({ where: { id: board.id, workspaceId }, select: BOARD_FOR_ACTION });
  if (!read) throw new AppError({ code: "board_not_found", named: `#${board.code}` });
  return read;
}

async function workspaceTimeZoneOf(db: Db, workspaceId: string): Promise<string> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true } });
  return workspace.timeZone;
}

type ActionRow = Omit<ActionRecord, "owners" | "board">;

async function writeNewAction(
  db: Db,
  options: CreateActionOptions & { board: BoardForAction | undefined },
  workspaceTimeZone: string | undefined,
): Promise<CreatedAction> {
  const { workspaceId, board, due, now } = options;
  const actionId = randomUUID();
  const owners = options.owners.map((owner, position) => ({ id: randomUUID(), position, ...ownerColumns(owner) }));
  // A new action has no reminder rows and no snoozes yet: the plan is what is written.
  const planned: DesiredReminder[] = plannedActionReminders(
    {
      status: "open",
      dueAt: due?.dueAt ?? null,
      owners,
      createdBySlackUserId: options.createdBySlackUserId,
      board: board ?? null,
    },
    // Unused when the board gives the zone, or nothing is due.
    workspaceTimeZone ?? "",
    now,
  );
  const reminders = planned.map((reminder) => ({ id: randomUUID(), ...reminder }));
  // The event's `after` but for the reference, which the counter gives in the statement.
  const event = creationEvent(options, board);
  // Prisma sets @updatedAt from the app's clock; so does this.
  const writtenAt = new Date();
  const counter = board
    ? Prisma.sql`UPDATE "Board" SET "nextActionNumber" = "nextActionNumber" + 1, "updatedAt" = ${writtenAt}::timestamptz
        WHERE "id" = ${board.id}::uuid AND "workspaceId" = ${workspaceId}::uuid RETURNING "nextActionNumber" - 1 AS "number"`
    : Prisma.sql`UPDATE "Workspace" SET "nextActionNumber" = "nextActionNumber" + 1, "updatedAt" = ${writtenAt}::timestamptz
        WHERE "id" = ${workspaceId}::uuid RETURNING "nextActionNumber" - 1 AS "number"`;
  // Every insert reads from the one before, so a counter that found no row writes nothing at all.
  // Prepared (two texts: a board's counter or the workspace's): Prisma's raw query path cost
  // more CPU than PostgreSQL spent on the statement.
  const rows = await db.prepared.rows<ActionRow>(Prisma.sql`
    WITH "counter" AS (${counter}),
    "action" AS (
      INSERT INTO "Action" ("id", "workspaceId", "boardId", "number", "reference", "text", "dueAt", "duePrecision",
        "dueText", "dueMeetingId", "originMeetingId", "originMinuteItemId", "sourceLine", "sourceChannelId",
        "sourceMessageTs", "createdBySlackUserId", "requestKey", "createdAt", "updatedAt")
      SELECT ${actionId}::uuid, ${workspaceId}::uuid, ${board?.id ?? null}::uuid, "number",
        ${referencePrefix(board?.code)}::text || "number"::text, ${options.text}::text, ${due?.dueAt ?? null}::timestamptz,
        ${due?.duePrecision ?? null}::"DuePrecision", ${due?.dueText ?? null}::text, ${due?.dueMeetingId ?? null}::uuid,
        ${options.originMeetingId ?? null}::uuid, ${options.originMinuteItemId ?? null}::uuid, ${options.sourceLine ?? null}::int,
        ${options.sourceChannelId ?? null}::text, ${options.sourceMessageTs ?? null}::text,
        ${options.createdBySlackUserId}::text, ${options.requestKey ?? null}::text, ${now}::timestamptz, ${writtenAt}::timestamptz
      FROM "counter"
      RETURNING *
    ),
    "owners" AS (
      INSERT INTO "ActionOwner" ("id", "workspaceId", "actionId", "position", "slackUserId", "bodyName")
      SELECT "o"."id", ${workspaceId}::uuid, "action"."id", "o"."position", "o"."slackUserId", "o"."bodyName"
      FROM "action", jsonb_to_recordset(${JSON.stringify(owners)}::jsonb)
        AS "o"("id" uuid, "position" int, "slackUserId" text, "bodyName" text)
    ),
    "event" AS (
      INSERT INTO "ActionEvent" ("id", "workspaceId", "actionId", "type", "actorSlackUserId", "actorLabel", "after", "note", "createdAt")
      SELECT ${randomUUID()}::uuid, ${workspaceId}::uuid, "action"."id", ${event.type}::text,
        ${options.createdBySlackUserId}::text, ${options.actorLabel ?? null}::text,
        ${JSON.stringify(event.after)}::jsonb || jsonb_build_object('reference', "action"."reference"), ${options.eventNote ?? null}::text,
        ${now}::timestamptz
      FROM "action"
    ),
    "reminders" AS (
      INSERT INTO "Reminder" ("id", "workspaceId", "boardId", "actionId", "subject", "kind", "recipient", "fireAt", "createdAt", "updatedAt")
      SELECT "r"."id", ${workspaceId}::uuid, "action"."boardId", "action"."id", 'action:' || "action"."id", "r"."kind",
        "r"."recipient", "r"."fireAt", ${writtenAt}::timestamptz, ${writtenAt}::timestamptz
      FROM "action", jsonb_to_recordset(${JSON.stringify(reminders)}::jsonb)
        AS "r"("id" uuid, "kind" text, "recipient" text, "fireAt" timestamptz)
    )
    SELECT * FROM "action"`);
  const row = rows[0];
  if (!row) throw new AppError({ code: "board_not_found", named: `#${board?.code ?? ""}` });
  const action: ActionRecord = {
    ...row,
    owners: owners.map((owner) => ({ ...owner, workspaceId, actionId })),
    board: board ? recordBoardOf(board) : null,
  };
  return {
    action,
    isNew: true,
    reminders: { scheduled: reminders.map(({ id, fireAt }) => ({ id, fireAt })), cancelled: [] },
  };
}

/** The board as an ActionRecord carries it (its reminder rules are not part of that). */
function recordBoardOf(board: BoardForAction): NonNullable<ActionRecord["board"]> {
  const fields = Object.keys(ACTION_INCLUDE.board.select) as Array<keyof BoardForAction>;
  return Object.fromEntries(fields.map((key) => [key, board[key]])) as NonNullable<ActionRecord["board"]>;
}

/** PostgreSQL's unique_violation, as pg reports it (the write is a prepared statement, not Prisma's). */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === "23505";
}

/** An owner as its row stores it: a person in Slack or a named body. */
function ownerColumns(owner: OwnerInput): { slackUserId: string | null; bodyName: string | null } {
  return {
    slackUserId: "slackUserId" in owner ? owner.slackUserId : null,
    bodyName: "bodyName" in owner ? owner.bodyName : null,
  };
}

/** A new action's first event, "created" (or "imported"), and its `after` but for the reference. */
function creationEvent(
  options: Pick<CreateActionOptions, "actorLabel" | "importId" | "text" | "owners" | "due">,
  board: { code: string } | undefined,
): { type: "created" | "imported"; after: Prisma.InputJsonObject } {
  const due = options.due;
  return {
    type: options.actorLabel === "import" ? "imported" : "created",
    after: {
      ...(options.importId ? { importId: options.importId } : {}),
      text: options.text,
      owners: describeOwners(options.owners),
      dueAt: due?.dueAt.toISOString() ?? null,
      duePrecision: due?.duePrecision ?? null,
      dueText: due?.dueText ?? null,
      board: board?.code ?? null,
    },
  };
}

/**
 * Inside a transaction the caller holds (a minutes import writes many): numbers the
 * action and stores it with its owners and "created" event. Reminders are the caller's.
 */
export async function insertAction(tx: Prisma.TransactionClient, options: CreateActionOptions): Promise<ActionRecord> {
  const { workspaceId, board, due } = options;
  const number = board
    ? // The workspace too: the board came from a scoped read, but a write never reaches past it.
      (
        await tx.board.update({
          where: { id: board.id, workspaceId },
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
        create: options.owners.map((owner, position) => ({ workspaceId, position, ...ownerColumns(owner) })),
      },
    },
    include: ACTION_INCLUDE,
  });
  const event = creationEvent(options, board);
  await tx.actionEvent.create({
    data: {
      workspaceId,
      actionId: action.id,
      type: event.type,
      actorSlackUserId: options.createdBySlackUserId,
      actorLabel: options.actorLabel ?? null,
      createdAt: options.now,
      note: options.eventNote ?? null,
      after: { ...event.after, reference },
    },
  });
  return action;
}
