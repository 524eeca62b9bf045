import type { DateTime } from "luxon";
import { startOfWeek } from "./calendar";
import { onDay, type Rule } from "./rule";
import { COUNT, WEEKDAY, countValue, weekdayNumber } from "./words";

// Phrases counted from today: named days, weekdays, weeks and spans of time.

export const readNamedDay: Rule = (phrase, { today }) => {
  if (phrase === "today") return onDay(today, "day");
  if (phrase === "tomorrow") return onDay(today.plus({ days: 1 }), "day");
  if (/^(?:the )?day after tomorrow$/.test(phrase)) return onDay(today.plus({ days: 2 }), "day");
  return undefined;
};

const WEEKDAY_PHRASE = new RegExp(`^(?:(this|next|coming|a week on) )?${WEEKDAY}(?: (week|next week|this week))?$`);

/**
 * "Friday" is the first Friday after today (a week today when today is Friday);
 * "this Friday" may be today. "Next Friday" is the Friday of next week, weeks starting
 * on Monday, which is how British offices use it: said on a Monday it is 11 days off,
 * not 4. "Friday week" and "a week on Friday" are a week after "Friday".
 */
export const readWeekday: Rule = (phrase, { today }) => {
  const match = WEEKDAY_PHRASE.exec(phrase);
  if (!match) return undefined;
  const [, before, name = "", after] = match;
  const weekday = weekdayNumber(name);
  if (weekday === undefined) return undefined;
  if (before && after) return undefined;
  const ahead = (weekday - today.weekday + 7) % 7;
  if (before === "next" || after === "next week")
    return onDay(startOfWeek(today).plus({ weeks: 1, days: weekday - 1 }), "day");
  if (before === "this" || after === "this week") return onDay(today.plus({ days: ahead }), "day");
  const coming = today.plus({ days: ahead === 0 ? 7 : ahead });
  if (before === "a week on" || after === "week") return onDay(coming.plus({ weeks: 1 }), "day");
  return onDay(coming, "day");
};

const FRIDAY = 5;

/** "End of the week" is its Friday, the end of the working week; at the weekend, the coming Friday. */
export const readWeek: Rule = (phrase, { today }) => {
  const thisFriday = startOfWeek(today).plus({ days: FRIDAY - 1 });
  if (/^(?:(?:the )?end of (?:the |this )?(?:working )?week|this week|week end)$/.test(phrase)) {
    return onDay(thisFriday < today ? thisFriday.plus({ weeks: 1 }) : thisFriday, "day");
  }
  if (/^(?:(?:the )?end of )?(?:the )?(?:next|following) (?:working )?week$/.test(phrase)) {
    return onDay(thisFriday.plus({ weeks: 1 }), "day");
  }
  return undefined;
};

const SPAN = new RegExp(
  `^(?:(within|over|during|in) )?(?:the )?(?:(next|coming|following) )?(?:${COUNT} )?(day|week|fortnight|month|year)s?` +
    `(?:(?:'s|')? time| from (?:now|today))?$`,
);

/**
 * "In two weeks", "within six months", "over the coming two months": today plus the span.
 * Always precision "day", months and years included: the arithmetic gives a real day
 * (14 May + 6 months = 14 Nov), and showing "Nov 2013" would hide that it falls mid-month.
 */
export const readSpan: Rule = (phrase, { today }) => {
  const match = SPAN.exec(phrase);
  if (!match) return undefined;
  const [, lead, next, countWord, unit = ""] = match;
  // Without a count only "within the next month" reads as a span; "month" alone does not.
  if (countWord === undefined && !(lead && next)) return undefined;
  const count = countWord === undefined ? 1 : countValue(countWord);
  if (count === undefined || count < 1) return undefined;
  return onDay(addSpan(today, count, unit), "day");
};

function addSpan(today: DateTime, count: number, unit: string): DateTime {
  switch (unit) {
    case "day":
      return today.plus({ days: count });
    case "week":
      return today.plus({ weeks: count });
    case "fortnight":
      return today.plus({ weeks: 2 * count });
    case "month":
      return today.plus({ months: count });
    default:
      return today.plus({ years: count });
  }
}

export const RELATIVE_RULES: readonly Rule[] = [readNamedDay, readWeekday, readWeek, readSpan];
