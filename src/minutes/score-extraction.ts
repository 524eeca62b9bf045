// How well an extraction matches an expected one, written by a person: actions
// matched by wording, then judged on owner and due date; the next meeting's date
// and time; the people present.
// The expected files follow ../shared/reference/minutes/README.md.
import { contentWords, overlap } from "./sentences";
import type { MinutesExtraction } from "./types";

export interface ExpectedAction {
  text: string;
  owner: string | null;
  due: string | null;
  due_text?: string | null;
}

export interface ExpectedExtraction {
  actions: ExpectedAction[];
  next_meeting?: { date: string | null; time?: string | null } | null;
  /** People recorded as present, names as written (absent from our older keys: then not scored). */
  attendees?: string[];
  /** Borderline actions a scorer neither rewards nor penalises. */
  optional_actions?: Array<{ text: string }>;
}

export interface ActionMatch {
  expected: ExpectedAction;
  found: MinutesExtraction["actions"][number];
  similarity: number;
  isOwnerRight: boolean;
  isDueRight: boolean;
}

export interface DocumentScore {
  expectedCount: number;
  foundCount: number;
  /** Found actions matching an optional one: left out of precision. */
  optionalCount: number;
  matches: ActionMatch[];
  missed: ExpectedAction[];
  extra: MinutesExtraction["actions"];
  isNextMeetingRight: boolean;
  /** The date right, and the time too where the minutes give one. */
  isNextMeetingExact: boolean;
  nextMeeting: { expected: string | null; found: string | null; expectedTime: string | null; foundTime: string | null };
  /** Null when the key lists no attendees to compare with. */
  attendees: { expected: number; found: number; matched: number; missed: string[]; extra: string[] } | null;
}

/** Two wordings of one action: most of the shorter's content words are in the longer. */
export const SAME_ACTION = 0.5;

const OWNER_NOISE = new Set([
  "cllr",
  "cllrs",
  "councillor",
  "councillors",
  "dr",
  "mr",
  "mrs",
  "ms",
  "prof",
  "rev",
  "the",
  "and",
  "of",
  "to",
  "from",
]);
const ownerWords = (owners: readonly string[] | string | null) =>
  new Set(
    (typeof owners === "string" ? owners : (owners ?? []).join(" "))
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, " ")
      .split(/\s+/)
      .filter((w) => w && !OWNER_NOISE.has(w)),
  );

/** Same people: both none, or one's words within the other's, or half of all in common. */
export function isSameOwner(expected: string | null, found: readonly string[]): boolean {
  const a = ownerWords(expected);
  const b = ownerWords(found);
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common === a.size || common === b.size || common / new Set([...a, ...b]).size >= 0.5;
}

export function scoreExtraction(expected: ExpectedExtraction, found: MinutesExtraction): DocumentScore {
  const pairs: Array<{ e: number; f: number; similarity: number; agrees: number }> = [];
  expected.actions.forEach((e, ei) =>
    found.actions.forEach((f, fi) => {
      // The owner's words count too: "Clerk to write to BT" vs "Write to BT", owner Clerk.
      const similarity = Math.max(overlap(e.text, f.text), overlap(`${e.text}`, `${f.text} ${f.owners.join(" ")}`));
      if (similarity >= SAME_ACTION && contentWords(e.text).size > 0)
        pairs.push({
          e: ei,
          f: fi,
          similarity,
          agrees: Number(isSameOwner(e.owner, f.owners)) + Number((e.due ?? null) === (f.due ?? null)),
        });
    }),
  );
  // Equally similar wordings: the pairing that also agrees on owner and date is the right one.
  pairs.sort((a, b) => b.similarity - a.similarity || b.agrees - a.agrees);
  const usedE = new Set<number>();
  const usedF = new Set<number>();
  const matches: ActionMatch[] = [];
  for (const pair of pairs) {
    if (usedE.has(pair.e) || usedF.has(pair.f)) continue;
    usedE.add(pair.e);
    usedF.add(pair.f);
    const e = expected.actions[pair.e]!;
    const f = found.actions[pair.f]!;
    matches.push({
      expected: e,
      found: f,
      similarity: pair.similarity,
      isOwnerRight: isSameOwner(e.owner, f.owners),
      isDueRight: (e.due ?? null) === (f.due ?? null),
    });
  }
  const unmatched = found.actions.filter((_, i) => !usedF.has(i));
  const optional = unmatched.filter((f) =>
    (expected.optional_actions ?? []).some((o) => overlap(o.text, f.text) >= SAME_ACTION),
  );
  // A key's action its notes call borderline neither rewards nor penalises: left out whether found or not.
  const isOptionalExpected = (e: ExpectedAction) => (expected.optional_actions ?? []).some((o) => o.text === e.text);
  const optionalMatches = matches.filter((m) => isOptionalExpected(m.expected));
  const expectedNext = expected.next_meeting?.date ?? null;
  const foundNext = found.nextMeeting?.date ?? null;
  const expectedTime = expected.next_meeting?.time ?? null;
  const foundTime = found.nextMeeting?.time ?? null;
  return {
    expectedCount: expected.actions.filter((e) => !isOptionalExpected(e)).length,
    foundCount: found.actions.length - optional.length - optionalMatches.length,
    optionalCount: optional.length + optionalMatches.length,
    matches: matches.filter((m) => !optionalMatches.includes(m)),
    missed: expected.actions.filter((e, i) => !usedE.has(i) && !isOptionalExpected(e)),
    extra: unmatched.filter((f) => !optional.includes(f)),
    isNextMeetingRight: expectedNext === foundNext,
    isNextMeetingExact: expectedNext === foundNext && (expectedTime === null || expectedTime === foundTime),
    nextMeeting: { expected: expectedNext, found: foundNext, expectedTime, foundTime },
    attendees: expected.attendees
      ? scoreAttendees(
          expected.attendees,
          found.attendees.filter((a) => a.status !== "apologies").map((a) => a.name),
        )
      : null,
  };
}

const NAME_NOISE = new Set([
  "cllr",
  "cllrs",
  "councillor",
  "county",
  "district",
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
  "prof",
  "professor",
  "rev",
  "revd",
  "sir",
  "dame",
  "the",
  "and",
  "of",
]);
const nameWords = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !NAME_NOISE.has(w));

/** One person written two ways: "M Ferrie" and "Cllr Mike Ferrie", "Jo Reid" and "Reid". */
export function isSamePerson(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  // Every word of the shorter name is in the longer one, as a word or as its initial.
  return (
    short.every((w) =>
      long.some((v) => v === w || (w.length === 1 && v.startsWith(w)) || (v.length === 1 && w.startsWith(v))),
    ) && short.some((w) => w.length > 1)
  );
}

function scoreAttendees(expected: readonly string[], found: readonly string[]) {
  const used = new Set<number>();
  const missed: string[] = [];
  for (const name of expected) {
    const i = found.findIndex((f, fi) => !used.has(fi) && isSamePerson(name, f));
    if (i < 0) missed.push(name);
    else used.add(i);
  }
  return {
    expected: expected.length,
    found: found.length,
    matched: used.size,
    missed,
    extra: found.filter((_, i) => !used.has(i)),
  };
}

export interface SetScore {
  documents: number;
  /** Actions matched by wording alone. */
  text: { precision: number; recall: number; f1: number };
  /** Of the actions matched, the share whose owner is right; and whose due date is. */
  ownerRight: number;
  dueRight: number;
  /** Matched by wording with the right owner and due date. */
  full: { precision: number; recall: number };
  nextMeetingRate: number;
  /** Date right, and time right where the minutes give one. */
  nextMeetingExact: number;
  /** Over the documents whose key lists attendees. */
  attendees: { precision: number; recall: number; f1: number };
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreSet(scores: readonly DocumentScore[]): SetScore {
  const expected = scores.reduce((n, s) => n + s.expectedCount, 0);
  const found = scores.reduce((n, s) => n + s.foundCount, 0);
  const matched = scores.reduce((n, s) => n + s.matches.length, 0);
  const right = scores.reduce((n, s) => n + s.matches.filter((m) => m.isOwnerRight && m.isDueRight).length, 0);
  const ownerRight = scores.reduce((n, s) => n + s.matches.filter((m) => m.isOwnerRight).length, 0);
  const dueRight = scores.reduce((n, s) => n + s.matches.filter((m) => m.isDueRight).length, 0);
  const people = scores.flatMap((s) => (s.attendees ? [s.attendees] : []));
  const peopleMatched = people.reduce((n, a) => n + a.matched, 0);
  const precision = ratio(matched, found);
  const recall = ratio(matched, expected);
  const peoplePrecision = ratio(
    peopleMatched,
    people.reduce((n, a) => n + a.found, 0),
  );
  const peopleRecall = ratio(
    peopleMatched,
    people.reduce((n, a) => n + a.expected, 0),
  );
  return {
    documents: scores.length,
    text: { precision, recall, f1: f1(precision, recall) },
    ownerRight: ratio(ownerRight, matched),
    dueRight: ratio(dueRight, matched),
    full: { precision: ratio(right, found), recall: ratio(right, expected) },
    nextMeetingRate: ratio(scores.filter((s) => s.isNextMeetingRight).length, scores.length),
    nextMeetingExact: ratio(scores.filter((s) => s.isNextMeetingExact).length, scores.length),
    attendees: { precision: peoplePrecision, recall: peopleRecall, f1: f1(peoplePrecision, peopleRecall) },
  };
}
