// The next meeting's date and time in the ways minutes write them; documents written here.
import { findMeetingTime } from "../../../src/minutes/meeting-time";
import { parseMinutes } from "../../../src/minutes/parse-minutes";

const nextOf = (lines: string[]) => {
  const found = parseMinutes(
    ["Parish Council meeting held on 4 March 2026 at the Village Hall", "", ...lines].join("\n"),
  ).nextMeeting;
  return found && [found.date, found.time];
};

describe("the next meeting", () => {
  it.each<[string, string[], [string, string | null]]>([
    [
      "a time run into its zone",
      ["## Date of next meeting", "", "2026-03-11 15:00UTC (16:00BST). Add to the agenda."],
      ["2026-03-11", "15:00"],
    ],
    [
      "'commencing at'",
      ["Next Meeting:", "", "The next meeting will be on Wednesday 8 April 2026 commencing at 7.30pm."],
      ["2026-04-08", "19:30"],
    ],
    [
      "'a.m.' with stops, after a long name for the body",
      [
        "The Chair stated that the next Northern Joint Policing Sub Committee Meeting would take place on 18th May, 2026 at 10.00 a.m. and asked for questions in advance.",
      ],
      ["2026-05-18", "10:00"],
    ],
    [
      "a date moved later in the same minute",
      [
        "12/26 To Confirm the Date of the Next Ordinary Meeting – Wednesday 1 April 2026 at 7 pm. The Clerk asked for it to move by a week, and the Council agreed to move the meeting date to Wednesday 8 April 2026 at 7 pm.",
      ],
      ["2026-04-08", "19:00"],
    ],
    ["noon", ["## Next Meeting", "", "April 1, Wednesday, Noon Eastern Time."], ["2026-04-01", "12:00"]],
    [
      "the start of a range",
      ["Dates of future meetings:", "Monday 13th April 2026 – 11-1pm", "Tuesday 9th June 2026"],
      ["2026-04-13", "11:00"],
    ],
    ["an ordinal meeting", ["The third meeting will be held on April 11 at 10:00."], ["2026-04-11", "10:00"]],
    [
      "a label after a minute reference, over a later 'Next Board' in an action log",
      [
        "B26/25 Date of next meeting",
        "",
        "Wednesday 24 June 2026 at 5.30pm, Board Room.",
        "",
        "Action log",
        "A26/07\tReport the damp cases\tDirector of Property\tNext Board (24 June 2026)",
      ],
      ["2026-06-24", "17:30"],
    ],
  ])("reads %s", (_, lines, expected) => {
    expect(nextOf(lines)).toEqual(expected);
  });

  it("reads an abbreviated month with a stop, in a post whose only date is the front matter's", () => {
    const text = [
      "---",
      "layout: post",
      'title:  "Minutes of Steering Committee Meeting No.3"',
      "date:   2026-01-28 14:30:00 +1000",
      "---",
      "",
      "## Attendees",
      "- [DC] Dana Cole",
      "",
      "## Next Meeting",
      "Feb. 25th at 2pm (AEDT)",
    ].join("\n");
    const parsed = parseMinutes(text);
    expect(parsed.meeting.date).toBe("2026-01-28");
    expect(parsed.nextMeeting && [parsed.nextMeeting.date, parsed.nextMeeting.time]).toEqual(["2026-02-25", "14:00"]);
  });

  it.each<[string, string | undefined]>([
    ["at 3pm UTC", "15:00"],
    ["at 2-4pm", "14:00"],
    ["10.00 a.m.", "10:00"],
    ["on 14.04.2026", undefined],
    ["£3.5 million", undefined],
  ])("finds the time in %p", (text, time) => {
    expect(findMeetingTime(text)?.time).toBe(time);
  });
});
