import fc from "fast-check";
import { DateTime } from "luxon";
import { daysUntil, formatDay, formatDue, type DuePrecision } from "../../../src/dates";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";

describe("formatDay", () => {
  it.each<[instant: string, timeZone: string, expected: string]>([
    ["2012-12-07T00:00:00Z", LONDON, "Fri 7 Dec 2012"],
    ["2015-06-08T23:00:00Z", LONDON, "Tue 9 Jun 2015"],
    ["2026-09-30T12:00:00Z", LONDON, "Wed 30 Sep 2026"],
    ["2028-02-29T00:00:00Z", LONDON, "Tue 29 Feb 2028"],
    // Midnight BST on the first Monday after the clocks go forward is still Sunday in UTC.
    ["2026-03-29T23:00:00Z", LONDON, "Mon 30 Mar 2026"],
    ["2026-03-29T23:00:00Z", "UTC", "Sun 29 Mar 2026"],
    ["2026-03-29T23:00:00Z", NEW_YORK, "Sun 29 Mar 2026"],
    ["2026-12-31T15:00:00Z", "Asia/Tokyo", "Fri 1 Jan 2027"],
  ])("%s in %s is %s", (instant, timeZone, expected) => {
    expect(formatDay(new Date(instant), timeZone)).toBe(expected);
  });
});

describe("formatDue", () => {
  it.each<[dueAt: string, precision: DuePrecision, timeZone: string, expected: string]>([
    ["2012-12-07T00:00:00Z", "day", LONDON, "Fri 7 Dec 2012"],
    ["2015-06-29T23:00:00Z", "month", LONDON, "Jun 2015"],
    ["2013-09-29T23:00:00Z", "quarter", LONDON, "Q3 2013"],
    ["2013-05-30T23:00:00Z", "season", LONDON, "spring 2013"],
    ["2013-08-30T23:00:00Z", "season", LONDON, "summer 2013"],
    ["2013-11-30T00:00:00Z", "season", LONDON, "autumn 2013"],
    ["2014-02-28T00:00:00Z", "season", LONDON, "winter 2013/14"],
    ["2000-02-29T00:00:00Z", "season", LONDON, "winter 1999/00"],
    ["2013-12-31T00:00:00Z", "year", LONDON, "2013"],
    // 00:00 BST on 1 April 2014 is 23:00 on 31 March in UTC: the month and quarter follow the zone.
    ["2014-03-31T23:00:00Z", "month", LONDON, "Apr 2014"],
    ["2014-03-31T23:00:00Z", "month", "UTC", "Mar 2014"],
    ["2014-03-31T23:00:00Z", "quarter", LONDON, "Q2 2014"],
    ["2014-03-31T23:00:00Z", "quarter", "UTC", "Q1 2014"],
    ["2015-01-01T04:00:00Z", "year", NEW_YORK, "2014"],
  ])("%s at precision %s in %s is %s", (dueAt, precision, timeZone, expected) => {
    expect(formatDue(new Date(dueAt), precision, timeZone)).toBe(expected);
  });
});

describe("daysUntil", () => {
  it.each<[dueAt: string, now: string, timeZone: string, expected: number]>([
    ["2026-11-23T00:00:00Z", "2026-11-23T10:00:00Z", LONDON, 0],
    ["2026-11-23T00:00:00Z", "2026-11-23T23:59:59Z", LONDON, 0],
    ["2026-11-24T00:00:00Z", "2026-11-23T23:59:59Z", LONDON, 1],
    ["2026-11-20T00:00:00Z", "2026-11-23T10:00:00Z", LONDON, -3],
    // Mon 30 Mar 2026 (BST) from Sat 28 Mar: the Sunday between is 23 hours long.
    ["2026-03-29T23:00:00Z", "2026-03-28T12:00:00Z", LONDON, 2],
    ["2026-03-29T23:00:00Z", "2026-03-29T22:59:00Z", LONDON, 1],
    ["2026-03-29T23:00:00Z", "2026-03-29T23:00:00Z", LONDON, 0],
    // Mon 26 Oct 2026 (GMT) from 23:59:59 BST on Sat 24 Oct: the Sunday between is 25 hours long.
    ["2026-10-26T00:00:00Z", "2026-10-24T22:59:59Z", LONDON, 2],
    ["2026-10-26T00:00:00Z", "2026-10-25T23:59:59Z", LONDON, 1],
    // The same instants, a day apart in New York and the same day in London.
    ["2026-11-23T05:00:00Z", "2026-11-23T03:00:00Z", NEW_YORK, 1],
    ["2026-11-23T05:00:00Z", "2026-11-23T03:00:00Z", LONDON, 0],
    ["2027-01-01T00:00:00Z", "2026-12-31T23:59:00Z", LONDON, 1],
    ["2028-03-01T00:00:00Z", "2028-02-28T09:00:00Z", LONDON, 2],
    ["2027-03-01T00:00:00Z", "2027-02-28T09:00:00Z", LONDON, 1],
    ["2027-11-23T00:00:00Z", "2026-11-23T10:00:00Z", LONDON, 365],
  ])("due %s, now %s, in %s: %d days", (dueAt, now, timeZone, expected) => {
    expect(daysUntil(new Date(dueAt), new Date(now), timeZone)).toBe(expected);
  });
});

describe("daysUntil, read from remembered local days", () => {
  // The reference is luxon's own calendar-day difference, as daysUntil was written before it
  // remembered days: the two must agree in every zone, across clock changes and year ends.
  const reference = (dueAt: Date, now: Date, zone: string) =>
    Math.round(
      DateTime.fromJSDate(dueAt, { zone })
        .startOf("day")
        .diff(DateTime.fromJSDate(now, { zone }).startOf("day"), "days").days,
    );

  it("agrees with luxon's calendar-day difference in any zone, asked twice", () => {
    const zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2012-01-01"), max: new Date("2040-12-31"), noInvalidDate: true }),
        fc.date({ min: new Date("2012-01-01"), max: new Date("2040-12-31"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (dueAt, now, zone) => {
          const expected = reference(dueAt, now, zone);
          expect(daysUntil(dueAt, now, zone)).toBe(expected);
          expect(daysUntil(dueAt, now, zone)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
