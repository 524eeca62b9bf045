import type { Db } from "../../db/client";
import { startOfDay } from "../../dates";
import { ACTION_INCLUDE, type ActionRecord } from "../actions/action-record";
import { latestNotes, type LatestNote } from "./latest-notes";

export interface MattersArising {
  meeting: { id: string; startsAt: Date; location: string | null; title: string | null };
  board: { id: string; code: string; name: string; timeZone: string; slackChannelId: string | null };
  /** Open actions due by the meeting's day, overdue first (soonest due first). */
  items: Array<{ action: ActionRecord; latest: LatestNote | undefined }>;
}

/**
 * What the chair needs before a meeting: the board's open actions due by the
 * meeting day (those overdue come first by date order), each with its latest update.
 */
export async function loadMattersArising(
  db: Db,
  { workspaceId, meetingId }: { workspaceId: string; meetingId: string },
): Promise<MattersArising | undefined> {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, workspaceId },
    select: {
      id: true,
      startsAt: true,
      location: true,
      title: true,
      board: { select: { id: true, code: true, name: true, timeZone: true, slackChannelId: true } },
    },
  });
  if (!meeting) return undefined;
  const { board, ...rest } = meeting;
  const actions = await db.action.findMany({
    where: {
      workspaceId,
      boardId: board.id,
      status: "open",
      dueAt: { lte: startOfDay(meeting.startsAt, board.timeZone) },
    },
    include: ACTION_INCLUDE,
    orderBy: [{ dueAt: "asc" }, { number: "asc" }],
  });
  const notes = await latestNotes(
    db,
    actions.map((a) => a.id),
  );
  return { meeting: rest, board, items: actions.map((action) => ({ action, latest: notes.get(action.id) })) };
}
