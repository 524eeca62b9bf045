import { parseActionCommand, type ActionCommand } from "../../../../../src/domain/actions/command";

/** Stands in for the real date parser (src/dates): a few phrases it would read. */
const DATES = new Set([
  "friday",
  "next friday",
  "end of may",
  "end of june",
  "12 november",
  "the next meeting",
  "tomorrow",
  "31/12/2026",
  "q3",
  "may or june 2015",
  "5 p.m.",
]);
const isDuePhrase = (phrase: string) => DATES.has(phrase.toLowerCase());

type Expected = ActionCommand | RegExp;

const add = (text: string, extra: Partial<Extract<ActionCommand, { kind: "add" }>> = {}): ActionCommand => ({
  kind: "add",
  text,
  owners: [],
  duePhrase: undefined,
  board: undefined,
  ...extra,
});
const LCRB = { code: "LCRB" };

const cases: [string, Expected][] = [
  // Nothing, and help
  ["", { kind: "modal" }],
  ["   ", { kind: "modal" }],
  ["\n\t ", { kind: "modal" }],
  ["help", { kind: "help" }],
  ["HELP", { kind: "help" }],
  ["help add", { kind: "help" }],

  // add: the examples from the help text and PRODUCT.md
  [
    "add Draft the CONTEST terms of reference <@U123ABC> by end of May #LCRB",
    add("Draft the CONTEST terms of reference", {
      owners: [{ slackUserId: "U123ABC" }],
      duePhrase: "end of May",
      board: LCRB,
    }),
  ],
  [
    "add Report back on custody times owner: London Councils by the next meeting",
    add("Report back on custody times", { owners: [{ bodyName: "London Councils" }], duePhrase: "the next meeting" }),
  ],
  [
    "add Design the London-wide CONTEST board owner: London Councils and MOPAC by May or June 2015",
    add("Design the London-wide CONTEST board", {
      owners: [{ bodyName: "London Councils" }, { bodyName: "MOPAC" }],
      duePhrase: "May or June 2015",
    }),
  ],
  // add: clauses in any order
  [
    "add Draft the terms by end of May <@U1ALEX> #LCRB",
    add("Draft the terms", { owners: [{ slackUserId: "U1ALEX" }], duePhrase: "end of May", board: LCRB }),
  ],
  [
    "add Draft the terms #LCRB owner: MOPAC due Friday",
    add("Draft the terms", { owners: [{ bodyName: "MOPAC" }], duePhrase: "Friday", board: LCRB }),
  ],
  [
    "add Draft the terms #LCRB by Friday owner: MOPAC",
    add("Draft the terms", { owners: [{ bodyName: "MOPAC" }], duePhrase: "Friday", board: LCRB }),
  ],
  [
    "add Draft the terms due Friday <@U1> owner: MOPAC #lcrb",
    add("Draft the terms", {
      owners: [{ slackUserId: "U1" }, { bodyName: "MOPAC" }],
      duePhrase: "Friday",
      board: LCRB,
    }),
  ],
  [
    "add Draft the terms Owners: London Councils and MOPAC by Friday <@U1>",
    add("Draft the terms", {
      owners: [{ bodyName: "London Councils" }, { bodyName: "MOPAC" }, { slackUserId: "U1" }],
      duePhrase: "Friday",
    }),
  ],
  [
    "add Draft the terms owner: London Councils #LCRB <@U1>",
    add("Draft the terms", { owners: [{ bodyName: "London Councils" }, { slackUserId: "U1" }], board: LCRB }),
  ],
  // add: owners
  [
    "add Draft the terms (<@U1>) by Friday",
    add("Draft the terms", { owners: [{ slackUserId: "U1" }], duePhrase: "Friday" }),
  ],
  [
    "add <@U1> <@U2> Draft the terms",
    add("Draft the terms", { owners: [{ slackUserId: "U1" }, { slackUserId: "U2" }] }),
  ],
  [
    "add Ask <@U1ALEX> to circulate the papers",
    add("Ask to circulate the papers", { owners: [{ slackUserId: "U1ALEX" }] }),
  ],
  [
    "add Draft the terms <@U1>, <@U2> and <@U3>",
    add("Draft the terms", { owners: [{ slackUserId: "U1" }, { slackUserId: "U2" }, { slackUserId: "U3" }] }),
  ],
  ["add Draft the terms <@U1|alex> <@U1>", add("Draft the terms", { owners: [{ slackUserId: "U1" }] })],
  ["add Draft the terms <@W0ENTERPRISE>", add("Draft the terms", { owners: [{ slackUserId: "W0ENTERPRISE" }] })],
  [
    "add Review the fees owner: London Councils, MOPAC &amp; Home Office",
    add("Review the fees", {
      owners: [{ bodyName: "London Councils" }, { bodyName: "MOPAC" }, { bodyName: "Home Office" }],
    }),
  ],
  [
    "add Review the crossings owner: P&amp;O Ferries",
    add("Review the crossings", { owners: [{ bodyName: "P&O Ferries" }] }),
  ],
  ["add Draft the terms owner:MOPAC", add("Draft the terms", { owners: [{ bodyName: "MOPAC" }] })],
  ["add Draft the terms owner: MOPAC owner: mopac", add("Draft the terms", { owners: [{ bodyName: "MOPAC" }] })],
  ["add Draft the terms owner: <@U1>", add("Draft the terms", { owners: [{ slackUserId: "U1" }] })],
  ["add Draft the terms owner:", /"owner:" needs a body name/],
  ["add Draft the terms owner: by Friday", /"owner:" needs a body name/],
  ["add Draft the terms <!subteam^S123|@lcrb-team>", /A user group \("@lcrb-team"\) can't own an action/],
  // add: "by" is a date only when it reads as one
  ["add Report by the police on custody", add("Report by the police on custody")],
  ["add Report by the police on custody by Friday", add("Report by the police on custody", { duePhrase: "Friday" })],
  ["add Report by the police by the next meeting", add("Report by the police", { duePhrase: "the next meeting" })],
  ["add Review stand by arrangements", add("Review stand by arrangements")],
  ["add Stand by", add("Stand by")],
  ["add Report by whoever may attend", add("Report by whoever may attend")],
  ["add Draft the terms by Friday.", add("Draft the terms", { duePhrase: "Friday" })],
  ["add Draft the terms, by Friday", add("Draft the terms", { duePhrase: "Friday" })],
  ["add Draft the terms by 5 p.m.", add("Draft the terms", { duePhrase: "5 p.m." })],
  ["add Draft the terms BY friday", add("Draft the terms", { duePhrase: "friday" })],
  ["add Draft the terms by end of May by Blursday", add("Draft the terms by Blursday", { duePhrase: "end of May" })],
  [
    "add Report by the twelfth of Neverember",
    /^I couldn't read "the twelfth of Neverember" as a date\. Nothing was saved\.$/,
  ],
  ["add Draft the terms by 32 Smarch", /I couldn't read "32 Smarch" as a date/],
  ["add Report by the police at the next meeting", /I couldn't read "the police at the next meeting" as a date/],
  ["add Draft the terms by next Blursday #LCRB", /I couldn't read "next Blursday" as a date/],
  // add: "due" is always a date, except as the first word or in "due to"
  ["add Draft terms due by Friday", add("Draft terms", { duePhrase: "Friday" })],
  ["add Draft terms due: Friday", add("Draft terms", { duePhrase: "Friday" })],
  ["add Draft the terms due to the board by Friday", add("Draft the terms due to the board", { duePhrase: "Friday" })],
  ["add Due diligence on the contract by Friday", add("Due diligence on the contract", { duePhrase: "Friday" })],
  ["add Pay what is due", add("Pay what is due")],
  ["add Pay what is due #LCRB", add("Pay what is due", { board: LCRB })],
  [
    "add Chase payments due from MOPAC due 31/12/2026",
    add("Chase payments due from MOPAC", { duePhrase: "31/12/2026" }),
  ],
  ["add Draft the terms due Blursday", /I couldn't read "Blursday" as a date/],
  // "due" inside the text, with the date given by "by" (issue 15, found by the simulation)
  [
    "add Review the due diligence report <@U123ABC> by 12 November",
    add("Review the due diligence report", { owners: [{ slackUserId: "U123ABC" }], duePhrase: "12 November" }),
  ],
  [
    "add Saturday due check <@U123ABC> by 12 November",
    add("Saturday due check", { owners: [{ slackUserId: "U123ABC" }], duePhrase: "12 November" }),
  ],
  ["add Carry out due diligence on the contract", add("Carry out due diligence on the contract")],
  ["add Saturday due check", /I couldn't read "check" as a date/],
  ["add Draft the terms by sometime soonish", /I couldn't read "sometime soonish" as a date/],
  ["add Reply to the Home Office by email asap", add("Reply to the Home Office by email asap")],
  ["add Draft terms by end of May due Friday", /two due dates, "end of May" and "Friday"/],
  // add: a date closing the text or a body's name, without by or due (issue 15; the rules are tested with the real parser in trailing-date.test.ts)
  [
    "add Draft the paper <@U1> next Friday",
    add("Draft the paper", { owners: [{ slackUserId: "U1" }], duePhrase: "next Friday" }),
  ],
  [
    "add Design the board owner: London Councils May or June 2015 #LCRB",
    add("Design the board", { owners: [{ bodyName: "London Councils" }], duePhrase: "May or June 2015", board: LCRB }),
  ],
  ["add Review the plan next Friday by end of May", add("Review the plan next Friday", { duePhrase: "end of May" })],
  ["add Report on Q3", add("Report on Q3")],
  ["add Draft the terms next Friday owner: MOPAC tomorrow", /two due dates, "next Friday" and "tomorrow"/],
  // add: boards
  ["add Draft the terms #lcrb", add("Draft the terms", { board: LCRB })],
  ["add Draft the terms <#C123ABC|lcrb>", add("Draft the terms", { board: { channelId: "C123ABC" } })],
  ["add Draft the terms <#C123ABC>", add("Draft the terms", { board: { channelId: "C123ABC" } })],
  ["add #LCRB Draft the terms", add("Draft the terms", { board: LCRB })],
  ["add Draft the terms #LCRB #lcrb", add("Draft the terms", { board: LCRB })],
  ["add Draft the terms for item #1", add("Draft the terms for item #1")],
  ["add Draft the terms #LCRB #PCB", /one board, but I found "#LCRB" and "#PCB"/],
  ["add Draft the terms #LCRB <#C123|pcb>", /one board, but I found "#LCRB" and "#pcb"/],
  // add: the text
  ["ADD Draft the terms", add("Draft the terms")],
  ["add   Draft   the\n terms  ", add("Draft the terms")],
  [
    "add Read <https://example.org/terms|the draft terms> by Friday",
    add("Read the draft terms (https://example.org/terms)", { duePhrase: "Friday" }),
  ],
  ["add Read <https://example.org/terms> closely", add("Read https://example.org/terms closely")],
  ["add Write to <mailto:chair@example.org|chair@example.org>", add("Write to chair@example.org")],
  ["add Agree the R&amp;D budget &lt;draft&gt;", add("Agree the R&D budget <draft>")],
  ["add Draft terms &amp; conditions by Q3", add("Draft terms & conditions", { duePhrase: "Q3" })],
  ["add <!here> review the terms", add("@here review the terms")],
  ["add " + "x".repeat(1000), add("x".repeat(1000))],
  ["add " + "x".repeat(1001), /1,001 characters; the most is 1,000/],
  ["add", /^Say what the action is after add\.$/],
  ["add <@U1> by Friday #LCRB", /Say what the action is first/],
  ["add ...", /Say what the action is/],

  // list
  ["list", { kind: "list", filter: { kind: "mine" } }],
  ["list mine", { kind: "list", filter: { kind: "mine" } }],
  ["list overdue", { kind: "list", filter: { kind: "overdue" } }],
  ["list OPEN", { kind: "list", filter: { kind: "open" } }],
  ["list done", { kind: "list", filter: { kind: "done" } }],
  ["list <@U123ABC>", { kind: "list", filter: { kind: "user", slackUserId: "U123ABC" } }],
  ["list <@U123ABC|alex>", { kind: "list", filter: { kind: "user", slackUserId: "U123ABC" } }],
  ["list #LCRB", { kind: "list", filter: { kind: "board", board: LCRB } }],
  ["list <#C123|lcrb>", { kind: "list", filter: { kind: "board", board: { channelId: "C123" } } }],
  ["list overdue #lcrb", { kind: "list", filter: { kind: "overdue" }, board: LCRB }],
  ["list #LCRB overdue", { kind: "list", filter: { kind: "overdue" }, board: LCRB }],
  ["list <@U1> #LCRB", { kind: "list", filter: { kind: "user", slackUserId: "U1" }, board: LCRB }],
  ["list overdue overdue", { kind: "list", filter: { kind: "overdue" } }],
  ["list late", /I can't list "late"\. Try mine, overdue, open, done, @someone or #BOARD\./],
  ["list overdue done", /I found "overdue" and "done"/],
  ["list <@U1> <@U2|sam>", /I found "@U1" and "@sam"/],
  ["list #LCRB #PCB", /List one board at a time; I found "#LCRB" and "#PCB"/],
  ["list #X", /"#X" isn't a board code/],

  // show and reopen
  ["show LCRB-12", { kind: "show", reference: "LCRB-12" }],
  ["show lcrb-12", { kind: "show", reference: "LCRB-12" }],
  ["show a-7", { kind: "show", reference: "A-7" }],
  ["show LCRB-012", { kind: "show", reference: "LCRB-12" }],
  ["show #LCRB-12", { kind: "show", reference: "LCRB-12" }],
  ["show ABCDEFGHIJKL-1", { kind: "show", reference: "ABCDEFGHIJKL-1" }],
  ["reopen LCRB-12", { kind: "reopen", reference: "LCRB-12" }],
  ["show", /^Say which action to show, such as LCRB-12\.$/],
  ["show LCRB", /^"LCRB" isn't an action reference\. References look like LCRB-12 or A-7\.$/],
  ["show L-12", /"L-12" isn't an action reference/],
  ["show ABCDEFGHIJKLM-1", /"ABCDEFGHIJKLM-1" isn't an action reference/],
  ["show 12LCRB-1", /"12LCRB-1" isn't an action reference/],
  ["show LCRB-12 please", /show needs only the reference; I didn't expect "please"/],
  ["reopen", /Say which action to reopen/],

  // done, update, drop
  ["done LCRB-12", { kind: "done", reference: "LCRB-12", note: undefined }],
  [
    "done LCRB-12 Circulated with the papers",
    { kind: "done", reference: "LCRB-12", note: "Circulated with the papers" },
  ],
  ["done LCRB-12: circulated &amp; agreed", { kind: "done", reference: "LCRB-12", note: "circulated & agreed" }],
  ["done LCRB-12 - thanks <@U1|alex>", { kind: "done", reference: "LCRB-12", note: "thanks <@U1>" }],
  [
    "done LCRB-12 see <https://example.org/p|the papers>",
    { kind: "done", reference: "LCRB-12", note: "see the papers (https://example.org/p)" },
  ],
  ["done LCRB-12 " + "x".repeat(1001), /The note is 1,001 characters/],
  ["done <@U1>", /"@U1" isn't an action reference/],
  ["update LCRB-12 First draft shared", { kind: "update", reference: "LCRB-12", note: "First draft shared" }],
  ["update a-3   Waiting on   MOPAC ", { kind: "update", reference: "A-3", note: "Waiting on MOPAC" }],
  ["update LCRB-12", /^Say what has happened on LCRB-12, after the reference\.$/],
  ["drop LCRB-12 Overtaken by events", { kind: "drop", reference: "LCRB-12", reason: "Overtaken by events" }],
  ["drop LCRB-12", /Say why LCRB-12 is being dropped/],

  // due
  ["due LCRB-12 end of June", { kind: "due", reference: "LCRB-12", duePhrase: "end of June" }],
  ["due LCRB-12 by the next meeting", { kind: "due", reference: "LCRB-12", duePhrase: "the next meeting" }],
  ["due LCRB-12 to Friday", { kind: "due", reference: "LCRB-12", duePhrase: "Friday" }],
  ["due LCRB-12", /^Say the new due date for LCRB-12\.$/],
  [
    "due LCRB-12 the twelfth of Neverember",
    /^I couldn't read "the twelfth of Neverember" as a date\. Nothing was saved\.$/,
  ],
  ["due Friday", /"Friday" isn't an action reference/],

  // assign
  ["assign LCRB-12 <@U1>", { kind: "assign", reference: "LCRB-12", owners: [{ slackUserId: "U1" }] }],
  [
    "assign LCRB-12 to <@U1> and <@U2>",
    { kind: "assign", reference: "LCRB-12", owners: [{ slackUserId: "U1" }, { slackUserId: "U2" }] },
  ],
  [
    "assign LCRB-12 owner: London Councils and MOPAC",
    { kind: "assign", reference: "LCRB-12", owners: [{ bodyName: "London Councils" }, { bodyName: "MOPAC" }] },
  ],
  [
    "assign LCRB-12 <@U1> owner: MOPAC",
    { kind: "assign", reference: "LCRB-12", owners: [{ slackUserId: "U1" }, { bodyName: "MOPAC" }] },
  ],
  ["assign LCRB-12", /^Say who now owns LCRB-12/],
  ["assign LCRB-12 MOPAC", /I couldn't tell who "MOPAC" is/],
  ["assign LCRB-12 owner:", /"owner:" needs a body name/],
  ["assign LCRB-12 <!subteam^S1|@finance>", /A user group \("@finance"\)/],
  ["assign <@U1> LCRB-12", /"@U1" isn't an action reference/],

  // anything else
  [
    "frobnicate",
    /^I don't know "\/action frobnicate"\. Try add, list, show, done, update, due, assign, drop, reopen or help\.$/,
  ],
  ["Draft the terms by Friday", /I don't know "\/action Draft"/],
  ["<@U1> list", /I don't know "\/action @U1"/],
  ["x".repeat(3001), /3,001 characters long; the most I can read is 3,000/],
];

const rows = cases.map(
  ([text, expected]) => [text.length > 70 ? `${text.slice(0, 67)}…` : text, text, expected] as const,
);

describe("parseActionCommand", () => {
  it.each(rows)("reads %j", (_title, text, expected) => {
    const result = parseActionCommand(text, { isDuePhrase });
    if (expected instanceof RegExp) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem.message).toMatch(expected);
      expect(result.problem.examples.length).toBeGreaterThan(0);
      for (const example of result.problem.examples) expect(example).toMatch(/^\/action \S/);
    } else {
      expect(result).toEqual({ ok: true, command: expected });
    }
  });

  it('keeps another date out of the examples it offers (not "Draft the terms by Friday by 12 November")', () => {
    const result = parseActionCommand("add Draft the terms by Friday due Blursday", { isDuePhrase });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.examples[0]).toBe("/action add Draft the terms by 12 November");
  });

  it("offers dates that work when one cannot be read", () => {
    const result = parseActionCommand("add Report back on custody times by the twelfth of Neverember", { isDuePhrase });
    expect(result).toEqual({
      ok: false,
      problem: {
        message: 'I couldn\'t read "the twelfth of Neverember" as a date. Nothing was saved.',
        examples: [
          "/action add Report back on custody times by 12 November",
          "/action add Report back on custody times by end of June",
          "/action add Report back on custody times by next Friday",
          "/action add Report back on custody times by the next meeting",
        ],
      },
    });
  });

  it("asks the date parser only about the date phrases", () => {
    const asked: string[] = [];
    parseActionCommand("add Report by the police on custody by Friday <@U1> #LCRB", {
      isDuePhrase: (phrase) => {
        asked.push(phrase);
        return isDuePhrase(phrase);
      },
    });
    expect(asked).toEqual(["Friday"]);
  });

  it("has at least 80 phrasings", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });
});
