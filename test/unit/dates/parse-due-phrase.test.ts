import fc from "fast-check";
import { DateTime } from "luxon";
import { DUE_PHRASE_EXAMPLES, parseDuePhrase, type DueParseResult } from "../../../src/dates";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";

// Reference instants. Weekdays and clock changes worked out from the calendar:
// 23 Nov 2026 is a Monday; British Summer Time runs 29 Mar–25 Oct 2026; US daylight
// time runs 8 Mar–1 Nov 2026.
const MON_23_NOV_2026 = "2026-11-23T10:00:00Z";
const THU_31_DEC_2026 = "2026-12-31T10:00:00Z";
const SAT_15_JAN_2028 = "2028-01-15T12:00:00Z";
/** Sunday 22 November 2026, 22:00 in New York; already Monday in London. */
const SUN_22_NOV_2026_NEW_YORK = "2026-11-23T03:00:00Z";

// The reference documents' own dates, each the `now` for the phrases found in it.
const BILATERAL_FRI_23_NOV_2012 = "2012-11-23T10:00:00Z";
const PCC_REPORT_THU_25_OCT_2012 = "2012-10-25T09:00:00Z";
const PLAN_LETTER_TUE_14_MAY_2013 = "2013-05-14T09:00:00Z";
const LCRB_TUE_10_MAR_2015 = "2015-03-10T15:30:00Z";
const OVERSIGHT_MON_5_MAR_2018 = "2018-03-05T10:00:00Z";

/** "2026-11-27 day", "next_meeting" or "rejected". */
function summarise(result: DueParseResult, timeZone: string): string {
  if (!result.ok) return "rejected";
  if (result.due.kind === "next_meeting") return "next_meeting";
  return `${DateTime.fromJSDate(result.due.dueAt, { zone: timeZone }).toISODate()} ${result.due.precision}`;
}

describe("parseDuePhrase", () => {
  it.each<[phrase: string, now: string, timeZone: string, expected: string]>([
    // Written-out days, with and without a year; a date without a year is the next one.
    ["7 December 2012", MON_23_NOV_2026, LONDON, "2012-12-07 day"],
    ["7/12/2012", MON_23_NOV_2026, LONDON, "2012-12-07 day"],
    ["7.12.2012", MON_23_NOV_2026, LONDON, "2012-12-07 day"],
    ["Friday 7 December 2012", MON_23_NOV_2026, LONDON, "2012-12-07 day"],
    ["Tue 9 Jun 2015", MON_23_NOV_2026, LONDON, "2015-06-09 day"],
    ["7 Dec '12", MON_23_NOV_2026, LONDON, "2012-12-07 day"],
    ["by the 19th of November", MON_23_NOV_2026, LONDON, "2027-11-19 day"],
    ["29th November", MON_23_NOV_2026, LONDON, "2026-11-29 day"],
    ["19 Nov", MON_23_NOV_2026, LONDON, "2027-11-19 day"],
    ["23 November", MON_23_NOV_2026, LONDON, "2026-11-23 day"],
    ["22 November", MON_23_NOV_2026, LONDON, "2027-11-22 day"],
    ["by 12 November.", MON_23_NOV_2026, LONDON, "2027-11-12 day"],
    ["No later than 12 December", MON_23_NOV_2026, LONDON, "2026-12-12 day"],
    ["due on 1 Dec", MON_23_NOV_2026, LONDON, "2026-12-01 day"],
    ["Tuesday 24 November", MON_23_NOV_2026, LONDON, "2026-11-24 day"],
    ["the 19th", MON_23_NOV_2026, LONDON, "2026-12-19 day"],
    ["7 to 9 December", MON_23_NOV_2026, LONDON, "2026-12-09 day"],
    ["13.30 on 29 November", MON_23_NOV_2026, LONDON, "2026-11-29 day"],
    ["mid-June 2015", MON_23_NOV_2026, LONDON, "2015-06-15 day"],
    ["start of June 2015", MON_23_NOV_2026, LONDON, "2015-06-01 day"],

    // Days counted from today (Monday 23 November 2026).
    ["today", MON_23_NOV_2026, LONDON, "2026-11-23 day"],
    ["tomorrow", MON_23_NOV_2026, LONDON, "2026-11-24 day"],
    ["by 5pm", MON_23_NOV_2026, LONDON, "2026-11-23 day"],
    ["close of play Friday", MON_23_NOV_2026, LONDON, "2026-11-27 day"],
    ["Friday", MON_23_NOV_2026, LONDON, "2026-11-27 day"],
    ["Friday at 5pm", MON_23_NOV_2026, LONDON, "2026-11-27 day"],
    ["this Friday", MON_23_NOV_2026, LONDON, "2026-11-27 day"],
    ["next Friday", MON_23_NOV_2026, LONDON, "2026-12-04 day"],
    ["Friday week", MON_23_NOV_2026, LONDON, "2026-12-04 day"],
    ["a week on Friday", MON_23_NOV_2026, LONDON, "2026-12-04 day"],
    ["Monday", MON_23_NOV_2026, LONDON, "2026-11-30 day"],
    ["next Monday", MON_23_NOV_2026, LONDON, "2026-11-30 day"],
    ["end of the week", MON_23_NOV_2026, LONDON, "2026-11-27 day"],
    ["by the end of next week", MON_23_NOV_2026, LONDON, "2026-12-04 day"],
    ["in two weeks", MON_23_NOV_2026, LONDON, "2026-12-07 day"],
    ["in 2 weeks", MON_23_NOV_2026, LONDON, "2026-12-07 day"],
    ["in 10 days", MON_23_NOV_2026, LONDON, "2026-12-03 day"],
    ["in a fortnight", MON_23_NOV_2026, LONDON, "2026-12-07 day"],
    ["in a couple of weeks", MON_23_NOV_2026, LONDON, "2026-12-07 day"],
    ["in three weeks' time", MON_23_NOV_2026, LONDON, "2026-12-14 day"],
    ["within 6 weeks", MON_23_NOV_2026, LONDON, "2027-01-04 day"],
    ["within six months", MON_23_NOV_2026, LONDON, "2027-05-23 day"],
    ["over the coming two months", MON_23_NOV_2026, LONDON, "2027-01-23 day"],
    ["over the next two months", MON_23_NOV_2026, LONDON, "2027-01-23 day"],

    // Months, quarters, seasons and years.
    ["end of June", MON_23_NOV_2026, LONDON, "2027-06-30 month"],
    ["  BY   the END of june.  ", MON_23_NOV_2026, LONDON, "2027-06-30 month"],
    ["December", MON_23_NOV_2026, LONDON, "2026-12-31 month"],
    ["by the end of September 2013", MON_23_NOV_2026, LONDON, "2013-09-30 month"],
    ["end of the month", MON_23_NOV_2026, LONDON, "2026-11-30 month"],
    ["end of next month", MON_23_NOV_2026, LONDON, "2026-12-31 month"],
    ["May or June 2015", MON_23_NOV_2026, LONDON, "2015-06-30 month"],
    ["June 2015", MON_23_NOV_2026, LONDON, "2015-06-30 month"],
    // A quarter is the financial one (April to March here) unless a calendar year is written with it.
    ["Q3", MON_23_NOV_2026, LONDON, "2026-12-31 month"],
    ["Q4", MON_23_NOV_2026, LONDON, "2027-03-31 month"],
    ["Q1 2014", MON_23_NOV_2026, LONDON, "2014-03-31 quarter"],
    ["the third quarter of 2013", MON_23_NOV_2026, LONDON, "2013-09-30 quarter"],
    ["end of the quarter", MON_23_NOV_2026, LONDON, "2026-12-31 month"],
    ["next quarter", MON_23_NOV_2026, LONDON, "2027-03-31 month"],
    ["Spring 2013", MON_23_NOV_2026, LONDON, "2013-05-31 season"],
    ["summer 2013", MON_23_NOV_2026, LONDON, "2013-08-31 season"],
    ["autumn 2013", MON_23_NOV_2026, LONDON, "2013-11-30 season"],
    ["winter 2013", MON_23_NOV_2026, LONDON, "2014-02-28 season"],
    ["autumn", MON_23_NOV_2026, LONDON, "2026-11-30 season"],
    ["next spring", MON_23_NOV_2026, LONDON, "2027-05-31 season"],
    ["2015", MON_23_NOV_2026, LONDON, "2015-12-31 year"],
    ["end of 2015", MON_23_NOV_2026, LONDON, "2015-12-31 year"],
    ["this year", MON_23_NOV_2026, LONDON, "2026-12-31 year"],
    ["next year", MON_23_NOV_2026, LONDON, "2027-12-31 year"],
    // Financial years run April to March.
    ["Q3 2017/18", MON_23_NOV_2026, LONDON, "2017-12-31 month"],
    ["by 2015/16", MON_23_NOV_2026, LONDON, "2016-03-31 month"],
    ["end of the financial year", MON_23_NOV_2026, LONDON, "2027-03-31 month"],

    // The next meeting.
    ["by the next meeting", MON_23_NOV_2026, LONDON, "next_meeting"],
    ["at the next board meeting", MON_23_NOV_2026, LONDON, "next_meeting"],
    ["next meeting", MON_23_NOV_2026, LONDON, "next_meeting"],
    ["before the next LCRB meeting", MON_23_NOV_2026, LONDON, "next_meeting"],
    ["the next meeting of the board.", MON_23_NOV_2026, LONDON, "next_meeting"],

    // Not dates.
    ["the twelfth of Neverember", MON_23_NOV_2026, LONDON, "rejected"],
    ["", MON_23_NOV_2026, LONDON, "rejected"],
    ["by", MON_23_NOV_2026, LONDON, "rejected"],
    ["soon", MON_23_NOV_2026, LONDON, "rejected"],
    ["asap", MON_23_NOV_2026, LONDON, "rejected"],
    ["whenever", MON_23_NOV_2026, LONDON, "rejected"],
    ["the police", MON_23_NOV_2026, LONDON, "rejected"],
    ["🎉🎉 Friday 🎉", MON_23_NOV_2026, LONDON, "rejected"],
    ["yesterday", MON_23_NOV_2026, LONDON, "rejected"],
    ["31 February 2013", MON_23_NOV_2026, LONDON, "rejected"],
    ["29 February 2027", MON_23_NOV_2026, LONDON, "rejected"],
    ["Monday 24 November", MON_23_NOV_2026, LONDON, "rejected"],
    ["7 December 1850", MON_23_NOV_2026, LONDON, "rejected"],
    ["32 December", MON_23_NOV_2026, LONDON, "rejected"],

    // Year rollover: from Thursday 31 December 2026.
    ["tomorrow", THU_31_DEC_2026, LONDON, "2027-01-01 day"],
    ["Friday", THU_31_DEC_2026, LONDON, "2027-01-01 day"],
    ["next Friday", THU_31_DEC_2026, LONDON, "2027-01-08 day"],
    ["in 2 weeks", THU_31_DEC_2026, LONDON, "2027-01-14 day"],
    ["31 December", THU_31_DEC_2026, LONDON, "2026-12-31 day"],
    ["30 December", THU_31_DEC_2026, LONDON, "2027-12-30 day"],
    ["January", THU_31_DEC_2026, LONDON, "2027-01-31 month"],
    ["end of the month", THU_31_DEC_2026, LONDON, "2026-12-31 month"],
    ["end of next month", THU_31_DEC_2026, LONDON, "2027-01-31 month"],
    ["Q1", THU_31_DEC_2026, LONDON, "2027-06-30 month"],
    ["winter", THU_31_DEC_2026, LONDON, "2027-02-28 season"],
    ["end of the year", THU_31_DEC_2026, LONDON, "2026-12-31 year"],

    // A month then a day, as international minutes write it ("by June 26"): the day, not the year '26.
    ["by December 14", MON_23_NOV_2026, LONDON, "2026-12-14 day"],
    ["Jan 5", MON_23_NOV_2026, LONDON, "2027-01-05 day"],

    // Leap years.
    ["29 February", MON_23_NOV_2026, LONDON, "2028-02-29 day"],
    ["end of February 2028", MON_23_NOV_2026, LONDON, "2028-02-29 month"],
    ["29/2/2024", MON_23_NOV_2026, LONDON, "2024-02-29 day"],
    ["winter 2015", MON_23_NOV_2026, LONDON, "2016-02-29 season"],
    ["winter", SAT_15_JAN_2028, LONDON, "2028-02-29 season"],
    ["end of February", SAT_15_JAN_2028, LONDON, "2028-02-29 month"],
    ["in a year", "2028-02-29T12:00:00Z", LONDON, "2029-02-28 day"],
    ["in a month", "2027-01-31T12:00:00Z", LONDON, "2027-02-28 day"],

    // New York: on Sunday evening there, "next Friday" is the Friday of the week starting tomorrow.
    ["today", SUN_22_NOV_2026_NEW_YORK, NEW_YORK, "2026-11-22 day"],
    ["tomorrow", SUN_22_NOV_2026_NEW_YORK, NEW_YORK, "2026-11-23 day"],
    ["Friday", SUN_22_NOV_2026_NEW_YORK, NEW_YORK, "2026-11-27 day"],
    ["next Friday", SUN_22_NOV_2026_NEW_YORK, NEW_YORK, "2026-11-27 day"],
    ["today", SUN_22_NOV_2026_NEW_YORK, LONDON, "2026-11-23 day"],
    ["next Friday", SUN_22_NOV_2026_NEW_YORK, LONDON, "2026-12-04 day"],

    // Phrases from the reference documents, each read on the document's own date.
    ["Friday 7 December 2012", BILATERAL_FRI_23_NOV_2012, LONDON, "2012-12-07 day"],
    ["at 13.30 on 29 November", BILATERAL_FRI_23_NOV_2012, LONDON, "2012-11-29 day"],
    ["by the end of October", PCC_REPORT_THU_25_OCT_2012, LONDON, "2012-10-31 month"],
    ["by the 19th of November", PCC_REPORT_THU_25_OCT_2012, LONDON, "2012-11-19 day"],
    ["on 29th November", PCC_REPORT_THU_25_OCT_2012, LONDON, "2012-11-29 day"],
    ["by end of February 2013", PCC_REPORT_THU_25_OCT_2012, LONDON, "2013-02-28 month"],
    ["by December 2012", PCC_REPORT_THU_25_OCT_2012, LONDON, "2012-12-31 month"],
    ["in December", PCC_REPORT_THU_25_OCT_2012, LONDON, "2012-12-31 month"],
    ["in February 2013", PCC_REPORT_THU_25_OCT_2012, LONDON, "2013-02-28 month"],
    ["by 2016", PCC_REPORT_THU_25_OCT_2012, LONDON, "2016-12-31 year"],
    ["by the end of the year", PCC_REPORT_THU_25_OCT_2012, LONDON, "2012-12-31 year"],
    ["17 October", PCC_REPORT_THU_25_OCT_2012, LONDON, "2013-10-17 day"],
    ["from Spring 2013", PCC_REPORT_THU_25_OCT_2012, LONDON, "rejected"],
    ["as soon as is practical", PCC_REPORT_THU_25_OCT_2012, LONDON, "rejected"],
    ["in due course", PCC_REPORT_THU_25_OCT_2012, LONDON, "rejected"],
    ["by the last week of each month", PCC_REPORT_THU_25_OCT_2012, LONDON, "rejected"],
    // 15 October 2013, the next 15 October, is a Tuesday.
    ["on Monday 15th October", PCC_REPORT_THU_25_OCT_2012, LONDON, "rejected"],
    ["by the end of March each year", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2014-03-31 month"],
    ["at the end of June each year", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2013-06-30 month"],
    ["within the next six months", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2013-11-14 day"],
    ["by the end of September 2013", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2013-09-30 month"],
    ["in March 2014", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2014-03-31 month"],
    ["in the summer", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2013-08-31 season"],
    ["later this year", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2013-12-31 year"],
    ["during 2013", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2013-12-31 year"],
    ["by 2015/16", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "2016-03-31 month"],
    ["within six months of the implementation", PLAN_LETTER_TUE_14_MAY_2013, LONDON, "rejected"],
    ["in May or June 2015", LCRB_TUE_10_MAR_2015, LONDON, "2015-06-30 month"],
    ["over the coming two months", LCRB_TUE_10_MAR_2015, LONDON, "2015-05-10 day"],
    ["9 June 2015. 12:00pm", LCRB_TUE_10_MAR_2015, LONDON, "2015-06-09 day"],
    ["the next LCRB meeting", LCRB_TUE_10_MAR_2015, LONDON, "next_meeting"],
    ["by end of March 2018", OVERSIGHT_MON_5_MAR_2018, LONDON, "2018-03-31 month"],
    ["Q3 2017/18", OVERSIGHT_MON_5_MAR_2018, LONDON, "2017-12-31 month"],
  ])("%j on %s in %s → %s", (phrase, now, timeZone, expected) => {
    const result = parseDuePhrase(phrase, { now: new Date(now), timeZone });
    expect(summarise(result, timeZone)).toBe(expected);
    if (result.ok && result.due.kind === "date") {
      expect(DateTime.fromJSDate(result.due.dueAt, { zone: timeZone }).toFormat("HH:mm:ss.SSS")).toBe("00:00:00.000");
    }
    expect(result.ok ? result.due.phrase : result.phrase).toBe(phrase);
  });

  // The exact instant matters where the zone's offset differs on either side of a date.
  it.each<[phrase: string, now: string, timeZone: string, dueAt: string]>([
    ["30 March 2026", "2026-03-20T12:00:00Z", LONDON, "2026-03-29T23:00:00.000Z"],
    ["29 March 2026", "2026-03-20T12:00:00Z", LONDON, "2026-03-29T00:00:00.000Z"],
    // Saturday 28 March, 23:30 GMT: tomorrow starts in GMT, the day after in BST.
    ["tomorrow", "2026-03-28T23:30:00Z", LONDON, "2026-03-29T00:00:00.000Z"],
    ["in 2 days", "2026-03-28T23:30:00Z", LONDON, "2026-03-29T23:00:00.000Z"],
    // 00:30 BST on 1 July is still 30 June in UTC.
    ["today", "2026-06-30T23:30:00Z", LONDON, "2026-06-30T23:00:00.000Z"],
    ["end of June", "2026-06-30T23:30:00Z", LONDON, "2027-06-29T23:00:00.000Z"],
    // 00:30 BST on Sunday 25 October, the day the clocks go back.
    ["today", "2026-10-24T23:30:00Z", LONDON, "2026-10-24T23:00:00.000Z"],
    ["tomorrow", "2026-10-24T23:30:00Z", LONDON, "2026-10-26T00:00:00.000Z"],
    ["end of October", "2026-10-24T23:30:00Z", LONDON, "2026-10-31T00:00:00.000Z"],
    ["8 March 2026", "2026-01-10T12:00:00Z", NEW_YORK, "2026-03-08T05:00:00.000Z"],
    ["9 March 2026", "2026-01-10T12:00:00Z", NEW_YORK, "2026-03-09T04:00:00.000Z"],
    ["1 November 2026", "2026-01-10T12:00:00Z", NEW_YORK, "2026-11-01T04:00:00.000Z"],
    ["2 November 2026", "2026-01-10T12:00:00Z", NEW_YORK, "2026-11-02T05:00:00.000Z"],
    ["tomorrow", SUN_22_NOV_2026_NEW_YORK, NEW_YORK, "2026-11-23T05:00:00.000Z"],
    // 08:30 on 1 January 2027 in Tokyo, still 31 December in London.
    ["today", "2026-12-31T23:30:00Z", "Asia/Tokyo", "2026-12-31T15:00:00.000Z"],
  ])("%j on %s in %s is due at %s", (phrase, now, timeZone, dueAt) => {
    const result = parseDuePhrase(phrase, { now: new Date(now), timeZone });
    expect(result.ok && result.due.kind === "date" ? result.due.dueAt.toISOString() : result).toBe(dueAt);
  });

  it.each<[phrase: string, reason: string]>([
    ["", "No date was given."],
    ["soon", "That is too vague to put a date on."],
    ["in due course", "That is too vague to put a date on."],
    ["the twelfth of Neverember", "That is not a date I can read."],
    ["31 February 2013", "There is no 31 February 2013."],
    ["Monday 24 November", "Tuesday 24 November 2026 is not a Monday."],
    ["within six months of the implementation", "That counts from an event with no date."],
    ["from Spring 2013", "That says when something starts, not when it is due."],
    ["7 December 1850", "Years before 1900 or after 2199 are not accepted."],
  ])("refuses %j: %s", (phrase, reason) => {
    expect(parseDuePhrase(phrase, { now: new Date(MON_23_NOV_2026), timeZone: LONDON })).toEqual({
      ok: false,
      phrase,
      reason,
    });
  });

  it("refuses a phrase over 200 characters without reading it", () => {
    const phrase = `by 12 November ${"x".repeat(10_000)}`;
    const result = parseDuePhrase(phrase, { now: new Date(MON_23_NOV_2026), timeZone: LONDON });
    expect(result).toEqual({ ok: false, phrase, reason: "That is longer than 200 characters, too long for a date." });
  });

  it("refuses an unknown time zone or an invalid reference time rather than throwing", () => {
    expect(parseDuePhrase("Friday", { now: new Date(MON_23_NOV_2026), timeZone: "Mars/Olympus" }).ok).toBe(false);
    expect(parseDuePhrase("Friday", { now: new Date(Number.NaN), timeZone: LONDON }).ok).toBe(false);
  });

  it("reads every example it offers in its error messages", () => {
    for (const example of DUE_PHRASE_EXAMPLES) {
      expect(parseDuePhrase(example, { now: new Date(MON_23_NOV_2026), timeZone: LONDON }).ok).toBe(true);
    }
  });

  it("never throws, and gives a start-of-day date, the next meeting, or a reason", () => {
    const words = fc.constantFrom(
      ...[
        "by",
        "the",
        "end",
        "of",
        "next",
        "Friday",
        "12",
        "/",
        "2012",
        "Q3",
        "spring",
        "or",
        "June",
        "meeting",
        "in",
        "two",
        "weeks",
      ],
      ...[
        "29",
        "Feb",
        "13.30",
        "pm",
        "each",
        "year",
        "mid-",
        "🎉",
        "\u0000",
        "\ud800",
        "\u200b",
        "İ",
        "-1",
        "99999",
        "'",
      ],
    );
    const phrases = fc.oneof(
      fc.string({ unit: "binary", maxLength: 260 }),
      fc.array(words, { maxLength: 12 }).map((parts) => parts.join(" ")),
    );
    fc.assert(
      fc.property(
        phrases,
        fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        (phrase, now) => {
          const result = parseDuePhrase(phrase, { now, timeZone: LONDON });
          if (!result.ok) return result.reason.length > 0 && result.phrase === phrase;
          if (result.due.kind === "next_meeting") return true;
          return DateTime.fromJSDate(result.due.dueAt, { zone: LONDON }).toFormat("HH:mm") === "00:00";
        },
      ),
      { numRuns: 2000 },
    );
  });
});
