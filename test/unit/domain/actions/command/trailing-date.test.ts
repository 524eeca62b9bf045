// Dates at the end of `/action add` without "by" or "due", read by the real date parser
// (Monday 23 November 2026, London), so what is tested is what a secretary would get.
import { parseDuePhrase } from "../../../../../src/dates";
import { parseActionCommand, type OwnerRef } from "../../../../../src/domain/actions/command";

const now = new Date("2026-11-23T10:00:00Z");
const isDuePhrase = (phrase: string) => parseDuePhrase(phrase, { now, timeZone: "Europe/London" }).ok;

type Read = { text: string; due?: string; owners?: OwnerRef[] };

function read(command: string): Read | string {
  const result = parseActionCommand(command, { isDuePhrase });
  if (!result.ok) return result.problem.message;
  if (result.command.kind !== "add") throw new Error(`not an add: ${command}`);
  const { text, duePhrase, owners } = result.command;
  return { text, ...(duePhrase === undefined ? {} : { due: duePhrase }), ...(owners.length > 0 ? { owners } : {}) };
}

const RAVI = { slackUserId: "U1RAVI" };
const JO = { slackUserId: "U1JO" };

describe("a due date at the end of /action add without by or due", () => {
  it.each<[command: string, expected: Read]>([
    // The examples: the date leaves the text or the body's name.
    ["add Draft the paper <@U1RAVI> in two weeks", { text: "Draft the paper", due: "in two weeks", owners: [RAVI] }],
    [
      "add Write to the hub owner: London Councils May or June 2027",
      { text: "Write to the hub", due: "May or June 2027", owners: [{ bodyName: "London Councils" }] },
    ],
    ["add Review the plan <@U1JO> end of March #LCRB", { text: "Review the plan", due: "end of March", owners: [JO] }],
    ["add Publish the report next Friday", { text: "Publish the report", due: "next Friday" }],
    ["add Report back in two weeks", { text: "Report back", due: "in two weeks" }],
    // More than one word, or a weekday, today, tomorrow, or a date in figures with its year.
    ["add Report back at the next meeting", { text: "Report back", due: "at the next meeting" }],
    ["add Publish the report in June 2027", { text: "Publish the report", due: "in June 2027" }],
    ["add Close the accounts year end", { text: "Close the accounts", due: "year end" }],
    ["add Agree the budget Q3 2027/28", { text: "Agree the budget", due: "Q3 2027/28" }],
    ["add Call the chair Friday", { text: "Call the chair", due: "Friday" }],
    ["add Circulate the minutes tomorrow.", { text: "Circulate the minutes", due: "tomorrow" }],
    ["add Send the letter 31/12/2027", { text: "Send the letter", due: "31/12/2027" }],
    ["add Brief the chair on 12 November", { text: "Brief the chair", due: "on 12 November" }],
    ["add Draft the paper (next Friday)", { text: "Draft the paper", due: "next Friday" }],
    ["add Draft the paper, next Friday <@U1RAVI>", { text: "Draft the paper", due: "next Friday", owners: [RAVI] }],
    [
      "add Report the Q3 results in two weeks owner: MOPAC",
      { text: "Report the Q3 results", due: "in two weeks", owners: [{ bodyName: "MOPAC" }] },
    ],
    [
      "add Draft the paper owner: Office for Students next year",
      { text: "Draft the paper", due: "next year", owners: [{ bodyName: "Office for Students" }] },
    ],
    // A "by" that does not read, with a date after it: the date is the end, the rest is text.
    ["add Report by the police at the next meeting", { text: "Report by the police", due: "at the next meeting" }],
    ["add Report by the police next Friday", { text: "Report by the police", due: "next Friday" }],

    // A lone month, year, quarter or season, or one after "in", stays text: it is as often the subject.
    ["add Publish the annual report 2026", { text: "Publish the annual report 2026" }],
    ["add Agree the budget 2027/28", { text: "Agree the budget 2027/28" }],
    ["add Submit the return Q3", { text: "Submit the return Q3" }],
    ["add Plan the summer", { text: "Plan the summer" }],
    ["add Publish the report in June", { text: "Publish the report in June" }],
    ["add Check whether the members may", { text: "Check whether the members may" }],
    // A noun phrase, or the object of the words before.
    ["add Plan the next meeting", { text: "Plan the next meeting" }],
    ["add Discuss the end of the financial year", { text: "Discuss the end of the financial year" }],
    ["add Agree the Q3 2027/28", { text: "Agree the Q3 2027/28" }],
    ["add Agree the budget for next year", { text: "Agree the budget for next year" }],
    ["add Move the meeting to next Friday", { text: "Move the meeting to next Friday" }],
    ["add Pause recruitment until March 2027", { text: "Pause recruitment until March 2027" }],
    ["add Report on Q3 2027", { text: "Report on Q3 2027" }],
    ["add Review last Friday", { text: "Review last Friday" }],
    ["add Hold a stand-up every Friday", { text: "Hold a stand-up every Friday" }],
    ["add Review the report dated 12/03/2027", { text: "Review the report dated 12/03/2027" }],
    // A length, a clock time, a named day.
    ["add Extend the consultation two weeks", { text: "Extend the consultation two weeks" }],
    ["add Hold the weekly call at 9am", { text: "Hold the weekly call at 9am" }],
    ["add Close the office on Good Friday", { text: "Close the office on Good Friday" }],
    // Nothing would be left: the words stay the action, or the body's name.
    ["add Tomorrow", { text: "Tomorrow" }],
    ["add Draft the terms owner: next Friday", { text: "Draft the terms", owners: [{ bodyName: "next Friday" }] }],
    // With a "by" or "due" date, a date at the end is text.
    [
      "add Review the plan <@U1JO> end of March by Friday",
      { text: "Review the plan end of March", due: "Friday", owners: [JO] },
    ],
    ["add Review the plan next Friday due 12 December", { text: "Review the plan next Friday", due: "12 December" }],
  ])("%j", (command, expected) => {
    expect(read(command)).toEqual(expected);
  });

  it.each<[command: string, message: string]>([
    // Two dates at the ends, or a "by" meant as a date that does not read, are refused.
    [
      "add Draft the paper next Friday owner: MOPAC end of June",
      'I found two due dates, "next Friday" and "end of June". Give one. Nothing was saved.',
    ],
    [
      "add Draft the terms by sometime next Friday",
      'I couldn\'t read "sometime next Friday" as a date. Nothing was saved.',
    ],
    ["add Draft the terms by sometime soonish", 'I couldn\'t read "sometime soonish" as a date. Nothing was saved.'],
    [
      "add Draft the terms by the twelfth of Neverember <@U1JO> next Friday",
      'I couldn\'t read "the twelfth of Neverember" as a date. Nothing was saved.',
    ],
  ])("refuses %j", (command, message) => {
    expect(read(command)).toBe(message);
  });

  it("asks the date parser about no more than the last eight words of each end", () => {
    const asked: string[] = [];
    parseActionCommand(
      "add Draft the long and careful terms of reference for the new board owner: London Councils and MOPAC",
      {
        isDuePhrase: (phrase) => {
          asked.push(phrase);
          return isDuePhrase(phrase);
        },
      },
    );
    expect(asked).toHaveLength(8 + 4);
    expect(asked[0]).toBe("careful terms of reference for the new board");
  });
});
