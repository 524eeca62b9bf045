// Clean lines grouped into blocks: a heading, a list entry, a table row, or a
// paragraph whose lines were wrapped (PDF text is wrapped at the page edge).
import type { SourceLine } from "./clean-text";

export type BlockKind = "heading" | "bullet" | "numbered" | "table_row" | "text";

export interface Block {
  kind: BlockKind;
  /** The block's words on one line; list markers and numbers removed. */
  text: string;
  /** The number or letter as written ("4.2", "ITEM 3", "23/56", "a"), for numbered blocks. */
  number: string | null;
  /** Table cells, for table rows. */
  cells: string[];
  /** Line of the document the block starts on. */
  line: number;
  /** A Markdown heading or bold-only line. */
  isMarkedHeading: boolean;
  /** `[x]` or `[ ]` before a list entry. */
  checkbox: "checked" | "unchecked" | null;
  /** Leading spaces of its first line (a tab counts four): a nested list entry is indented more. */
  indent: number;
}

const MONTHS =
  "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?";
const BULLET = /^\s*([-*•◦·▪●‣○➢>]|\u2013|\u2014)\s+(\[( |x|X)\]\s+)?/;
const CHECKBOX = /^\s*\[( |x|X)\]\s+/;
const NUMBERED = new RegExp(
  String.raw`^\s*(?:(ITEM|Item|AGENDA ITEM|Agenda item|Minute)\s+(\d+[a-z]?(?:\.\d+)*)\s*[.:\-–]?\s*|(\d{1,3}\/\d{1,3}|[A-Z]{2,4}\/\d{2}\/\d{1,3}|[A-Z]{2,4}\s\d{2}\/\d{1,3})\.?\s+|(\d{1,2}(?:\.\d{1,2}){0,3})[.)](?=\s|$)\s*|(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+|\(?([a-z]|[ivx]{1,4})\)\s+|(\d{1,2})\s+(?!(?:${MONTHS})\b)(?=[A-Z]))`,
);
/** A Markdown table's |---|---| rule. */
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function cellsOf(text: string): string[] | undefined {
  if (text.includes("\t")) {
    const cells = text.split("\t").map((c) => c.trim());
    if (cells.filter(Boolean).length >= 2) return cells;
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("|") && trimmed.endsWith("|") && trimmed.length > 2) {
    return trimmed
      .slice(1, -1)
      .split("|")
      .map((c) => c.trim());
  }
  // Layout spacing from PDF extraction: columns separated by runs of spaces.
  if (/\S {3,}\S.* {3,}\S/.test(trimmed) || /^\S.{0,60}\S {4,}\S/.test(trimmed)) {
    const cells = trimmed.split(/ {3,}/).map((c) => c.trim());
    if (cells.length >= 2) return cells;
  }
  return undefined;
}

export interface LineShape {
  kind: BlockKind;
  text: string;
  number: string | null;
  cells: string[];
  checkbox: Block["checkbox"];
}

export function shapeOfLine(source: SourceLine): LineShape | undefined {
  const raw = source.text;
  if (!raw.trim() || TABLE_RULE.test(raw)) return undefined;
  // "1.<tab>Agree the letter" and "•<tab>The Board agreed": Word's list indent, not a column.
  const listTab = /^\s*((?:\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-z]\)|[-*•◦·▪●‣○➢])\t+)(?=[^\t]*$)/.exec(raw);
  if (listTab)
    return shapeOfLine({ ...source, text: `${listTab[1]!.replace(/\t+$/, "")} ${raw.slice(listTab[0].length)}` });
  // "- [NL]<tab>Coordinate ...": an owner in brackets set off by a tab, still one list entry.
  const ownerTab = /^(\s*[-*•]\s+\[[^\]\t]{1,40}\])[ \t]*\t[ \t]*(?=[^\t]*$)/.exec(raw);
  if (ownerTab) return shapeOfLine({ ...source, text: `${ownerTab[1]} ${raw.slice(ownerTab[0].length)}` });
  const cells = cellsOf(raw);
  if (cells) return { kind: "table_row", text: cells.filter(Boolean).join(" "), number: null, cells, checkbox: null };
  const bullet = BULLET.exec(raw);
  if (bullet) {
    const box = bullet[3];
    return {
      kind: "bullet",
      text: raw.slice(bullet[0].length).trim(),
      number: null,
      cells: [],
      checkbox: box === undefined ? null : box === " " ? "unchecked" : "checked",
    };
  }
  const box = CHECKBOX.exec(raw);
  if (box)
    return {
      kind: "bullet",
      text: raw.slice(box[0].length).trim(),
      number: null,
      cells: [],
      checkbox: box[1] === " " ? "unchecked" : "checked",
    };
  const numbered = NUMBERED.exec(raw);
  if (numbered) {
    const number = numbered[2] ?? numbered[3] ?? numbered[4] ?? numbered[5] ?? numbered[6] ?? numbered[7] ?? null;
    const rest = raw.slice(numbered[0].length).trim();
    if (rest) return { kind: "numbered", text: rest, number, cells: [], checkbox: null };
  }
  const text = raw.trim();
  if (source.isMarkedHeading)
    return { kind: "heading", text: text.replace(/[:.]$/, ""), number: null, cells: [], checkbox: null };
  return { kind: "text", text, number: null, cells: [], checkbox: null };
}

/** Short, unpunctuated, capitalised: a heading rather than a wrapped sentence. */
export function looksLikeHeading(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 90 || /[.;,]$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 12) return false;
  const capitalised = words.filter((w) => /^[A-Z0-9&(]/.test(w)).length;
  return t === t.toUpperCase() ? /[A-Z]{2}/.test(t) : capitalised >= Math.ceil(words.length * 0.5);
}

/** Lines that open something new even without a blank line before them. */
const OPENS_BLOCK =
  /^\s*(action(s| items?| points?)?\b|ai\b|decision\b|resolved\b|agreed\b|present\b|apologies\b|in attendance\b|attendees\b|date of (the )?next|next meeting\b)/i;

/** "Mr Precey - asked if ...", "Post Boxes - could more ...": a speaker or topic, then a spaced dash, starts an entry. */
const LABEL_DASH = /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,3}\s+[-–—]\s+\S/;

/** A label opens a block when it reads as one: capitalised, or followed by a colon ("present:", not "present the evaluation"). */
function opensBlock(text: string): boolean {
  const m = OPENS_BLOCK.exec(text);
  return m !== null && (/^\s*[A-Z]/.test(text) || /^\s*[:\-–]/.test(text.slice(m[0].length)));
}

const indentOf = (text: string) => (/^[ \t]*/.exec(text)?.[0] ?? "").replace(/\t/g, "    ").length;

export function toBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  let openLastLine = "";
  for (const source of lines) {
    const shape = shapeOfLine(source);
    if (!shape) {
      // A sentence cut by a page break (its header and footer removed) goes on after the gap.
      const isMidSentence = open?.kind === "text" && /[a-z,]$/.test(openLastLine) && open.text.split(/\s+/).length >= 6;
      if (!isMidSentence) open = undefined;
      continue;
    }
    const continues =
      open !== undefined &&
      shape.kind === "text" &&
      open.kind !== "table_row" &&
      open.kind !== "heading" &&
      !opensBlock(shape.text) &&
      // A label and dash after a finished line starts an entry; after "into Polish and" it goes on.
      !(
        LABEL_DASH.test(shape.text) &&
        !/\b(?:and|or|the|of|to|in|for|with|a|an|by|on|at|from|into)$/i.test(openLastLine)
      ) &&
      !(
        looksLikeHeading(openLastLine) &&
        (open.kind === "text" || open.kind === "numbered") &&
        /^[A-Z]/.test(shape.text)
      ) &&
      !(looksLikeHeading(shape.text) && /[.:]$/.test(openLastLine));
    if (continues && open) {
      open.text = `${open.text} ${shape.text}`;
      openLastLine = shape.text;
      continue;
    }
    const block: Block = {
      ...shape,
      line: source.line,
      isMarkedHeading: source.isMarkedHeading,
      indent: indentOf(source.text),
    };
    blocks.push(block);
    open = block;
    openLastLine = shape.text;
  }
  return blocks;
}
