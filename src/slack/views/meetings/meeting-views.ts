// Replies to /meeting: what happened to which meeting, and what follows from it.
// Days and times are the board's; its zone is named when the reader's differs.
import { formatDay, formatTime } from "../../../dates";
import type { MeetingLine, MeetingList } from "../../../domain/meetings/list-meetings";
import { context, message, section, type MessageView } from "../blocks";
import { escapeText } from "../actions/describe-action";

/** The board's zone, and the reader's when known: the zone is named only when they differ. */
export interface Zones {
  timeZone: string;
  readerTimeZone?: string;
}

type MeetingAt = { startsAt: Date; location: string | null };

const zoneNote = ({ timeZone, readerTimeZone }: Zones) =>
  readerTimeZone && readerTimeZone !== timeZone ? ` (${timeZone} time)` : "";

/** "Wed 9 Dec 2026, 15:30, City Hall" in the board's zone. */
export const meetingWords = (m: MeetingAt, zones: string | Zones) => {
  const z = typeof zones === "string" ? { timeZone: zones } : zones;
  return `${formatDay(m.startsAt, z.timeZone)}, ${formatTime(m.startsAt, z.timeZone)}${zoneNote(z)}${m.location ? `, ${m.location}` : ""}`;
};

/** At most this many references are named in a line; the rest are counted (a section holds 3,000 characters). */
const MAX_LISTED = 40;
const listOf = (references: readonly string[]) =>
  references.length <= MAX_LISTED
    ? references.join(", ")
    : `${references.slice(0, MAX_LISTED).join(", ")} and ${references.length - MAX_LISTED} more`;
const falls = (references: readonly string[]) => (references.length === 1 ? "falls" : "fall");

/** A short answer: what happened, and what follows from it. */
export function meetingNotice(headline: string, detail: string): MessageView {
  return message(`${headline} ${detail}`.trim(), [
    section(`*${escapeText(headline)}*`),
    ...(detail ? [context(escapeText(detail))] : []),
  ]);
}

export function meetingScheduledView(
  boardCode: string,
  meeting: MeetingAt,
  hasReminders: boolean,
  zones: Zones,
): MessageView {
  return meetingNotice(
    `${boardCode} meeting scheduled: ${meetingWords(meeting, zones)}.`,
    hasReminders
      ? "The call for papers and the matters-arising list will go to the board's channel before it."
      : "It is too soon for the call for papers and the matters-arising list before it.",
  );
}

export function nextMeetingView(
  boardCode: string,
  next: { meeting: MeetingAt; dueByThen: number } | undefined,
  zones: Zones,
): MessageView {
  if (!next)
    return meetingNotice(
      `${boardCode} has no meeting scheduled.`,
      "Schedule one with `/meeting schedule <date and time>`, or give the board a schedule in `/board settings`.",
    );
  const due = next.dueByThen;
  return meetingNotice(
    `${boardCode} next meets ${meetingWords(next.meeting, zones)}.`,
    `${due} open ${due === 1 ? "action is" : "actions are"} due by then.`,
  );
}

export function meetingMovedView(
  boardCode: string,
  moved: { meeting: MeetingAt; previousStartsAt: Date; references: readonly string[] },
  zones: Zones,
): MessageView {
  const followed = moved.references.length
    ? ` ${listOf(moved.references)} now ${falls(moved.references)} due on the new day.`
    : "";
  return meetingNotice(
    `${boardCode} meeting of ${formatDay(moved.previousStartsAt, zones.timeZone)} moved to ${meetingWords(moved.meeting, zones)}.`,
    `Its call for papers and matters arising moved with it.${followed}`,
  );
}

type CancelledMeeting = {
  meeting: MeetingAt;
  next: MeetingAt | null;
  isNextFromRule: boolean;
  references: readonly string[];
};

/** What a cancellation leaves: the next meeting, and where the actions due at it now fall. */
function afterCancelling(
  { meeting, next, isNextFromRule, references }: CancelledMeeting,
  zones: string | Zones,
): string {
  const timeZone = typeof zones === "string" ? zones : zones.timeZone;
  const nextWords = next
    ? `${isNextFromRule ? "Next meeting, from the board's schedule" : "Next meeting"}: ${meetingWords(next, zones)}.`
    : "No other meeting is scheduled.";
  const actions = !references.length
    ? ""
    : next
      ? ` ${listOf(references)} now ${falls(references)} due at the next meeting.`
      : ` ${listOf(references)} ${references.length === 1 ? "keeps its" : "keep their"} date, ${formatDay(meeting.startsAt, timeZone)}.`;
  return `${nextWords}${actions}`;
}

const cancelledHeadline = (boardCode: string, meeting: MeetingAt, timeZone: string) =>
  `${boardCode} meeting of ${formatDay(meeting.startsAt, timeZone)}, ${formatTime(meeting.startsAt, timeZone)} cancelled.`;

export function meetingCancelledView(boardCode: string, cancelled: CancelledMeeting, zones: Zones): MessageView {
  return meetingNotice(
    cancelledHeadline(boardCode, cancelled.meeting, zones.timeZone),
    `Its reminders are cancelled. ${afterCancelling(cancelled, zones)}`,
  );
}

/**
 * In the board's channel when a meeting moves: from when to when, and where. Times
 * are the board's, unlabelled: a channel has many readers and no one zone of its own.
 */
export function meetingMovedAnnouncement(
  boardCode: string,
  moved: { meeting: MeetingAt; previousStartsAt: Date; previousLocation: string | null; references: readonly string[] },
  byUserId: string,
  timeZone: string,
): MessageView {
  const to = meetingWords(moved.meeting, timeZone);
  const from = meetingWords({ startsAt: moved.previousStartsAt, location: moved.previousLocation }, timeZone);
  const followed = moved.references.length
    ? ` ${listOf(moved.references)} now ${falls(moved.references)} due on the new day.`
    : "";
  const detail = `The call for papers and matters arising follow the new date.${followed}`;
  return message(`${boardCode} meeting moved from ${from} to ${to}. ${detail} Moved by <@${byUserId}>.`, [
    section(`*${escapeText(`${boardCode} meeting moved to ${to}`)}*\nIt was to meet ${escapeText(from)}.`),
    context(`${escapeText(detail)} Moved by <@${byUserId}>.`),
  ]);
}

/** In the board's channel when a meeting is cancelled: which, what is next, where its actions fall. */
export function meetingCancelledAnnouncement(
  boardCode: string,
  cancelled: CancelledMeeting,
  byUserId: string,
  timeZone: string,
): MessageView {
  const headline = cancelledHeadline(boardCode, cancelled.meeting, timeZone);
  const detail = `${afterCancelling(cancelled, timeZone)} Its call for papers and matters arising will not go out.`;
  return message(`${headline} ${detail} Cancelled by <@${byUserId}>.`, [
    section(`*${escapeText(headline)}*\n${escapeText(detail)}`),
    context(`Cancelled by <@${byUserId}>.`),
  ]);
}

/** A reply with a note after it: something that followed the change did not happen. */
export function withNote(view: MessageView, note: string | undefined): MessageView {
  if (!note) return view;
  return message(`${view.text} ${note}`, [...view.blocks, context(note)]);
}

const STATUS_WORDS: Record<MeetingLine["status"], string> = {
  scheduled: "scheduled",
  held: "held",
  cancelled: "cancelled",
};

export function meetingListView(boardCode: string, list: MeetingList, zones: Zones): MessageView {
  const line = (m: MeetingLine, isPast: boolean) => {
    const status = isPast && m.status === "scheduled" ? "not closed yet" : STATUS_WORDS[m.status];
    return `• ${escapeText(meetingWords(m, zones))} · ${status}`;
  };
  const up = list.upcoming.length ? list.upcoming.map((m) => line(m, false)).join("\n") : "None scheduled.";
  const past = list.recent.length ? list.recent.map((m) => line(m, true)).join("\n") : "None yet.";
  const coming = list.upcoming.filter((m) => m.status === "scheduled");
  const fallback = `${boardCode} meetings. Upcoming: ${coming.map((m) => meetingWords(m, zones)).join("; ") || "none scheduled"}. Recent: ${list.recent.length}.`;
  return message(fallback, [
    section(`*${escapeText(boardCode)} · upcoming meetings*\n${up}`),
    section(`*Recent*\n${past}`),
    context("`/meeting schedule`, `move` and `cancel` change them."),
  ]);
}
