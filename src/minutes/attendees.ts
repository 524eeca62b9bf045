// Who was there: the Present / Attendees / In attendance / Apologies sections, in
// any of the shapes minutes use: one person a line ("Name, Organisation",
// "Name - Role", tab or pipe tables), a run-on paragraph ("Cllr A (Chair), Cllr B
// and County Councillor C"), [x] checkboxes, sub-headed groups ("MEMBERS:",
// "OFFICIALS:"), and a bare list of titled names under the heading.
import type { SourceLine } from "./clean-text";
import { hasTitle, readPersonName } from "./person-names";
import { readRunOn, splitTopLevel } from "./attendance-run-on";
import type { AttendanceStatus, ExtractedAttendee } from "./types";

const KEYS: Array<[RegExp, AttendanceStatus, "strong" | "weak"]> = [
  [
    /^(?:apologies(?: for absence)?(?: received)?(?: from)?|apology|absent|absences?|not present|regrets|excused)\b/i,
    "apologies",
    "strong",
  ],
  [/^supported by\b/i, "supported_by", "strong"],
  [
    /^(?:in attendance|also,? (?:present|attending|in attendance)|on the phone|by phone|dial[- ]in|additional attendees|other attendees)\b/i,
    "in_attendance",
    "strong",
  ],
  [/^(?:remote(?:ly)?|officers|officials|staff|secretariat|observers|guests|visitors)\b/i, "in_attendance", "weak"],
  [/^(?:present(?: were)?|attendees|attendance|attending|participants|in the chair)\b/i, "present", "strong"],
  [/^(?:members|councillors|governors|trustees|directors|panel|committee)\b/i, "present", "weak"],
];

/** Lines that start the business: the attendance lists are over. */
const ENDS_LIST =
  /^(?:\d+(?:\.\d+)*[.)]?\s|item\s+\d|agenda\b|minutes\b|welcome\b|introduction|context\b|summary\b|purpose\b|declarations?\b|matters arising|chair'?s\b|scribe\b|time and location|date\b|notes?\b)/i;

interface Label {
  status: AttendanceStatus;
  rest: string;
}

/** "Councillors present: A, B", "Voting member attendance", "Present with full speaking rights: ...", "OFFICIALS IN ATTENDANCE: ,". */
function readLabel(text: string, isEarly: boolean): Label | undefined {
  const words = text.split(/\s+/);
  // "Councillors absent:", "Board member apologies:": an absence word in the label wins.
  const labelPart = text.split(":")[0]!.split(/\s+/).length;
  const absentAt = words
    .slice(0, Math.min(4, labelPart))
    .findIndex((_, i) => KEYS[0]![0].test(words.slice(i).join(" ")));
  const starts = [...(absentAt > 0 ? [absentAt] : []), 0, 1, 2, 3].filter((s) => s < words.length);
  for (const start of starts) {
    const from = words.slice(start).join(" ");
    const key = KEYS.find(([pattern]) => pattern.test(from));
    if (!key) continue;
    const [pattern, status, strength] = key;
    const prefix = words.slice(0, start).join(" ");
    if (strength === "weak" && !isEarly) return undefined;
    if (
      prefix &&
      !/^(?:[\p{Lu}][\p{L}'’&-]*|of|and|the)(?:\s+(?:[\p{Lu}][\p{L}'’&-]*|of|and|the|member|members|board))*,?$/u.test(
        prefix,
      )
    )
      return undefined;
    let rest = from.replace(pattern, "").replace(/^\s*\([^)]*\)/, "");
    // A short tail before a colon belongs to the label: "with full speaking rights:", "IN THE CHAIR:".
    const colon = /^([^:.]{0,40}?)\s*:/.exec(rest);
    if (colon && colon[1]!.trim().split(/\s+/).length <= 5) rest = rest.slice(colon[0].length);
    else if (/^\s*[-–—](?:\s|$)/.test(rest) || /^\s*$/.test(rest)) rest = rest.replace(/^\s*[-–—]\s*/, "");
    else if (prefix || strength === "weak") return undefined;
    else if (!/^\s*(?:\p{Lu}|\*)/u.test(rest)) return undefined;
    return { status, rest: rest.trim() };
  }
  return undefined;
}

/** A heading inside the attendance block that names a group: "LCCC OFFICIALS :", "GARDA NOMINATIONS:", "Community representatives:". */
const isGroupHeading = (text: string) => /^[\p{L}'’&,()\s-]{2,50}:\s*,?$/u.test(text) && text.split(/\s+/).length <= 6;

/** Running prose: mostly lower-case words. */
function isProse(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length <= 8) return false;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w) && !/^(and|of|the|de|van|von|der|plus)$/.test(w)).length;
  return lower * 2 > words.length;
}

/** Bullets, definition-list marks, markdown headings, a wrapping bracket: what stands before the words. */
const stripLead = (text: string) =>
  text
    .trim()
    .replace(/^(?:[-*•:>]\s*)+/, "")
    .replace(/^[^\p{L}\p{N}([|]+/u, "")
    .trim()
    .replace(/^\((.*?)\)?$/, (whole, inside: string) =>
      closingOf(whole) === -1 || closingOf(whole) === whole.length - 1 ? inside : whole,
    )
    .trim();

/** Where the bracket opening the text closes, or -1. */
function closingOf(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

interface Section {
  status: AttendanceStatus;
  /** Where its label is. */
  from: number;
  lines: Array<{ text: string; line: number }>;
}

/** The attendance lists of a document. */
export function findAttendees(lines: readonly SourceLine[]): ExtractedAttendee[] {
  const sections: Section[] = [];
  let open: Section | undefined;
  let blankRun = 0;
  let nonEmpty = 0;
  const start = (status: AttendanceStatus, rest: string, line: number) => {
    open = { status, from: line, lines: [] };
    sections.push(open);
    if (rest) addText(rest, line);
  };
  // An inline label switches the list: "...; Zeyi He (ZH) (part) Apologies: Tom Holden (TH)".
  const addText = (text: string, line: number) => {
    const inline = /(?:^|[\s;.,)])((?:apologies|absent|regrets|also present|in attendance)\s*(?:\([^)]*\))?\s*:)/i.exec(
      text,
    );
    if (inline && inline.index > 0 && open) {
      const before = text.slice(0, inline.index + 1).trim();
      if (before) open.lines.push({ text: before, line });
      const label = readLabel(text.slice(inline.index + inline[0].length - inline[1]!.length), true);
      if (label) return start(label.status, label.rest, line);
    }
    open?.lines.push({ text, line });
  };
  let isBulleted = false;
  for (const { text: raw, line } of lines) {
    const text = stripLead(raw);
    const isBullet = /^\s*(?:[-*•]|\d+[.)])\s/.test(raw);
    if (!text) {
      // "Attendance (please add yourself)" may stand a few blank lines above its list.
      if (++blankRun >= 3 && (open?.lines.length ?? 0) > 0) open = undefined;
      continue;
    }
    blankRun = 0;
    nonEmpty++;
    const label = /^\d/.test(text) ? undefined : readLabel(text, nonEmpty <= 60);
    if (label) {
      start(label.status, label.rest, line);
      isBulleted = false;
      continue;
    }
    if (!open) continue;
    // A bulleted list ends at the first line that is not a bullet ("CRAN Discussion").
    if (isBulleted && !isBullet) {
      open = undefined;
      continue;
    }
    if (open.lines.length === 0 && isBullet) isBulleted = true;
    if (ENDS_LIST.test(text)) {
      open = undefined;
      continue;
    }
    // Unticked boxes were not there; a table's rule is no one.
    if (/^\[\s\]/.test(text) || /^[\s|:-]+$/.test(text)) continue;
    // Table rows are read as a table (the header row names no one).
    if ((text.match(/\|/g)?.length ?? 0) >= 2) {
      addText(text, line);
      continue;
    }
    if (isGroupHeading(text) && open.lines.length > 0) {
      start(open.status === "apologies" ? "apologies" : open.status, "", line);
      continue;
    }
    // A paragraph wrapped mid-list goes on whatever its next line holds ("Mr. W." / "Priestley, Our Lady of Lourdes Community").
    const previous = open.lines[open.lines.length - 1]?.text ?? "";
    const runsOn =
      /(?:[,&(]|\band|\b\p{Lu}\.?)$/u.test(previous) ||
      (previous.match(/\(/g)?.length ?? 0) > (previous.match(/\)/g)?.length ?? 0);
    if (runsOn && !isProse(text)) {
      addText(text, line);
      continue;
    }
    // "Peter Grzeszczak, Department for Transport" / "Peter is chair of the Technical Standards Panel": a note on the person above.
    const firstName = readOwnLine(previous)?.name.split(/\s+/)[0];
    if (
      firstName &&
      firstName.length > 1 &&
      text.startsWith(`${firstName} `) &&
      /^\p{Ll}/u.test(text.slice(firstName.length + 1))
    )
      continue;
    if (isProse(text) || readRunOn(text.replace(/^\[[xX✓]\]\s*/, ""), open.status, { isOwnLine: true }).length === 0) {
      // A line that names no one ends the list, unless the list has not begun ("Present:" / blank cell).
      if (open.lines.length > 0 || isProse(text)) open = undefined;
      continue;
    }
    addText(text, line);
  }
  const found = sections.flatMap(readSection);
  if (!found.some((a) => a.status === "present"))
    found.unshift(...unlabelledList(lines, sections[0]?.from ?? Infinity));
  if (!found.some((a) => a.status === "present")) found.push(...presentInProse(lines));
  if (!found.some((a) => a.status === "present")) found.push(...movers(lines));
  else found.push(...speakersNotListed(lines, found));
  const seen = new Set<string>();
  return found.filter((a) => {
    const key = `${a.status === "apologies" ? "a" : "p"}|${a.name.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SPEAKER = /^([\p{Lu}][\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?):\s+\S/u;
const FIRST_PERSON = /\b(?:I|I'm|I'll|I've|I'd|my|me|we|we're|we'll|we've|our|us)\b/;
const NOT_SPEAKERS =
  /^(?:action|actions|decision|decisions|resolution|resolved|outcome|note|notes|agenda|date|time|location|venue|present|regrets|apologies|absent|scribe|minutes|chair|update|todo|question|answer|q|a|re|summary|result|status|next|proposal|motion|vote|link|slides|topic|item|issue|discussion|follow up|aob|attendees|attendance|notetaker|facilitator|host)$/i;

/**
 * Running notes of who said what ("Peter: ...", "Alex: ...") in minutes that list who came: a
 * speaker the list left out was there too. Only where the notes are a dialogue of the people
 * listed (three or more lines spoken by them), so that "Budget: ..." is never a person.
 */
function speakersNotListed(lines: readonly SourceLine[], listed: readonly ExtractedAttendee[]): ExtractedAttendee[] {
  const words = new Set(listed.flatMap((a) => a.name.toLowerCase().split(/\s+/)));
  const isListed = (label: string) =>
    label
      .toLowerCase()
      .split(/\s+/)
      .every((w) => words.has(w));
  const labels = lines.flatMap(({ text, line }) => {
    const label = SPEAKER.exec(text.trim())?.[1];
    return label && !NOT_SPEAKERS.test(label) ? [{ label, line, said: text.trim().slice(label.length + 1) }] : [];
  });
  if (labels.filter((l) => isListed(l.label)).length < 3) return [];
  const out: ExtractedAttendee[] = [];
  for (const { label, line } of labels) {
    // Someone speaks in the first person somewhere ("Tariq: I can review it"); a topic never does.
    const speaks = labels.some((l) => l.label === label && FIRST_PERSON.test(l.said));
    const name = speaks ? readPersonName(label, { isOwnLine: true, allowSingle: true }) : undefined;
    if (name && !isListed(name) && !out.some((a) => a.name === name))
      out.push({ name, role: null, status: "present", line });
  }
  return out;
}

const MOVED = /\b(?:proposed|moved|seconded)\s+by\s+|\bon the (?:proposal|motion) of\s+/gi;

/** "Board members present were supervisors Janet Keough, Dick Dillon, and Gary Mantay, clerks ... Also present were Rod Saline and Mike Siers." */
const PRESENT_WERE = /\b(?<also>also\s+)?(?:present|in attendance|attending)\s+were\s*:?\s+/gi;
const FULL_NAME =
  /(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’-]+){1,2}/gu;

/** With no list, a sentence saying who was present names them: the full names in it, up to its end. */
function presentInProse(lines: readonly SourceLine[]): ExtractedAttendee[] {
  const out: ExtractedAttendee[] = [];
  // A wrapped paragraph is read as one: the sentence runs over lines.
  const paragraphs: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | undefined;
  for (const { text, line } of lines) {
    if (!text.trim()) current = undefined;
    else if (current) current.text += ` ${text.trim()}`;
    else paragraphs.push((current = { text: text.trim(), line }));
  }
  for (const { text, line } of paragraphs) {
    for (const m of text.matchAll(PRESENT_WERE)) {
      const rest = text.slice(m.index + m[0].length);
      const sentence = rest.slice(0, /\.\s+\p{Lu}|\.$/u.exec(rest)?.index ?? rest.length);
      for (const n of sentence.matchAll(FULL_NAME)) {
        const name = readPersonName(n[0]);
        if (name && !out.some((a) => a.name === name))
          out.push({ name, role: null, status: m.groups?.also ? "in_attendance" : "present", line });
      }
    }
  }
  return out;
}

/**
 * Minutes with no attendance list still show who was there: whoever proposed or seconded a motion
 * ("It was proposed by Ann Lee, seconded by Bob Hart and agreed ...").
 */
function movers(lines: readonly SourceLine[]): ExtractedAttendee[] {
  const out: ExtractedAttendee[] = [];
  for (const { text, line } of lines) {
    for (const m of text.matchAll(MOVED)) {
      const after = text.slice(m.index + m[0].length);
      const candidate =
        /^((?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+){0,2}\p{Lu}[\p{L}'’-]+)/u.exec(
          after,
        )?.[1];
      const name = candidate ? readPersonName(candidate) : undefined;
      if (name && !out.some((a) => a.name === name)) out.push({ name, role: null, status: "present", line });
    }
  }
  return out;
}

/** One person a line ("Dr Allan Brimicombe, University of East London", "Mark Wardle (MW) (Chair) - Cardiff"). */
function readOwnLine(text: string): { name: string; role: string | null } | undefined {
  const cells = text.includes("\t")
    ? text
        .split("\t")
        .map((c) => c.trim())
        .filter((c) => c && c !== "-")
    : splitTopLevel(text, /\s[-–—]\s|,|\s{3,}/);
  const [head, ...rest] = cells;
  if (!head) return undefined;
  const name = readPersonName(head, {
    isOwnLine: true,
    allowSingle: /^[\p{Lu}][\p{L}'’-]+$/u.test(head.trim()) && rest.length > 0,
  });
  if (!name) return undefined;
  const aside = /\(([^)]*[a-z][^)]*)\)/.exec(head)?.[1];
  const role = rest.join(", ").trim() || aside?.trim() || null;
  return { name, role };
}

/** Is this line one person with an aside, rather than a list of people? */
function isOwnLine(text: string): boolean {
  // A line ending in a comma runs on; a titled name in brackets is a person ("Engineer (Mr. B. Murphy)").
  const opened = text.match(/\(/g)?.length ?? 0;
  if (opened !== (text.match(/\)/g)?.length ?? 0)) return false;
  if (text.includes("|") || /(?:,|\band|&)\s*$/.test(text) || /\((?:Mr|Mrs|Ms|Dr|Cllr)\.?\s/.test(text)) return false;
  const own = readOwnLine(text);
  if (!own) return false;
  const pieces = splitTopLevel(text, /,|;|\band\b|&|·/);
  const named = pieces.filter((p) => readPersonName(p)).length;
  return named <= 1 || (pieces.length <= 2 && !hasTitle(pieces[1] ?? ""));
}

function readSection(section: Section): ExtractedAttendee[] {
  const out: ExtractedAttendee[] = [];
  const table = readTable(section);
  if (table) return table;
  const content = section.lines.map((l) => ({ ...l, text: l.text.replace(/^\[[xX✓]\]\s*/, "") }));
  const ownLines = content.filter((l) => isOwnLine(l.text)).length;
  const isOnePerson = content.length === 1 && !content[0]!.text.includes(",") && ownLines === 1;
  if (isOnePerson || (content.length >= 2 && ownLines * 3 >= content.length * 2)) {
    for (const { text, line } of content) {
      const own = isOwnLine(text) ? readOwnLine(text) : undefined;
      if (own)
        out.push({
          ...own,
          status: /\b(?:by proxy|absent|apologies)\b/i.test(text) ? "apologies" : section.status,
          line,
        });
      else for (const person of readRunOn(text, section.status)) out.push({ ...person, line });
    }
    return out;
  }
  // A paragraph wrapped over lines: a line ending in a comma, an initial or a title runs on.
  let joined = "";
  const first = content[0]?.line ?? 0;
  for (const { text } of content) {
    if (!joined) joined = text;
    else if (
      /(?:[,&(]|\band|\b\p{Lu}\.?|\b(?:Mr|Mrs|Ms|Dr|Cllr)\.?|\b\p{Ll}+)$/u.test(joined) ||
      /^\p{Ll}/u.test(text) ||
      (joined.match(/\(/g)?.length ?? 0) > (joined.match(/\)/g)?.length ?? 0)
    )
      joined = `${joined} ${text}`;
    else joined = `${joined}; ${text}`;
  }
  for (const person of readRunOn(joined, section.status)) out.push({ ...person, line: first });
  return out;
}

/** A pipe table of people, with a "Present?" column if there is one. */
function readTable(section: Section): ExtractedAttendee[] | undefined {
  const rows = section.lines.filter((l) => l.text.includes("|"));
  if (rows.length < 2 || rows.length < section.lines.length / 2) return undefined;
  const cellsOf = (text: string) =>
    text
      .replace(/^\s*\|/, "")
      .replace(/\|\s*$/, "")
      .split("|")
      .map((c) => c.trim());
  let presence = markColumn(rows.map((r) => cellsOf(r.text)));
  const out: ExtractedAttendee[] = [];
  for (const [index, { text, line }] of rows.entries()) {
    const cells = cellsOf(text);
    if (index === 0 && cells.some((c) => /^name\b/i.test(c))) {
      presence = cells.findIndex((c) => /present|attend|here/i.test(c));
      continue;
    }
    const name = readPersonName(cells[0] ?? "", { isOwnLine: true });
    if (!name) continue;
    const mark = presence >= 0 ? (cells[presence] ?? "") : "yes";
    const status: AttendanceStatus = /^(?:no|n|absent|apologies|-)?$/i.test(mark) ? "apologies" : section.status;
    out.push({ name, role: /\(([^)]*)\)/.exec(cells[0] ?? "")?.[1] ?? null, status, line });
  }
  return out;
}

const YES = /^(?:y|yes|x|✓|✔|present)$/i;
const NO = /^(?:n|no|-|absent|apologies)?$/i;

/** A table with no header saying so, whose one column beyond the name holds only marks ("Y" or nothing): who came. */
function markColumn(rows: readonly string[][]): number {
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let column = 1; column < width; column++) {
    const marks = rows.map((r) => r[column] ?? "");
    if (marks.some((m) => YES.test(m)) && marks.every((m) => YES.test(m) || NO.test(m))) return column;
  }
  return -1;
}

/**
 * With no "Present" heading: lines near the top that are each a titled person or a
 * person with a role ("Mr Les Bonnett (Parish Councillor)", "Stephen Greenhalgh - Deputy Mayor"),
 * three or more of them, or two just before a "Supported by:" or "In attendance:" list.
 */
function unlabelledList(lines: readonly SourceLine[], firstListLine: number): ExtractedAttendee[] {
  const top = lines.filter((l) => l.text.trim()).slice(0, 30);
  let run: ExtractedAttendee[] = [];
  const isEnough = (next: number) =>
    run.length >= 3 || (run.length >= 2 && next - run[run.length - 1]!.line <= 4 && next === firstListLine);
  for (const { text: raw, line } of top) {
    if (line > firstListLine) break;
    const text = stripLead(raw);
    const own =
      (hasTitle(text) || /\)$/.test(text) || /\s[-–—]\s/.test(text)) && text.split(/\s+/).length <= 16
        ? readOwnLine(text)
        : undefined;
    if (own && (hasTitle(text) || own.role)) {
      run.push({ ...own, status: "present", line });
      continue;
    }
    if (run.length > 0 && isEnough(line)) return run;
    run = [];
  }
  return run.length >= 3 ? run : [];
}
