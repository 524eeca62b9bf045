// How well an extraction matches an expected one, written by a person: actions
// matched by wording, then judged on owner and due date; the next meeting's date.
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
  next_meeting?: { date: string | null } | null;
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
  nextMeeting: { expected: string | null; found: string | null };
}

/** Two wordings of one action: most of the shorter's content words are in the longer. */
export const SAME_ACTION = 0.5;

const OWNER_NOISE = new Set(["cllr", "cllrs", "councillor", "councillors", "dr", "mr", "mrs", "ms", "prof", "rev", "the", "and", "of", "to", "from"]);
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
      if (similarity >= SAME_ACTION && contentWords(e.text).size > 0) pairs.push({ e: ei, f: fi, similarity, agrees: Number(isSameOwner(e.owner, f.owners)) + Number((e.due ?? null) === (f.due ?? null)) });
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
    matches.push({ expected: e, found: f, similarity: pair.similarity, isOwnerRight: isSameOwner(e.owner, f.owners), isDueRight: (e.due ?? null) === (f.due ?? null) });
  }
  const unmatched = found.actions.filter((_, i) => !usedF.has(i));
  const optional = unmatched.filter((f) => (expected.optional_actions ?? []).some((o) => overlap(o.text, f.text) >= SAME_ACTION));
  const expectedNext = expected.next_meeting?.date ?? null;
  const foundNext = found.nextMeeting?.date ?? null;
  return {
    expectedCount: expected.actions.length,
    foundCount: found.actions.length - optional.length,
    optionalCount: optional.length,
    matches,
    missed: expected.actions.filter((_, i) => !usedE.has(i)),
    extra: unmatched.filter((f) => !optional.includes(f)),
    isNextMeetingRight: expectedNext === foundNext,
    nextMeeting: { expected: expectedNext, found: foundNext },
  };
}

export interface SetScore {
  documents: number;
  /** Actions matched by wording alone. */
  text: { precision: number; recall: number };
  /** Matched by wording with the right owner and due date. */
  full: { precision: number; recall: number };
  nextMeetingRate: number;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function scoreSet(scores: readonly DocumentScore[]): SetScore {
  const expected = scores.reduce((n, s) => n + s.expectedCount, 0);
  const found = scores.reduce((n, s) => n + s.foundCount, 0);
  const matched = scores.reduce((n, s) => n + s.matches.length, 0);
  const right = scores.reduce((n, s) => n + s.matches.filter((m) => m.isOwnerRight && m.isDueRight).length, 0);
  return {
    documents: scores.length,
    text: { precision: ratio(matched, found), recall: ratio(matched, expected) },
    full: { precision: ratio(right, found), recall: ratio(right, expected) },
    nextMeetingRate: ratio(scores.filter((s) => s.isNextMeetingRight).length, scores.length),
  };
}
