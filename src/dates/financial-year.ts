import type { DateTime } from "luxon";
import { dayIn } from "./calendar";

// A board's financial year: twelve months from the first of its start month. British
// public bodies start theirs on 1 April, which is the default; a year is named by the
// calendar year it starts in ("2027/28" starts in 2027) and its quarters are counted from
// its start, so with April "Q1" is April to June and "Q4" January to March.

export const DEFAULT_FINANCIAL_YEAR_START_MONTH = 4;

export function isFinancialYearStartMonth(month: unknown): month is number {
  return typeof month === "number" && Number.isInteger(month) && month >= 1 && month <= 12;
}

/** The start year of the financial year `day` falls in: 15 March 2028 is in 2027/28 when years start in April. */
export function financialYearOf(day: DateTime, startMonth: number): number {
  return day.month >= startMonth ? day.year : day.year - 1;
}

/** The last day of a financial year's quarter (1 to 4), or of the whole year for quarter 4. */
export function financialQuarterEnd(
  timeZone: string,
  startYear: number,
  startMonth: number,
  quarter: number,
): DateTime | undefined {
  // The day before the next quarter starts: month arithmetic in luxon carries into the next year.
  return dayIn(timeZone, startYear, startMonth, 1)
    ?.plus({ months: 3 * quarter })
    .minus({ days: 1 });
}

export function financialYearEnd(timeZone: string, startYear: number, startMonth: number): DateTime | undefined {
  return financialQuarterEnd(timeZone, startYear, startMonth, 4);
}

/** The quarter (1 to 4) of its financial year that `day` falls in. */
export function financialQuarterOf(day: DateTime, startMonth: number): number {
  const monthsIn = (((day.month - startMonth) % 12) + 12) % 12;
  return Math.floor(monthsIn / 3) + 1;
}

/** The first `build(startYear)` not over by `today`, trying the financial year before today's, today's and the two after. */
export function nextFinancially(
  today: DateTime,
  startMonth: number,
  build: (startYear: number) => DateTime | undefined,
): DateTime | undefined {
  const current = financialYearOf(today, startMonth);
  for (let year = current - 1; year <= current + 2; year += 1) {
    const day = build(year);
    if (day && day >= today) return day;
  }
  return undefined;
}

/**
 * "2027/28", "2027-28" or "2027/2028": the start year, when the second year follows the
 * first; undefined for "2027/29". Used for winters too ("winter 2013/14").
 */
export function firstOfConsecutiveYears(first: string, second: string): number | undefined {
  const start = Number(first);
  const end = Number(second);
  const follows = second.length === 2 ? end === (start + 1) % 100 : end === start + 1;
  return follows ? start : undefined;
}
