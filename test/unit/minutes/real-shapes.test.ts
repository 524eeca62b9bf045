// Shapes of action that real minutes of other bodies use and the first parser missed,
// each in a few lines written here (the real documents are scored in evaluation.test.ts).
import { parseMinutes } from "../../../src/minutes/parse-minutes";

const doc = (lines: string[]) => lines.join("\n");
type Expected = { text: RegExp; owners: string[]; due?: string | null };

const cases: Array<[string, string[], Expected[]]> = [
  [
    "an Action marker in the middle of a line, with its owner and work after it",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "The draft budget was discussed at length. **Action:** KT to circulate the revised budget by 20 March 2026.",
    ],
    [{ text: /^Circulate the revised budget$/, owners: ["KT"], due: "2026-03-20" }],
  ],
  [
    "an action id before the marker",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "46. ACT-RB-2026-12: Action: PR - confirm the venue for the summer forum",
    ],
    [{ text: /^Confirm the venue for the summer forum$/, owners: ["PR"] }],
  ],
  [
    "'BB to action.' points back to the sentence before",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "The noticeboard by the shop needs a new lock and hinges. BB to action.",
    ],
    [{ text: /noticeboard by the shop needs a new lock/i, owners: ["BB"] }],
  ],
  [
    "'It was resolved that JB and NL would meet ...'",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "It was resolved that JB and NL would meet the contractor to agree the repair schedule.",
    ],
    [{ text: /^Meet the contractor to agree the repair schedule$/, owners: ["JB", "NL"] }],
  ],
  [
    "'X volunteered to ...' in running notes",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "- Discussed the spring clean. Marta volunteered to book the skip.",
    ],
    [{ text: /^Book the skip$/, owners: ["Marta"] }],
  ],
  [
    "a motion appointing someone to do a duty",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Sara Reed, Dev Shah, Jan Kowal",
      "",
      "Motion by Sara Reed, seconded by Dev Shah, to appoint Jan Kowal as the person to set up the winter notices. Carried.",
    ],
    [{ text: /^Set up the winter notices$/, owners: ["Jan Kowal"] }],
  ],
  [
    "a tracker's Finished list is done, its On-going and New lists open",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "## Actions",
      "",
      "### New",
      "- AB: order the new gazebo",
      "",
      "### On-going",
      "- CD: chase the grant form",
      "",
      "### Finished",
      "- EF: renew the insurance",
    ],
    [
      { text: /^Order the new gazebo$/, owners: ["AB"] },
      { text: /^Chase the grant form$/, owners: ["CD"] },
    ],
  ],
  [
    "tick boxes under owners' headings (people at the meeting): the unticked ones are open",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Priya Shah, Tom Reed",
      "",
      "## Action items",
      "",
      "### Priya",
      "- [ ] draft the release notes",
      "- [x] tag the release",
      "",
      "### Tom",
      "- [ ] update the roadmap page",
    ],
    [
      { text: /^Draft the release notes$/, owners: ["Priya"] },
      { text: /^Update the roadmap page$/, owners: ["Tom"] },
    ],
  ],
  [
    "'Name: task' bullets under a Resolved list, for people at the meeting, not topics",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Sam Cole, Ann Lee",
      "",
      "Resolved:",
      "- Sam: write to the county about the verge",
      "- Budget: accepted as presented",
      "- The minutes of the last meeting were approved",
    ],
    [{ text: /^Write to the county about the verge$/, owners: ["Sam"] }],
  ],
  [
    "a bold '**Resolved**' under every item is the document's structure, not a running header",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Sam Cole, Ann Lee, Raj Iyer",
      "",
      "### Website",
      "",
      "**Resolved**",
      "",
      "- Sam: move the site to the new host",
      "",
      "### Rota",
      "",
      "**Resolved**",
      "",
      "- Ann: draw up the summer rota",
      "",
      "### Tools",
      "",
      "**Resolved**",
      "",
      "- Raj: label the shared tools",
    ],
    [
      { text: /^Move the site to the new host$/, owners: ["Sam"] },
      { text: /^Draw up the summer rota$/, owners: ["Ann"] },
      { text: /^Label the shared tools$/, owners: ["Raj"] },
    ],
  ],
  [
    "a bullet's bracketed owner set off by a tab, and an event's year that is no due date",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "## Actions",
      "- [NL] \tCoordinate our stand at eResNZ 2026.",
      "- [HP]\tGather content from the workshop.",
    ],
    [
      { text: /^Coordinate our stand at eResNZ 2026$/, owners: ["NL"], due: null },
      { text: /^Gather content from the workshop$/, owners: ["HP"] },
    ],
  ],
  [
    "an IRC meeting bot's items take their owners from its 'by person' list, and its timestamps are no due dates",
    [
      "#fedora-tour: Meeting of 8 May 2012",
      "",
      "    * Screenshots  (FranciscoD, 15:40:02)",
      "      * ACTION: kishan screenshots for KDE  (FranciscoD, 15:50:26)",
      "      * ACTION: FranciscoD talk to websites sig  (FranciscoD, 16:16:30)",
      "",
      "    Action Items",
      "    ------------",
      "    * kishan screenshots for KDE",
      "    * FranciscoD talk to websites sig",
      "",
      "    Action Items, by person",
      "    -----------------------",
      "    * FranciscoD",
      "      * FranciscoD talk to websites sig",
      "    * kishan",
      "      * kishan screenshots for KDE",
    ],
    [
      { text: /^Screenshots for KDE$/, owners: ["kishan"], due: null },
      { text: /^Talk to websites sig$/, owners: ["FranciscoD"], due: null },
    ],
  ],
  [
    "a chat nickname before 'to' in a marked line is its owner",
    ["Minutes from Technical Board meeting, 2007-02-27", "", "ACTION: mdz to send an email reminder about the process"],
    [{ text: /^Send an email reminder about the process$/, owners: ["mdz"] }],
  ],
  [
    "an 'Action items:' list entry holds only what is nested under it; names in brackets after a marker own the entry above",
    [
      "Minutes of the council meeting held on 12 January 2027",
      "",
      "### 21/02 Structure of our meetings",
      "    *   Should help to make more work happen between meetings",
      "    *   Action items:",
      "        *   Provide feedback in the document (everybody until Jan 26)",
      "    *   Suggestion: have one shared document per meeting",
      "### 21/04 Committee policy",
      "    *   Host a community discussion session",
      "    *   Action item: (Lex, Sarah, Konrad)",
    ],
    [
      { text: /^Provide feedback in the document$/, owners: ["everybody"], due: "2027-01-26" },
      { text: /^Host a community discussion session$/, owners: ["Lex, Sarah, Konrad"] },
    ],
  ],
  [
    "'#todo nick: task' tags, and '(Name) Task' entries that give an order (not '(Name) Updates' or a past report)",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Roland Tan, Valentine Ong",
      "",
      "- #todo yj: upload receipts to the books",
      "- (Valentine) Updates if any.",
      "- (Valentine) Received some feedback from visitors.",
      "- (Roland) Draft the notice and send it to Valentine.",
      "- (Roland) Notice & Call for Comment on the Rules",
    ],
    [
      { text: /^Upload receipts to the books$/, owners: ["yj"] },
      { text: /^Draft the notice and send it to Valentine$/, owners: ["Roland"] },
    ],
  ],
  [
    "actions summarised at the top and written again in the body are each one action; 'Todd/Brian' owns",
    [
      "TSC minutes, 15 December 2016",
      "",
      "ACTION: Chris Ferris to start an email vote to approve Cello for incubation.",
      "ACTION: Todd/Brian to work to propose dates for the China Hackfest.",
      "",
      "Discussion",
      "",
      "- Cello: agreed it should stay a separate project.",
      "  - ACTION: Chris Ferris to start an email vote to approve Cello for incubation.",
      "  - ACTION: Chris Ferris to follow up.",
    ],
    [
      { text: /^Start an email vote to approve Cello for incubation$/, owners: ["Chris Ferris"] },
      { text: /^Work to propose dates for the China Hackfest$/, owners: ["Todd/Brian"] },
      { text: /^Follow up$/, owners: ["Chris Ferris"] },
    ],
  ],
  [
    "'TODO owner – task'",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Attendees: Lena Novak, Raj Iyer",
      "",
      "TODO Lena – move the CI jobs to the new runners",
    ],
    [{ text: /^Move the CI jobs to the new runners$/, owners: ["Lena"] }],
  ],
  [
    "outcome lines with a marker that are not work",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Item 3 Logo. Action: No consensus.",
      "",
      "Item 4 Hosting. Action: ?",
    ],
    [],
  ],
  [
    "mixed-case initials keep their owner",
    ["Minutes of the meeting held on 4 March 2026", "", "ACTION: SKoT to update the wiki with the new rota."],
    [{ text: /^Update the wiki with the new rota$/, owners: ["SKoT"] }],
  ],
  [
    "an action's text stops where the next numbered item begins",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "4. Signs. Clerk to order two new signs. 5. Finance. The accounts were received.",
    ],
    [{ text: /^Order two new signs$/, owners: ["Clerk"] }],
  ],
  [
    "'may' the verb is not the month",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Action: Clerk to ask whether the hall may be used for the fair.",
    ],
    [{ text: /^Ask whether the hall may be used for the fair$/, owners: ["Clerk"], due: null }],
  ],
  [
    "'at the Nov 18 meeting' is that day, not the end of November",
    [
      "Minutes of the meeting held on 14 October 2026",
      "",
      "Action: Ravi to present the audit findings at the Nov 18 meeting.",
    ],
    [{ text: /^Present the audit findings/, owners: ["Ravi"], due: "2026-11-18" }],
  ],
  [
    "'1 month out' is not a date",
    [
      "Minutes of the meeting held on 14 October 2026",
      "",
      "Action: Ravi to book the venue 1 month out from the conference.",
    ],
    [{ text: /^Book the venue/, owners: ["Ravi"], due: null }],
  ],
  [
    "list entries marked '(todo)' are open, '(done)' finished",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "### New Business",
      "1. Move the wiki to the new host (todo)",
      "1. Order new lanyards (done)",
    ],
    [{ text: /^Move the wiki to the new host$/, owners: [] }],
  ],
  [
    "an assignment in brackets after a list entry",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "### Coordination",
      "* Website refresh (maya and joe to work from the style guide)",
      "* Survey results (pat drafting, kim to review)",
    ],
    [
      { text: /^Work from the style guide$/, owners: ["maya", "joe"] },
      { text: /^Review survey results$/, owners: ["kim"] },
    ],
  ],
  [
    "a ToDo list whose entry names who volunteered",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "## ToDo Items",
      "",
      "  - update the release calendar (Omar (re) volunteered)",
    ],
    [{ text: /^Update the release calendar$/, owners: ["Omar"] }],
  ],
  [
    "'Complete' as the verb of an action is work; 'Complete.' as a tracker's status is done",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Action 1: the Police to complete the joint problem profile by 30 March 2026.",
      "",
      "Action log",
      "- AB to renew the insurance. Complete.",
    ],
    [{ text: /^Complete the joint problem profile$/, owners: ["the Police"], due: "2026-03-30" }],
  ],
  [
    "a name and body set in columns under 'In attendance' is a person, not an action with an owner",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present",
      "Jo Marsh\tChair",
      "",
      "In attendance",
      "Sam O'Neill\tMOPAC",
      "",
      "Action 1: MOPAC to publish the plan.",
    ],
    [{ text: /^Publish the plan$/, owners: ["MOPAC"] }],
  ],
  [
    "'X took action to ...', 'agreed ... for X to ...' and a speaker's 'Okay, I'll ...'",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Ann Lowe, Omar Said, Priya Shah",
      "",
      "The talk on bird flu was well received. Ann Lowe took action to email the members about it.",
      "",
      "Agreed to keep the current rules and for Omar to redraft the welcome note.",
      "",
      "* Priya: Okay, I'll create a draft of the grant form.",
    ],
    [
      { text: /^Email the members about it$/, owners: ["Ann Lowe"] },
      { text: /^Redraft the welcome note$/, owners: ["Omar"] },
      { text: /^Create a draft of the grant form$/, owners: ["Priya"] },
    ],
  ],
  [
    "what is not work though it reads like it: a reported vote or interest, a topic label, a status in brackets, 'AI' the subject",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Present: Cllr Smith, Cllr Brown, Bob Green",
      "",
      "Cllr Smith said that he would declare an interest in item 7.",
      "",
      "Highways: Will circulate the resurfacing plan.",
      "",
      "Action (Ongoing) review the play area inspection.",
      "",
      "AI tools were discussed at length.",
      "",
      "The treasurer thanked everyone for a very successful fete. BG to action.",
      "",
      "Cllr Brown offered a vote of thanks to the organisers.",
    ],
    // The marked item is an action, with no owner: "Ongoing" is its status.
    [{ text: /^Review the play area inspection$/, owners: [] }],
  ],
  [
    "a date followed by 'before' is still the date; an assignment in capitals is work",
    [
      "Minutes of the meeting held on 4 March 2026",
      "",
      "Clerk to send the agenda by 3 June 2026 before the meeting.",
      "",
      "CLERK TO WRITE TO THE COUNTY ABOUT THE VERGE.",
    ],
    [
      { text: /^Send the agenda/, owners: ["Clerk"], due: "2026-06-03" },
      { text: /^Write to the county about the verge$/, owners: ["Clerk"] },
    ],
  ],
];

describe("parseMinutes on shapes from real minutes", () => {
  it.each(cases)("%s", (_name, lines, expected) => {
    const actions = parseMinutes(doc(lines)).actions;
    expect(actions.map((a) => a.text)).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(actions[i]!.text).toMatch(e.text);
      expect(actions[i]!.owners).toEqual(e.owners);
      if (e.due !== undefined) expect(actions[i]!.due).toBe(e.due);
    });
  });
});
