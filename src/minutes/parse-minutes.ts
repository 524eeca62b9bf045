// The minutes parser: a document's text in, the meeting, attendees, items,
// decisions, actions and next meeting out, each with the line it came from. Pure.
import { findActions } from "./actions";
import { findAttendees } from "./attendees";
import { toBlocks } from "./blocks";
import { cleanText } from "./clean-text";
import { findAuthor, findMeetingHeader } from "./header";
import { findDecisions, findItems } from "./items";
import { forgetTags } from "./language";
import { findNextMeeting } from "./next-meeting";
import type { SourceLine } from "./clean-text";
import type { ExtractedAttendee, MinutesExtraction } from "./types";

export interface ParseMinutesOptions {
  /** YYYY-MM-DD: overrides (or supplies) the meeting date relative due dates count from. */
  meetingDate?: string;
  /** The board's zone; dates in minutes are local. */
  timeZone?: string;
}

export function parseMinutes(text: string, options: ParseMinutesOptions = {}): MinutesExtraction {
  forgetTags();
  const timeZone = options.timeZone ?? "Europe/London";
  const { lines, frontMatterTitle, frontMatterDate } = cleanText(text);
  const blocks = toBlocks(lines);
  const header = findMeetingHeader(lines, frontMatterTitle, frontMatterDate);
  const meeting = { ...header, date: options.meetingDate ?? header.date };
  const attendees = withInitials(findAttendees(lines), lines);
  const nextMeeting = findNextMeeting(blocks, meeting.date);

  const present = attendees.filter((a) => a.status === "present");
  const knownNames = new Set(attendees.flatMap((a) => a.name.toLowerCase().split(/\s+/)).filter((w) => w.length > 2));
  // "They agreed to ..." in a record of two or three principals means those principals.
  const principals =
    present.length > 0 && present.length <= 4 ? [present.map((a) => a.role ?? a.name).join(" and ")] : ["All"];
  const author = findAuthor(lines);
  const people = attendees.map((a) => a.name);
  const nicknames = meetingBotNicknames(lines);
  const found = findActions(blocks, {
    meetingDate: meeting.date,
    timeZone,
    knownNames,
    principals,
    people,
    nicknames,
    ...(author ? { author } : {}),
  });

  const actions = found.map((action) => {
    const due = action.due;
    let dueDay = due?.due ?? null;
    if (due?.isNextMeeting && nextMeeting) dueDay = nextMeeting.date;
    if (due?.meetingMonth && nextMeeting && Number(nextMeeting.date.slice(5, 7)) === due.meetingMonth)
      dueDay = nextMeeting.date;
    return {
      text: action.text,
      owners: action.owners,
      due: dueDay,
      dueText: due?.text ?? null,
      isDueAtNextMeeting: due?.isNextMeeting ?? false,
      line: action.line,
    };
  });
  const actionLines = new Set(found.map((a) => a.line));
  return {
    meeting,
    attendees,
    items: findItems(blocks),
    decisions: findDecisions(blocks, actionLines),
    actions,
    nextMeeting,
  };
}

/**
 * An IRC meeting bot's minutes (MeetBot) list each person's items under their nickname, after
 * "Action Items, by person": "* FranciscoD" then "  * FranciscoD talk to websites sig".
 */
function meetingBotNicknames(lines: readonly SourceLine[]): Map<string, string> {
  const nicknames = new Map<string, string>();
  const start = lines.findIndex((l) => /^\s*action items,? by person\s*$/i.test(l.text));
  if (start < 0) return nicknames;
  let ownerIndent: number | undefined;
  for (const { text } of lines.slice(start + 1)) {
    if (/^\s*-{3,}\s*$/.test(text) || !text.trim()) continue;
    if (!/^\s*[-*•]\s/.test(text)) break;
    const entry = /^(\s*)[-*•]\s+(.+?)\s*$/.exec(text)!;
    ownerIndent ??= entry[1]!.length;
    const nickname = entry[2]!.replace(/^\*\*(.+)\*\*$/, "$1");
    if (entry[1]!.length === ownerIndent && /^\S+$/.test(nickname) && !/^unassigned$/i.test(nickname))
      nicknames.set(nickname.toLowerCase(), nickname);
  }
  return nicknames;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "Liam Maxwell (LM), John Strudwick (JS)": the initials written beside each attendee, when they are theirs. */
function withInitials(attendees: ExtractedAttendee[], lines: readonly SourceLine[]): ExtractedAttendee[] {
  return attendees.map((attendee) => {
    const text = lines.find((l) => l.line === attendee.line)?.text ?? "";
    const written = new RegExp(`${escapeRegExp(attendee.name)}\\s*\\(([A-Z][A-Za-z]{1,4})\\)`).exec(text)?.[1];
    const first = attendee.name
      .split(/\s+/)
      .map((w) => w[0])
      .join("");
    return written && written[0] === first[0] && written.at(-1)!.toUpperCase() === first.at(-1)
      ? { ...attendee, initials: written }
      : attendee;
  });
}

/** The JSON `npm run minutes:parse` prints (the shape the issue fixes). */
export function toPrintedJson(extraction: MinutesExtraction) {
  return {
    meeting: { title: extraction.meeting.title, date: extraction.meeting.date, location: extraction.meeting.location },
    attendees: extraction.attendees.map(({ name, role, status }) => ({ name, role, status })),
    items: extraction.items.map(({ number, heading }) => ({ number, heading })),
    decisions: extraction.decisions.map(({ reference, text }) => ({ reference, text })),
    actions: extraction.actions.map(({ text, owners, due, dueText, line }) => ({ text, owners, due, dueText, line })),
    nextMeeting: extraction.nextMeeting
      ? {
          date: extraction.nextMeeting.date,
          time: extraction.nextMeeting.time,
          location: extraction.nextMeeting.location,
        }
      : null,
  };
}
