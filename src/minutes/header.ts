// The meeting itself: its title, date, time and place, from the top of the document.
import type { SourceLine } from "./clean-text";
import { findFullDate, findTime } from "./find-dates";
import type { ExtractedMeeting } from "./types";

const GENERIC_TITLE =
  /^(minutes( of (the )?meeting)?|record of meeting|note of meeting|notes?|draft|unconfirmed|confidential|agenda|present:?)$/i;
const PLACE_LABEL = /^(?:venue|location|place|where|held at|meeting held at)\s*[:\-–]\s*(.+)$/i;

/** Words after the time (or date) on a line: "at City Hall", ", Council Chamber", "in Room G.12, Lowfield House". */
export function placeAfter(text: string): string | null {
  // The place ends with its sentence: "... Lowfield House. The meeting closed at 4.17pm." (not after "St." or "Rd.").
  const sentenceEnd = /(?<!\b(?:St|Rd|Ave|No|Dr|Sq|Mt))\.\s+(?=[A-Z])/.exec(text);
  const rest = sentenceEnd ? text.slice(0, sentenceEnd.index) : text;
  const m =
    /^\s*(?:[,.;:\-–]\s*)?(?:(?:held\s+)?(?:at|in|venue:?|location:?)\s+)?(?:the\s+(?=[A-Z]))?([A-Z0-9][^;]*?)\s*[.;]?\s*$/.exec(
      rest,
    );
  if (!m) return null;
  const place = m[1]!
    .replace(/\s*\((?:UTC|GMT|BST)[^)]*\)\s*$/, "")
    .replace(/^(?:UTC|GMT|BST)\b.*$/, "")
    .trim();
  if (!place || place.length > 120 || /^(to be (confirmed|arranged)|tbc|tba)$/i.test(place) || /^\d/.test(place))
    return null;
  return place;
}

export function findMeetingHeader(
  lines: readonly SourceLine[],
  frontMatterTitle: string | null,
  frontMatterDate: string | null = null,
): ExtractedMeeting {
  // The header ends where the business starts: a list, a numbered item, an Actions heading.
  const nonEmpty = lines.filter((l) => l.text.trim());
  const end = nonEmpty.findIndex((l, i) => i > 0 && /^\s*([-*•]\s|\d+[.)]\s|(actions?|item|agenda)\b)/i.test(l.text));
  const top = nonEmpty.slice(0, Math.min(20, end < 0 ? 20 : end));
  let date: string | null = null;
  let time: string | null = null;
  let location: string | null = null;
  // PDF text wraps anywhere, so a line is read together with the next ("held on Monday 9 September" / "2024 at 2.00pm").
  for (const [i, { text: own }] of top.entries()) {
    const text = `${own} ${top[i + 1]?.text ?? ""}`.trim();
    if (/next meeting/i.test(own)) continue;
    const found = findFullDate(text);
    if (found && found.index >= own.length) continue;
    if (!found || /\b(by|before|until|within|from)\s+$/i.test(text.slice(0, found.index))) continue;
    date = found.date;
    // The words after the date on its own line (or on the next, when the date ran onto it).
    const end = found.index + found.length;
    const after = end <= own.length ? own.slice(end) : text.slice(end);
    const clock = findTime(after);
    if (clock && clock.index < 12) {
      time = clock.time;
      location = placeAfter(after.slice(clock.index + clock.length));
    } else {
      location = placeAfter(after.replace(/^\s*,?\s*(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:am|pm)?/i, ""));
    }
    break;
  }
  for (const { text } of top) {
    const place = PLACE_LABEL.exec(text.trim());
    if (place) {
      location = place[1]!.trim();
      break;
    }
  }
  let title: string | null = frontMatterTitle;
  // A web page's front matter may be the only place with the date: "title: ... Tenth Meeting 29 September 2011".
  const titleDate = !date && frontMatterTitle ? findFullDate(frontMatterTitle) : undefined;
  if (titleDate) {
    date = titleDate.date;
    title =
      `${frontMatterTitle!.slice(0, titleDate.index)} ${frontMatterTitle!.slice(titleDate.index + titleDate.length)}`
        .replace(/[\s,–\-:]+$/, "")
        .trim() || frontMatterTitle;
  }
  // Failing both, the post's own date ("date: 2020-01-28 14:30:00 +1000").
  const postDate = !date && frontMatterDate ? findFullDate(frontMatterDate) : undefined;
  if (postDate && postDate.index === 0) date = postDate.date;
  if (!title) {
    for (const { text } of top.slice(0, 6)) {
      const withoutDate = (() => {
        const found = findFullDate(text);
        return found ? `${text.slice(0, found.index)} ${text.slice(found.index + found.length)}` : text;
      })()
        .replace(/\b(held on|on|dated?)\s*$/i, "")
        .replace(/[\s,–\-:]+$/, "")
        .trim();
      if (
        !withoutDate ||
        GENERIC_TITLE.test(withoutDate) ||
        /^present\b/i.test(withoutDate) ||
        withoutDate.length > 120
      )
        continue;
      title = withoutDate;
      break;
    }
  }
  // An hour without am/pm before 8 is afternoon in meetings ("3:30" is 15:30).
  if (time && Number(time.slice(0, 2)) < 8)
    time = `${String(Number(time.slice(0, 2)) + 12).padStart(2, "0")}${time.slice(2)}`;
  return { title, date, time, location };
}

const ROLE =
  /\b(mayor|director|chief|commissioner|secretary|clerk|chair(man)?|officer|executive|head|minister|president|treasurer|leader)\b/i;

/**
 * Who wrote a report or letter, for "I will ...": the role under a name on its
 * cover ("Stephen Greenhalgh" / "Deputy Mayor for Policing and Crime"), or after
 * "Yours sincerely".
 */
export function findAuthor(lines: readonly SourceLine[]): string | undefined {
  const nonEmpty = lines.map((l) => l.text.trim()).filter(Boolean);
  const roleIn = (text: string) => {
    const at = text.search(ROLE);
    if (at < 0) return undefined;
    // The role starts at its first capitalised word before the role word ("Deputy Mayor for ...").
    const before = text.slice(0, at).trim().split(/\s+/);
    let start = at;
    for (
      let i = before.length - 1;
      i >= 0 && /^(Deputy|Assistant|Acting|Interim|Vice|Executive|Senior)$/.test(before[i]!);
      i--
    )
      start = text.lastIndexOf(before[i]!, start - 1);
    return text.slice(start).replace(/[,.]$/, "").trim();
  };
  const signOff = nonEmpty.findIndex((t) => /^yours (sincerely|faithfully|truly)/i.test(t));
  if (signOff >= 0) {
    const role = roleIn(nonEmpty.slice(signOff + 1, signOff + 3).join(" "));
    if (role) return role;
  }
  for (let i = 0; i < Math.min(nonEmpty.length - 1, 25); i++) {
    const name = nonEmpty[i]!;
    const next = nonEmpty[i + 1]!;
    if (
      /^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3}$/.test(name) &&
      !ROLE.test(name) &&
      next.split(/\s+/).length <= 8 &&
      /^[A-Z]/.test(next) &&
      !/\d/.test(next)
    ) {
      const role = roleIn(next);
      if (role === next) return role;
    }
  }
  return undefined;
}
