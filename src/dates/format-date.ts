import { DateTime } from "luxon";
import { quarterOf, seasonOfMonth } from "./calendar";
import type { DuePrecision } from "./types";

// Dates as British secretariats write them: "Fri 7 Dec 2012", "Jun 2015", "Q3 2013".
// Names come from fixed tables rather than the runtime's locale data, which has changed
// its mind about "Sep" and "Sept" between ICU versions.

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** The calendar day an instant falls on in a zone: what lists, replies and RAG rules ask of luxon. */
interface LocalDay {
  isValid: boolean;
  year: number;
  month: number;
  day: number;
  /** 1 Monday to 7 Sunday, as luxon numbers them. */
  weekday: number;
}

/**
 * How many instants' local days are remembered. Reading an instant's offset in a zone costs
 * luxon a call of Intl's formatToParts (tens of microseconds): a list of ten actions asked it
 * some sixty times, mostly of the same few instants (vague dates fall on month ends, and
 * "today" is the same for every row), and it was a sixth of the app's CPU under a burst.
 */
const LOCAL_DAYS_KEPT = 10_000;
const localDays = new Map<string, LocalDay>();

function inZone(instant: Date, timeZone: string): LocalDay {
  const key = `${timeZone}|${instant.getTime()}`;
  const known = localDays.get(key);
  if (known) return known;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const day = { isValid: local.isValid, year: local.year, month: local.month, day: local.day, weekday: local.weekday };
  // Forgetting everything at once is cheaper than tracking age, and the next list fills it again.
  if (localDays.size >= LOCAL_DAYS_KEPT) localDays.clear();
  localDays.set(key, day);
  return day;
}

/** Days since 1970-01-01 of a calendar day: differences between two are calendar days, whatever the clocks did. */
function dayNumber({ year, month, day }: LocalDay): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
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
  return dayNumber(inZone(dueAt, timeZone)) - dayNumber(inZone(now, timeZone));
}
