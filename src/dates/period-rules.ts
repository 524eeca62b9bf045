import type { DateTime } from "luxon";
import { lastDayOfMonth, lastDayOfQuarter, nextYearly, quarterOf, seasonEnd, seasonStart, type Season } from "./calendar";
import { onDay, type Rule } from "./rule";
import { YEAR } from "./words";

// Quarters, seasons and years, calendar and financial. British public bodies' financial
// year runs 1 April to 31 March and is written "2015/16" or "2015-16".

// "Last quarter" is left out: it usually means the one just gone.
const QUARTER_WORDS: Readonly<Record<string, number>> = {
  first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, final: 4,
};

/** "2015/16", "2015-16" or "2015/2016": the financial year starting in April of the first year. */
const FINANCIAL_YEAR = `${YEAR}[/-](\\d{2}|\\d{4})`;

function financialYearStart(first: string, second: string): number | undefined {
  const start = Number(first);
  const end = Number(second);
  const follows = second.length === 2 ? end === (start + 1) % 100 : end === start + 1;
  return follows ? start : undefined;
}

const NUMBERED_QUARTER = new RegExp(
  "^(?:(?:the )?end of )?(?:the )?(?:q([1-4])|quarter ([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|final) quarter)" +
    `(?: (?:of )?(?:${FINANCIAL_YEAR}|${YEAR}))?$`,
);

/**
 * "Q3" is 30 September, this year or next if this year's is over; "Q1 2014" is 31 March 2014.
 * A financial quarter ("Q3 2017/18", October to December 2017) ends on 31 December 2017, with
 * precision "month": shown as "Q4 2017" it would contradict what the secretary wrote.
 */
export const readNumberedQuarter: Rule = (phrase, { today, timeZone }) => {
  const match = NUMBERED_QUARTER.exec(phrase);
  if (!match) return undefined;
  const [, qDigit, quarterDigit, quarterWord, fyFirst, fySecond, yearText] = match;
  const quarter = Number(qDigit ?? quarterDigit ?? QUARTER_WORDS[quarterWord ?? ""]);
  if (!(quarter >= 1 && quarter <= 4)) return undefined;
  if (fyFirst !== undefined && fySecond !== undefined) {
    const start = financialYearStart(fyFirst, fySecond);
    if (start === undefined) return undefined;
    // Financial Q1 is April to June; Q4 is January to March of the following year.
    return onDay(quarter === 4 ? lastDayOfMonth(timeZone, start + 1, 3) : lastDayOfQuarter(timeZone, start, quarter + 1), "month");
  }
  if (yearText !== undefined) return onDay(lastDayOfQuarter(timeZone, Number(yearText), quarter), "quarter");
  return onDay(nextYearly(today, (year) => lastDayOfQuarter(timeZone, year, quarter)), "quarter");
};

export const readCurrentQuarter: Rule = (phrase, { today, timeZone }) => {
  const current = quarterOf(today.month);
  if (/^(?:end of (?:the |this )?(?:current )?quarter|this quarter|(?:the )?current quarter|quarter[- ]end)$/.test(phrase)) {
    return onDay(lastDayOfQuarter(timeZone, today.year, current), "quarter");
  }
  if (/^(?:end of )?(?:the )?(?:next|following) quarter$/.test(phrase)) {
    const next = current === 4 ? { year: today.year + 1, quarter: 1 } : { year: today.year, quarter: current + 1 };
    return onDay(lastDayOfQuarter(timeZone, next.year, next.quarter), "quarter");
  }
  return undefined;
};

const SEASON = new RegExp(`^(?:(?:the )?end of )?(?:the )?(?:(this|next|coming) )?(spring|summer|autumn|winter)(?: (?:of )?${YEAR}(?:[/-](\\d{2}|\\d{4}))?)?$`);

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
    if (secondYear !== undefined && (season !== "winter" || financialYearStart(yearText, secondYear) === undefined)) return undefined;
    return onDay(seasonEnd(timeZone, season, Number(yearText)), "season");
  }
  if (which === "next") {
    for (let year = today.year - 1; year <= today.year + 1; year += 1) {
      const start = seasonStart(timeZone, season, year);
      if (start && start > today) return onDay(seasonEnd(timeZone, season, year), "season");
    }
    return undefined;
  }
  return onDay(nextYearly(today, (year) => seasonEnd(timeZone, season, year)), "season");
};

const yearEnd = (timeZone: string, year: number): DateTime | undefined => lastDayOfMonth(timeZone, year, 12);

export const readYear: Rule = (phrase, { today, timeZone }) => {
  const named = new RegExp(`^(?:(?:the )?end of )?${YEAR}$`).exec(phrase);
  if (named) return onDay(yearEnd(timeZone, Number(named[1])), "year");
  if (/^(?:(?:the )?end of (?:the |this )?(?:current )?(?:calendar )?year|this year|later this year|(?:the )?current year)$/.test(phrase)) {
    return onDay(yearEnd(timeZone, today.year), "year");
  }
  if (/^(?:(?:the )?end of )?(?:the )?(?:next|following) year$/.test(phrase)) return onDay(yearEnd(timeZone, today.year + 1), "year");
  return undefined;
};

const NAMED_FINANCIAL_YEAR = new RegExp(`^(?:(?:the )?end of )?(?:the )?(?:(?:financial|fiscal) year |fy ?)?${FINANCIAL_YEAR}$`);

/** "By 2015/16" is 31 March 2016, precision "month" ("Mar 2016"), as a year label would say 2016. */
export const readFinancialYear: Rule = (phrase, { today, timeZone }) => {
  const named = NAMED_FINANCIAL_YEAR.exec(phrase);
  if (named) {
    const start = financialYearStart(named[1] ?? "", named[2] ?? "");
    return start === undefined ? undefined : onDay(lastDayOfMonth(timeZone, start + 1, 3), "month");
  }
  const current = /^(?:(?:the )?end of )?(?:the )?(this |current |next |following )?(?:financial|fiscal) year(?: end)?$/.exec(phrase);
  if (!current) return undefined;
  const thisOne = nextYearly(today, (year) => lastDayOfMonth(timeZone, year, 3));
  const isNext = current[1] === "next " || current[1] === "following ";
  return onDay(isNext ? thisOne?.plus({ years: 1 }).endOf("month").startOf("day") : thisOne, "month");
};

export const PERIOD_RULES: readonly Rule[] = [readNumberedQuarter, readCurrentQuarter, readSeason, readYear, readFinancialYear];
