// The action log as one CSV file for Excel.
//
// Why one file with one row per history entry, each row repeating its action's
// columns, rather than an actions file and a history file: an auditor opening an
// export in Excel gets one sheet that filters and sorts on its own (every entry for
// LCRB-14; everything Jo changed in March; every action closed after its due date)
// without joining two files, which Excel cannot do without Power Query. Each row
// stands alone when the sheet is filtered or pasted into a report. Filtering "Entry"
// to 1 gives one row per action. Two files would also mean two uploads, or a zip
// that a records officer must unpack before it can be read.
//
// RFC 4180: CRLF line ends, a field with a comma, quote, CR or LF in double quotes
// and its quotes doubled. UTF-8 with a byte-order mark, without which Excel reads
// the file as the local code page and mangles names. A text cell that begins with
// =, +, -, @, tab or CR gets a leading apostrophe, so a spreadsheet shows it as
// text and never runs it as a formula (OWASP's CSV injection advice).
import type { ActionLogContext, ActionLogEntry, ActionLogEvent, ActionLogWriter } from "./action-log";

export const CSV_COLUMNS = [
  "Reference",
  "Action",
  "Status",
  "Owners in Slack",
  "Owners outside Slack",
  "Due date",
  "Due precision",
  "Due as written",
  "Board",
  "Agreed at meeting",
  "Created by",
  "Created at",
  "Closed by",
  "Closed at",
  "Entry",
  "Entry at",
  "Entry by",
  "Entry type",
  "Before",
  "After",
  "Note",
] as const;

const BYTE_ORDER_MARK = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: neutralised against formula injection, then quoted if RFC 4180 needs it. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** "Jo Reid (U0JO)": the name for a reader, the id that stays true if the name changes. */
export function personText(slackUserId: string | null, context: Pick<ActionLogContext, "nameOf">): string {
  if (!slackUserId) return "";
  const name = context.nameOf(slackUserId);
  return name ? `${name} (${slackUserId})` : slackUserId;
}

/** Who made a change: a person, or Minutebook acting for the minutes import, reminders or a meeting. */
export function actorText(
  event: Pick<ActionLogEvent, "actorSlackUserId" | "actorLabel">,
  context: Pick<ActionLogContext, "nameOf">,
): string {
  if (event.actorSlackUserId) return personText(event.actorSlackUserId, context);
  return event.actorLabel ? `Minutebook (${event.actorLabel})` : "Minutebook";
}

/** A before or after snapshot as stored, as compact JSON. */
function snapshotText(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

function actionCells(entry: ActionLogEntry, context: ActionLogContext): Array<string | null> {
  const { zone } = context;
  return [
    entry.reference,
    entry.text,
    entry.status,
    entry.owners
      .filter((o) => o.slackUserId)
      .map((o) => personText(o.slackUserId, context))
      .join("; "),
    entry.owners
      .filter((o) => !o.slackUserId)
      .map((o) => o.bodyName ?? "")
      .join("; "),
    entry.dueAt ? zone.day(entry.dueAt) : null,
    entry.dueAt ? (entry.duePrecision ?? "day") : null,
    entry.dueText,
    context.board.code,
    entry.originMeeting ? zone.instant(entry.originMeeting.startsAt) : null,
    personText(entry.createdBySlackUserId, context),
    zone.instant(entry.createdAt),
    personText(entry.closedBySlackUserId, context),
    entry.closedAt ? zone.instant(entry.closedAt) : null,
  ];
}

export const ACTION_LOG_CSV: ActionLogWriter = {
  extension: "csv",
  opening: () => BYTE_ORDER_MARK + csvRow(CSV_COLUMNS),
  action(entry, context) {
    const cells = actionCells(entry, context);
    // An action from before history was kept still gets its row.
    if (entry.events.length === 0) return csvRow([...cells, null, null, null, null, null, null, null]);
    return entry.events
      .map((event, i) =>
        csvRow([
          ...cells,
          i + 1,
          context.zone.instant(event.createdAt),
          actorText(event, context),
          event.type,
          snapshotText(event.before),
          snapshotText(event.after),
          event.note,
        ]),
      )
      .join("");
  },
  closing: () => "",
};
