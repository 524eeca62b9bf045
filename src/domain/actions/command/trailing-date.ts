import { cleanDatePhrase } from "./date-phrases";
import { joinTokens, wordOf, type Token } from "./slack-text";

// A due date written at the end of an action without "by" or "due": "Draft the paper @ravi
// in two weeks", "owner: London Councils May or June 2027". Without the keyword the words
// could as well be what the action is about ("Agree the budget for next year", "Plan the
// next meeting"), so they are taken only when nothing else could be meant. The rules:
//
//  1. They are the longest run of final words (at most eight) that reads as a date; when
//     that run breaks a rule below, no shorter one is tried.
//  2. More than a lone word: "in two weeks", "end of March", "next Friday", "June 2027",
//     "Q3 2027/28". A single word counts only when it is a weekday ("Friday"), "today",
//     "tomorrow" or a date in figures with its year ("31/12/2027"). A lone month, year,
//     quarter or season ("May", "2027", "Q3", "2027/28", "summer"), and one after "in"
//     ("in June"), stays text: each is as often the subject ("Agree the budget 2027/28").
//  3. Not a length ("two weeks" without "in" or "within") and not a clock time alone ("at 9am").
//  4. Not a noun phrase: they do not start with "the" ("the next meeting", "the summer"),
//     and the word before is not "the", "a" or a possessive ("Agree our Q3 2027/28").
//  5. Not the object of the words before: neither they nor the word before them start with
//     "for", "of", "about", "from", "until", "to" and the like ("Budget for next year");
//     "on" only before a day ("on Friday", "on 12 November", not "Report on Q3 2027").
//  6. A weekday alone is not part of a named day ("Good Friday", "Black Friday").

/** "No later than the end of March 2027" is eight words; no date needs more. */
const MAX_WORDS = 8;

/** Words that make what follows the subject of the action, not its deadline. */
const SUBJECT_WORDS = new Set([
  ...["for", "of", "about", "from", "since", "after", "until", "till", "to", "than", "with", "without", "between"],
  ...["per", "re", "regarding", "concerning", "covering", "including", "versus", "vs", "against", "into", "like", "as"],
  // "Review last Friday", "Hold a stand-up every Friday", "the report dated 12/03/2027": what, not when.
  ...["last", "every", "each", "past", "previous", "dated"],
]);
const ARTICLES_AND_POSSESSIVES = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "our",
  "his",
  "her",
  "my",
  "your",
  "whose",
]);
/** Words before a date's own words that say when: "in two weeks", "at the next meeting". */
const LEADING_WORDS = new Set(["in", "at", "before", "within", "over", "during", "on", "the"]);
const SPAN_LEADS = new Set(["in", "within", "over"]);

const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
const NAMED_DAY_FIRST_WORDS = new Set([
  "good",
  "black",
  "ash",
  "maundy",
  "holy",
  "palm",
  "easter",
  "shrove",
  "super",
  "cyber",
  "remembrance",
  "mothering",
]);
const FIGURES_WITH_YEAR = /^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2})$/;
const LENGTH =
  /^(?:\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|couple of) (?:day|week|fortnight|month|year)s?$/;
const CLOCK_TIME = /^(?:\d{1,2}(?:[:.]\d{2})? ?(?:am|pm|a\.m\.?|p\.m\.?)?|(?:12 )?(?:noon|midday|midnight))$/;
/** A day, rather than a period: a weekday, today or tomorrow, a day of the month, a date in figures. */
const NAMES_A_DAY =
  /\b(?:mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday|today|tomorrow)\b|(?<![/.-])\b\d{1,2}(?:st|nd|rd|th)?\b(?![/.-]\d)|\b\d{1,2}[/.-]\d{1,2}\b/;

export interface TrailingDate {
  phrase: string;
  /** The tokens it was written with, which leave the text or the body's name. */
  indices: number[];
}

/**
 * The due date at the end of `run` (indices of consecutive tokens: the end of the action's
 * text, or a body's name), when the rules above allow one.
 */
export function findTrailingDate(
  tokens: readonly Token[],
  run: readonly number[],
  isDue: (phrase: string) => boolean,
): TrailingDate | undefined {
  // Only plain words: a link or a mention is never part of a date.
  let start = run.length;
  while (start > 0 && run.length - start < MAX_WORDS && tokens[run[start - 1]!]?.kind === "word") start--;
  for (let from = start; from < run.length; from++) {
    const indices = run.slice(from);
    // "(next Friday)": the brackets go with the date, and are not part of it.
    const phrase = cleanDatePhrase(
      joinTokens(indices.map((i) => tokens[i] as Token)).replace(/^[([]\s*([^()[\]]*?)\s*[)\]]$/, "$1"),
    );
    if (!phrase || !isDue(phrase)) continue;
    const before = from > 0 ? plainWord(wordOf(tokens[run[from - 1]!]) ?? "") : undefined;
    return isDueWithoutKeyword(phrase, before) ? { phrase, indices } : undefined;
  }
  return undefined;
}

/** "Friday." → "friday", "p.m." → "p.m": what the rules compare. */
function plainWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/[^\p{L}\p{N}]+$/u, "");
}

/** Whether a phrase that reads as a date, with the word before it, is meant as the due date (rules 2 to 6). */
function isDueWithoutKeyword(phrase: string, before: string | undefined): boolean {
  const words = phrase.split(" ").map(plainWord).filter(Boolean);
  const [first] = words;
  if (first === undefined || first === "the" || SUBJECT_WORDS.has(first)) return false;
  if (before !== undefined && (SUBJECT_WORDS.has(before) || ARTICLES_AND_POSSESSIVES.has(before))) return false;
  let lead = 0;
  while (lead < words.length - 1 && LEADING_WORDS.has(words[lead]!)) lead++;
  const core = words.slice(lead);
  const coreText = core.join(" ");
  if ((first === "on" || before === "on") && !NAMES_A_DAY.test(coreText)) return false;
  if (CLOCK_TIME.test(coreText)) return false;
  if (LENGTH.test(coreText) && !SPAN_LEADS.has(first)) return false;
  if (core.length > 1) return true;
  const [only = ""] = core;
  if (WEEKDAYS.has(only)) return !NAMED_DAY_FIRST_WORDS.has(lead > 0 ? "" : (before ?? ""));
  return only === "today" || only === "tomorrow" || FIGURES_WITH_YEAR.test(only);
}
