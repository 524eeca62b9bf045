import { DateTime } from "luxon";

// Calendar arithmetic in a board's time zone. Every DateTime here is the start (00:00) of
// a day in that zone; luxon's calendar units (days, weeks, months) keep it so across a
// clock change, which plain millisecond arithmetic would not.

/** Years outside this range are almost certainly typing mistakes. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export function isYearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** The start of a calendar day in the zone, or undefined when there is no such day (31 April). */
export function dayIn(timeZone: string, year: number, month: number, day: number): DateTime | undefined {
  if (!isYearInRange(year)) return undefined;
  const date = DateTime.fromObject({ year, month, day }, { zone: timeZone });
  return date.isValid ? date.startOf("day") : undefined;
}

export function lastDayOfMonth(timeZone: string, year: number, month: number): DateTime | undefined {
  return dayIn(timeZone, year, month, 1)?.endOf("month").startOf("day");
}

/**
 * The first day on or after today that `build(year)` gives. It starts from last year,
 * whose winter may not be over yet, and tries `yearsToTry` years ahead (leap days need 8).
 */
export function nextYearly(
  today: DateTime,
  build: (year: number) => DateTime | undefined,
  yearsToTry = 2,
): DateTime | undefined {
  for (let year = today.year - 1; year <= today.year + yearsToTry; year += 1) {
    const day = build(year);
    if (day && day >= today) return day;
  }
  return undefined;
}

export function quarterOf(month: number): number {
  return Math.ceil(month / 3);
}

export function lastDayOfQuarter(timeZone: string, year: number, quarter: number): DateTime | undefined {
  return lastDayOfMonth(timeZone, year, quarter * 3);
}

export type Season = "spring" | "summer" | "autumn" | "winter";

// Meteorological seasons, as the Met Office counts them: whole months, winter spanning
// the new year and named by the year of its December.
const SEASON_MONTHS: Readonly<Record<Season, { first: number; last: number }>> = {
  spring: { first: 3, last: 5 },
  summer: { first: 6, last: 8 },
  autumn: { first: 9, last: 11 },
  winter: { first: 12, last: 2 },
};

export function seasonStart(timeZone: string, season: Season, year: number): DateTime | undefined {
  return dayIn(timeZone, year, SEASON_MONTHS[season].first, 1);
}

export function seasonEnd(timeZone: string, season: Season, year: number): DateTime | undefined {
  const yearOfLastMonth = season === "winter" ? year + 1 : year;
  return lastDayOfMonth(timeZone, yearOfLastMonth, SEASON_MONTHS[season].last);
}

/** The season a month falls in, and the year that season is named by. */
export function seasonOfMonth(year: number, month: number): { season: Season; year: number } {
  if (month <= 2) return { season: "winter", year: year - 1 };
  if (month === 12) return { season: "winter", year };
  if (month <= 5) return { season: "spring", year };
  if (month <= 8) return { season: "summer", year };
  return { season: "autumn", year };
}

/** Start of the Monday-start week containing `day`. */
export function startOfWeek(day: DateTime): DateTime {
  return day.minus({ days: day.weekday - 1 }).startOf("day");
}
