// A board's action log as an export reads it: every action with its owners, the
// meeting it was agreed at and its full history, a batch at a time.
import { DateTime } from "luxon";
import type { Prisma } from "../../db/client";

export interface ActionLogEvent {
  type: string;
  actorSlackUserId: string | null;
  /** For changes not made by a person: "import", "reminders", "meeting moved"… */
  actorLabel: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
  createdAt: Date;
}

export interface ActionLogEntry {
  id: string;
  number: number;
  reference: string;
  text: string;
  status: string;
  dueAt: Date | null;
  duePrecision: string | null;
  dueText: string | null;
  createdBySlackUserId: string | null;
  createdAt: Date;
  closedBySlackUserId: string | null;
  closedAt: Date | null;
  owners: Array<{ slackUserId: string | null; bodyName: string | null }>;
  originMeeting: { startsAt: Date; title: string | null; location: string | null } | null;
  /** Oldest first. */
  events: ActionLogEvent[];
}

/** What every line of an export says about where it comes from. */
export interface ActionLogContext {
  board: { code: string; name: string; timeZone: string; slackChannelId: string | null };
  exportedAt: Date;
  exportedBySlackUserId: string;
  /** A person's name as Slack gives it, when it could be found. */
  nameOf(slackUserId: string): string | undefined;
  /** Instants and days in the board's zone (zoneFormatter). */
  zone: ZoneFormatter;
}

export interface ActionLogCounts {
  actions: number;
  history: number;
}

/** How one format writes the log: pieces of text, in order, so a large board is never held whole. */
export interface ActionLogWriter {
  extension: string;
  opening(context: ActionLogContext): string;
  action(entry: ActionLogEntry, context: ActionLogContext, isFirst: boolean): string;
  closing(counts: ActionLogCounts, context: ActionLogContext): string;
}

export interface ZoneFormatter {
  /** 2026-11-23T10:38:05+00:00: the instant in the zone, with its offset, to the second. */
  instant(at: Date): string;
  /** 2026-11-23: the calendar day the instant falls on in the zone. */
  day(at: Date): string;
}

const DAY_MS = 86_400_000;

/**
 * ISO 8601 in one zone, fast enough for tens of thousands of timestamps: luxon takes
 * about 50 µs to format one, so it is asked only for each UTC day's offset (and, on
 * the two days a year the clocks change, for each instant that day).
 */
export function zoneFormatter(timeZone: string): ZoneFormatter {
  const offsetsByDay = new Map<number, number | null>();
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
  const offsetOf = (ms: number): number => {
    const day = Math.floor(ms / DAY_MS);
    let offset = offsetsByDay.get(day);
    if (offset === undefined) {
      const start = offsetAt(day * DAY_MS);
      offset = start === offsetAt(day * DAY_MS + DAY_MS - 1) ? start : null;
      offsetsByDay.set(day, offset);
    }
    return offset ?? offsetAt(ms);
  };
  const local = (at: Date) => {
    const offset = offsetOf(at.getTime());
    return { offset, iso: new Date(at.getTime() + offset * 60_000).toISOString() };
  };
  return {
    instant(at) {
      const { offset, iso } = local(at);
      const size = Math.abs(offset);
      return `${iso.slice(0, 19)}${offset < 0 ? "-" : "+"}${String(Math.floor(size / 60)).padStart(2, "0")}:${String(size % 60).padStart(2, "0")}`;
    },
    day: (at) => local(at).iso.slice(0, 10),
  };
}

/** One instant in ISO 8601 with its offset in the zone (zoneFormatter, for a single use). */
export function isoInstant(at: Date, timeZone: string): string {
  return zoneFormatter(timeZone).instant(at);
}

interface ActionLogRow extends Omit<ActionLogEntry, "owners" | "events" | "originMeeting"> {
  owners: ActionLogEntry["owners"];
  events: Array<Omit<ActionLogEvent, "createdAt"> & { createdAt: string }>;
  meetingStartsAt: Date | null;
  meetingTitle: string | null;
  meetingLocation: string | null;
}

/**
 * The board's actions in reference order, `batchSize` at a time, each with its owners,
 * meeting and events in one query (Prisma's include runs one query per relation and
 * materialises every row, several times slower on a board of thousands of actions).
 * Keyset-paged on (number, id), so each row is read once however large the board.
 */
export async function* readActionLog(
  db: Prisma.TransactionClient,
  { boardId, batchSize = 1000 }: { boardId: string; batchSize?: number },
): AsyncGenerator<ActionLogEntry[]> {
  let after = { number: -1, id: "00000000-0000-0000-0000-000000000000" };
  for (;;) {
    const rows = await db.$queryRaw<ActionLogRow[]>`
      SELECT a.id, a.number, a.reference, a.text, a.status::text AS status, a."dueAt", a."duePrecision"::text AS "duePrecision", a."dueText",
        a."createdBySlackUserId", a."createdAt", a."closedBySlackUserId", a."closedAt",
        m."startsAt" AS "meetingStartsAt", m.title AS "meetingTitle", m.location AS "meetingLocation",
        COALESCE((SELECT json_agg(json_build_object('slackUserId', o."slackUserId", 'bodyName', o."bodyName") ORDER BY o.position, o.id)
          FROM "ActionOwner" o WHERE o."actionId" = a.id), '[]'::json) AS owners,
        COALESCE((SELECT json_agg(json_build_object('type', e.type, 'actorSlackUserId', e."actorSlackUserId", 'actorLabel', e."actorLabel", 'before', e.before, 'after', e.after, 'note', e.note, 'createdAt', e."createdAt") ORDER BY e."createdAt", e.id)
          FROM "ActionEvent" e WHERE e."actionId" = a.id), '[]'::json) AS events
      FROM "Action" a LEFT JOIN "Meeting" m ON m.id = a."originMeetingId"
      WHERE a."boardId" = ${boardId}::uuid AND (a.number, a.id) > (${after.number}, ${after.id}::uuid)
      ORDER BY a.number, a.id
      LIMIT ${batchSize}`;
    if (rows.length > 0) yield rows.map(entryOf);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { number: last.number, id: last.id };
  }
}

function entryOf({ meetingStartsAt, meetingTitle, meetingLocation, events, ...action }: ActionLogRow): ActionLogEntry {
  return {
    ...action,
    originMeeting: meetingStartsAt
      ? { startsAt: meetingStartsAt, title: meetingTitle, location: meetingLocation }
      : null,
    // Inside JSON, PostgreSQL writes timestamps as text with their offset.
    events: events.map((e) => ({ ...e, createdAt: new Date(e.createdAt) })),
  };
}

/** Everyone an export names: owners, whoever logged or closed an action, and whoever made each change. */
export async function peopleInActionLog(
  db: Prisma.TransactionClient,
  { boardId }: { boardId: string },
): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT id FROM (
      SELECT o."slackUserId" AS id FROM "ActionOwner" o JOIN "Action" a ON a.id = o."actionId" WHERE a."boardId" = ${boardId}::uuid
      UNION SELECT e."actorSlackUserId" FROM "ActionEvent" e JOIN "Action" a ON a.id = e."actionId" WHERE a."boardId" = ${boardId}::uuid
      UNION SELECT "createdBySlackUserId" FROM "Action" WHERE "boardId" = ${boardId}::uuid
      UNION SELECT "closedBySlackUserId" FROM "Action" WHERE "boardId" = ${boardId}::uuid
    ) people WHERE id IS NOT NULL ORDER BY id`;
  return rows.map((r) => r.id);
}
