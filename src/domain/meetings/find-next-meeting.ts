import type { Db } from "../../db/client";

export interface NextMeeting {
  meeting: { id: string; startsAt: Date; location: string | null };
  /** Open actions falling due by the meeting's day (the overdue ones included). */
  dueByThen: number;
}

/** The board's next scheduled meeting, and how many of its open actions are due by then. */
export async function findNextMeeting(
  db: Db,
  { workspaceId, boardId, now }: { workspaceId: string; boardId: string; now: Date },
): Promise<NextMeeting | undefined> {
  const meeting = await db.meeting.findFirst({
    where: { workspaceId, boardId, status: "scheduled", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, location: true },
  });
  if (!meeting) return undefined;
  const dueByThen = await db.action.count({
    where: {
      workspaceId,
      boardId,
      status: "open",
      OR: [{ dueAt: { lte: meeting.startsAt } }, { dueMeetingId: meeting.id }],
    },
  });
  return { meeting, dueByThen };
}
