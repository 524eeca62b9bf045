import {
  describeRecurrence,
  isOccurrence,
  nextOccurrence,
  parseRecurrence,
} from "../../../../src/domain/boards/recurrence";

const FROM = "2026-11-23"; // a Monday

describe("parseRecurrence", () => {
  // input, stored RRULE line, shown back in words, first day after FROM
  it.each([
    ["monthly on the 4th Friday", "RRULE:FREQ=MONTHLY;BYDAY=+4FR", "every month on the 4th Friday", "2026-11-27"],
    ["Monthly on the last Tuesday", "RRULE:FREQ=MONTHLY;BYDAY=-1TU", "every month on the last Tuesday", "2026-11-24"],
    ["monthly on the last Friday", "RRULE:FREQ=MONTHLY;BYDAY=-1FR", "every month on the last Friday", "2026-11-27"],
    [
      "Every month on the 2nd Wednesday.",
      "RRULE:FREQ=MONTHLY;BYDAY=+2WE",
      "every month on the 2nd Wednesday",
      "2026-12-09",
    ],
    ["monthly on the fifth Friday", "RRULE:FREQ=MONTHLY;BYDAY=+5FR", "every month on the 5th Friday", "2027-01-29"],
    [
      "quarterly on the second Tuesday",
      "RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=+2TU",
      "every 3 months on the 2nd Tuesday",
      "2027-02-09",
    ],
    ["quarterly", "RRULE:FREQ=MONTHLY;INTERVAL=3", "every 3 months", "2027-02-23"],
    ["every 3 months", "RRULE:FREQ=MONTHLY;INTERVAL=3", "every 3 months", "2027-02-23"],
    ["every other month", "RRULE:FREQ=MONTHLY;INTERVAL=2", "every 2 months", "2027-01-23"],
    [
      "bimonthly on the 1st Monday",
      "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=+1MO",
      "every 2 months on the 1st Monday",
      "2027-01-04",
    ],
    ["fortnightly on Monday", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2 weeks on Monday", "2026-12-07"],
    ["every 2 weeks on Monday", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2 weeks on Monday", "2026-12-07"],
    [
      "every two weeks on Thursdays",
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
      "every 2 weeks on Thursday",
      "2026-11-26",
    ],
    ["every six weeks on Thursday", "RRULE:FREQ=WEEKLY;INTERVAL=6;BYDAY=TH", "every 6 weeks on Thursday", "2026-11-26"],
    ["weekly on wed", "RRULE:FREQ=WEEKLY;BYDAY=WE", "every week on Wednesday", "2026-11-25"],
    ["every week on Friday", "RRULE:FREQ=WEEKLY;BYDAY=FR", "every week on Friday", "2026-11-27"],
    ["monthly on the 15th", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15", "every month on the 15th", "2026-12-15"],
    ["yearly", "RRULE:FREQ=YEARLY", "every year", "2027-11-23"],
    ["FREQ=MONTHLY;BYDAY=+2TU", "RRULE:FREQ=MONTHLY;BYDAY=+2TU", "every month on the 2nd Tuesday", "2026-12-08"],
    ["RRULE:FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=WEEKLY;BYDAY=TU", "every week on Tuesday", "2026-11-24"],
    [
      "DTSTART:20270105T000000Z\nRRULE:FREQ=MONTHLY;BYDAY=1TU",
      "RRULE:FREQ=MONTHLY;BYDAY=+1TU",
      "every month on the 1st Tuesday",
      "2027-01-05",
    ],
  ])("%j", (input, rrule, words, next) => {
    const parsed = parseRecurrence(input, FROM);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rule.split("\n")[1]).toBe(rrule);
    expect(parsed.words).toBe(words);
    expect(describeRecurrence(parsed.rule)).toBe(words);
    expect(nextOccurrence(parsed.rule, FROM)).toBe(next);
  });

  it.each([
    ["sometimes", /I couldn't read "sometimes" as a schedule\. Try "monthly on the 4th Friday"/],
    ["", /couldn't read/],
    ["monthly on the 4th Funday", /couldn't read/],
    ["weekly on the 2nd Tuesday", /couldn't read/],
    ["quarterly on Tuesday", /couldn't read/],
    ["every 3 fortnights", /couldn't read/],
    ["monthly on the 31st", /couldn't read/],
    ["FREQ=NEVER", /not an RRULE the rrule package can read/],
    ["FREQ=MONTHLY;UNTIL=20200101T000000Z", /no dates after today/],
    ["FREQ=DAILY;COUNT=1", /no dates after today/],
    ["FREQ=HOURLY", /at most once a day/],
  ])("refuses %j, saying what works", (input, problem) => {
    const parsed = parseRecurrence(input, FROM);
    expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(problem) });
    if (!parsed.ok) expect(parsed.problem.length).toBeLessThanOrEqual(150);
  });

  it("quotes a long unreadable schedule shortened, so the form can show it whole", () => {
    const parsed = parseRecurrence("whenever the chair decides that the board needs to meet again", FROM);
    expect(parsed.ok || parsed.problem).toBe(
      'I couldn\'t read "whenever the chair decides that the boa…" as a schedule. Try "monthly on the 4th Friday", "every 3 months" or an RRULE.',
    );
  });
});

describe("isOccurrence", () => {
  const rule = (text: string) => {
    const parsed = parseRecurrence(text, FROM);
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.rule;
  };
  it.each([
    ["monthly on the 4th Friday", "2026-11-27", true],
    ["monthly on the 4th Friday", "2026-11-28", false],
    ["monthly on the 4th Friday", "2026-12-25", true],
    ["monthly on the 2nd Tuesday", "2026-12-08", true],
    ["monthly on the 2nd Tuesday", "2026-12-15", false],
    ["fortnightly on Monday", "2026-12-07", true],
    ["fortnightly on Monday", "2026-11-30", false],
  ])("%s gives %s: %s", (text, day, expected) => {
    expect(isOccurrence(rule(text), day)).toBe(expected);
  });
  it("is false for a stored rule that no longer reads", () => {
    expect(isOccurrence("RRULE:FREQ=NONSENSE", "2026-12-08")).toBe(false);
    expect(nextOccurrence("RRULE:FREQ=NONSENSE", "2026-12-08")).toBeUndefined();
    expect(describeRecurrence("RRULE:FREQ=NONSENSE")).toBe("RRULE:FREQ=NONSENSE");
  });
});
