import { Prisma, type Db } from "../../db/client";
import { daysUntil, startOfDay } from "../../dates";
import { ACTION_INCLUDE, type ActionRecord } from "./action-record";
import { UPDATE_EVENT_TYPES } from "./find-action";

export type ActionFilter =
  | { kind: "mine" }
  | { kind: "overdue" }
  | { kind: "open" }
  | { kind: "done" }
  | { kind: "user"; slackUserId: string }
  | { kind: "board" };

export interface ListActionsOptions {
  workspaceId: string;
  filter: ActionFilter;
  /** Who is looking: "mine" means their actions. */
  viewerSlackUserId: string;
  /** Restricts to one board (#LCRB, or the "board" filter). */
  boardId?: string;
  /**
   * The private boards whose actions may be shown (the viewer is in their channel): every
   * other private board's are not, whatever this statement finds private.
   */
  visiblePrivateBoardIds: readonly string[];
  now: Date;
  timeZone: string;
  offset: number;
  limit: number;
}

export interface ListedAction {
  action: ActionRecord;
  lastUpdateAt: Date | null;
}

export interface ActionPage {
  items: ListedAction[];
  total: number;
  offset: number;
}

/** A private board as the statement that hid it read it. */
export interface PrivateBoard {
  id: string;
  slackChannelId: string | null;
}

export interface ActionPageOfPrivate extends ActionPage {
  /** The workspace's private boards, read in the same statement as the page: what it hid by. */
  privateBoards: PrivateBoard[];
}

/** The rows a filter keeps, as SQL over "Action" AS a (the list's own query). */
function filterSql(
  options: Pick<
    ListActionsOptions,
    "workspaceId" | "filter" | "viewerSlackUserId" | "boardId" | "visiblePrivateBoardIds" | "now" | "timeZone"
  >,
): Prisma.Sql {
  const { filter } = options;
  const conditions: Prisma.Sql[] = [Prisma.sql`a."workspaceId" = ${options.workspaceId}::uuid`];
  if (options.boardId) conditions.push(Prisma.sql`a."boardId" = ${options.boardId}::uuid`);
  // "private" is the statement's CTE of the workspace's private boards.
  conditions.push(Prisma.sql`(a."boardId" IS NULL OR a."boardId" NOT IN (
    SELECT p."id" FROM "private" p WHERE p."id" <> ALL(${[...options.visiblePrivateBoardIds]}::uuid[])))`);
  const ownedBy = (slackUserId: string) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "ActionOwner" o WHERE o."actionId" = a."id" AND o."slackUserId" = ${slackUserId})`;
  switch (filter.kind) {
    case "mine":
      conditions.push(Prisma.sql`a."status" = 'open'`, ownedBy(options.viewerSlackUserId));
      break;
    case "user":
      conditions.push(Prisma.sql`a."status" = 'open'`, ownedBy(filter.slackUserId));
      break;
    case "overdue":
      // Overdue: due before today began.
      conditions.push(
        Prisma.sql`a."status" = 'open'`,
        Prisma.sql`a."dueAt" < ${startOfDay(options.now, options.timeZone)}::timestamptz`,
      );
      break;
    case "open":
    case "board":
      conditions.push(Prisma.sql`a."status" = 'open'`);
      break;
    case "done":
      conditions.push(Prisma.sql`a."status" = 'done'`);
      break;
  }
  return Prisma.join(conditions, " AND ");
}

/**
 * Soonest due first, undated last (done: latest closed first); the indexes on Action follow it.
 * The id settles ties: an import writes its actions at one moment, often due on one day, and
 * a "more" page must neither skip nor repeat one of them.
 */
function orderSql(filter: ActionFilter, table: string): Prisma.Sql {
  const t = Prisma.raw(table);
  return filter.kind === "done"
    ? Prisma.sql`${t}."closedAt" DESC NULLS LAST, ${t}."createdAt" DESC, ${t}."id"`
    : Prisma.sql`${t}."dueAt" ASC NULLS LAST, ${t}."createdAt" ASC, ${t}."id"`;
}

/** The board as ActionRecord carries it (ACTION_INCLUDE), as jsonb_build_object's arguments over "Board" b. */
const BOARD_AS_JSON = Prisma.raw(
  Object.keys(ACTION_INCLUDE.board.select)
    .map((field) => `'${field}', b."${field}"`)
    .join(", "),
);

interface ListedRow extends Omit<ActionRecord, "owners" | "board" | "id"> {
  /** Null on the one row of an empty page, which still carries the total and the private boards. */
  id: string | null;
  owners: ActionRecord["owners"];
  board: ActionRecord["board"];
  lastUpdateAt: Date | null;
  /** count(*), which pg reads as a string. */
  total: string;
  privateBoards: PrivateBoard[];
}

/**
 * A page of actions, soonest due first, undated last; with when each last had progress, how
 * many the filter holds, and the private boards it hid by: one statement, prepared
 * (db.prepared). The busiest read there is: through Prisma's query builder it cost more CPU
 * to build than PostgreSQL spent running it. The page is cut first and only its rows are
 * joined to their owners, board and events; the total is counted apart (a window count read
 * every matching row's columns: twice the statement's time at 900 open actions).
 * A private board is hidden unless it is in `visiblePrivateBoardIds`, so a caller that guessed
 * which are private, and guessed wrong, shows too little, never too much
 * (use-cases/access.ts, readPastPrivateBoards, checks the guess against `privateBoards`).
 */
export async function listActions(db: Db, options: ListActionsOptions): Promise<ActionPageOfPrivate> {
  const filter = filterSql(options);
  const rows = await db.prepared.rows<ListedRow>(Prisma.sql`
    WITH "private" AS (
      SELECT "id", "slackChannelId" FROM "Board" WHERE "workspaceId" = ${options.workspaceId}::uuid AND "isPrivate"
    ), "page" AS (
      SELECT a."id", a."workspaceId", a."boardId", a."number", a."reference", a."text", a."status"::text AS "status",
        a."dueAt", a."duePrecision"::text AS "duePrecision", a."dueText", a."dueMeetingId", a."originMeetingId",
        a."originMinuteItemId", a."sourceLine", a."sourceChannelId", a."sourceMessageTs", a."createdBySlackUserId",
        a."closedBySlackUserId", a."closedAt", a."version", a."requestKey", a."createdAt", a."updatedAt"
      FROM "Action" a
      WHERE ${filter}
      ORDER BY ${orderSql(options.filter, "a")}
      ${pageWindow(options)}
    )
    SELECT "page".*,
      COALESCE((
        SELECT jsonb_agg(jsonb_build_object('id', o."id", 'workspaceId', o."workspaceId", 'actionId', o."actionId",
          'position', o."position", 'slackUserId', o."slackUserId", 'bodyName', o."bodyName") ORDER BY o."position")
        FROM "ActionOwner" o WHERE o."actionId" = "page"."id"
      ), '[]'::jsonb) AS "owners",
      (
        SELECT jsonb_build_object(${BOARD_AS_JSON})
        FROM "Board" b WHERE b."id" = "page"."boardId"
      ) AS "board",
      (
        SELECT max(e."createdAt") FROM "ActionEvent" e
        WHERE e."actionId" = "page"."id" AND e."type" = ANY(${[...UPDATE_EVENT_TYPES]}::text[])
      ) AS "lastUpdateAt",
      ${totalSql(options, filter)} AS "total",
      (
        SELECT COALESCE(jsonb_agg(jsonb_build_object('id', p."id", 'slackChannelId', p."slackChannelId")), '[]'::jsonb)
        FROM "private" p
      ) AS "privateBoards"
    FROM (VALUES (1)) AS "one" ("x") LEFT JOIN "page" ON true
    ORDER BY ${orderSql(options.filter, '"page"')}`);
  const first = rows[0];
  return {
    total: Number(first?.total ?? 0),
    offset: options.offset,
    privateBoards: first?.privateBoards ?? [],
    // One copy of each row, without the page's columns (it was copied twice).
    items: rows.flatMap(({ lastUpdateAt, total: _total, privateBoards: _private, ...action }) =>
      action.id === null ? [] : [{ action: action as ActionRecord, lastUpdateAt }],
    ),
  };
}

/**
 * How many the filter holds. A first page that is not full holds them all: PostgreSQL counts
 * the page (an InitPlan in a CASE branch not taken is never run), and only a full page, or a
 * later one, counts every matching row (a third of the statement's time at 900 open actions).
 */
function totalSql(options: Pick<ListActionsOptions, "limit" | "offset">, filter: Prisma.Sql): Prisma.Sql {
  const everyRow = Prisma.sql`(SELECT count(*) FROM "Action" a WHERE ${filter})`;
  if (options.offset !== 0) return everyRow;
  return Prisma.sql`CASE WHEN (SELECT count(*) FROM "page") < ${pageSizeLiteral(options.limit)}
    THEN (SELECT count(*) FROM "page") ELSE ${everyRow} END`;
}

/**
 * LIMIT and OFFSET. The first page's are written into the statement's text: given as
 * parameters, PostgreSQL could not cost a generic plan and planned the list afresh at every
 * execution (0.95 ms a list at 900 open actions; 0.45 ms once it keeps one plan). Later
 * pages keep parameters, so a forged offset cannot make a prepared statement per number.
 */
function pageWindow({ limit, offset }: Pick<ListActionsOptions, "limit" | "offset">): Prisma.Sql {
  return offset === 0 ? Prisma.sql`LIMIT ${pageSizeLiteral(limit)}` : Prisma.sql`LIMIT ${limit} OFFSET ${offset}`;
}

/** A page's size written into the statement's text: only ever a whole number of actions. */
function pageSizeLiteral(limit: number): Prisma.Sql {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`A page of ${String(limit)} actions`);
  return Prisma.raw(String(limit));
}

export type DueGroup = "overdue" | "this_week" | "later" | "no_date";

/** Which heading an open action goes under in a list: overdue, due within 7 days, later, undated. */
export function dueGroupOf(dueAt: Date | null, now: Date, timeZone: string): DueGroup {
  if (!dueAt) return "no_date";
  const days = daysUntil(dueAt, now, timeZone);
  if (days < 0) return "overdue";
  if (days <= 7) return "this_week";
  return "later";
}
