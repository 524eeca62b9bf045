import type { DateTime } from "luxon";
import { dayIn, lastDayOfMonth, nextYearly } from "./calendar";
import { onDay, type Rule } from "./rule";
import { MONTH, YEAR, monthNumber } from "./words";
import type { DuePrecision } from "./types";

// Phrases naming a month: "end of June", "June 2015", "mid-June", "May or June 2015",
// "end of next month". A month without a year is the next one not yet over, so in
// July "end of June" is next year's.

export const readCurrentMonth: Rule = (phrase, { today }) => {
  if (/^(?:end of (?:the |this )?(?:current )?month|this month|(?:the )?current month|month[- ]end)$/.test(phrase)) {
    return onDay(today.endOf("month").startOf("day"), "month");
  }
  if (/^(?:end of )?(?:the )?(?:next|following) month$/.test(phrase)) {
    return onDay(today.plus({ months: 1 }).endOf("month").startOf("day"), "month");
  }
  if (/^(?:start|beginning) of (?:the )?(?:next|following) month$/.test(phrase)) {
    return onDay(today.plus({ months: 1 }).startOf("month"), "day");
  }
  return undefined;
};

type MonthAnchor = "end" | "start" | "middle";

const NAMED_MONTH = new RegExp(
  `^(?:(end|start|beginning|middle|mid)(?: of)?[ -])?(?:the )?(?:month of )?${MONTH}(?: (?:of )?${YEAR})?$`,
);

/** "End of June" and "June" are its last day (precision month); "start of June" and "mid-June" a day. */
export const readNamedMonth: Rule = (phrase, { today, timeZone }) => {
  const match = NAMED_MONTH.exec(phrase);
  if (!match) return undefined;
  const [, anchorWord, monthWord = "", yearText] = match;
  const month = monthNumber(monthWord);
  if (month === undefined) return undefined;
  const anchor: MonthAnchor =
    anchorWord === undefined || anchorWord === "end" ? "end" : anchorWord.startsWith("mid") ? "middle" : "start";
  const build = (year: number): DateTime | undefined => dayOfMonth(timeZone, year, month, anchor);
  const precision: DuePrecision = anchor === "end" ? "month" : "day";
  if (yearText !== undefined) return onDay(build(Number(yearText)), precision);
  return onDay(nextYearly(today, build), precision);
};

function dayOfMonth(timeZone: string, year: number, month: number, anchor: MonthAnchor): DateTime | undefined {
  if (anchor === "end") return lastDayOfMonth(timeZone, year, month);
  return dayIn(timeZone, year, month, anchor === "start" ? 1 : 15);
}

const MONTH_PAIR = new RegExp(`^(?:between )?${MONTH}(?: or | to | and | ?[/-] ?)${MONTH}(?: (?:of )?${YEAR})?$`);

/**
 * "May or June 2015": the end of the later month, which is the one written last, so the
 * year belongs to it ("December or January 2016" ends on 31 January 2016).
 */
export const readMonthPair: Rule = (phrase, { today, timeZone }) => {
  const match = MONTH_PAIR.exec(phrase);
  if (!match) return undefined;
  const [, , secondWord = "", yearText] = match;
  const month = monthNumber(secondWord);
  if (month === undefined) return undefined;
  if (yearText !== undefined) return onDay(lastDayOfMonth(timeZone, Number(yearText), month), "month");
  return onDay(
    nextYearly(today, (year) => lastDayOfMonth(timeZone, year, month)),
    "month",
  );
};

export const MONTH_RULES: readonly Rule[] = [readCurrentMonth, readNamedMonth, readMonthPair];
