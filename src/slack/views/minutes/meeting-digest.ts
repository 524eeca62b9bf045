// The minute summary posted to a board's channel after an import is confirmed or a
// meeting closed: board and date, who attended (counts and names), one line per item
// numbered as the minutes number it, decisions, the new actions, what is still open,
// the next meeting. Past Slack's 50 blocks it continues in thread replies.
import type { KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { formatDay } from "../../../dates";
import type { MeetingDigest } from "../../../domain/minutes/load-meeting-digest";
import { context, LIMITS, message, section, truncate, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button } from "../actions/buttons";
import { dueShort, escapeText, ownersText } from "../actions/describe-action";
import { meetingWords } from "../meetings/meeting-views";

const LINES_PER_SECTION = 12;
/** How long one group's names may run before "and N more": three groups stay far inside a context block's 3,000. */
const NAMES_CHARACTERS = 300;

/** "Jo Marsh, Dev Patel and 12 more": names in order while they fit, then how many are left. */
export function namesWithin(names: readonly string[], maxCharacters = NAMES_CHARACTERS): string {
  const shown: string[] = [];
  let length = 0;
  for (const name of names) {
    const more = names.length - shown.length - 1;
    // Room is kept for " and N more" unless this is the last name.
    if (shown.length > 0 && length + name.length + 2 + (more > 0 ? 12 : 0) > maxCharacters) break;
    shown.push(name);
    length += name.length + 2;
  }
  const left = names.length - shown.length;
  return left > 0 ? `${shown.join(", ")} and ${left} more` : shown.join(", ");
}

/** "Present: 4 (names) · In attendance: 1 (name) · Apologies: 1 (name)", groups with nobody left out. */
export function attendanceLine(attendance: MeetingDigest["attendance"]): { text: string; counts: string } | undefined {
  const groups = [
    ["Present", attendance.present],
    ["In attendance", attendance.inAttendance],
    ["Apologies", attendance.apologies],
  ] as const;
  const named = groups.filter(([, names]) => names.length > 0);
  if (named.length === 0) return undefined;
  return {
    text: named.map(([label, names]) => `${label}: ${names.length} (${escapeText(namesWithin(names))})`).join(" · "),
    counts: named.map(([label, names]) => `${label}: ${names.length}`).join(" · "),
  };
}

/** Lines grouped into sections that each stay inside Slack's 3,000 characters. */
function sections(title: string, lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let chunk: string[] = [];
  let size = title.length;
  const flush = () => {
    if (chunk.length === 0) return;
    blocks.push(section(`${blocks.length === 0 ? `${title}\n` : ""}${chunk.join("\n")}`));
    chunk = [];
    size = 0;
  };
  for (const line of lines) {
    const cut = truncate(line, 600);
    if (chunk.length >= LINES_PER_SECTION || size + cut.length + 1 > LIMITS.sectionText - 100) flush();
    chunk.push(cut);
    size += cut.length + 1;
  }
  flush();
  return blocks;
}

export function meetingDigestMessages(digest: MeetingDigest): MessageView[] {
  const { board, meeting, attendance } = digest;
  const tz = board.timeZone;
  const when = [formatDay(meeting.startsAt, tz), ...(meeting.location ? [meeting.location] : [])].join(" · ");
  const title = `${board.code} · ${when}`;
  const presence = attendanceLine(attendance);
  const blocks: KnownBlock[] = [
    section(`*${escapeText(title)}*${meeting.title ? `\n${escapeText(meeting.title)}` : ""}`),
  ];
  if (presence) blocks.push(context(presence.text));
  if (digest.items.length > 0)
    blocks.push(
      ...sections(
        "*Items*",
        digest.items.map((i) => `${i.number ? `${escapeText(i.number)}  ` : "• "}${escapeText(i.heading)}`),
      ),
    );
  if (digest.decisions.length > 0)
    blocks.push(
      ...sections(
        "*Decisions*",
        digest.decisions.map((d) => `• ${d.reference ? `${escapeText(d.reference)}: ` : ""}${escapeText(d.text)}`),
      ),
    );
  const actionLines = digest.newActions.map(
    (a) =>
      `*${a.reference}*  ${escapeText(a.text)} · ${ownersText(a)} · ${a.dueAt ? `by ${escapeText(dueShort(a, tz))}` : "no date"}`,
  );
  blocks.push(
    ...(actionLines.length > 0
      ? sections(`*New actions* (${actionLines.length})`, actionLines)
      : [section("*New actions*\nNone recorded.")]),
  );
  if (digest.stillOpen.count > 0) {
    // "See them" pages through the board's open actions, as `/action list #CODE` does.
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `Still open from earlier meetings: ${digest.stillOpen.count}${digest.stillOpen.overdue ? ` (${digest.stillOpen.overdue} overdue)` : ""}`,
      },
      accessory: button("See them", ACTION_BUTTONS.more, JSON.stringify({ f: "board", b: board.id, o: 0 })),
    });
  }
  const minutesSay = digest.minutesNextMeetingDay
    ? formatDay(DateTime.fromISO(digest.minutesNextMeetingDay, { zone: tz }).toJSDate(), tz)
    : null;
  const next =
    (digest.nextMeeting ? `Next meeting: ${meetingWords(digest.nextMeeting, tz)}` : "Next meeting: not scheduled yet") +
    (minutesSay
      ? ` (the minutes say ${minutesSay}${digest.nextMeeting ? "; the board's calendar was kept" : ""})`
      : "");
  blocks.push(context(escapeText(next)));

  const fallback = `${title}. ${presence ? `${presence.counts}. ` : ""}${digest.items.length} items, ${digest.decisions.length} decisions, ${digest.newActions.length} new actions${digest.newActions.length ? `: ${digest.newActions.map((a) => a.reference).join(", ")}` : ""}. ${next}.`;
  // The channel post holds what fits; the rest follows in the thread, in order.
  const room = LIMITS.messageBlocks - 1;
  if (blocks.length <= LIMITS.messageBlocks) return [message(fallback, blocks)];
  const pages: MessageView[] = [message(fallback, [...blocks.slice(0, room), context("Continued in the thread.")])];
  for (let at = room; at < blocks.length; at += LIMITS.messageBlocks) {
    const part = blocks.slice(at, at + LIMITS.messageBlocks);
    pages.push(message(`${title} (continued, ${pages.length + 1})`, part));
  }
  return pages;
}
