// The attendance lists in the shapes real minutes use, one shape a case. The
// documents are written here; the real minutes are scored in evaluation.test.ts.
import { findAttendees } from "../../../src/minutes/attendees";
import { cleanText } from "../../../src/minutes/clean-text";

const attendeesOf = (lines: string[]) =>
  findAttendees(cleanText(lines.join("\n")).lines).map((a) => [a.name, a.status]);
const present = (lines: string[]) =>
  attendeesOf(lines).flatMap(([name, status]) => (status === "apologies" ? [] : [name]));
const absent = (lines: string[]) =>
  attendeesOf(lines).flatMap(([name, status]) => (status === "apologies" ? [name] : []));

describe("findAttendees", () => {
  it.each<[string, string[], string[]]>([
    [
      "a run-on list with brackets holding commas, and people who are not councillors",
      [
        "Councillors present: P Ames (Vice Chair, chairing the meeting), R Bell, T Cole",
        "Councillors absent: D Dunn (Chair), F Eyre",
        "Others present: County Councillor G Fox, four members of the public, Clerk H Gale",
      ],
      ["P Ames", "R Bell", "T Cole", "G Fox", "H Gale"],
    ],
    [
      "titles with no commas between people, and a clerk without a title",
      ["Present: Cllr Ann Lee (Chair) Cllr Bob Hart (Vice-Chair) Cllr Cy Ross Dee Moss (Parish Clerk)"],
      ["Ann Lee", "Bob Hart", "Cy Ross", "Dee Moss"],
    ],
    [
      "one person a line with their organisation after a comma or a dash",
      [
        "## Attendees",
        "* Ann Lee, Northgate Studios",
        "* Bob Hart - Chair, Fenwick Labs Ltd",
        "* Cy Ross, Google",
        "",
        "## Agenda",
      ],
      ["Ann Lee", "Bob Hart", "Cy Ross"],
    ],
    [
      "ticked and unticked boxes",
      ["Voting member attendance", "* [x] Ann Lee, Northgate", "* [ ] Bob Hart, Fenwick", "* [x] Cy Ross, Westbury"],
      ["Ann Lee", "Cy Ross"],
    ],
    [
      "groups under their own short headings, surnames after 'Councillors', names in brackets after a role",
      [
        "IN THE CHAIR:",
        "Councillor Ann Lee",
        "MEMBERS:",
        "Councillors Hart, Ross, Ó Briain and Moss",
        "POLICE NOMINATIONS:",
        "Chief Superintendent (Mr. D. Kerr), Inspector (Ms. E. Lyle)",
        "APOLOGIES:",
        "Mr. F. Nash",
      ],
      ["Ann Lee", "Hart", "Ross", "Ó Briain", "Moss", "D. Kerr", "E. Lyle"],
    ],
    [
      "people with their councils run together, and two initials sharing a surname",
      [
        "Present: Cllr M Abel, East Down District Council Cllr Mrs A Birch, Borough Council Ms C Cope, Co-opted Member",
        "Also present: T and F Dale",
      ],
      ["M Abel", "A Birch", "C Cope", "T Dale", "F Dale"],
    ],
    [
      "a table with a Present? column",
      [
        "### Attendance:",
        "",
        "| Name (Affiliation) | Present? |",
        "| --- | --- |",
        "| Ann Lee (Northgate) | Yes |",
        "| Bob Hart (Fenwick) | No |",
      ],
      ["Ann Lee"],
    ],
    [
      "titled people one a line with no heading above them",
      [
        "Minutes of the meeting held on 3rd March 2002",
        "Mr Ann Lee (Village Representative)",
        "Mrs Bea Hart (Parish Councillor)",
        "Mr Cy Ross (Manager, Fenwick Mill Ltd)",
        "",
        "1. Noise",
      ],
      ["Ann Lee", "Bea Hart", "Cy Ross"],
    ],
    [
      "an organisation joined by 'and' is not a person",
      ["Also, in Attendance Cllr Colin Sand, Borough Council of Kings Lynn and West Norfolk"],
      ["Colin Sand"],
    ],
    [
      "first names only",
      ["Present: Peter, Dan, David, Sangwhan", "Regrets: Andrew"],
      ["Peter", "Dan", "David", "Sangwhan"],
    ],
    [
      "a heading ending the list is not a person",
      ["**Attendees**", "* Ann Lee", "* bob Hart", "CRAN Discussion", "Some words."],
      ["Ann Lee", "bob Hart"],
    ],
  ])("reads %s", (_, lines, expected) => {
    expect(present(lines)).toEqual(expected);
  });

  it("with no list, reads who 'present were' names in a wrapped sentence, and 'also present were' as in attendance", () => {
    const lines = [
      "Chair Jan Kohl called the meeting to order at 6:30 pm on October 19, 2026. Board",
      "members present were supervisors Jan Kohl and Dick Dale, clerks Lin Britt and Cara Land,",
      "and treasurer Ray Barr.  Also present were Rod Sale and Mike Sier.  Those present said the pledge.",
    ];
    expect(attendeesOf(lines)).toEqual([
      ["Jan Kohl", "present"],
      ["Dick Dale", "present"],
      ["Lin Britt", "present"],
      ["Cara Land", "present"],
      ["Ray Barr", "present"],
      ["Rod Sale", "in_attendance"],
      ["Mike Sier", "in_attendance"],
    ]);
  });

  it("reads names written as reference-style links", () => {
    expect(
      present(["Present were [Sara Cole][SaraCole], Clerk, [Ann Dee][AnnDee] and [Julia Roten-Valdez][JRV]."]),
    ).toEqual(["Sara Cole", "Ann Dee", "Julia Roten-Valdez"]);
  });

  it("keeps apologies, people absent by proxy and 'excused absence' out of the present", () => {
    const lines = [
      "Participants:",
      "* Ann Lee (AL)",
      "* Bob Hart (by proxy to Ann)",
      "Present: Cy Ross, Chairman and Dee Moss & Eve Nunn, Town Supervisors. Fay Orr, Clerk/Treasurer, excused absence.",
    ];
    expect(present(lines)).toEqual(["Ann Lee", "Cy Ross", "Dee Moss", "Eve Nunn"]);
    expect(absent(lines)).toEqual(["Bob Hart", "Fay Orr"]);
  });

  it("switches to apologies at an inline 'Apologies:' label", () => {
    const lines = ["Present: Ann Lee (AL) (Chair); Bob Hart (BH); Cy Ross (CR) (part) Apologies: Dee Moss (DM)"];
    expect(present(lines)).toEqual(["Ann Lee", "Bob Hart", "Cy Ross"]);
    expect(absent(lines)).toEqual(["Dee Moss"]);
  });

  it("reads an HTML table of people spread over lines, with a column of marks saying who came", () => {
    const row = (name: string, group: string, mark: string) => [
      "<tr>",
      `<td><p>${name}</p></td>`,
      `<td><p>${group}</p></td>`,
      mark ? `<td><p>${mark}</p></td>` : "<td></td>",
      "</tr>",
    ];
    const lines = [
      "## Attendees",
      "",
      "<table>",
      "<tbody>",
      ...row("Ann Lee", "Tools (PMC)", "Y"),
      ...row("Bob Hart", "Web (PMC)", ""),
      ...row("Cy Ross", "Data (PMC)", "Y"),
      "</tbody>",
      "</table>",
      "",
      "## Notes",
    ];
    expect(present(lines)).toEqual(["Ann Lee", "Cy Ross"]);
    expect(absent(lines)).toEqual(["Bob Hart"]);
    // Each row is one line of the document, numbered where it begins.
    expect(findAttendees(cleanText(lines.join("\n")).lines).map((a) => a.line)).toEqual([5, 10, 15]);
  });

  it("with no attendance list, takes whoever proposed or seconded a motion as present", () => {
    const lines = [
      "3. MINUTES",
      "It was proposed by Ann Lee, seconded by Bob Hart and agreed that they be signed.",
      "4. ACCOUNTS",
      "Accepted on the proposal of Cy Ross, seconded by Ann Lee, and carried.",
    ];
    expect(present(lines)).toEqual(["Ann Lee", "Bob Hart", "Cy Ross"]);
    // With a list, the list says who came.
    expect(present(["Present: Dee Moss, Eve Nash", "", ...lines])).toEqual(["Dee Moss", "Eve Nash"]);
  });

  it("reads on past a note about the person above ('Peter is chair of ...')", () => {
    const lines = [
      "Other attendees:",
      "Peter Grant, Department for Transport",
      "Peter is chair of the Technical Panel",
      "",
      "Nina Shaw, Cabinet Office",
      "Nina joined at 11am",
      "Omar Ali, Cabinet Office",
      "",
      "Any other business",
    ];
    expect(present(lines)).toEqual(["Peter Grant", "Nina Shaw", "Omar Ali"]);
  });

  it("adds a speaker the list left out of a dialogue of the people listed, and never a label such as 'Action:'", () => {
    const lines = [
      "Present: Ines, Omar, Pia",
      "Regrets: Rui",
      "",
      "Ines: the draft is nearly ready.",
      "Omar: two comments on section 3.",
      "Tariq: I can review it this week.",
      "Pia: fine by me.",
      "Action: Tariq to review the draft.",
      "Budget: unchanged.",
    ];
    expect(present(lines)).toEqual(["Ines", "Omar", "Pia", "Tariq"]);
    // Not a dialogue of the people listed (one line of it): no one is added.
    expect(present(["Present: Ines, Omar", "", "Ines: the draft is nearly ready.", "Tariq: I can review it."])).toEqual(
      ["Ines", "Omar"],
    );
  });
});
