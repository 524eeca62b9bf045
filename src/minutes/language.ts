// Parts of speech for the few words hand rules read badly: whether "Travis",
// "Luke" or "Pankaj" opening a sentence is a name, whether "may" is the month or
// the verb. wink-nlp with its small English model (offline, no install scripts),
// loaded once per process on first use and asked only about short candidate
// sentences: tagging a whole 30 KB document costs 100-180 ms, a sentence well under one.
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export interface TaggedWord {
  word: string;
  /** Universal part of speech: PROPN, NOUN, VERB, AUX, PART, ... */
  pos: string;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

// The benchmark measures loading in fresh processes (bench/minutes-import.ts), so nothing is timed here.
function language(): Nlp {
  nlp ??= winkNLP(model, ["sbd", "pos"]);
  return nlp;
}

// The same sentence is asked about by several readers; a bounded memo keeps that cheap within
// one document. parseMinutes empties it first, so every parse (and every benchmark run) starts cold.
const MEMO_SIZE = 2000;
const memo = new Map<string, TaggedWord[]>();

export function forgetTags(): void {
  memo.clear();
}

export function tagWords(sentence: string): TaggedWord[] {
  const known = memo.get(sentence);
  if (known) return known;
  const its = language().its;
  const doc = language().readDoc(sentence);
  const words = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tagged = words.map((word, i) => ({ word, pos: tags[i] ?? "X" }));
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(sentence, tagged);
  return tagged;
}

const NOT_NAMES = new Set([
  "i'm",
  "i’m",
  "i've",
  "we're",
  "council",
  "committee",
  "board",
  "panel",
  "group",
  "members",
  "governors",
  "trustees",
  "the",
  "a",
  "an",
  "this",
  "that",
  "it",
  "there",
  "we",
  "they",
  "he",
  "she",
  "i",
  "you",
  "all",
  "action",
  "actions",
  "item",
  "items",
  "agreed",
  "resolved",
  "noted",
  "decision",
  "outcome",
  "update",
  "next",
  "meeting",
  "minutes",
  "todo",
  "done",
]);

/**
 * "Travis to finish ...", "Luke will create ...", "Rob Z to ...": the one to three
 * words opening the clause are a name (the model tags them proper nouns) and the
 * verb that follows assigns work. Returns the name, or undefined.
 */
export function namedSubject(clause: string): string | undefined {
  const m =
    /^([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’.-]*){0,2})\s+(to|will|shall|took\s+(?:the\s+)?actions?\s+to|(?:has\s+|have\s+)?(?:agreed|volunteered|volunteers|offered|undertook|promised|committed)\s+to)\s+([a-z][\p{L}-]*)/u.exec(
      clause,
    );
  if (!m || NOT_NAMES.has(m[1]!.split(/\s+/)[0]!.toLowerCase())) return undefined;
  // The name, its modal and the verb are all the model needs to see: tagging costs by the word.
  const tagged = tagWords(firstWords(clause, m[0].split(/\s+/).length + 1));
  const nameWords = m[1]!.split(/\s+/).length;
  const name = tagged.slice(0, nameWords);
  if (name.length !== nameWords || !name.every((t) => t.pos === "PROPN")) return undefined;
  // The word after "to" or "will" is a verb: an assignment, not "Slack to Discord". A word the
  // model does not know as a verb ("redraft") counts when an object follows it ("the", "a", "it").
  const at = tagged.findIndex((t, i) => i >= nameWords && t.word === m[3]!.split("-")[0]);
  const verb = tagged[at];
  const isVerb =
    verb?.pos === "VERB" || (verb?.pos === "NOUN" && ["DET", "PRON", "NUM"].includes(tagged[at + 1]?.pos ?? ""));
  return isVerb ? m[1] : undefined;
}

/** "Rebuild the index", "Add filters": a text that opens with a verb, as work set down without an owner does. */
export function opensWithVerb(text: string): boolean {
  const first = tagWords(`You must ${firstWords(text, 4).replace(/^[A-Z]/, (c) => c.toLowerCase())}`)[2];
  return first?.pos === "VERB";
}

/** The first n words of a text: enough context for the model to tag the first of them. */
export function firstWords(text: string, n: number): string {
  return text.split(/\s+/).slice(0, n).join(" ");
}
