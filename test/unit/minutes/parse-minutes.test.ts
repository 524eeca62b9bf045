// The minutes parser on short documents written here, one rule at a time; the
// whole corpus is scored in evaluation.test.ts.
import { parseMinutes } from "../../../src/minutes/parse-minutes";

const doc = (lines: string[]) => lines.join("\n");

describe("parseMinutes", () => {
  it("reads the header, attendance, numbered items, explicit actions with vague due dates, and the next meeting", () => {
    const result = parseMinutes(
      doc([
        "Riverside Community Safety Board",
        "Minutes of Meeting",
        "Tuesday 10 March 2026, 3:30pm Committee Room 1, Town Hall",
        "",
        "Present",
        "Jo Marsh\tChair",
        "Cllr Dev Patel\tRiverside Council",
        "",
        "Apologies",
        "Sam Okafor\tProbation",
        "",
        "ITEM 1. Welcome",
        "The Chair opened the meeting.",
        "",
        "ITEM 2. Knife crime",
        "The Board agreed that the partnership plan should be refreshed over the coming two months.",
        "",
        "Action 1: Riverside Council and the Police to refresh the knife crime partnership plan in May or June 2026.",
        "",
        "Date of next meeting: 9 June 2026. 12:00pm at the Civic Centre",
      ]),
    );
    expect(result.meeting).toEqual({
      title: "Riverside Community Safety Board",
      date: "2026-03-10",
      time: "15:30",
      location: "Committee Room 1, Town Hall",
    });
    expect(result.attendees.map((a) => [a.name, a.role, a.status])).toEqual([
      ["Jo Marsh", "Chair", "present"],
      ["Dev Patel", "Riverside Council", "present"],
      ["Sam Okafor", "Probation", "apologies"],
    ]);
    expect(result.items.map((i) => [i.number, i.heading])).toEqual([
      ["1", "Welcome"],
      ["2", "Knife crime"],
    ]);
    expect(result.actions).toEqual([
      {
        text: "Refresh the knife crime partnership plan",
        owners: ["Riverside Council and the Police"],
        due: "2026-06-30",
        dueText: "in May or June 2026",
        isDueAtNextMeeting: false,
        line: 18,
      },
    ]);
    expect(result.nextMeeting).toEqual({ date: "2026-06-09", time: "12:00", location: "Civic Centre", line: 20 });
  });

  it("takes 'Action: Clerk' markers inside a paragraph as closing the sentence before them", () => {
    const result = parseMinutes(
      doc([
        "Parish Council meeting held on 4 October 2026 at the Village Hall",
        "Present: Cllr Ann Lee (Chair), Cllr Bob Hart, Cllr Cy Ross",
        "",
        "Item 5 Noticeboards The Clerk had sourced two quotes. Councillors agreed these were suitable; Clerk to get a third quote for glazed boards. Action: Clerk. Item 6 Trees Cllr Hart to survey the trees on the green. To be completed by the next meeting. Action: Hart",
        "",
        "The next meeting will be held on Tuesday 1 November 2026 at 7.30pm in the Village Hall.",
      ]),
    );
    expect(result.actions.map((a) => [a.text, a.owners, a.due])).toEqual([
      ["Get a third quote for glazed boards", ["Clerk"], null],
      ["Survey the trees on the green", ["Hart"], "2026-11-01"],
    ]);
    expect(result.nextMeeting).toMatchObject({ date: "2026-11-01", time: "19:30", location: "Village Hall" });
  });

  it("reads an actions table, leaving out closed rows, with due cells read as dates", () => {
    const result = parseMinutes(
      doc([
        "Trustees' meeting, 15 November 2026",
        "",
        "## Actions",
        "| No. | Action | Who | By when | Status |",
        "|---|---|---|---|---|",
        "| 1 | Circulate the reserves policy | GP | 31 January 2027 | Open |",
        "| 2 | Renew the insurance | CM | end of Feb | Closed |",
        "| 3 | Draft the trustee advert | GP / YH | Spring 2027 | Open |",
      ]),
    );
    expect(result.actions.map((a) => [a.text, a.owners, a.due])).toEqual([
      ["Circulate the reserves policy", ["GP"], "2027-01-31"],
      ["Draft the trustee advert", ["GP", "YH"], "2027-05-31"],
    ]);
  });

  it("finds firm commitments in prose and leaves soft ones alone", () => {
    const result = parseMinutes(
      doc([
        "Minutes of the Police and Crime Panel held on Monday 11 December 2026 at 10.00am.",
        "",
        "The Commissioner accepted that call handling was not good enough. He agreed to provide the Panel with a written update by the end of January 2027.",
        "The Chief Executive said she would look into ward-level data but could not promise a date.",
        "The Chief Executive apologised and undertook to circulate the revised estates strategy within 14 days.",
        "The Panel noted the report.",
      ]),
    );
    expect(result.actions.map((a) => [a.text, a.owners, a.due])).toEqual([
      ["Provide the Panel with a written update", ["The Commissioner"], "2027-01-31"],
      ["Circulate the revised estates strategy", ["The Chief Executive"], "2026-12-25"],
    ]);
  });

  it("leaves a relative due date unresolved when the document has no date, and drops struck-through done items", () => {
    const result = parseMinutes(
      doc([
        "Allotments committee notes",
        "",
        "Actions",
        "- ~~PR: order the skip~~",
        "- PR: send the non-cultivation letters within two weeks",
        "- FA: update the website by 1 June 2027",
      ]),
    );
    expect(result.meeting.date).toBeNull();
    expect(result.actions.map((a) => [a.text, a.owners, a.due, a.dueText])).toEqual([
      ["Send the non-cultivation letters", ["PR"], null, "within two weeks"],
      ["Update the website", ["FA"], "2027-06-01", "by 1 June 2027"],
    ]);
  });

  it("uses --meeting-date for relative dates when the document has none", () => {
    const result = parseMinutes(doc(["Notes", "", "ACTION: @sam to publish the release notes within two weeks"]), {
      meetingDate: "2026-02-01",
    });
    expect(result.actions.map((a) => [a.owners, a.due])).toEqual([[["@sam"], "2026-02-15"]]);
  });
});

describe("parseMinutes on layouts from PDFs and letters", () => {
  it("reads an action log whose table was flattened into wrapped lines, leaving out closed rows", () => {
    const result = parseMinutes(
      doc([
        "Trust Board, Thursday 25 January 2024",
        "",
        "Date of next meeting: Thursday 28 March 2024, 09:30, Boardroom",
        "",
        "ACTION LOG",
        "Ref Action Owner Due Status",
        "B24/01 Circulate the estates self-",
        "assessment to the non-executive",
        "directors DCA 16 Feb 2024 New",
        "B24/02 Present the cancer recovery",
        "trajectory COO Feb-24 Open",
        "B24/03 Review the triage policy CN Q4 23/24 New",
        "B24/04 Refresh the risk register FD Next meeting Closed",
      ]),
    );
    expect(result.actions.map((a) => [a.text, a.owners, a.due])).toEqual([
      ["Circulate the estates self-assessment to the non-executive directors", ["DCA"], "2024-02-16"],
      ["Present the cancer recovery trajectory", ["COO"], "2024-02-29"],
      ["Review the triage policy", ["CN"], "2024-03-31"],
    ]);
  });

  it("joins an owner in a right-hand Action column to the sentence it closes, and ignores 'Noted'", () => {
    const result = parseMinutes(
      doc([
        "Date:     Thursday 18 April 2024, 6.00pm",
        "",
        "No.  Item                                                      Action",
        "3.   Dip sample",
        "     The Panel reviewed twenty records. Insp Reed to feed back to the",
        "     supervisors by the end of May.                            CW",
        "4.   Any other business",
        "     The Panel was satisfied that it was proportionate.        Noted",
      ]),
    );
    expect(result.actions.map((a) => [a.text, a.owners, a.due])).toEqual([
      ["Insp Reed to feed back to the supervisors", ["CW"], "2024-05-31"],
    ]);
  });

  it("gives 'I' in a report to its author, and 'the September meeting' the next meeting's day in September", () => {
    const result = parseMinutes(
      doc([
        "Monthly Report to the Scrutiny Committee",
        "Thursday 25 October 2012",
        "Jane Doe",
        "Director of Policing Strategy",
        "",
        "1. PLAN",
        "My team has begun the plan and I anticipate having a first draft by the end of November.",
        "The Treasurer will bring the budget to the September meeting.",
        "",
        "The next meeting is on Thursday 12 September 2013 at 10:00 in the Chamber.",
      ]),
    );
    expect(result.actions.map((a) => [a.owners, a.due])).toEqual([
      [["Director of Policing Strategy"], "2012-11-30"],
      [["The Treasurer"], "2013-09-12"],
    ]);
    expect(result.nextMeeting).toMatchObject({ date: "2013-09-12", time: "10:00", location: "Chamber" });
  });
});

describe("parseMinutes on a response letter", () => {
  it("takes the responder's undertakings from the response column only, and 'its meeting on' as the next meeting", () => {
    const result = parseMinutes(
      doc([
        "14th May 2013",
        "",
        "Dear Chair",
        "",
        "I enclose our response, ahead of the Committee's consideration at its meeting on 20th June.",
        "",
        "Yours sincerely",
        "",
        "Sam Reed Director of Community Safety",
        "",
        "PANEL RECOMMENDATION\tAGENCY RESPONSE",
        "1. The Agency should publish its targets within three months.\tThe Agency accepts this. The targets will be published on the website by the end of September 2013.",
        "2. The Agency should review its estate.\tThe estate review will include every borough. Neighbourhood teams will be more visible than before.",
        "PANEL RECOMMENDATION\tAGENCY RESPONSE",
        "3. The Panel will monitor progress.\tProposals will be shared with the Panel in the summer.",
      ]),
    );
    expect(result.actions.map((a) => [a.text, a.owners, a.due])).toEqual([
      ["The targets will be published on the website", ["AGENCY"], "2013-09-30"],
      ["Proposals will be shared with the Panel", ["AGENCY"], "2013-08-31"],
    ]);
    expect(result.nextMeeting?.date).toBe("2013-06-20");
  });
});

describe("parseMinutes on open items, lists and owners written in other ways", () => {
  type Expected = { text: RegExp; owners: string[]; due: string | null };
  const cases: Array<[string, string[], Expected[]]> = [
    [
      "reported speech: a person or role who 'would' do something took it on; a body or a hedge did not",
      [
        "Minutes of the parish meeting held on 4 May 2026",
        "",
        "Present: Cllr Ada Vane, Cllr Tom Reed, PC Holt",
        "",
        "3. Playing field. PC Holt would monitor the motorbikes at the barrier. The Clerk would write to the landowner about the hedge. The Council would need a new mower next year. Tom Reed would continue to attend the forum.",
      ],
      [
        { text: /monitor the motorbikes/i, owners: ["PC Holt"], due: null },
        { text: /write to the landowner/i, owners: ["The Clerk"], due: null },
      ],
    ],
    [
      "'He said he would ...' is the promise of the person the paragraph is about",
      [
        "Minutes of the working group held on 4 May 2026",
        "",
        "Present: SG, IR",
        "",
        "SG proposed a new discussion point on the restrictions of the model. He said he would comment on the tracker issues about units of measure.",
      ],
      [{ text: /comment on the tracker issues/i, owners: ["SG"], due: null }],
    ],
    [
      "a done entry struck through is dropped even when a long link follows it",
      [
        "Meeting of 3 February 2026",
        "",
        "# Action items",
        "",
        "1. AB: label the open issues on the tracker",
        "1. ~CD: write up the caching problem and where to begin.~ Notes in [the issue](https://example.org/project/issues/4412#issuecomment-987654321)",
      ],
      [{ text: /label the open issues/i, owners: ["AB"], due: null }],
    ],
    [
      "a list number followed by a tab under an Actions heading is a list entry, not a table column",
      [
        "Minutes of the meeting held on 5 March 2026",
        "",
        "Actions",
        "",
        "1.\tAgree the letter to the regional partners at the next meeting.",
        "2.\tPQ to draft the newsletter article on the new standards.",
      ],
      [
        { text: /Agree the letter to the regional partners/i, owners: [], due: null },
        { text: /draft the newsletter article/i, owners: ["PQ"], due: null },
      ],
    ],
    [
      "an inline marker listing surnames the attendance list does not give closes the sentences before it",
      [
        "Minutes of the meeting held on Tuesday 6 October 2026",
        "",
        "Item 12. Property iii. Play areas: Cllr Fenwick would inspect the swings and the zip wire. Cllrs Okoro and Vale would inspect the skate ramp. To be completed by the next meeting. Action: Fenwick; Okoro; Vale iv. Insurance The Clerk reported that the renewal was due.",
        "",
        "The next meeting is to be held on Tuesday 3rd November 2026 at 7pm.",
      ],
      [{ text: /inspect the skate ramp/i, owners: ["Fenwick, Okoro, Vale"], due: "2026-11-03" }],
    ],
    [
      "an action the matters-arising review leaves open is carried forward, with its revised date; closed ones are not",
      [
        "Board meeting held on 20 January 2026",
        "",
        "MATTERS ARISING",
        "The Board went through the action log. A/25/12 (parking permits) was confirmed as complete. A/25/15 (FD to",
        "present the options for the café contract) remains open as the tender had slipped; the Board agreed a revised due date of April 2026.",
      ],
      [{ text: /present the options for the café contract/i, owners: ["FD"], due: "2026-04-30" }],
    ],
    [
      "'for that meeting' is the meeting the same paragraph dates",
      [
        "Parish Council minutes, meeting held on 9 March 2026",
        "",
        "26/031 Annual Assembly",
        "The Annual Assembly will be held on Thursday 16th April 2026 at 7pm. The Vice-Chairman to prepare the review of the year for that meeting.",
      ],
      [{ text: /prepare the review of the year/i, owners: ["The Vice-Chairman"], due: "2026-04-16" }],
    ],
    [
      "three or more agencies named as a list are the owners of an 'X to ...' action",
      [
        "Safety Partnership, 12 February 2026",
        "",
        "Action 3: The fire service, the Council, Housing and Youth Services to agree a joint visiting rota by the end of April 2026.",
      ],
      [
        {
          text: /agree a joint visiting rota/i,
          owners: ["The fire service, the Council, Housing and Youth Services"],
          due: "2026-04-30",
        },
      ],
    ],
    [
      "a wrapped tracker entry takes its owner from the right-hand column, and the next item ends the tracker",
      [
        "Scrutiny panel meeting held on 10 March 2026",
        "",
        "2.   Action tracker (December meeting)",
        "     2.1 Ward profiles to be refreshed for the new boundaries - partly",
        "         done, two wards outstanding. Carried forward.                       MK",
        "3.   Finance update",
        "     The treasurer reported that reserves were in line with the forecast.",
      ],
      [{ text: /Ward profiles to be refreshed/i, owners: ["MK"], due: null }],
    ],
    [
      "a purpose clause's date is not the action's, and 'all cllrs' is one owner",
      [
        "Finance Committee, 17 June 2026",
        "",
        "• Draft policy circulated. Members to send comments to the Clerk before the recess so a final draft can go to the September meeting. Action – all cllrs",
      ],
      [{ text: /send comments to the Clerk/i, owners: ["all cllrs"], due: null }],
    ],
    [
      "counts and measures are not due dates",
      [
        "Panel meeting, 14 May 2026",
        "",
        "In 17 of the 20 records the grounds were sufficient. Clerk to write to the 3 ward panels about the 4.5 per cent rise.",
      ],
      [{ text: /write to the 3 ward panels/i, owners: ["Clerk"], due: null }],
    ],
  ];

  it.each(cases)("%s", (_name, lines, expected) => {
    const actions = parseMinutes(doc(lines)).actions;
    expect(actions).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(actions[i]!.text).toMatch(e.text);
      expect(actions[i]!.owners).toEqual(e.owners);
      expect(actions[i]!.due).toBe(e.due);
    });
  });

  it.each([
    ["undertakes nothing of its own", "The Trust notes this and will consider it at the June Board.", 1],
    ["turns it down", "The Trust does not accept this recommendation: the review is already annual.", 0],
  ])("keeps a recommendation's dated request as the responder's when the response %s", (_name, response, count) => {
    const result = parseMinutes(
      doc([
        "Response of 2 April 2026",
        "",
        "PANEL RECOMMENDATION\tTRUST RESPONSE",
        `1. The Trust should commission an independent review of waiting times. It should report back to the Panel on the review by the end of October 2026.\t${response}`,
      ]),
    );
    expect(result.actions).toHaveLength(count);
    if (count === 1)
      expect(result.actions[0]).toMatchObject({
        owners: ["TRUST"],
        due: "2026-10-31",
        text: expect.stringMatching(/^Commission an independent review .* report back to the Panel/),
      });
  });
});

describe("the next meeting's place", () => {
  it.each([
    [
      "Next meeting: 4 November 2024 at 2.00pm in Room G.12, Lowfield House. The meeting closed at 4.17pm.",
      "Room G.12, Lowfield House",
    ],
    ["Next meeting: 4 November 2024 at 2.00pm, St. Mary's Hall, Church Rd.", "St. Mary's Hall, Church Rd"],
  ])("%s", (line, place) => {
    const result = parseMinutes(doc(["Committee minutes, 9 September 2024", "", line]));
    expect(result.nextMeeting).toMatchObject({ date: "2024-11-04", time: "14:00", location: place });
  });
});
