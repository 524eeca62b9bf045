// Who was there: the Present / In attendance / Supported by / Apologies lists, in
// any of the shapes minutes use (one per line, "Name - Role", tab tables, a comma
// list on the label's line, [x] checkboxes).
import type { SourceLine } from "./clean-text";
import type { AttendanceStatus, ExtractedAttendee } from "./types";

const LABELS: Array<[RegExp, AttendanceStatus | "same"]> = [
  [/^(apologies( for absence)?( received)?( from)?|absent|not present|regrets|absences?)\b/i, "apologies"],
  [/^supported by\b/i, "supported_by"],
  [/^(in attendance|also (present|attending|in attendance)|on the phone|by phone|dial[- ]in|remote(ly)?|additional attendees|officers (present|in attendance)|staff( present)?)\b/i, "in_attendance"],
  [/^((members|governors|trustees|councillors|directors|board members|voting members)( present)?|present( were)?|those present|attendees|attendance|attending|participants)\b/i, "present"],
  [/^(board and advisors|officers|members|advisers|advisors|non-executive directors|executive directors)\s*:?$/i, "same"],
];

const TITLES = /^(?:(?:the\s+)?(?:rt\.?\s+hon\.?|county\s+councillor|councillor|cllr|mayor|deputy\s+mayor|dr|prof(?:essor)?|rev(?:d|erend)?|mr|mrs|ms|miss|mx|sir|dame|lord|lady|baroness|supt|ch\.?\s*supt|insp|ps|dci|di|dc|ds|acc|dcc|cc|pfcc|pcc|group\s+manager|deputy\s+commissioner|commissioner|assistant\s+commissioner|clerk|chair(?:man)?|vice[- ]chair)\.?\s+)+/i;
const SUFFIXES = /,?\s+\b(qpm|obe|mbe|cbe|kbe|frs|jp|dl|mp|am|ms|qc|kc)\b\.?/gi;

/** A person's name as written, without titles, ranks or honours; undefined if it is not a name. */
export function cleanName(raw: string): string | undefined {
  let name = raw.replace(/\s*\((?:[A-Z]{1,4}|[^)]*)\)\s*/g, " ").replace(/[*_]/g, "").trim();
  name = name.replace(TITLES, "").replace(SUFFIXES, "").replace(/[.,;:]+$/, "").trim();
  const tokens = name.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length > 6) return undefined;
  const isNameLike = tokens.every((t) => /^[A-Z][\p{L}'’.-]*$/u.test(t) || /^(de|da|van|von|der|le|la|du|bin|al|of)$/i.test(t));
  if (!isNameLike) return undefined;
  if (/^(none|n\/a|tbc|nil|no|the|and|all|members|officers|chair|board)$/i.test(name)) return undefined;
  return name;
}

function splitEntry(entry: string): { name: string; role: string | null } | undefined {
  const text = entry.trim().replace(/^[-*•]\s*/, "");
  if (!text) return undefined;
  const cells = text.includes("\t") ? text.split("\t").map((c) => c.trim()).filter(Boolean) : text.split(/\s{3,}|\s+[-–—]\s+|\s*\|\s*/).map((c) => c.trim()).filter(Boolean);
  let [first, ...rest] = cells;
  if (!first) return undefined;
  let role: string | null = rest.join(", ") || null;
  if (!role) {
    const comma = first.indexOf(",");
    if (comma > 0) {
      role = first.slice(comma + 1).trim() || null;
      first = first.slice(0, comma);
    }
  }
  const initials = /\(([A-Z]{1,4})\)/.exec(first);
  const name = cleanName(first);
  if (!name) return undefined;
  return { name, role: role ?? (initials ? null : null) };
}

const ENDS_LIST = /^(\d+(\.\d+)*[.)]?\s|item\s+\d|agenda\b|minutes\b|welcome\b|introduction|context\b|summary\b|purpose\b|declarations?\b|matters arising|chair'?s\b)/i;

/** The attendance lists near the top of a document. */
export function findAttendees(lines: readonly SourceLine[]): ExtractedAttendee[] {
  const found: ExtractedAttendee[] = [];
  let status: AttendanceStatus | undefined;
  let sawLabel = false;
  let blankRun = 0;
  // "Name - Role" lines before any label (a bilateral's principals, then "Supported by:").
  const unlabelled: ExtractedAttendee[] = [];
  for (const { text: raw, line } of lines) {
    const text = raw.trim();
    if (!text) {
      blankRun++;
      if (blankRun >= 3) status = undefined;
      continue;
    }
    blankRun = 0;
    const labelled = LABELS.find(([pattern]) => pattern.test(text.replace(/^[#*\s]+/, "")));
    if (labelled) {
      const [pattern, labelStatus] = labelled;
      if (!sawLabel && unlabelled.length > 0 && (labelStatus === "supported_by" || labelStatus === "in_attendance")) found.push(...unlabelled);
      const rest = text.replace(/^[#*\s]+/, "").replace(pattern, "").replace(/^[\s:,-]+/, "").trim();
      if (labelStatus !== "same") status = labelStatus;
      else status ??= "present";
      sawLabel = true;
      if (rest) addEntries(rest, status, line, found);
      continue;
    }
    if (!status) {
      if (!sawLabel && found.length === 0 && /\s[-–—]\s/.test(text) && text.split(/\s+/).length <= 14) {
        const entry = splitEntry(text);
        if (entry?.role) unlabelled.push({ ...entry, status: "present", line });
      }
      continue;
    }
    if (ENDS_LIST.test(text) || (text.split(/\s+/).length > 14 && /[.!?]$/.test(text))) {
      status = undefined;
      continue;
    }
    const box = /^\s*(?:[-*]\s*)?\[( |x|X)\]\s*/.exec(text);
    if (box) {
      if (box[1] !== " ") addEntries(text.slice(box[0].length), status, line, found);
      continue;
    }
    const before = found.length;
    addEntries(text, status, line, found);
    // A line that yields no name after the list began ends it.
    if (found.length === before && sawLabel && !/^[A-Z][a-z]+( [a-z]+)*:?$/.test(text)) status = undefined;
  }
  const seen = new Set<string>();
  return found.filter((a) => {
    const key = `${a.status}|${a.name.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function addEntries(text: string, status: AttendanceStatus, line: number, into: ExtractedAttendee[]): void {
  // "A, B and C" on one line, unless it reads "Name, Role" (one comma, a lower-case or long role).
  const looksLikeList = !text.includes("\t") && (text.match(/,/g)?.length ?? 0) >= 1 && !/\s[-–—]\s/.test(text) && text.split(",").every((p) => p.trim().split(/\s+/).length <= 5);
  const entries = looksLikeList && splitEntry(text.split(",")[1] ?? "")?.role === null ? text.split(/,|;|\band\b/) : [text];
  for (const entry of entries) {
    const split = splitEntry(entry);
    if (split) into.push({ ...split, status, line });
  }
}
