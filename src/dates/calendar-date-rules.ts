import * as chrono from "chrono-node";
import type { DateTime } from "luxon";
import { dayIn, isYearInRange, MAX_YEAR, MIN_YEAR, nextYearly } from "./calendar";
import { onDay, rejected, type Rule, type RuleContext, type RuleOutcome } from "./rule";
import { MONTH, MONTH_NAMES, WEEKDAY_NAMES, monthNumber } from "./words";

// Days written out: "7 December 2012", "7/12/2012", "the 19th of November", "Tue 9 Jun 2015".
// chrono-node's en-GB parser reads them (day before month). It is asked only for the day,
// month and year it was certain of; everything it infers is decided here instead, because
// its guesses suit a diary, not a deadline:
//  - a date without a year gets the nearest year, past or future ("19 Nov" said on 23 Nov
//    is last week); a due date wants the next such day, today included;
//  - "29 February" without a year finds nothing in a non-leap year;
//  - it reads part of a phrase and drops the rest ("Friday week" → Friday, "7 Dec '12" →
//    7 Dec, "32 December" → December), so a result must cover the whole phrase;
//  - a weekday it reads alongside a date ("Monday 15th October") is never checked;
//  - "12/25/2012" quietly becomes 25 December, month first; harmless, as no other reading exists.

/** "The 19th": the next 19th of a month, today included, skipping months too short for it. */
export const readDayOfMonth: Rule = (phrase, { today, timeZone }) => {
  const match = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(phrase);
  if (!match) return undefined;
  const day = Number(match[1]);
  if (day < 1 || day > 31) return undefined;
  for (let ahead = 0; ahead <= 12; ahead += 1) {
    const month = today.plus({ months: ahead });
    const candidate = dayIn(timeZone, month.year, month.month, day);
    if (candidate && candidate >= today) return onDay(candidate, "day");
  }
  return undefined;
};

const LEAP_DAY = new RegExp(`^(?:29(?:th)?(?: of)? ${MONTH}|${MONTH} 29(?:th)?)$`);

/** "29 February" without a year is the next leap day. */
export const readLeapDay: Rule = (phrase, { today, timeZone }) => {
  const match = LEAP_DAY.exec(phrase);
  if (!match || monthNumber(match[1] ?? match[2] ?? "") !== 2) return undefined;
  return onDay(
    nextYearly(today, (year) => dayIn(timeZone, year, 2, 29), 8),
    "day",
  );
};

// chrono reads relative phrases too ("3 days ago", "now"); only dates that name a month or
// are written in figures are taken from it.
const LOOKS_LIKE_A_DATE = new RegExp(`\\b${MONTH}(?![a-z])|\\d{1,4}[/.-]\\d{1,2}`);

/** "June 26": chrono (en-GB) reads the number as the year '26; written after a month without a year, it is the day. */
const MONTH_THEN_DAY = new RegExp(`^${MONTH} (\\d{1,2})$`);

export const readCalendarDate: Rule = (phrase, context) => {
  if (!LOOKS_LIKE_A_DATE.test(phrase)) return undefined;
  const monthThenDay = MONTH_THEN_DAY.exec(phrase);
  if (monthThenDay) {
    const month = monthNumber(monthThenDay[1]!) ?? 0;
    const day = Number(monthThenDay[2]);
    if (month >= 1 && day >= 1 && day <= 31) return resolveDate(context, { day, month, year: null, weekday: null });
  }
  const results = chrono.en.GB.parse(phrase, context.today.toJSDate());
  const [result] = results;
  if (results.length !== 1 || !result) return undefined;
  const rest = phrase.slice(0, result.index) + phrase.slice(result.index + result.text.length);
  if (!/^[\s.,]*$/.test(rest)) return undefined;
  // A range ("7 to 9 December") is due at its end.
  const parts = result.end ?? result.start;
  if (!parts.isCertain("day") || !parts.isCertain("month")) return undefined;
  const day = parts.get("day") ?? 0;
  const month = parts.get("month") ?? 0;
  const year = parts.isCertain("year") ? parts.get("year") : null;
  const weekday = result.start.isCertain("weekday") && !result.end ? result.start.get("weekday") : null;
  return resolveDate(context, { day, month, year, weekday });
};

interface WrittenDate {
  day: number;
  month: number;
  year: number | null;
  /** chrono's numbering: Sunday 0 … Saturday 6. */
  weekday: number | null;
}

function resolveDate({ today, timeZone }: RuleContext, written: WrittenDate): RuleOutcome | undefined {
  const { day, month, year, weekday } = written;
  const dayAndMonth = `${day} ${MONTH_NAMES[month - 1] ?? "?"}`;
  let date: DateTime | undefined;
  if (year !== null) {
    if (!isYearInRange(year)) return rejected(`Years before ${MIN_YEAR} or after ${MAX_YEAR} are not accepted.`);
    date = dayIn(timeZone, year, month, day);
    if (!date) return rejected(`There is no ${dayAndMonth} ${year}.`);
  } else {
    date = nextYearly(today, (y) => dayIn(timeZone, y, month, day), 8);
    if (!date) return rejected(`There is no ${dayAndMonth}.`);
  }
  if (weekday !== null && date.weekday % 7 !== weekday) {
    const named = WEEKDAY_NAMES[(weekday + 6) % 7] ?? "?";
    return rejected(`${WEEKDAY_NAMES[date.weekday - 1] ?? "?"} ${dayAndMonth} ${date.year} is not a ${named}.`);
  }
  return onDay(date, "day");
}

const IMPOSSIBLE_DATE = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH}(?: (\\d{4}))?$`);

/** Names the problem with a day chrono refused outright, such as "31 February 2013". */
export function explainImpossibleDate(phrase: string, { timeZone }: RuleContext): string | undefined {
  const match = IMPOSSIBLE_DATE.exec(phrase);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = monthNumber(match[2] ?? "");
  if (month === undefined) return undefined;
  const year = match[3] === undefined ? undefined : Number(match[3]);
  if (year !== undefined && !isYearInRange(year)) return undefined;
  // Any leap year will do when no year was given: only the day and month are in question.
  if (dayIn(timeZone, year ?? 2000, month, day)) return undefined;
  return `There is no ${day} ${MONTH_NAMES[month - 1] ?? "?"}${year === undefined ? "" : ` ${year}`}.`;
}

export const CALENDAR_DATE_RULES: readonly Rule[] = [readDayOfMonth, readLeapDay, readCalendarDate];
