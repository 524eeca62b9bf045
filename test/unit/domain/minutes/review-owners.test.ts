// Owners as minutes write them, resolved against the attendance list and matched to
// the workspace's people and the board's bodies: table tests of the pure functions.
import { resolveAttendee } from "../../../../src/domain/minutes/review/resolve-attendee";
import { matchBody, matchPerson, type WorkspacePerson } from "../../../../src/domain/minutes/review/match-people";
import { proposeOwners } from "../../../../src/domain/minutes/review/propose-owners";
import type { MinutesExtraction } from "../../../../src/minutes/types";

const attendees = [
  "Paul Rogers",
  "Jo Bloggs",
  "Jane Barker",
  "Sam King of Troy",
  "Alex Jenkinson",
  "C Anderson",
  "Mary Ann Smith-Jones",
  "Liam Maxwell",
  "Lucy Moss",
].map((name) => ({ name }));

describe("resolveAttendee", () => {
  it.each([
    ["PR", "Paul Rogers"],
    ["P.R.", "Paul Rogers"],
    ["pr", null], // lower case is a word, not initials
    ["SKoT", "Sam King of Troy"],
    ["JB", null], // Jo Bloggs or Jane Barker: no match
    ["Paul Rogers", "Paul Rogers"],
    ["paul  rogers", "Paul Rogers"],
    ["Cllr Jenkinson", "Alex Jenkinson"],
    ["A Jenkinson", "Alex Jenkinson"],
    ["A. Jenkinson", "Alex Jenkinson"],
    ["B Jenkinson", null],
    ["Anderson", "C Anderson"],
    ["Dr Rogers", "Paul Rogers"],
    ["Paul", "Paul Rogers"],
    ["MASJ", "Mary Ann Smith-Jones"],
    ["MS", "Mary Ann Smith-Jones"],
    ["LM", null], // Liam Maxwell or Lucy Moss
    ["Clerk", null],
    ["London Councils", null],
    ["All", null],
    ["", null],
  ])("%s → %s", (written, expected) => {
    expect(resolveAttendee(written, attendees)?.name ?? null).toBe(expected);
  });

  it("takes the initials the minutes give beside a name over any guess", () => {
    const listed = [{ name: "John Strudwick", initials: "JS" }, { name: "John Sheridan" }];
    expect(resolveAttendee("JS", listed)?.name).toBe("John Strudwick");
    expect(resolveAttendee("JS", [{ name: "John Strudwick" }, { name: "John Sheridan" }])).toBeNull();
  });

  it("is no match when a name is listed twice but means two people, and a match when listed twice as one", () => {
    expect(resolveAttendee("PR", [{ name: "Paul Rogers" }, { name: "Paul Rogers" }])?.name).toBe("Paul Rogers");
    expect(resolveAttendee("PR", [{ name: "Paul Rogers" }, { name: "Pat Reid" }])).toBeNull();
  });
});

const person = (slackUserId: string, handle: string, ...names: string[]): WorkspacePerson => ({
  slackUserId,
  handle,
  names,
});
const people = [
  person("U1", "paul", "Paul Rogers"),
  person("U2", "jo", "Jo Reid", "jo"),
  person("U3", "alex.j", "Alex Jenkinson", "AJ", "Alex Jenkinson"),
  person("U4", "sam", "Sam Reid"),
];

describe("matchPerson", () => {
  it.each([
    ["Paul Rogers", "U1"],
    ["PAUL ROGERS", "U1"],
    ["Cllr Paul Rogers", "U1"],
    ["Jo Reid", "U2"],
    ["jo", "U2"], // the display name
    ["A Jenkinson", "U3"],
    ["Jenkinson", "U3"],
    ["Reid", null], // Jo Reid or Sam Reid
    ["Rogers", "U1"],
    ["Paul Rodgers", null],
    ["London Councils", null],
  ])("%s → %s", (name, expected) => {
    expect(matchPerson(name, people)?.slackUserId ?? null).toBe(expected);
  });
});

describe("matchBody", () => {
  it("gives the board's own spelling of a body it already names", () => {
    expect(matchBody("london councils", ["London Councils", "MOPAC"])).toBe("London Councils");
    expect(matchBody("Mopac", ["London Councils", "MOPAC"])).toBe("MOPAC");
    expect(matchBody("The Clerk", ["Clerk"])).toBeNull();
  });
});

describe("proposeOwners", () => {
  const extraction = (owners: string[][]): MinutesExtraction => ({
    meeting: { title: null, date: "2026-11-19", time: null, location: null },
    attendees: [
      { name: "Paul Rogers", role: null, status: "present", line: 3 },
      { name: "Jo Reid", role: "Chair", status: "present", line: 4 },
      { name: "Terry Evans", role: null, status: "present", line: 5 },
    ],
    items: [],
    decisions: [],
    actions: owners.map((o, i) => ({
      text: `Action ${i}`,
      owners: o,
      due: null,
      dueText: null,
      isDueAtNextMeeting: false,
      line: 10 + i,
    })),
    nextMeeting: null,
  });

  it("reads initials from the attendance list, then matches Slack people, bodies and leaves the rest named", () => {
    const proposed = proposeOwners(extraction([["PR"], ["Jo Reid", "london councils"], ["TE/Clerk"], ["All"]]), {
      people,
      knownBodies: ["London Councils"],
    });
    expect(proposed).toEqual([
      [{ written: "PR", name: "Paul Rogers", slackUserId: "U1", handle: "paul" }],
      [
        { written: "Jo Reid", name: "Jo Reid", slackUserId: "U2", handle: "jo" },
        { written: "london councils", name: "London Councils", slackUserId: null, handle: null },
      ],
      [
        { written: "TE", name: "Terry Evans", slackUserId: null, handle: null },
        { written: "Clerk", name: "Clerk", slackUserId: null, handle: null },
      ],
      [{ written: "All", name: "All", slackUserId: null, handle: null }],
    ]);
  });
});
