// Actions laid out as tables: a real table (Markdown pipes, tabs, Word) with an
// Action and an Owner column; an action log whose table PDF extraction flattened
// into wrapped lines ("Ref Action Owner Due Status", then "A24/01 Circulate ...
// DCA 16 Feb 2024 New"); and minutes with a right-hand "Action" column holding the
// owner's initials on the line where the sentence ends.
import type { Block } from "./blocks";
import { cleanActionText, stripLeadIns, type ActionContext, type FoundAction } from "./action-text";
import { findDue } from "./find-dates";
import { isOwnerPhrase, splitOwners } from "./owners";
import { sentencesOf } from "./sentences";

interface TableColumns {
  action: number;
  owner: number | undefined;
  due: number | undefined;
  status: number | undefined;
}

function tableColumns(cells: readonly string[]): TableColumns | undefined {
  const find = (pattern: RegExp) => {
    const index = cells.findIndex((c) => pattern.test(c.trim()));
    return index >= 0 ? index : undefined;
  };
  const action = find(/^(actions?|action required|task|description|what|action\s*\/\s*decision|agreed action)$/i);
  const owner = find(
    /^(owner|owners|who|lead|leads|responsible|by whom|person|assigned to|responsibility|action by)$/i,
  );
  if (action === undefined || owner === undefined) return undefined;
  return {
    action,
    owner,
    due: find(/^(due|due date|by when|deadline|date|target( date)?|when|timescale|by)$/i),
    status: find(/^(status|rag|progress|update)$/i),
  };
}

export function fromTables(blocks: readonly Block[], context: ActionContext): FoundAction[] {
  const found: FoundAction[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const header = blocks[i]!;
    if (header.kind !== "table_row") continue;
    const columns = tableColumns(header.cells.filter((c, index) => c || index > 0));
    if (!columns) continue;
    const cellsOf = (b: Block) => b.cells.filter((c, index) => c || index > 0);
    let last: FoundAction | undefined;
    for (let j = i + 1; j < blocks.length && blocks[j]!.kind === "table_row"; j++) {
      const cells = cellsOf(blocks[j]!);
      const text = cells[columns.action]?.trim() ?? "";
      const owner = columns.owner !== undefined ? (cells[columns.owner]?.trim() ?? "") : "";
      const dueCell = columns.due !== undefined ? (cells[columns.due]?.trim() ?? "") : "";
      const status = columns.status !== undefined ? (cells[columns.status]?.trim() ?? "") : "";
      if (!text && last && !owner) continue;
      if (/^(closed|complete|completed|done|superseded|withdrawn)\b/i.test(status)) {
        last = undefined;
        continue;
      }
      if (!text) continue;
      const due =
        (dueCell ? (findDue(dueCell, context) ?? findDue(`by ${dueCell}`, context)) : undefined) ??
        findDue(text, context);
      last = {
        text: cleanActionText(text, due),
        owners: owner && !/^(n\/a|-|tbc|noted)$/i.test(owner) ? splitOwners(owner) : [],
        due,
        line: blocks[j]!.line,
        source: "table",
        block: j,
      };
      found.push(last);
      i = j;
    }
  }
  return found;
}

const STATUS_WORDS =
  /^(new|open|ongoing|closed|complete|completed|done|superseded|withdrawn|green|amber|red|rag|carried|forward|overdue|in|progress|not|started)$/i;
const CLOSED = /\b(closed|complete|completed|done|superseded|withdrawn)\b/i;
const FLAT_HEADER =
  /\b(?:ref\.?|no\.?|#)?\s*(?:action|description|task)s?\s+(?:owner|lead|who|by whom|responsible)\s+(?:due|deadline|by when|target|date|when)(?:\s+(?:status|rag|progress))?\b/i;
const OWNER_WORD = /^(?:[A-Z][A-Za-z]{0,6}|[A-Z]{2,}[\w/&]*|\/|&|and|all)$/;

/** A row's reference as a pattern: "A24/01" → letters and digits in the same places. */
const refPatternOf = (ref: string) =>
  new RegExp(
    `(?:^|\\s)(${[...ref].map((c) => (/[A-Z]/.test(c) ? "[A-Z]" : /[a-z]/.test(c) ? "[a-z]" : /\d/.test(c) ? "\\d" : `\\${c}`)).join("")})\\s`,
    "g",
  );

/** The end of a flattened row read from the right: status, due, owner; the rest is the action. */
function readFlatRow(
  row: string,
  context: ActionContext,
): { text: string; owners: string[]; dueText: string | null; isClosed: boolean } | undefined {
  const tokens = row.split(/\s+/).filter(Boolean);
  let isClosed = false;
  while (tokens.length > 0 && STATUS_WORDS.test(tokens[tokens.length - 1]!))
    if (CLOSED.test(tokens.pop()!)) isClosed = true;
  let dueText: string | null = null;
  for (let n = Math.min(4, tokens.length - 2); n >= 1; n--) {
    const tail = tokens.slice(-n).join(" ");
    if (
      /^(ongoing|tbc|asap|n\/a|various)$/i.test(tail) ||
      findDue(tail, context)?.text.length === tail.length ||
      /^next (meeting|board)$/i.test(tail)
    ) {
      dueText = tail;
      tokens.splice(-n, n);
      break;
    }
  }
  const owner: string[] = [];
  while (
    tokens.length > 1 &&
    OWNER_WORD.test(tokens[tokens.length - 1]!) &&
    !/^(the|of|to|and)$/.test(tokens[tokens.length - 1]!) &&
    owner.length < 5
  )
    owner.unshift(tokens.pop()!);
  while (owner.length > 0 && /^(\/|&|and)$/.test(owner[0]!)) tokens.push(owner.shift()!);
  if (owner.length === 0 || tokens.length < 2) return undefined;
  return {
    text: tokens.join(" "),
    owners: splitOwners(owner.join(" ").replace(/\s*\/\s*/g, " / ")),
    dueText,
    isClosed,
  };
}

/** An action log flattened by PDF extraction: the header row, then rows each starting with a reference. */
export function fromFlattenedLogs(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index) || block.kind === "table_row") return;
    const header = FLAT_HEADER.exec(block.text);
    if (!header) return;
    // The rows may be blocks of their own (a short line ends each): take those that follow, to the first gap.
    let body = block.text.slice(header.index + header[0].length).trim();
    const taken = [index];
    for (let j = index + 1, previousLine = block.line; j < blocks.length; j++) {
      const next = blocks[j]!;
      if (next.kind === "heading" || next.kind === "table_row" || next.line - previousLine > 4) break;
      body = `${body} ${next.text}`.trim();
      taken.push(j);
      previousLine = next.line;
    }
    const firstRef = /^([A-Z]{0,4}[\d]{1,3}(?:[/.-]\d{1,3}){0,2})\s/.exec(body)?.[1];
    if (!firstRef) return;
    const starts = [...` ${body} `.matchAll(refPatternOf(firstRef))].map((m) => m.index!);
    const rows = starts.map((start, i) =>
      ` ${body} `
        .slice(start, starts[i + 1])
        .trim()
        .slice(firstRef.length)
        .trim(),
    );
    let isAny = false;
    for (const row of rows) {
      const read = readFlatRow(row, context);
      if (!read || read.isClosed) continue;
      const due = read.dueText ? findDue(read.dueText, context) : undefined;
      found.push({
        text: cleanActionText(read.text, undefined),
        owners: read.owners,
        due,
        line: block.line,
        source: "table",
        block: index,
      });
      isAny = true;
    }
    if (isAny) for (const j of taken) used.add(j);
  });
  return found;
}

const ATTENDANCE_LABEL =
  /^(?:present|in attendance|also present|apologies|attendees|members present|officers present|absent)\b/i;
const NOT_OWNER_CELL = /^(noted|agreed|n\/a|none|-|tbc|closed|done|open|action|item)$/i;

/** Minutes set out in columns, the owner at the right of the line where an item's sentence ends. */
export function fromRightColumnOwners(
  blocks: readonly Block[],
  context: ActionContext,
  used: Set<number>,
): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index) || block.kind !== "table_row") return;
    const cells = block.cells.filter(Boolean);
    const owner = cells[cells.length - 1]?.trim() ?? "";
    // Initials, or a role or titled name set well right ("... still ongoing.<tabs>Clerk", "... Government.<tab>Cllr. O. Williams").
    const isInitials = /^(?:[A-Z]{2,5}(?:[/&][A-Z]{2,5})*|ALL|All)$/.test(owner);
    // Not "ACTION: Head of Corporate" set right: a marker, read with the sentence it closes by fromMarkers.
    const isNamed =
      !isInitials &&
      !/^(?:action|owner)\b/i.test(owner) &&
      owner.split(/\s+/).length <= 5 &&
      /[.!?]$/.test(cells[cells.length - 2]?.trim() ?? "") &&
      isOwnerPhrase(owner, context, { strict: true });
    if (cells.length < 2 || NOT_OWNER_CELL.test(owner) || (!isInitials && !isNamed)) return;
    // A row of an attendance table ("Sam O'Neill<tab>MOPAC" under "In attendance") names a person, not work.
    if ((context.people ?? []).some((p) => p.toLowerCase() === (cells[0] ?? "").trim().toLowerCase())) return;
    const before = blocks[index - 1];
    const lead =
      before &&
      !used.has(index - 1) &&
      before.kind !== "table_row" &&
      before.kind !== "heading" &&
      !ATTENDANCE_LABEL.test(before.text)
        ? before.text
        : "";
    const sentences = sentencesOf(`${lead} ${cells.slice(0, -1).join(" ")}`.trim());
    const sentence = sentences[sentences.length - 1] ?? "";
    // "OPCC to provide the breakdown": what it is lies in the sentence before.
    const words = cleanActionText(sentence, findDue(sentence, context)).split(/\s+/).length;
    const last = words < 6 && sentences.length > 1 ? `${sentences[sentences.length - 2]} ${sentence}` : sentence;
    // A sentence ends here, not a name beside its organisation in an attendance table.
    if (
      /\bclosed\.?$/i.test(last) ||
      !isOwnerPhrase(owner, context) ||
      last.split(/\s+/).length < 4 ||
      !/\b[a-z]{3,}\b/.test(last)
    )
      return;
    const due = findDue(last, context);
    found.push({
      text: cleanActionText(stripLeadIns(last), due),
      owners: splitOwners(owner),
      due,
      line: block.line,
      source: "marker",
      block: index,
    });
    used.add(index);
    if (lead) used.add(index - 1);
  });
  return found;
}
