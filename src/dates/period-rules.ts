import type { DateTime } from "luxon";
import { lastDayOfMonth, lastDayOfQuarter, nextYearly, seasonEnd, seasonStart, type Season } from "./calendar";
import {
  financialQuarterEnd,
  financialQuarterOf,
  financialYearEnd,
  financialYearOf,
  firstOfConsecutiveYears,
  nextFinancially,
} from "./financial-year";
import { onDay, rejected, type Rule, type RuleContext, type RuleOutcome } from "./rule";
import { YEAR } from "./words";

// Quarters, seasons and years, calendar and financial. A quarter is the board's financial
// quarter unless a single calendar year is written with it ("Q3 2013") or it says
// "calendar": in public bodies "Q3" means October to December when the year starts in
// April, and "Q3 2013" names a calendar year, so it is that year's July to September.
//
// A financial period is due on its last day with precision "month", shown as "Dec 2027":
// the short label "Q4 2027" would contradict the "Q3" the secretary wrote, and the date
// reads the same whichever way the board counts its quarters.

// "Last quarter" is left out: it usually means the one just gone.
const QUARTER_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  final: 4,
};

/** "2015/16", "2015-16" or "2015/2016": a financial year, named by the calendar year it starts in. */
const FINANCIAL_YEAR = `${YEAR}[/-](\\d{2}|\\d{4})`;

const NUMBERED_QUARTER = new RegExp(
  "^(?:(?:the )?end of )?(?:the )?(calendar |financial |fiscal )?(?:q([1-4])|quarter ([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|final) quarter)" +
    "(?: (?:of )?(.+))?$",
);

const OF_THE_FINANCIAL_YEAR = /^(?:the )?(?:(this|current|next|following) )?(?:financial|fiscal) year$/;
const OF_A_NAMED_FINANCIAL_YEAR = new RegExp(`^(?:(?:the )?(?:financial|fiscal) year |fy ?)?${FINANCIAL_YEAR}$`);
const OF_THE_CALENDAR_YEAR = new RegExp(`^(?:the )?calendar year(?: ${YEAR})?$|^${YEAR}$`);

/**
 * "Q3", "the third quarter", "Q3 of the financial year": the board's financial Q3 not yet
 * over; "Q3 of next financial year" the one after this year's; "Q3 2027/28" that year's.
 * "Q3 2013", "calendar Q3" and "Q3 of the calendar year" are calendar quarters, precision
 * "quarter" ("Q3 2013"). A single year with "financial" is refused: it could be either year.
 */
export const readNumberedQuarter: Rule = (phrase, context) => {
  const match = NUMBERED_QUARTER.exec(phrase);
  if (!match) return undefined;
  const [, kind, qDigit, quarterDigit, quarterWord, qualifier] = match;
  const quarter = Number(qDigit ?? quarterDigit ?? QUARTER_WORDS[quarterWord ?? ""]);
  if (!(quarter >= 1 && quarter <= 4)) return undefined;
  const isCalendar = kind === "calendar ";
  if (qualifier === undefined)
    return isCalendar ? calendarQuarter(context, quarter, undefined) : financialQuarter(context, quarter, "next");

  const calendarYear = OF_THE_CALENDAR_YEAR.exec(qualifier);
  if (calendarYear) {
    const yearText = calendarYear[1] ?? calendarYear[2];
    if (kind !== undefined && !isCalendar) {
      // A financial year starting in January is the calendar year, so "financial Q3 2027" is clear; otherwise it could be either.
      if (context.financialYearStartMonth === 1 && yearText !== undefined)
        return onDay(financialQuarterEnd(context.timeZone, Number(yearText), 1, quarter), "month");
      return rejected('Write the financial year as it runs, such as "Q3 2027/28".');
    }
    return calendarQuarter(context, quarter, yearText === undefined ? undefined : Number(yearText));
  }
  if (isCalendar) return undefined;
  const named = OF_A_NAMED_FINANCIAL_YEAR.exec(qualifier);
  if (named) {
    const startYear = firstOfConsecutiveYears(named[1] ?? "", named[2] ?? "");
    return startYear === undefined
      ? undefined
      : onDay(financialQuarterEnd(context.timeZone, startYear, context.financialYearStartMonth, quarter), "month");
  }
  const which = OF_THE_FINANCIAL_YEAR.exec(qualifier);
  if (!which) return undefined;
  return financialQuarter(
    context,
    quarter,
    which[1] === undefined ? "next" : which[1] === "this" || which[1] === "current" ? "this" : "following",
  );
};

function calendarQuarter(
  { today, timeZone }: RuleContext,
  quarter: number,
  year: number | undefined,
): RuleOutcome | undefined {
  if (year !== undefined) return onDay(lastDayOfQuarter(timeZone, year, quarter), "quarter");
  return onDay(
    nextYearly(today, (y) => lastDayOfQuarter(timeZone, y, quarter)),
    "quarter",
  );
}

/** "next": the first not over; "this": the current financial year's, even if over; "following": the next financial year's. */
function financialQuarter(
  { today, timeZone, financialYearStartMonth: startMonth }: RuleContext,
  quarter: number,
  which: "next" | "this" | "following",
): RuleOutcome | undefined {
  const end = (startYear: number) => financialQuarterEnd(timeZone, startYear, startMonth, quarter);
  if (which === "next") return onDay(nextFinancially(today, startMonth, end), "month");
  const current = financialYearOf(today, startMonth);
  return onDay(end(which === "this" ? current : current + 1), "month");
}

/** "This quarter" and "next quarter" are the board's financial quarters: the same as calendar ones unless its year starts mid-quarter. */
export const readCurrentQuarter: Rule = (phrase, { today, timeZone, financialYearStartMonth: startMonth }) => {
  const startYear = financialYearOf(today, startMonth);
  const current = financialQuarterOf(today, startMonth);
  if (
    /^(?:end of (?:the |this )?(?:current )?quarter|this quarter|(?:the )?current quarter|quarter[- ]end)$/.test(phrase)
  ) {
    return onDay(financialQuarterEnd(timeZone, startYear, startMonth, current), "month");
  }
  if (/^(?:end of )?(?:the )?(?:next|following) quarter$/.test(phrase)) {
    return onDay(financialQuarterEnd(timeZone, startYear, startMonth, current + 1), "month");
  }
  return undefined;
};

const SEASON = new RegExp(
  `^(?:(?:the )?end of )?(?:the )?(?:(this|next|coming) )?(spring|summer|autumn|winter)(?: (?:of )?${YEAR}(?:[/-](\\d{2}|\\d{4}))?)?$`,
);

/**
 * Meteorological seasons: spring ends 31 May, summer 31 August, autumn 30 November, and
 * winter at the end of February after its December ("winter 2013" and "winter 2013/14"
 * both end in February 2014). Without a year, the season not yet over; "next spring" is
 * the next one not yet begun.
 */
export const readSeason: Rule = (phrase, { today, timeZone }) => {
  const match = SEASON.exec(phrase);
  if (!match) return undefined;
  const [, which, seasonWord, yearText, secondYear] = match;
  const season = seasonWord as Season;
  if (yearText !== undefined) {
    if (which !== undefined) return undefined;
    if (
      secondYear !== undefined &&
      (season !== "winter" || firstOfConsecutiveYears(yearText, secondYear) === undefined)
    )
      return undefined;
    return onDay(seasonEnd(timeZone, season, Number(yearText)), "season");
  }
  if (which === "next") {
    for (let year = today.year - 1; year <= today.year + 1; year += 1) {
      const start = seasonStart(timeZone, season, year);
      if (start && start > today) return onDay(seasonEnd(timeZone, season, year), "season");
    }
    return undefined;
  }
  return onDay(
    nextYearly(today, (year) => seasonEnd(timeZone, season, year)),
    "season",
  );
};

const yearEnd = (timeZone: string, year: number): DateTime | undefined => lastDayOfMonth(timeZone, year, 12);

export const readYear: Rule = (phrase, { today, timeZone }) => {
  const named = new RegExp(`^(?:(?:the )?end of )?${YEAR}$`).exec(phrase);
  if (named) return onDay(yearEnd(timeZone, Number(named[1])), "year");
  if (
    /^(?:(?:the )?end of (?:the |this )?(?:current )?(?:calendar )?year|this year|later this year|(?:the )?current year)$/.test(
      phrase,
    )
  ) {
    return onDay(yearEnd(timeZone, today.year), "year");
  }
  if (/^(?:(?:the )?end of )?(?:the )?(?:next|following) year$/.test(phrase))
    return onDay(yearEnd(timeZone, today.year + 1), "year");
  return undefined;
};

const NAMED_FINANCIAL_YEAR = new RegExp(
  `^(?:(?:the )?end of )?(?:the )?(?:(?:financial|fiscal) year |fy ?|year )?${FINANCIAL_YEAR}(?: (?:financial |fiscal )?year[- ]end)?$`,
);
const CURRENT_FINANCIAL_YEAR =
  /^(?:(?:the )?end of )?(?:the )?(this |current |next |following )?(?:financial|fiscal) year(?:[- ]end)?$|^(?:the )?(this |current |next |following )?(?:(?:financial|fiscal) )?year[- ]end$/;

/**
 * "By 2015/16" and "the end of the year 2015/16" are the last day of that financial year;
 * "the end of the financial year", "financial year end" and "year end" the last day of the
 * one not yet over. Precision "month" ("Mar 2016"), as a year label would say 2016.
 * "The end of the year" alone is 31 December (readYear): it is what people mean by it.
 */
export const readFinancialYear: Rule = (phrase, { today, timeZone, financialYearStartMonth: startMonth }) => {
  const named = NAMED_FINANCIAL_YEAR.exec(phrase);
  if (named) {
    const startYear = firstOfConsecutiveYears(named[1] ?? "", named[2] ?? "");
    return startYear === undefined ? undefined : onDay(financialYearEnd(timeZone, startYear, startMonth), "month");
  }
  const current = CURRENT_FINANCIAL_YEAR.exec(phrase);
  if (!current) return undefined;
  const which = current[1] ?? current[2];
  const isNext = which === "next " || which === "following ";
  // Today is always in the current financial year, so its end is never past.
  return onDay(financialYearEnd(timeZone, financialYearOf(today, startMonth) + (isNext ? 1 : 0), startMonth), "month");
};

export const PERIOD_RULES: readonly Rule[] = [
  readNumberedQuarter,
  readCurrentQuarter,
  readSeason,
  readYear,
  readFinancialYear,
];
