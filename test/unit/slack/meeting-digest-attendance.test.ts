// The digest's attendance line: each group counted and named, long groups cut to
// their first names and "and N more", groups with nobody left out.
import { attendanceLine, namesWithin } from "../../../src/slack/views/minutes/meeting-digest";

const many = (count: number, prefix = "Member") => Array.from({ length: count }, (_, i) => `${prefix} Number ${i + 1}`);

describe("attendanceLine", () => {
  it.each([
    [
      "every group",
      {
        present: ["Jo Marsh", "Dev Patel", "Ruth Ade", "Sam Okoro"],
        inAttendance: ["Lee Chan"],
        apologies: ["Kim Hart"],
      },
      "Present: 4 (Jo Marsh, Dev Patel, Ruth Ade, Sam Okoro) · In attendance: 1 (Lee Chan) · Apologies: 1 (Kim Hart)",
      "Present: 4 · In attendance: 1 · Apologies: 1",
    ],
    ["present only", { present: ["Jo Marsh"], inAttendance: [], apologies: [] }, "Present: 1 (Jo Marsh)", "Present: 1"],
    [
      "nobody named present",
      { present: [], inAttendance: ["Lee Chan"], apologies: ["Kim Hart", "Ann Lee"] },
      "In attendance: 1 (Lee Chan) · Apologies: 2 (Kim Hart, Ann Lee)",
      "In attendance: 1 · Apologies: 2",
    ],
    [
      "names escaped for mrkdwn",
      { present: ["Jo <Chair> & co"], inAttendance: [], apologies: [] },
      "Present: 1 (Jo &lt;Chair&gt; &amp; co)",
      "Present: 1",
    ],
  ])("reads %s", (_label, attendance, text, counts) => {
    expect(attendanceLine(attendance)).toEqual({ text, counts });
  });

  it("says nothing when nobody is recorded", () => {
    expect(attendanceLine({ present: [], inAttendance: [], apologies: [] })).toBeUndefined();
  });

  it("names the first of a long list, then how many more, inside Slack's 3,000 characters", () => {
    const line = attendanceLine({
      present: many(40),
      inAttendance: many(30, "Officer"),
      apologies: many(25, "Absent"),
    })!;
    expect(line.text).toMatch(
      /^Present: 40 \(Member Number 1, Member Number 2, .* and \d+ more\) · In attendance: 30 \(Officer Number 1, .* and \d+ more\) · Apologies: 25 \(Absent Number 1, .* and \d+ more\)$/,
    );
    expect(line.text.length).toBeLessThan(1_100);
  });
});

describe("namesWithin", () => {
  it.each([
    [["A"], 300, "A"],
    [["Ann", "Bob", "Cy"], 300, "Ann, Bob, Cy"],
    [["Ann Lee", "Bob Hart", "Cy Ross", "Di Page"], 35, "Ann Lee, Bob Hart and 2 more"],
    [["A very long name indeed that runs past the budget"], 10, "A very long name indeed that runs past the budget"],
  ])("%j within %i characters reads %s", (names, max, expected) => {
    expect(namesWithin(names, max)).toBe(expected);
  });
});
