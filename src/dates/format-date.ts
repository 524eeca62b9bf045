import { DateTime } from "luxon";
import { quarterOf, seasonOfMonth } from "./calendar";
import type { DuePrecision } from "./types";

// Dates as British secretariats write them: "Fri 7 Dec 2012", "Jun 2015", "Q3 2013".
// Names come from fixed tables rather than the runtime's locale data, which has changed
// its mind about "Sep" and "Sept" between ICU versions.

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

function inZone(instant: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone: timeZone });
}

/** "Fri 7 Dec 2012": the day `instant` falls on in the zone. */
export function formatDay(instant: Date, timeZone: string): string {
  const local = inZone(instant, timeZone);
  if (!local.isValid) return "an unknown day";
  return `${WEEKDAYS[local.weekday - 1]} ${local.day} ${MONTHS[local.month - 1]} ${local.year}`;
}

/**
 * Short form for lists: day → "Fri 7 Dec 2012"; month → "Jun 2015"; quarter → "Q3 2013"
 * (a calendar quarter: financial ones are stored with precision month, "Dec 2027");
 * season → "spring 2013" (winter spans the new year: "winter 2013/14"); year → "2013".
 */
export function formatDue(dueAt: Date, precision: DuePrecision, timeZone: string): string {
  const local = inZone(dueAt, timeZone);
  if (!local.isValid) return "an unknown day";
  switch (precision) {
    case "month":
      return `${MONTHS[local.month - 1]} ${local.year}`;
    case "quarter":
      return `Q${quarterOf(local.month)} ${local.year}`;
    case "season": {
      const { season, year } = seasonOfMonth(local.year, local.month);
      return season === "winter" ? `winter ${year}/${String((year + 1) % 100).padStart(2, "0")}` : `${season} ${year}`;
    }
    case "year":
      return String(local.year);
    default:
      return formatDay(dueAt, timeZone);
  }
}

/** Calendar-day difference (due day minus today) in the time zone: 0 today, negative when past. */
export function daysUntil(dueAt: Date, now: Date, timeZone: string): number {
  const dueDay = inZone(dueAt, timeZone).startOf("day");
  const today = inZone(now, timeZone).startOf("day");
  // Days are 23 or 25 hours long when the clocks change; luxon counts calendar days, and
  // rounding settles any remainder.
  return Math.round(dueDay.diff(today, "days").days);
}
