import type { Db } from "../../db/client";
import { startOfDay } from "../../dates";
import { reminderRulesOf, type ReminderPolicy } from "../../reminders/plan";

export interface BoardOverview {
  id: string;
  code: string;
  name: string;
  chairSlackUserId: string | null;
  secretarySlackUserId: string | null;
  createdBySlackUserId: string | null;
  timeZone: string;
  holidayRegion: string;
  /** 1 to 12: the month its financial year starts in. */
  financialYearStartMonth: number;
  defaultLocation: string | null;
  defaultStartMinutes: number | null;
  recurrenceRule: string | null;
  requireExtensionApproval: boolean;
  policy: ReminderPolicy;
  nextMeeting: { startsAt: Date; location: string | null } | null;
  openCount: number;
  overdueCount: number;
}

export async function loadBoardOverview(
  db: Db,
  { workspaceId, boardId, now }: { workspaceId: string; boardId: string; now: Date },
): Promise<BoardOverview | undefined> {
  const board = await db.board.findFirst({
    where: { id: boardId, workspaceId },
    include: { workspace: { select: { timeZone: true } } },
  });
  if (!board) return undefined;
  const [nextMeeting, openCount, overdueCount] = await Promise.all([
    db.meeting.findFirst({
      where: { boardId, status: "scheduled", startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: { startsAt: true, location: true },
    }),
    db.action.count({ where: { boardId, status: "open" } }),
    db.action.count({ where: { boardId, status: "open", dueAt: { lt: startOfDay(now, board.timeZone) } } }),
  ]);
  return {
    id: board.id,
    code: board.code,
    name: board.name,
    chairSlackUserId: board.chairSlackUserId,
    secretarySlackUserId: board.secretarySlackUserId,
    createdBySlackUserId: board.createdBySlackUserId,
    timeZone: board.timeZone,
    holidayRegion: board.holidayRegion,
    financialYearStartMonth: board.financialYearStartMonth,
    defaultLocation: board.defaultLocation,
    defaultStartMinutes: board.defaultStartMinutes,
    recurrenceRule: board.recurrenceRule,
    requireExtensionApproval: board.requireExtensionApproval,
    policy: reminderRulesOf(board, board.workspace.timeZone).policy,
    nextMeeting,
    openCount,
    overdueCount,
  };
}
