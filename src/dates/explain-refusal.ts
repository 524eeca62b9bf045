import { explainImpossibleDate } from "./calendar-date-rules";
import type { RuleContext } from "./rule";

// A short reason for a phrase no rule could read, specific where a common case allows.

const VAGUE =
  /\b(?:soon|asap|a\.s\.a\.p|as soon as|whenever|tbc|tbd|tba|to be (?:confirmed|agreed|decided|arranged)|shortly|due course|ongoing|on-going|eventually|sometime|some time|immediately|urgently|now|anytime|any time|a few|several|near future|coming (?:days|weeks|months)|in time|timely)\b/;
const PAST = /\b(?:yesterday|ago)\b|^last (?:\w+)$|^(?:the )?(?:previous|past) \w+$/;
const FROM_AN_EVENT =
  /\b(?:days?|weeks?|months?|years?|fortnights?) (?:of|after|following|from) (?!now\b|today\b)|\b(?:after|following|once) (?!today\b|tomorrow\b)/;
const A_START = /^(?:from|starting|commencing|beginning|after|since)\b/;

/** `phrase` is the normalised phrase the rules saw; `written` the phrase as typed. */
export function explainRefusal(phrase: string, written: string, context: RuleContext): string {
  if (phrase === "") return "No date was given.";
  const impossible = explainImpossibleDate(phrase, context);
  if (impossible) return impossible;
  if (A_START.test(phrase)) return "That says when something starts, not when it is due.";
  if (FROM_AN_EVENT.test(phrase)) return "That counts from an event with no date.";
  if (PAST.test(phrase)) return "That is in the past.";
  // Asked of the phrase as typed: filler removal turns "in due course" into "course".
  if (VAGUE.test(written.toLowerCase())) return "That is too vague to put a date on.";
  return "That is not a date I can read.";
}
