import { describeRecurrence, nextOccurrence, parseRecurrence } from "../../../../src/domain/boards/recurrence";

const FROM = "2026-11-23"; // a Monday

describe("parseRecurrence", () => {
  it.each([
    ["monthly on the 4th Friday", "RRULE:FREQ=MONTHLY;BYDAY=+4FR", "every month on the 4th Friday", "2026-11-27"],
    ["Monthly on the last Tuesday", "RRULE:FREQ=MONTHLY;BYDAY=-1TU", "every month on the last Tuesday", "2026-11-24"],
    ["quarterly on the second Tuesday", "RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=+2TU", "every 3 months on the 2nd Tuesday", "2027-02-09"],
    ["every 3 months", "RRULE:FREQ=MONTHLY;INTERVAL=3", "every 3 months", "2027-02-23"],
    ["fortnightly on Monday", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2 weeks on Monday", "2026-12-07"],
    ["every two weeks on Thursdays", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "every 2 weeks on Thursday", "2026-11-26"],
    ["weekly on wed", "RRULE:FREQ=WEEKLY;BYDAY=WE", "every week on Wednesday", "2026-11-25"],
    ["monthly on the 15th", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15", "every month on the 15th", "2026-12-15"],
    ["FREQ=MONTHLY;BYDAY=+2TU", "RRULE:FREQ=MONTHLY;BYDAY=+2TU", "every month on the 2nd Tuesday", "2026-12-08"],
  ])("%s", (input, rrule, words, next) => {
    const parsed = parseRecurrence(input, FROM);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rule.split("\n")[1]).toBe(rrule);
    expect(parsed.words).toBe(words);
    expect(describeRecurrence(parsed.rule)).toBe(words);
    expect(nextOccurrence(parsed.rule, FROM)).toBe(next);
  });

  it.each(["sometimes", "monthly on the 4th Funday", "weekly on the 2nd Tuesday", "monthly on the 31st", "FREQ=NEVER"])("refuses %s, saying what works", (input) => {
    const parsed = parseRecurrence(input, FROM);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(/Try:|RRULE/);
  });
});
