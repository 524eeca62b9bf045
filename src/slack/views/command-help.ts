import { context, header, message, section, type MessageView } from "./blocks";

interface Usage {
  form: string;
  says: string;
}

interface CommandHelp {
  title: string;
  summary: string;
  usages: Usage[];
  examples: string[];
}

const HELP: Record<string, CommandHelp> = {
  "/action": {
    title: "Logging and chasing actions",
    summary: "Every action agreed in a meeting, with its owners and due date.",
    usages: [
      { form: "/action", says: "open the New action form" },
      { form: "/action add <text> [@owner …] [owner: <body>] [by <date>] [#BOARD]", says: "log an action" },
      { form: "/action list [mine|overdue|open|done|@user|#BOARD]", says: "what is open, overdue and done" },
      { form: "/action show <REF>", says: "an action with its full history" },
      { form: "/action done <REF> [note]", says: "close it" },
      { form: "/action update <REF> <note>", says: "record progress" },
      { form: "/action due <REF> <date>", says: "move the due date" },
      { form: "/action assign <REF> @user|owner: <body>", says: "change the owner" },
      { form: "/action drop <REF> <reason>  ·  /action reopen <REF>", says: "drop or reopen it" },
    ],
    examples: [
      "/action add Draft the CONTEST terms of reference @alex by end of May #LCRB",
      "/action add Report back on custody times owner: London Councils by the next meeting",
      "/action done LCRB-14 Circulated with the papers",
    ],
  },
  "/meeting": {
    title: "Board meetings",
    summary:
      "When a board meets; its call for papers, matters arising and the actions due at it follow the date. The board is #CODE, else this channel's.",
    usages: [
      {
        form: "/meeting schedule [#BOARD] <date and time> [at <place>]",
        says: "schedule a meeting (without a time, the board's usual one)",
      },
      { form: "/meeting next [#BOARD]", says: "the next meeting, and how many actions are due by then" },
      { form: "/meeting list [#BOARD]", says: "upcoming and recent meetings, with their status" },
      {
        form: "/meeting move [#BOARD] <date> to <date and time> [at <place>]",
        says: "move one; reminders and actions due at it move too",
      },
      { form: "/meeting cancel [#BOARD] <date>", says: "cancel one, with its reminders" },
      { form: "/meeting close [#BOARD]", says: "mark today's meeting held and post its summary" },
    ],
    examples: [
      "/meeting schedule #LCRB 9 June 2027 15:30 at City Hall",
      "/meeting schedule next Tuesday 3.30pm",
      "/meeting move 9 June to 16 June 14:00",
      "/meeting cancel 9 June",
    ],
  },
  "/minutes": {
    title: "Importing minutes",
    summary: "Paste or upload minutes; attendees, items, decisions, actions and the next meeting are read from them.",
    usages: [
      { form: "/minutes [#BOARD]", says: "open the import form for this channel's board" },
      { form: "Import minutes (file shortcut)", says: "import a .txt, .md, .docx or .pdf shared in the channel" },
    ],
    examples: ["/minutes #LCRB"],
  },
  "/board": {
    title: "Boards",
    summary: "A board, committee or bilateral, with its channel, chair, secretary and schedule.",
    usages: [
      {
        form: "/board create <CODE> <name>",
        says: "make this channel the board's channel (code: 2 to 10 letters and digits); you become its secretary",
      },
      {
        form: "/board [#CODE]",
        says: "the board of this channel (or the one named): chair, secretary, next meeting, actions",
      },
      {
        form: "/board settings [#CODE]",
        says: "chair, secretary, time zone, holidays, usual place and time, when it meets, reminders",
      },
      {
        form: "/board export [csv|json] [#CODE]",
        says: "every action with its full history, as a file posted in the board's channel (CSV for Excel unless you ask for JSON)",
      },
    ],
    examples: ["/board create LCRB London Crime Reduction Board", "/board #LCRB", "/board export csv #LCRB"],
  },
};

export function hasCommandHelp(command: string): boolean {
  return command in HELP;
}

/** The grammar of one command with examples, as an ephemeral reply. */
export function commandHelpView(command: string): MessageView {
  const help = HELP[command];
  if (!help) throw new Error(`No help for ${command}`);
  const lines = help.usages.map((u) => `\`${u.form}\`  ${u.says}`).join("\n");
  const examples = help.examples.map((e) => `\`${e}\``).join("\n");
  return message(`${help.title}: ${help.summary} Try ${help.examples[0]}`, [
    header(help.title),
    section(help.summary),
    section(lines),
    section(`*Examples*\n${examples}`),
    context("Dates are read in British English in the board's time zone: 7/12/2026 is 7 December."),
  ]);
}
