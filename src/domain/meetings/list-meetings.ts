import type { Db } from "../../db/client";

export interface MeetingLine {
  id: string;
  startsAt: Date;
  location: string | null;
  status: "scheduled" | "held" | "cancelled";
}

export interface MeetingList {
  /** Meetings still to come, soonest first, cancelled ones included (so a cancellation shows). */
  upcoming: MeetingLine[];
  /** The last few that have started, latest first. */
  recent: MeetingLine[];
}

/** A board's upcoming meetings and its last few, each with its status. */
export async function listMeetings(
  db: Db,
  {
    workspaceId,
    boardId,
    now,
    upcomingLimit = 10,
    recentLimit = 5,
  }: { workspaceId: string; boardId: string; now: Date; upcomingLimit?: number; recentLimit?: number },
): Promise<MeetingList> {
  const select = { id: true, startsAt: true, location: true, status: true } as const;
  const [upcoming, recent] = await Promise.all([
    db.meeting.findMany({
      where: { workspaceId, boardId, startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      take: upcomingLimit,
      select,
    }),
    db.meeting.findMany({
      where: { workspaceId, boardId, startsAt: { lte: now } },
      orderBy: { startsAt: "desc" },
      take: recentLimit,
      select,
    }),
  ]);
  return { upcoming, recent };
}
