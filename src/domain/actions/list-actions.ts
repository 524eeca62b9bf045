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
  /** Boards whose channel is private and the viewer is not in: their actions are not shown. */
  hiddenBoardIds: readonly string[];
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

/** The rows a filter keeps, as SQL over "Action" AS a (the list's own query). */
function filterSql(
  options: Pick<
    ListActionsOptions,
    "workspaceId" | "filter" | "viewerSlackUserId" | "boardId" | "hiddenBoardIds" | "now" | "timeZone"
  >,
): Prisma.Sql {
  const { filter } = options;
  const conditions: Prisma.Sql[] = [Prisma.sql`a."workspaceId" = ${options.workspaceId}::uuid`];
  if (options.boardId) conditions.push(Prisma.sql`a."boardId" = ${options.boardId}::uuid`);
  if (options.hiddenBoardIds.length > 0)
    conditions.push(Prisma.sql`(a."boardId" IS NULL OR a."boardId" <> ALL(${[...options.hiddenBoardIds]}::uuid[]))`);
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

interface ListedRow extends Omit<ActionRecord, "owners" | "board"> {
  owners: ActionRecord["owners"];
  board: ActionRecord["board"];
  lastUpdateAt: Date | null;
  /** count(*), which pg reads as a string. */
  total: string;
}

/**
 * A page of actions, soonest due first, undated last; with when each last had progress, and
 * how many the filter holds: one statement, prepared (db.prepared). The busiest read there is:
 * through Prisma's query builder it cost more CPU to build than PostgreSQL spent running it.
 * The page is cut first and only its rows are joined to their owners, board and events.
 */
export async function listActions(db: Db, options: ListActionsOptions): Promise<ActionPage> {
  const rows = await db.prepared.rows<ListedRow>(Prisma.sql`
    WITH "page" AS (
      SELECT a."id", a."workspaceId", a."boardId", a."number", a."reference", a."text", a."status"::text AS "status",
        a."dueAt", a."duePrecision"::text AS "duePrecision", a."dueText", a."dueMeetingId", a."originMeetingId",
        a."originMinuteItemId", a."sourceLine", a."sourceChannelId", a."sourceMessageTs", a."createdBySlackUserId",
        a."closedBySlackUserId", a."closedAt", a."version", a."requestKey", a."createdAt", a."updatedAt",
        count(*) OVER () AS "total"
      FROM "Action" a
      WHERE ${filterSql(options)}
      ORDER BY ${orderSql(options.filter, "a")}
      LIMIT ${options.limit} OFFSET ${options.offset}
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
      ) AS "lastUpdateAt"
    FROM "page"
    ORDER BY ${orderSql(options.filter, '"page"')}`);
  // Past the last page there is no row to carry the total: count it (a page asked for after actions went).
  const total = rows.length > 0 || options.offset === 0 ? Number(rows[0]?.total ?? 0) : await countActions(db, options);
  return {
    total,
    offset: options.offset,
    items: rows.map(({ lastUpdateAt, total: _total, ...action }) => ({ action: action as ActionRecord, lastUpdateAt })),
  };
}

async function countActions(db: Db, options: ListActionsOptions): Promise<number> {
  const [row] = await db.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) AS "count" FROM "Action" a WHERE ${filterSql(options)}`;
  return Number(row?.count ?? 0);
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
