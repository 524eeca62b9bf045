// When a board meets, in words people use ("monthly on the 4th Friday", "every 3
// months", "quarterly on the second Tuesday", "fortnightly on Monday") or as an
// RFC 5545 RRULE, stored as the rrule package writes it. Pure.
import { DateTime } from "luxon";
import { RRule, rrulestr, type Options, type Weekday } from "rrule";

const DAYS: Record<string, Weekday> = {
  monday: RRule.MO,
  tuesday: RRule.TU,
  wednesday: RRule.WE,
  thursday: RRule.TH,
  friday: RRule.FR,
  saturday: RRule.SA,
  sunday: RRule.SU,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  fifth: 5,
  "5th": 5,
  last: -1,
};
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, six: 6, twelve: 12 };

export type RecurrenceResult = { ok: true; rule: string; words: string } | { ok: false; problem: string };

function weekday(text: string): Weekday | undefined {
  const word = text.toLowerCase().replace(/s$/, "");
  return DAYS[word] ?? Object.entries(DAYS).find(([name]) => name.startsWith(word) && word.length >= 3)?.[1];
}

/** Reads a schedule; `from` (YYYY-MM-DD) anchors "every 3 months" and the like. */
export function parseRecurrence(input: string, from: string): RecurrenceResult {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ").replace(/[.,]$/, "");
  const dtstart = new Date(`${from}T00:00:00Z`);
  const quoted = input.trim().length > 40 ? `${input.trim().slice(0, 39)}…` : input.trim();
  // Short enough to show on the form's field: Slack cuts field errors off.
  const refuse = (): RecurrenceResult => ({
    ok: false,
    problem: `I couldn't read "${quoted}" as a schedule. Try "monthly on the 4th Friday", "every 3 months" or an RRULE.`,
  });
  if (!text) return refuse();
  if (/^(rrule:|freq=|dtstart)/i.test(input.trim())) {
    try {
      const source = /^dtstart/i.test(input.trim())
        ? input.trim()
        : `DTSTART:${from.replace(/-/g, "")}T000000Z\n${/^rrule:/i.test(input.trim()) ? input.trim() : `RRULE:${input.trim()}`}`;
      const rule = rrulestr(source, { forceset: false }) as RRule;
      if (![RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY].includes(rule.options.freq))
        return {
          ok: false,
          problem: "A board meets at most once a day: use a daily, weekly, monthly or yearly RRULE.",
        };
      if (!rule.after(new Date(`${from}T23:59:59Z`)))
        return { ok: false, problem: "That RRULE has no dates after today." };
      return { ok: true, rule: rule.toString(), words: rule.toText() };
    } catch {
      return {
        ok: false,
        problem: `That is not an RRULE the rrule package can read (such as "FREQ=MONTHLY;BYDAY=+2TU").`,
      };
    }
  }
  const options: Partial<Options> = { dtstart };
  let rest = text;
  const every = /^(?:every|each) (\d+|one|two|three|four|six|twelve|other) (week|month)s?\b/.exec(rest);
  if (every) {
    options.freq = every[2] === "week" ? RRule.WEEKLY : RRule.MONTHLY;
    options.interval = every[1] === "other" ? 2 : (NUMBERS[every[1]!] ?? Number(every[1]));
    rest = rest.slice(every[0].length);
  } else {
    const simple =
      /^(weekly|fortnightly|monthly|bimonthly|bi-monthly|quarterly|annually|yearly|every week|every month|every quarter|every year)\b/.exec(
        rest,
      );
    if (!simple) return refuse();
    const word = simple[1]!;
    if (/week/.test(word)) options.freq = RRule.WEEKLY;
    else if (word === "fortnightly") Object.assign(options, { freq: RRule.WEEKLY, interval: 2 });
    else if (/bi-?monthly/.test(word)) Object.assign(options, { freq: RRule.MONTHLY, interval: 2 });
    else if (/quarter/.test(word)) Object.assign(options, { freq: RRule.MONTHLY, interval: 3 });
    else if (/annual|year/.test(word)) options.freq = RRule.YEARLY;
    else options.freq = RRule.MONTHLY;
    rest = rest.slice(simple[0].length);
  }
  rest = rest.replace(/^\s*(on|,)?\s*(the\s+)?/, "");
  if (rest) {
    const nth = /^(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th) (\w+)$/.exec(rest);
    const monthDay = /^(\d{1,2})(?:st|nd|rd|th)?(?: of the month)?$/.exec(rest);
    const day = weekday(rest);
    if (nth && weekday(nth[2]!) && options.freq !== RRule.WEEKLY)
      options.byweekday = [weekday(nth[2]!)!.nth(ORDINALS[nth[1]!]!)];
    else if (monthDay && options.freq === RRule.MONTHLY && Number(monthDay[1]) <= 28)
      options.bymonthday = [Number(monthDay[1])];
    else if (day && options.freq === RRule.WEEKLY) options.byweekday = [day];
    else return refuse();
  }
  const rule = new RRule(options);
  return { ok: true, rule: rule.toString(), words: rule.toText() };
}

/** The schedule in words, from a stored rule. */
export function describeRecurrence(stored: string): string {
  try {
    return rrulestr(stored).toText();
  } catch {
    return stored;
  }
}

/** The first day (YYYY-MM-DD) the rule gives strictly after `afterDay`. */
export function nextOccurrence(stored: string, afterDay: string): string | undefined {
  try {
    const next = rrulestr(stored).after(new Date(`${afterDay}T23:59:59Z`), false);
    return next ? (DateTime.fromJSDate(next, { zone: "utc" }).toISODate() ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the rule gives `day` (YYYY-MM-DD). */
export function isOccurrence(stored: string, day: string): boolean {
  const before = DateTime.fromISO(day, { zone: "utc" }).minus({ days: 1 }).toISODate();
  return before !== null && nextOccurrence(stored, before) === day;
}
