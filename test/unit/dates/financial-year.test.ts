import { DateTime } from "luxon";
import { formatDue, parseDuePhrase, type DueParseResult } from "../../../src/dates";

const LONDON = "Europe/London";
/** Monday 23 November 2026: in the financial year 2026/27 (April start), in its Q3. */
const MON_23_NOV_2026 = "2026-11-23T10:00:00Z";
/** Tuesday 15 June 2027: in 2027/28's Q1. */
const TUE_15_JUN_2027 = "2027-06-15T10:00:00Z";

function summarise(result: DueParseResult): string {
  if (!result.ok) return `refused: ${result.reason}`;
  if (result.due.kind === "next_meeting") return "next_meeting";
  return `${DateTime.fromJSDate(result.due.dueAt, { zone: LONDON }).toISODate()} ${result.due.precision}`;
}

describe("parseDuePhrase against a board's financial year", () => {
  it.each<[phrase: string, now: string, startMonth: number | undefined, expected: string]>([
    // A year starting in April, the default: Q1 April to June … Q4 January to March.
    ["Q1", MON_23_NOV_2026, undefined, "2027-06-30 month"],
    ["Q2", MON_23_NOV_2026, undefined, "2027-09-30 month"],
    ["Q3", MON_23_NOV_2026, undefined, "2026-12-31 month"],
    ["Q4", MON_23_NOV_2026, undefined, "2027-03-31 month"],
    ["Q3", MON_23_NOV_2026, 4, "2026-12-31 month"],
    ["by the end of Q3", MON_23_NOV_2026, 4, "2026-12-31 month"],
    ["the third quarter", MON_23_NOV_2026, 4, "2026-12-31 month"],
    ["Q3", TUE_15_JUN_2027, 4, "2027-12-31 month"],
    ["Q1", TUE_15_JUN_2027, 4, "2027-06-30 month"],
    ["Q3 2027/28", MON_23_NOV_2026, 4, "2027-12-31 month"],
    ["Q4 2027/28", MON_23_NOV_2026, 4, "2028-03-31 month"],
    ["Q4 2027-2028", MON_23_NOV_2026, 4, "2028-03-31 month"],
    ["Q3 of the financial year", MON_23_NOV_2026, 4, "2026-12-31 month"],
    ["Q1 of the financial year 2027/28", MON_23_NOV_2026, 4, "2027-06-30 month"],
    ["Q2 of this financial year", MON_23_NOV_2026, 4, "2026-09-30 month"],
    ["Q2 of next financial year", MON_23_NOV_2026, 4, "2027-09-30 month"],
    ["end of the financial year", MON_23_NOV_2026, 4, "2027-03-31 month"],
    ["financial year end", MON_23_NOV_2026, 4, "2027-03-31 month"],
    ["year end", MON_23_NOV_2026, 4, "2027-03-31 month"],
    ["by the year-end", MON_23_NOV_2026, 4, "2027-03-31 month"],
    ["end of next financial year", MON_23_NOV_2026, 4, "2028-03-31 month"],
    ["end of the year 2027/28", MON_23_NOV_2026, 4, "2028-03-31 month"],
    ["2027/28 year end", MON_23_NOV_2026, 4, "2028-03-31 month"],
    ["by 2027/28", MON_23_NOV_2026, 4, "2028-03-31 month"],
    // A quarter with a single calendar year, or called calendar, is that calendar quarter.
    ["Q3 2027", MON_23_NOV_2026, 4, "2027-09-30 quarter"],
    ["calendar Q3", MON_23_NOV_2026, 4, "2027-09-30 quarter"],
    ["Q4 of the calendar year", MON_23_NOV_2026, 4, "2026-12-31 quarter"],
    ["Q1 of the calendar year 2027", MON_23_NOV_2026, 4, "2027-03-31 quarter"],
    // "The end of the year" alone is 31 December, whatever the financial year.
    ["end of the year", MON_23_NOV_2026, 4, "2026-12-31 year"],
    ["end of the year", MON_23_NOV_2026, 7, "2026-12-31 year"],
    // A year starting in July: Q1 July to September, the year 2027/28 ends on 30 June 2028.
    ["Q1", MON_23_NOV_2026, 7, "2027-09-30 month"],
    ["Q2", MON_23_NOV_2026, 7, "2026-12-31 month"],
    ["Q3", MON_23_NOV_2026, 7, "2027-03-31 month"],
    ["Q4 2027/28", MON_23_NOV_2026, 7, "2028-06-30 month"],
    ["year end", MON_23_NOV_2026, 7, "2027-06-30 month"],
    ["2027/28", MON_23_NOV_2026, 7, "2028-06-30 month"],
    // A year starting mid-quarter, in February: its quarters are its own.
    ["Q1", MON_23_NOV_2026, 2, "2027-04-30 month"],
    ["end of this quarter", MON_23_NOV_2026, 2, "2027-01-31 month"],
    ["next quarter", MON_23_NOV_2026, 2, "2027-04-30 month"],
    // A year starting in January is the calendar year, so a single year names it.
    ["year end", MON_23_NOV_2026, 1, "2026-12-31 month"],
    ["financial Q3 2027", MON_23_NOV_2026, 1, "2027-09-30 month"],
    // "Financial Q3 2027" could be 2026/27 or 2027/28.
    ["financial Q3 2027", MON_23_NOV_2026, 4, 'refused: Write the financial year as it runs, such as "Q3 2027/28".'],
    ["Q3 2027/29", MON_23_NOV_2026, 4, "refused: That is not a date I can read."],
  ])("%j on %s, the year starting in month %s → %s", (phrase, now, startMonth, expected) => {
    const options =
      startMonth === undefined
        ? { now: new Date(now), timeZone: LONDON }
        : { now: new Date(now), timeZone: LONDON, financialYearStartMonth: startMonth };
    expect(summarise(parseDuePhrase(phrase, options))).toBe(expected);
  });

  it("refuses a financial year that starts in no month rather than guessing", () => {
    for (const month of [0, 13, 4.5, Number.NaN]) {
      expect(
        parseDuePhrase("Q3", { now: new Date(MON_23_NOV_2026), timeZone: LONDON, financialYearStartMonth: month }),
      ).toEqual({
        ok: false,
        phrase: "Q3",
        reason: "The financial year must start in a month from 1 to 12.",
      });
    }
  });

  it("shows a financial quarter as the month it ends, and a calendar one as its quarter, so neither contradicts what was written", () => {
    const shown = (phrase: string) => {
      const result = parseDuePhrase(phrase, { now: new Date(MON_23_NOV_2026), timeZone: LONDON });
      return result.ok && result.due.kind === "date"
        ? formatDue(result.due.dueAt, result.due.precision, LONDON)
        : "unread";
    };
    expect(shown("Q3 2027/28")).toBe("Dec 2027");
    expect(shown("Q3")).toBe("Dec 2026");
    expect(shown("year end")).toBe("Mar 2027");
    expect(shown("Q3 2027")).toBe("Q3 2027");
  });
});
