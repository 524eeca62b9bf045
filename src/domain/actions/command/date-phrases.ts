import { tidyText } from "./slack-text";

const DATE_WORDS = new Set([
  ...["january", "february", "april", "june", "july", "august", "september", "october", "november", "december"],
  ...["jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"],
  ...["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
  ...["mon", "tue", "tues", "thu", "thur", "thurs", "fri"],
  ...["end", "next", "week", "weeks", "weekend", "fortnight", "month", "months", "quarter", "year"],
  ...["q1", "q2", "q3", "q4", "spring", "summer", "autumn", "winter"],
  ...["tomorrow", "today", "tonight", "meeting", "within", "coming"],
  // Ordinals as in "the twelfth of June"; first to third are too common elsewhere and count only before "of".
  ...[
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
  ],
  ...["fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth"],
]);

/** Month and day names that are also everyday words count only when capitalised: "May", not "may". */
const CAPITALISED_DATE_WORDS = new Set(["May", "March", "Mar", "Wed", "Sat", "Sun"]);

/** A date phrase longer than this is never a date, so the date parser is not asked about it. */
const MAX_DATE_PHRASE_CHARACTERS = 100;

/** Meant as a time but never readable as one when they open the phrase: "by sometime soonish" is refused; "by email asap" stays text. */
const VAGUE_TIME_OPENERS = /^(?:sometime|some time|soon|soonish|asap|shortly)\b/i;

/**
 * Whether a phrase after "by" was probably meant as a date, so failing to read it is worth
 * saying rather than quietly keeping it in the action's text ("by the twelfth of Neverember").
 */
export function looksLikeDate(phrase: string): boolean {
  if (/[0-9]/.test(phrase) || /\b(?:first|second|third) of\b/i.test(phrase) || VAGUE_TIME_OPENERS.test(phrase.trim()))
    return true;
  return phrase
    .split(/[^\p{L}\p{N}]+/u)
    .some((word) => DATE_WORDS.has(word.toLowerCase()) || CAPITALISED_DATE_WORDS.has(word));
}

/** "Friday." → "Friday", "by 5 p.m." keeps its full stops; an optional leading word ("by") is dropped. */
export function cleanDatePhrase(text: string, leadingWords: RegExp = /^$/): string {
  let phrase = tidyText(text).replace(/[!?]+$/, "");
  if (!/\b[a-z]\.[a-z]\.$/i.test(phrase)) phrase = phrase.replace(/\.+$/, "");
  return tidyText(tidyText(phrase).replace(leadingWords, ""));
}

/** Asks the date parser, but only about phrases short enough to be dates. */
export function isReadableDate(phrase: string, isDuePhrase: (phrase: string) => boolean): boolean {
  return phrase.length > 0 && phrase.length <= MAX_DATE_PHRASE_CHARACTERS && isDuePhrase(phrase);
}
