import type { Db } from "../../db/client";
import { isoDayOf, startOfDay } from "../../dates";
import type { ImportHistory } from "./confirm-import";
import { ACTION_INCLUDE, type ActionRecord } from "../actions/action-record";
import { withoutWebLeftovers } from "./web-leftovers";

export interface MeetingDigest {
  board: { id: string; code: string; name: string; timeZone: string; slackChannelId: string | null };
  meeting: { id: string; title: string | null; startsAt: Date; location: string | null };
  /** Names as written, in the minutes' order; "In attendance" takes those "supported by" too. */
  attendance: { present: string[]; inAttendance: string[]; apologies: string[] };
  /** Numbered as the minutes number them ("4.2", "23/56", "BD/24/01"). */
  items: Array<{ number: string | null; heading: string }>;
  decisions: Array<{ reference: string | null; text: string }>;
  newActions: ActionRecord[];
  /** Open actions from earlier meetings (or logged between meetings). */
  stillOpen: { count: number; overdue: number };
  nextMeeting: { startsAt: Date; location: string | null } | null;
  /** The next meeting's day as the minutes give it (YYYY-MM-DD), when the calendar says otherwise. */
  minutesNextMeetingDay: string | null;
}

/** What reads true in a digest: web-page leftovers taken out, and nothing left empty. */
const readable = (text: string | null) => withoutWebLeftovers(text ?? "");
const namesOf = (attendees: ReadonlyArray<{ name: string; status: string }>, ...statuses: string[]) =>
  attendees
    .filter((a) => statuses.includes(a.status))
    .map((a) => readable(a.name))
    .filter((name) => name !== "");

/**
 * What the channel is told after a meeting: who came, what was discussed and decided,
 * what is now to be done. Items, decisions and actions with no words left are not shown.
 */
export async function loadMeetingDigest(
  db: Db,
  { workspaceId, meetingId, now }: { workspaceId: string; meetingId: string; now: Date },
): Promise<MeetingDigest | undefined> {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, workspaceId },
    include: {
      board: { select: { id: true, code: true, name: true, timeZone: true, slackChannelId: true } },
      attendees: { orderBy: { position: "asc" }, select: { name: true, status: true } },
      items: { orderBy: { position: "asc" }, select: { number: true, heading: true } },
      decisions: { orderBy: { sourceLine: "asc" }, select: { reference: true, text: true } },
    },
  });
  if (!meeting) return undefined;
  const { board } = meeting;
  // Open actions not from this meeting (logged at an earlier one, or between meetings: a NULL origin too).
  const earlier = {
    workspaceId,
    boardId: board.id,
    status: "open" as const,
    OR: [{ originMeetingId: null }, { originMeetingId: { not: meeting.id } }],
  };
  const [newActions, stillOpen, overdue, nextMeeting, imported] = await Promise.all([
    db.action.findMany({
      where: { workspaceId, originMeetingId: meeting.id },
      include: ACTION_INCLUDE,
      orderBy: { number: "asc" },
    }),
    db.action.count({ where: earlier }),
    db.action.count({ where: { ...earlier, dueAt: { lt: startOfDay(now, board.timeZone) } } }),
    db.meeting.findFirst({
      where: { boardId: board.id, status: "scheduled", startsAt: { gt: meeting.startsAt } },
      orderBy: { startsAt: "asc" },
      select: { startsAt: true, location: true },
    }),
    db.minutesImport.findFirst({ where: { workspaceId, meetingId: meeting.id }, select: { changes: true } }),
  ]);
  // The digest never contradicts the minutes silently: a calendar date kept over theirs is said.
  const minutesDay = (imported?.changes as unknown as ImportHistory | null)?.nextMeeting?.documentDay ?? null;
  const minutesNextMeetingDay =
    minutesDay && (!nextMeeting || isoDayOf(nextMeeting.startsAt, board.timeZone) !== minutesDay) ? minutesDay : null;
  return {
    board,
    meeting: {
      id: meeting.id,
      title: readable(meeting.title) || null,
      startsAt: meeting.startsAt,
      location: readable(meeting.location) || null,
    },
    attendance: {
      present: namesOf(meeting.attendees, "present"),
      inAttendance: namesOf(meeting.attendees, "in_attendance", "supported_by"),
      apologies: namesOf(meeting.attendees, "apologies"),
    },
    items: meeting.items
      .map((i) => ({ number: i.number?.trim() || null, heading: readable(i.heading) }))
      .filter((i) => i.heading !== ""),
    decisions: meeting.decisions
      .map((d) => ({ reference: d.reference?.trim() || null, text: readable(d.text) }))
      .filter((d) => d.text !== ""),
    newActions: newActions.filter((a) => a.text.trim() !== ""),
    stillOpen: { count: stillOpen, overdue },
    nextMeeting,
    minutesNextMeetingDay,
  };
}
