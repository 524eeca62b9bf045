// The next meeting: "Date of next LCRB meeting: 9 June 2015. 12:00pm at City Hall",
// "The next meeting is scheduled for Friday 7 December 2012", "Next meeting:
// Tuesday 14 May 2024 at 6.30pm, Council Chamber".
import type { Block } from "./blocks";
import { placeAfter } from "./header";
import { findDayMonthAfter, findFullDate } from "./find-dates";
import { findMeetingTime } from "./meeting-time";
import type { ExtractedNextMeeting } from "./types";

const MENTION =
  /\b(?:dates?\s+(?:and\s+(?:time|venue)\s+)?of\s+(?:the\s+)?(?:next|future)|next\s+(?:[A-Z][\w&-]*\s+){0,5}(?:meeting|board|committee|panel)|(?:future|next)\s+meeting\s+dates?|(?:second|third|fourth|fifth|sixth|following)\s+meeting\s+(?:will|is to|shall)\s+be\s+held)/i;
// A minute reference may stand before the label: "B24/25 Date of next meeting".
const LABEL_FIRST =
  /^\s*(?:[A-Z]{0,4}\d+[\w/.]*\s+)?(?:dates?\s+(?:and\s+(?:time|venue)\s+)?of\s+(?:the\s+)?(?:next|future)|next\s+meeting)/i;
/** "... Wednesday 5 August 2020 at 7 pm. The Clerk asked ... to move the meeting date to Wednesday 12 August 2020": the later date stands. */
const MOVED =
  /\b(?:moved?|moving|changed?|re-?scheduled?|postponed?|brought forward|put back|deferred)\b[^.]{0,80}?\bto\s+(?:the\s+)?(?:\w+day,?\s+)?$/i;
const ELSEWHERE = /\b(annual (parish|general|town) meeting|agm|full council|cabinet|scrutiny)\b/i;

export function findNextMeeting(blocks: readonly Block[], meetingDate: string | null): ExtractedNextMeeting | null {
  const candidates: Array<ExtractedNextMeeting & { score: number }> = [];
  blocks.forEach((block, index) => {
    const text = block.kind === "table_row" ? block.cells.filter(Boolean).join(" ") : block.text;
    const mention = MENTION.exec(text);
    if (!mention) return;
    // The date may be on the label's line or the one after ("Next meeting:" / "Tuesday 1 November").
    let scope = text.slice(mention.index);
    const following = blocks[index + 1];
    // Only a label ("Next meeting:") borrows the line after it.
    if (!findFullDate(scope) && following && following.line - block.line <= 2 && scope.split(/\s+/).length <= 8)
      scope = `${scope} ${following.text}`;
    if (/\b(to be (confirmed|arranged|agreed)|tbc|tba)\b/i.test(scope) && !findFullDate(scope)) return;
    const full = findFullDate(scope);
    let partial = full ?? (meetingDate ? findDayMonthAfter(scope, meetingDate) : undefined);
    if (!partial) return;
    // A date moved later in the same passage replaces the first one.
    for (let from = partial.index + partial.length; from < scope.length;) {
      const rest = scope.slice(from);
      const later = findFullDate(rest) ?? (meetingDate ? findDayMonthAfter(rest, meetingDate) : undefined);
      if (!later) break;
      if (MOVED.test(rest.slice(0, later.index))) partial = { ...later, index: from + later.index };
      from += later.index + later.length;
    }
    if (meetingDate && partial.date <= meetingDate) return;
    const before = scope.slice(0, partial.index);
    if (ELSEWHERE.test(before)) return;
    const after = scope.slice(partial.index + partial.length);
    const clock = findMeetingTime(after);
    let time: string | null = null;
    let location: string | null;
    // The time follows the date closely: "at 7.30pm", "commencing at 7.30pm", ", Noon Eastern Time" (not in the next sentence).
    if (clock && clock.index < 40 && !/[.;!?]\s+\p{Lu}|\d/u.test(after.slice(0, clock.index))) {
      time = clock.time;
      if (Number(time.slice(0, 2)) < 8 && !clock.hasMeridiem)
        time = `${String(Number(time.slice(0, 2)) + 12).padStart(2, "0")}${time.slice(2)}`;
      location = placeAfter(
        after
          .slice(clock.index + clock.length)
          .replace(/^\s*(?:\(?[A-Z]{3}\)?|\(\d{1,2}[:.]\d{2}\s*[A-Z]{3}\))\s*/, "")
          .replace(/^\s*\(.*?\)/, ""),
      );
    } else {
      location = placeAfter(after);
    }
    if (location && /^(?:the\s+)?(?:meeting|board|committee)\b/i.test(location)) location = null;
    const score = (LABEL_FIRST.test(text) ? 2 : 0) + (full ? 1 : 0) + index / Math.max(1, blocks.length);
    candidates.push({ date: partial.date, time, location, line: block.line, score });
  });
  // Failing a "next meeting" line, a report addressed to a body may name "its meeting on 29th November".
  if (candidates.length === 0 && meetingDate) {
    blocks.forEach((block) => {
      const m =
        /\b(?:its|their|your|the (?:committee|board|panel|council)'s)\s+(?:next\s+)?meeting\s+(?:on|of)\s+/i.exec(
          block.text,
        );
      if (!m) return;
      const rest = block.text.slice(m.index + m[0].length);
      const found = findFullDate(rest) ?? findDayMonthAfter(rest, meetingDate);
      if (found && found.index === 0 && found.date > meetingDate)
        candidates.push({ date: found.date, time: null, location: null, line: block.line, score: -1 });
    });
  }
  const best = candidates.sort((a, b) => b.score - a.score || a.date.localeCompare(b.date))[0];
  if (!best) return null;
  const { score: _score, ...nextMeeting } = best;
  return nextMeeting;
}
