import type { Db } from "../../db/client";
import { startOfDay } from "../../dates";
import { ACTION_INCLUDE, type ActionRecord } from "../actions/action-record";

export interface WeeklyDigest {
  board: { id: string; code: string; name: string; timeZone: string };
  openCount: number;
  overdue: ActionRecord[];
  dueThisWeek: ActionRecord[];
  /** Closed as done in the seven days before now. */
  doneLastWeek: ActionRecord[];
}

const DAY_MS = 86_400_000;

/** A board's week: open and overdue actions, those due in the next seven days, those done in the last seven. */
export async function loadWeeklyDigest(
  db: Db,
  { workspaceId, boardId, now }: { workspaceId: string; boardId: string; now: Date },
): Promise<WeeklyDigest | undefined> {
  const board = await db.board.findFirst({
    where: { id: boardId, workspaceId },
    select: { id: true, code: true, name: true, timeZone: true },
  });
  if (!board) return undefined;
  const today = startOfDay(now, board.timeZone);
  const weekEnd = startOfDay(new Date(today.getTime() + 7.5 * DAY_MS), board.timeZone);
  const open = { workspaceId, boardId, status: "open" as const };
  const [openCount, overdue, dueThisWeek, doneLastWeek] = await Promise.all([
    db.action.count({ where: open }),
    db.action.findMany({
      where: { ...open, dueAt: { lt: today } },
      include: ACTION_INCLUDE,
      orderBy: [{ dueAt: "asc" }, { number: "asc" }],
    }),
    db.action.findMany({
      where: { ...open, dueAt: { gte: today, lt: weekEnd } },
      include: ACTION_INCLUDE,
      orderBy: [{ dueAt: "asc" }, { number: "asc" }],
    }),
    db.action.findMany({
      where: {
        workspaceId,
        boardId,
        status: "done",
        closedAt: { gte: new Date(now.getTime() - 7 * DAY_MS), lte: now },
      },
      include: ACTION_INCLUDE,
      orderBy: [{ closedAt: "asc" }],
    }),
  ]);
  return { board, openCount, overdue, dueThisWeek, doneLastWeek };
}
