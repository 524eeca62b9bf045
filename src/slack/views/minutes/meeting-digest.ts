// The minute summary posted to a board's channel after an import is confirmed or a
// meeting closed: board and date, who attended, one line per item, decisions, the
// new actions, what is still open, the next meeting. Past Slack's 50 blocks it
// continues in thread replies.
import type { KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { formatDay } from "../../../dates";
import type { MeetingDigest } from "../../../domain/minutes/load-meeting-digest";
import { context, LIMITS, message, section, truncate, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button } from "../actions/buttons";
import { dueShort, escapeText, ownersText } from "../actions/describe-action";
import { meetingWords } from "../meetings/meeting-views";

const LINES_PER_SECTION = 12;

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
  const presence = [
    `Present: ${attendance.present.length}`,
    ...(attendance.inAttendance ? [`In attendance: ${attendance.inAttendance}`] : []),
    ...(attendance.apologies ? [`Apologies: ${attendance.apologies}`] : []),
  ].join(" · ");
  const blocks: KnownBlock[] = [section(`*${escapeText(title)}*${meeting.title ? `\n${escapeText(meeting.title)}` : ""}`)];
  if (attendance.present.length > 0) blocks.push(context(`${presence}: ${escapeText(attendance.present.join(", "))}`));
  if (digest.items.length > 0) blocks.push(...sections("*Items*", digest.items.map((i) => `${i.number ? `${escapeText(i.number)}  ` : "• "}${escapeText(i.heading)}`)));
  if (digest.decisions.length > 0) blocks.push(...sections("*Decisions*", digest.decisions.map((d) => `• ${d.reference ? `${escapeText(d.reference)}: ` : ""}${escapeText(d.text)}`)));
  const actionLines = digest.newActions.map((a) => `*${a.reference}*  ${escapeText(a.text)} · ${ownersText(a)} · ${a.dueAt ? `by ${escapeText(dueShort(a, tz))}` : "no date"}`);
  blocks.push(...(actionLines.length > 0 ? sections(`*New actions* (${actionLines.length})`, actionLines) : [section("*New actions*\nNone recorded.")]));
  if (digest.stillOpen.count > 0) {
    // "See them" pages through the board's open actions, as `/action list #CODE` does.
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `Still open from earlier meetings: ${digest.stillOpen.count}${digest.stillOpen.overdue ? ` (${digest.stillOpen.overdue} overdue)` : ""}` },
      accessory: button("See them", ACTION_BUTTONS.more, JSON.stringify({ f: "board", b: board.id, o: 0 })),
    });
  }
  const minutesSay = digest.minutesNextMeetingDay ? formatDay(DateTime.fromISO(digest.minutesNextMeetingDay, { zone: tz }).toJSDate(), tz) : null;
  const next =
    (digest.nextMeeting ? `Next meeting: ${meetingWords(digest.nextMeeting, tz)}` : "Next meeting: not scheduled yet") +
    (minutesSay ? ` (the minutes say ${minutesSay}${digest.nextMeeting ? "; the board's calendar was kept" : ""})` : "");
  blocks.push(context(escapeText(next)));

  const fallback = `${title}. ${presence}. ${digest.items.length} items, ${digest.decisions.length} decisions, ${digest.newActions.length} new actions${digest.newActions.length ? `: ${digest.newActions.map((a) => a.reference).join(", ")}` : ""}. ${next}.`;
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
