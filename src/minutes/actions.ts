// Actions in minutes, from the most explicit to the least: action tables, an
// "Actions" list, "Action: ..." lines and trailing "Action: Clerk" markers, then
// assignments and firm commitments written as prose ("Clerk to write to ...",
// "MOPAC will report back by the end of September 2013", "They agreed to ...").
import type { Block } from "./blocks";
import { findDue, type DateContext, type FoundDue } from "./find-dates";
import { isOwnerPhrase, splitOwners, type OwnerContext } from "./owners";
import { overlap, sentencesOf } from "./sentences";

export type ActionSource = "table" | "list" | "marker" | "prose";

export interface FoundAction {
  text: string;
  owners: string[];
  due: FoundDue | undefined;
  line: number;
  source: ActionSource;
  /** Index of the block it came from. */
  block: number;
}

export interface ActionContext extends DateContext, OwnerContext {
  /** Who "they" and "both" are: the principal attendees' roles or names. */
  principals: string[];
}

const SECTION = /^(?:the\s+)?(?:new\s+|agreed\s+|outstanding\s+|open\s+|summary of\s+|list of\s+)?(?:actions?|action items?|action points?|actions agreed|actions arising|action log|action tracker|ais)(?:\s*\([^)]*\))?\s*(?:from (?:this|the) meeting)?\s*:?$/i;
const NOT_MARKER_WORDS = /^(plan|plans|log|tracker|register|list|notes?|points|items|taken|required|needed|update|updates|summary|sheet|group|research|fund|day|week|team|on)\b/i;
const MARKER = /^(?:action(?:\s+(?:point|item))?|ai)\s*(?:no\.?\s*)?(?:[A-Z]{0,3}\d+(?:[.\/]\d+)*|\(\d+\))?\s*(?:[:\-–—.)]+\s*|\s+(?=[A-Z@]))(.+)$/i;
const TRAILING_MARKER = /(?:^|[\s.;,)])\(?(?:action(?:ed)?(?: by)?|owner)\s*[:\-–—]\s*([A-Z@][\w@ ,&\/.'’-]{0,60}?)\)?\s*\.?$/;
const LEAD_IN = /^(?:(?:it was|it is)\s+(?:also\s+)?(?:further\s+)?(?:agreed|resolved|decided|confirmed|requested|noted)\s+(?:that\s+)?|(?:resolved|agreed|decided)\s*(?:that|:|-)?\s+|(?:and|also|further(?:more)?|in addition|finally|additionally|then|so)\s*,?\s+|(?:action|decision|outcome)\s*:\s*)/i;
const ASSIGNMENT =
  /^(?<owner>.{1,90}?)\s+(?<modal>to|will|shall|would|is to|are to|(?:has |have )?agreed to|undertook to|(?:has |have )?undertaken to|offered to|committed to|promised to|volunteered to|(?:is|are) going to|should|must|needs? to|(?:was|were|has been|have been|is|are) (?:asked|requested|tasked) to|(?:will|would) (?:aim|seek) to|(?:anticipates?|propose|proposes|intends? to|plans? to|aims? to|expects? to))\s+(?:(?:also|then|now|further|kindly|please|jointly|urgently|shortly|in turn)\s+)?(?<rest>.+)$/;
const NOT_VERBS = /^(be|being|been|have|has|had|the|a|an|date|which|whom|this|that|all|their|his|her|its|them|me|us|any|some|each|those|these|him|it|not|no|see|say|note|continue to be|make sure that)\b/i;
const PRONOUN_OWNERS = /^(they|both|we|i|both parties|the two|both sides)$/i;
/** Modals that commit only with a date: "should report back by the end of September". */
const NEEDS_DUE = /^(should|must|needs? to|anticipates?|propose|proposes|intends? to|plans? to|aims? to|expects? to|would|(?:will|would) (?:aim|seek) to)$/;

function cleanActionText(text: string, due: FoundDue | undefined): string {
  let out = text.trim();
  if (due) {
    const at = out.lastIndexOf(due.text);
    if (at > 0 && out.slice(at + due.text.length).replace(/[\s.;,)]/g, "").length < 3) out = out.slice(0, at);
  }
  out = out.replace(/\s*[-–—,;:]\s*$/, "").replace(/[.;,\s]+$/, "").trim();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function stripLeadIns(sentence: string): string {
  let out = sentence.trim();
  for (let i = 0; i < 4; i++) {
    const next = out.replace(LEAD_IN, "");
    if (next === out) break;
    out = next;
  }
  return out;
}

/** "X to do Y", "X will do Y by Z", "They agreed to ...": the assignment in a sentence, if it is one. */
export function readAssignment(sentence: string, context: ActionContext, { isMarked }: { isMarked: boolean }): { owners: string[]; text: string; due: FoundDue | undefined } | undefined {
  const stripped = stripLeadIns(sentence).replace(/^[-*•]\s*/, "");
  const match = ASSIGNMENT.exec(stripped);
  if (!match?.groups) return undefined;
  const { owner, modal, rest } = match.groups as { owner: string; modal: string; rest: string };
  if (NOT_VERBS.test(rest) || !/^[a-z]/.test(rest)) return undefined;
  const due = findDue(rest, context);
  const isPronoun = PRONOUN_OWNERS.test(owner.trim());
  if (isPronoun) {
    if (/^(to|should|must|would)$/.test(modal)) return undefined;
    if (!isMarked && !due && !/agreed|undert/.test(modal)) return undefined;
  } else {
    const strict = !isMarked && modal !== "to";
    if (!isOwnerPhrase(owner, context, { strict })) return undefined;
  }
  if (!isMarked && NEEDS_DUE.test(modal) && !(due && (due.due || due.isNextMeeting))) return undefined;
  if (modal === "would" && !isMarked) return undefined;
  const owners = isPronoun ? (/^(i|we)$/i.test(owner.trim()) ? [] : context.principals) : splitOwners(owner);
  return { owners, text: cleanActionText(rest, due), due };
}

/** One entry of an Actions list: "JS to ...", "Clerk: ...", "... (DH)", "... - Clerk - 30 June", "@sam ...". */
function readListEntry(text: string, context: ActionContext): { owners: string[]; text: string; due: FoundDue | undefined } {
  const assignment = readAssignment(text, context, { isMarked: true });
  if (assignment) return assignment;
  const colon = /^([^:]{1,60}):\s*(.+)$/.exec(text);
  if (colon && isOwnerPhrase(colon[1]!, context)) {
    const due = findDue(colon[2]!, context);
    return { owners: splitOwners(colon[1]!), text: cleanActionText(colon[2]!, due), due };
  }
  const handle = /^(@[\w.-]+(?:\s*(?:,|and|&)\s*@[\w.-]+)*)\s+(.+)$/.exec(text);
  if (handle) {
    const due = findDue(handle[2]!, context);
    return { owners: splitOwners(handle[1]!), text: cleanActionText(handle[2]!, due), due };
  }
  const trailing = /^(.+?)\s*(?:\(([^)]{1,50})\)|[-–—]\s*([^-–—]{1,50}?))\s*(?:[-–—]\s*([^-–—]{1,40}))?\s*\.?$/.exec(text);
  if (trailing) {
    const owner = (trailing[2] ?? trailing[3] ?? "").trim();
    if (owner && isOwnerPhrase(owner, context)) {
      const dueText = trailing[4]?.trim();
      const due = (dueText ? findDue(dueText, context) : undefined) ?? findDue(trailing[1]!, context);
      return { owners: splitOwners(owner), text: cleanActionText(trailing[1]!, due), due };
    }
  }
  const initials = /^([A-Z]{2,4}(?:\s*[\/,&]\s*[A-Z]{2,4})*)\s*[-–—:]\s*(.+)$/.exec(text);
  if (initials) {
    const due = findDue(initials[2]!, context);
    return { owners: splitOwners(initials[1]!), text: cleanActionText(initials[2]!, due), due };
  }
  const due = findDue(text, context);
  return { owners: [], text: cleanActionText(text, due), due };
}

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
  const owner = find(/^(owner|owners|who|lead|leads|responsible|by whom|person|assigned to|responsibility|action by)$/i);
  if (action === undefined || owner === undefined) return undefined;
  return { action, owner, due: find(/^(due|due date|by when|deadline|date|target( date)?|when|timescale|by)$/i), status: find(/^(status|rag|progress|update)$/i) };
}

function fromTables(blocks: readonly Block[], context: ActionContext): FoundAction[] {
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
      const owner = columns.owner !== undefined ? cells[columns.owner]?.trim() ?? "" : "";
      const dueCell = columns.due !== undefined ? cells[columns.due]?.trim() ?? "" : "";
      const status = columns.status !== undefined ? cells[columns.status]?.trim() ?? "" : "";
      if (!text && last && !owner) continue;
      if (/^(closed|complete|completed|done|superseded|withdrawn)\b/i.test(status)) {
        last = undefined;
        continue;
      }
      if (!text) continue;
      const due = (dueCell ? findDue(dueCell, context) ?? findDue(`by ${dueCell}`, context) : undefined) ?? findDue(text, context);
      last = { text: cleanActionText(text, due), owners: owner && !/^(n\/a|-|tbc|noted)$/i.test(owner) ? splitOwners(owner) : [], due, line: blocks[j]!.line, source: "table", block: j };
      found.push(last);
      i = j;
    }
  }
  return found;
}

function isListEntry(block: Block): boolean {
  return block.kind === "bullet" || block.kind === "numbered" || (block.kind === "text" && block.text.length < 300);
}

function fromSections(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const heading = blocks[i]!;
    if (heading.kind === "table_row" || !SECTION.test(heading.text.replace(/^\d+[.)]?\s*/, ""))) continue;
    used.add(i);
    for (let j = i + 1; j < blocks.length; j++) {
      const entry = blocks[j]!;
      if (entry.kind === "table_row" || entry.kind === "heading" || (entry.kind === "text" && /^[A-Z][^.]{0,60}:?$/.test(entry.text) && !/\bto\b|\bwill\b/.test(entry.text) && entry.text.split(/\s+/).length <= 6)) break;
      if (!isListEntry(entry) || entry.checkbox === "checked") {
        if (entry.checkbox === "checked") used.add(j);
        continue;
      }
      const read = readListEntry(entry.text.replace(/^(?:action|ai)\s*\d*\s*[:\-–]\s*/i, ""), context);
      if (read.text.length < 3) continue;
      found.push({ ...read, line: entry.line, source: "list", block: j });
      used.add(j);
    }
  }
  return found;
}

function fromMarkers(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index)) return;
    const text = block.kind === "table_row" ? block.cells.filter(Boolean).join(" ") : block.text;
    const marker = MARKER.exec(text);
    if (marker && !NOT_MARKER_WORDS.test(marker[1]!)) {
      const rest = marker[1]!.trim();
      used.add(index);
      // "Action: Clerk" alone is who does what the block before says.
      if (isOwnerPhrase(rest.replace(/[.;]$/, ""), context) && rest.split(/\s+/).length <= 6 && !/\bto\b/.test(rest)) {
        const previous = blocks[index - 1];
        if (previous && !used.has(index - 1)) {
          const sentence = lastSentences(previous.text);
          const due = findDue(sentence, context);
          found.push({ text: cleanActionText(sentence, due), owners: splitOwners(rest), due, line: previous.line, source: "marker", block: index - 1 });
          used.add(index - 1);
        }
        return;
      }
      const read = readListEntry(rest, context);
      found.push({ ...read, line: block.line, source: "marker", block: index });
      return;
    }
    const trailing = TRAILING_MARKER.exec(text);
    if (trailing && isOwnerPhrase(trailing[1]!.replace(/[.;]$/, ""), context)) {
      const body = text.slice(0, trailing.index).trim();
      if (!body) return;
      used.add(index);
      const sentence = lastSentences(body);
      const due = findDue(sentence, context);
      found.push({ text: cleanActionText(sentence, due), owners: splitOwners(trailing[1]!), due, line: block.line, source: "marker", block: index });
    }
  });
  return found;
}

/** The last sentence of a paragraph, or the last two when the last is a fragment. */
function lastSentences(text: string): string {
  const sentences = sentencesOf(text);
  const last = sentences[sentences.length - 1] ?? text;
  return last.split(/\s+/).length < 5 && sentences.length > 1 ? `${sentences[sentences.length - 2]} ${last}` : last;
}

function fromProse(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index) || block.kind === "heading" || block.kind === "table_row") return;
    for (const sentence of sentencesOf(block.text)) {
      if (sentence.endsWith("?")) continue;
      const read = readAssignment(sentence, context, { isMarked: false });
      if (read && read.text.split(/\s+/).length >= 2) found.push({ ...read, line: block.line, source: "prose", block: index });
    }
  });
  return found;
}

const sameOwners = (a: readonly string[], b: readonly string[]) => a.some((x) => b.some((y) => x.toLowerCase() === y.toLowerCase() || overlap(x, y) >= 0.5));

/** Every action in the blocks, each once. */
export function findActions(blocks: readonly Block[], context: ActionContext): FoundAction[] {
  const used = new Set<number>();
  const tables = fromTables(blocks, context);
  for (const t of tables) used.add(t.block);
  const explicit = [...tables, ...fromSections(blocks, context, used), ...fromMarkers(blocks, context, used)];
  const prose = fromProse(blocks, context, used);
  const kept: FoundAction[] = [...explicit];
  for (const action of prose) {
    // A commitment restated by an explicit action (often the line right after it) is that action.
    const twin = explicit.find((e) => overlap(e.text, action.text) >= 0.6 || (e.block > action.block && e.block - action.block <= 2 && sameOwners(e.owners, action.owners)));
    if (twin) {
      if (!twin.due && action.due) twin.due = action.due;
      if (twin.owners.length === 0) twin.owners = action.owners;
      continue;
    }
    if (kept.some((k) => k.source === "prose" && overlap(k.text, action.text) >= 0.8)) continue;
    kept.push(action);
  }
  // Explicit restatements of one another (a body line and the Actions table): keep the first, fill gaps.
  const unique: FoundAction[] = [];
  for (const action of kept) {
    const twin = unique.find((u) => u.source !== action.source && overlap(u.text, action.text) >= 0.7);
    if (twin) {
      if (!twin.due && action.due) twin.due = action.due;
      if (twin.owners.length === 0) twin.owners = action.owners;
      continue;
    }
    unique.push(action);
  }
  return unique.sort((a, b) => a.line - b.line);
}
