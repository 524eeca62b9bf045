import { DateTime } from "luxon";
import { CALENDAR_DATE_RULES } from "./calendar-date-rules";
import type { Rule, RuleContext, RuleOutcome } from "./rule";
import { explainRefusal } from "./explain-refusal";
import { DEFAULT_FINANCIAL_YEAR_START_MONTH, isFinancialYearStartMonth } from "./financial-year";
import { MONTH_RULES } from "./month-rules";
import { readNextMeeting } from "./next-meeting";
import { MAX_PHRASE_CHARACTERS, normalisePhrase } from "./normalise-phrase";
import { PERIOD_RULES } from "./period-rules";
import { RELATIVE_RULES } from "./relative-rules";
import type { DueParseResult } from "./types";

/** Shown when a phrase cannot be read; the first is what the product's error message suggests. */
export const DUE_PHRASE_EXAMPLES: readonly string[] = Object.freeze([
  "by 12 November",
  "end of June",
  "next Friday",
  "by the next meeting",
]);

/**
 * Most specific first. Each rule matches a whole phrase or nothing, so the order matters
 * only where two could match: the calendar-date rule (chrono) comes last, as it would
 * otherwise read "end of June" as the day 30 June of this year, even when that is past.
 */
const RULES: readonly Rule[] = [
  readNextMeeting,
  ...RELATIVE_RULES,
  ...MONTH_RULES,
  ...PERIOD_RULES,
  ...CALENDAR_DATE_RULES,
];

/**
 * Reads a British English due phrase ("by the end of September 2013", "next Friday",
 * "Q3", "by the next meeting") relative to `now` in `timeZone`. A date is due at the start
 * (00:00) of its day in the zone; a time of day in the phrase is read and dropped.
 *
 * Quarters without a calendar year ("Q3", "Q3 2027/28") and the year end are the board's
 * financial ones, counted from `financialYearStartMonth` (April when not given).
 *
 * Recurring deadlines ("by the end of March each year") are read as their next occurrence,
 * with the precision of one ("Mar 2014"): the app keeps the phrase as written beside the
 * date, and the secretary moves the date on when it comes round.
 *
 * Never throws: any string gives either a date, the next meeting, or a reason.
 */
export function parseDuePhrase(phrase: string, options: DueParseOptions): DueParseResult {
  const refuse = (reason: string): DueParseResult => ({ ok: false, phrase, reason });
  try {
    if (typeof phrase !== "string") return refuse("No date was given.");
    if (phrase.length > MAX_PHRASE_CHARACTERS)
      return refuse(`That is longer than ${MAX_PHRASE_CHARACTERS} characters, too long for a date.`);
    const context = contextFor(options);
    if (typeof context === "string") return refuse(context);

    const text = normalisePhrase(phrase);
    const outcome = text === "" ? undefined : firstOutcome(text, context);
    if (!outcome) return refuse(explainRefusal(text, phrase, context));
    switch (outcome.kind) {
      case "rejected":
        return refuse(outcome.reason);
      case "next_meeting":
        return { ok: true, due: { kind: "next_meeting", phrase } };
      default:
        return {
          ok: true,
          due: { kind: "date", dueAt: outcome.day.startOf("day").toJSDate(), precision: outcome.precision, phrase },
        };
    }
  } catch {
    // A rule or chrono failing on some odd input is a phrase we cannot read, not a crash.
    return refuse("That is not a date I can read.");
  }
}

export interface DueParseOptions {
  now: Date;
  timeZone: string;
  /** The month (1 to 12) the board's financial year starts in; 4 (April) when not given. */
  financialYearStartMonth?: number;
}

// A zone's offset costs luxon an Intl lookup each time; reading a document asks for the same
// "today" in the same zone for every phrase it tries, so the few latest are kept (they never change).
const contexts = new Map<string, RuleContext | string>();

function contextFor({
  now,
  timeZone,
  financialYearStartMonth = DEFAULT_FINANCIAL_YEAR_START_MONTH,
}: DueParseOptions): RuleContext | string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return "The reference time is not a valid date.";
  if (!isFinancialYearStartMonth(financialYearStartMonth))
    return "The financial year must start in a month from 1 to 12.";
  const key = `${now.getTime()}|${timeZone}|${financialYearStartMonth}`;
  const known = contexts.get(key);
  if (known) return known;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const context = local.isValid
    ? { today: local.startOf("day"), timeZone, financialYearStartMonth }
    : `"${String(timeZone)}" is not a time zone I know.`;
  if (contexts.size >= 64) contexts.delete(contexts.keys().next().value!);
  contexts.set(key, context);
  return context;
}

function firstOutcome(text: string, context: RuleContext): RuleOutcome | undefined {
  for (const rule of RULES) {
    const outcome = rule(text, context);
    if (outcome) return outcome;
  }
  return undefined;
}
