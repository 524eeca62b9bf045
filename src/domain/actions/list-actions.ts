import type { Db, Prisma } from "../../db/client";
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

export function whereFor(
  options: Pick<
    ListActionsOptions,
    "workspaceId" | "filter" | "viewerSlackUserId" | "boardId" | "hiddenBoardIds" | "now" | "timeZone"
  >,
): Prisma.ActionWhereInput {
  const { filter } = options;
  const where: Prisma.ActionWhereInput = { workspaceId: options.workspaceId };
  const and: Prisma.ActionWhereInput[] = [];
  if (options.boardId) and.push({ boardId: options.boardId });
  if (options.hiddenBoardIds.length > 0)
    and.push({ OR: [{ boardId: null }, { boardId: { notIn: [...options.hiddenBoardIds] } }] });
  switch (filter.kind) {
    case "mine":
      and.push({ status: "open", owners: { some: { slackUserId: options.viewerSlackUserId } } });
      break;
    case "user":
      and.push({ status: "open", owners: { some: { slackUserId: filter.slackUserId } } });
      break;
    case "overdue":
      and.push({
        status: "open",
        dueAt: { lt: startOfDay(options.now, options.timeZone) } /* overdue: due before today began */,
      });
      break;
    case "open":
    case "board":
      and.push({ status: "open" });
      break;
    case "done":
      and.push({ status: "done" });
      break;
  }
  return { ...where, AND: and };
}

/** What a list row needs: the action, and its latest progress (for the RAG rule) in the same read. */
const LISTED_INCLUDE = {
  ...ACTION_INCLUDE,
  events: {
    where: { type: { in: [...UPDATE_EVENT_TYPES] } },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { createdAt: true },
  },
} as const satisfies Prisma.ActionInclude;

/**
 * A page of actions, soonest due first, undated last; with when each last had progress.
 * One statement when the page is not full (the total is then what it holds), two when it is.
 */
export async function listActions(db: Db, options: ListActionsOptions): Promise<ActionPage> {
  const where = whereFor(options);
  const orderBy: Prisma.ActionOrderByWithRelationInput[] =
    options.filter.kind === "done"
      ? [{ closedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }]
      : [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }];
  const listed = await db.action.findMany({
    where,
    include: LISTED_INCLUDE,
    orderBy,
    skip: options.offset,
    take: options.limit,
  });
  const isWholeRest = listed.length < options.limit && (listed.length > 0 || options.offset === 0);
  const total = isWholeRest ? options.offset + listed.length : await db.action.count({ where });
  return {
    total,
    offset: options.offset,
    items: listed.map(({ events, ...action }) => ({ action, lastUpdateAt: events[0]?.createdAt ?? null })),
  };
}

export async function lastUpdates(db: Db, actionIds: readonly string[]): Promise<Map<string, Date>> {
  if (actionIds.length === 0) return new Map();
  const rows = await db.actionEvent.groupBy({
    by: ["actionId"],
    where: { actionId: { in: [...actionIds] }, type: { in: [...UPDATE_EVENT_TYPES] } },
    _max: { createdAt: true },
  });
  return new Map(rows.flatMap((r) => (r._max.createdAt ? [[r.actionId, r._max.createdAt] as const] : [])));
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
