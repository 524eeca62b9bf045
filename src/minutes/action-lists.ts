// An "Actions" section: the list entries under its heading, in any of the shapes
// minutes give them ("JS to ...", "Clerk: ...", "... (DH)", "... - Clerk - 30 June").
import { type Block } from "./blocks";
import { findDue, type FoundDue } from "./find-dates";
import { isKnownName, isOwnerPhrase, splitOwners } from "./owners";
import { cleanActionText, endsDone, type ActionContext, type FoundAction } from "./action-text";
import { readAssignment } from "./assignment";
import { namedSubject, opensWithVerb } from "./language";

const SECTION =
  /^(?:the\s+)?(?:new\s+|agreed\s+|outstanding\s+|open\s+|summary of\s+|list of\s+|(?<review>previous\s+|review of (?:the\s+)?(?:previous\s+)?|carried[- ]forward\s+|carried[- ]over\s+))?(?:actions?|action items?|action points?|actions agreed|actions arising|action log|action tracker|ais|to-?do(?: items| list)?)(?:\s*\([^)]*\))?\s*(?:from (?:this|the|last|previous) meeting)?\s*:?$/i;
/** A status under a reviewed action saying it is finished: "Done", "✅", "Completed in the spec repo", "call this closed". */
const DONE_STATUS =
  /(?:^|\s|:)(?:done|completed?|closed|finished|resolved|merged|duplicate|dropped|withdrawn|no longer (?:needed|required)|stay tuned)\b|✅|✔/i;
const NOT_DONE =
  /\b(?:not|n't|never)\b[^.]{0,20}\b(?:done|complete|completed|closed|finished|addressed)\b|\bnot yet\b|\bstill (?:open|ongoing|keen)\b/i;
/** One entry of an Actions list: "JS to ...", "Clerk: ...", "... (DH)", "... - Clerk - 30 June", "@sam ...". */
export function readListEntry(
  text: string,
  context: ActionContext,
): { owners: string[]; text: string; due: FoundDue | undefined } {
  // "[Lee] Write up a plan", "[Mike, Ivan] Alpha version": the owner in square brackets first.
  const bracket = /^\[([^\]]{1,60})\]\s+(?!\[)(.+)$/.exec(text);
  if (bracket && /^[A-Z@]/.test(bracket[1]!) && !/^(done|x|closed|open|wip|todo)$/i.test(bracket[1]!)) {
    const due = findDue(bracket[2]!, context);
    return {
      owners: bracket[1]!.split(/\s*(?:,|&|\band\b)\s*/).filter(Boolean),
      text: cleanActionText(bracket[2]!, due),
      due,
    };
  }
  // "Daniel: contact ..." names its owner before the colon, whatever the rest says.
  const colon = /^([^:]{1,60}):\s*(.+)$/.exec(text);
  // "@MarieLambois (FR) suggested: take ..." is a view in a discussion, not work given to anyone.
  if (
    colon &&
    /\b(?:suggested|proposed|asked|said|noted|mentioned|commented|thinks?|thought|wondered)$/i.test(colon[1]!.trim())
  )
    return { owners: [], text: "", due: undefined };
  if (
    colon &&
    (isOwnerPhrase(colon[1]!, context) ||
      (/^[A-Z][a-z]+(?: [A-Z]\.?)?$/.test(colon[1]!.trim()) &&
        !/^(note|notes|update|status|done|next|decision|item|action|re|subject|outcome|agreed|resolved)$/i.test(
          colon[1]!.trim(),
        )))
  ) {
    const due = findDue(colon[2]!, context);
    return { owners: splitOwners(colon[1]!), text: cleanActionText(colon[2]!, due), due };
  }
  const assignment = readAssignment(text, context, { isMarked: true });
  if (assignment) return assignment;
  const handle = /^(@[\w.-]+(?:\s*(?:,|and|&)\s*@[\w.-]+)*)\s+(.+)$/.exec(text);
  if (handle) {
    const due = findDue(handle[2]!, context);
    return { owners: splitOwners(handle[1]!), text: cleanActionText(handle[2]!, due), due };
  }
  // "create the container plan (Wayne (re) volunteered)": who volunteered, in brackets at the end.
  const volunteered =
    /^(.+?)\s*\(([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:\(re\)\s*)?(?:volunteered|volunteers|offered)\)\s*\.?$/.exec(
      text,
    );
  if (volunteered) {
    const due = findDue(volunteered[1]!, context);
    return { owners: [volunteered[2]!], text: cleanActionText(volunteered[1]!, due), due };
  }
  // "... in adults \[new for Helen Cliffe]": who it is for, in brackets at the end.
  const forWhom = /^(.+?)\s*\\?\[(?:new\s+)?for\s+([^\]]{2,50})\]\s*\.?$/i.exec(text);
  if (forWhom) {
    const due = findDue(forWhom[1]!, context);
    return { owners: splitOwners(forWhom[2]!), text: cleanActionText(forWhom[1]!.replace(/^to\s+/i, ""), due), due };
  }
  // "Provide feedback in the document (everybody until Jan 26)": who and by when, in brackets after it.
  const whoAndWhen = /^(.{8,}?)\s*\(([^()]{2,50}?)\s+((?:until|by|before)\s+[^()]{2,30})\)\s*\.?$/.exec(text);
  if (whoAndWhen && isOwnerPhrase(whoAndWhen[2]!, context)) {
    const due = findDue(whoAndWhen[3]!, context) ?? findDue(whoAndWhen[1]!, context);
    return { owners: splitOwners(whoAndWhen[2]!), text: cleanActionText(whoAndWhen[1]!, due), due };
  }
  // "Collect concerns for the consultation. [Nigel Shadbolt to liaise with panel members]": who, in an assignment in brackets after it.
  const bracketedAssignment = /^(.{8,}?)\s*\[([^\]]{4,160})\]\s*\.?$/.exec(text);
  const assigned = bracketedAssignment
    ? readAssignment(bracketedAssignment[2]!, context, { isMarked: true })
    : undefined;
  if (bracketedAssignment && assigned && assigned.owners.length > 0) {
    const due = findDue(bracketedAssignment[1]!, context) ?? assigned.due;
    return { owners: assigned.owners, text: cleanActionText(bracketedAssignment[1]!, due), due };
  }
  const trailing =
    /^(.+?)\s*(?:\(([^)]{1,50})\)|\[([^\]]{1,50})\]|[-–—]\s*([^-–—]{1,50}?))\s*(?:[-–—]\s*([^-–—]{1,40}))?\s*\.?$/.exec(
      text,
    );
  if (trailing) {
    const owner = (trailing[2] ?? trailing[3] ?? trailing[4] ?? "").trim();
    if (owner && isOwnerPhrase(owner, context)) {
      const dueText = trailing[5]?.trim();
      const due = (dueText ? findDue(dueText, context) : undefined) ?? findDue(trailing[1]!, context);
      return { owners: splitOwners(owner), text: cleanActionText(trailing[1]!, due), due };
    }
  }
  const initials = /^([A-Z]{2,4}(?:\s*[/,&]\s*[A-Z]{2,4})*)\s*[-–—:]\s*(.+)$/.exec(text);
  if (initials) {
    const due = findDue(initials[2]!, context);
    return { owners: splitOwners(initials[1]!), text: cleanActionText(initials[2]!, due), due };
  }
  const due = findDue(text, context);
  return { owners: [], text: cleanActionText(text, due), due };
}

/** The initials alone in a layout row's last cell, beside the end of a sentence. */
function rightColumnInitials(block: Block): string | undefined {
  const cells = block.cells.filter(Boolean);
  const owner = cells[cells.length - 1]?.trim() ?? "";
  return cells.length === 2 &&
    /^(?:[A-Z]{2,5}(?:[/&][A-Z]{2,5})*|ALL|All)$/.test(owner) &&
    cells[0]!.split(/\s+/).length <= 12
    ? owner
    : undefined;
}

function isListEntry(block: Block): boolean {
  return block.kind === "bullet" || block.kind === "numbered" || (block.kind === "text" && block.text.length < 300);
}

export function fromSections(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const heading = blocks[i]!;
    const section =
      heading.kind === "table_row"
        ? null
        : SECTION.exec(heading.text.replace(/^\d+[.)]?\s*/, "").replace(/^\[([^\]]+)\]\([^)]*\)$/, "$1"));
    if (!section) continue;
    // Last meeting's actions reviewed: each entry stays open unless a status under it says it is finished.
    const isReview = section.groups?.review !== undefined;
    let topIndent: number | undefined;
    let parentBlock: number | undefined;
    // A tracker's own sub-lists ("New", "On-going", "Finished") and owners' headings ("Priya") inside the section.
    let isDoneList = false;
    let headingOwner: string | undefined;
    used.add(i);
    for (let j = i + 1; j < blocks.length; j++) {
      const entry = blocks[j]!;
      // "* Action items:" as a list entry holds only the entries nested under it.
      if (
        heading.kind === "bullet" &&
        ((entry.kind !== "bullet" && entry.kind !== "numbered") || entry.indent <= heading.indent)
      )
        break;
      const subheading =
        entry.kind === "heading" || (entry.kind === "text" && /^[A-Z][\w' -]{0,40}:?$/.test(entry.text.trim()))
          ? entry.text.trim().replace(/:$/, "")
          : undefined;
      if (subheading && TRACKER_LIST.test(subheading)) {
        isDoneList = DONE_LIST.test(subheading);
        headingOwner = undefined;
        used.add(j);
        continue;
      }
      // Another section ("Previous Action Items", "Decisions") ends this one.
      if (subheading && (SECTION.test(subheading) || HEADING_WORDS.test(subheading))) break;
      if (
        subheading &&
        subheading.split(/\s+/).length <= 3 &&
        (isOwnerPhrase(subheading, context, { strict: true }) || isKnownName(subheading, context))
      ) {
        headingOwner = subheading;
        isDoneList = false;
        used.add(j);
        continue;
      }
      if (isDoneList && entry.kind !== "heading") {
        used.add(j);
        continue;
      }
      if (isReview && entry.kind === "bullet") {
        topIndent ??= entry.indent;
        if (entry.indent > topIndent) {
          used.add(j);
          // A status closes the entry it sits under, and only that one.
          const reviewed = found[found.length - 1];
          if (
            reviewed &&
            reviewed.block === parentBlock &&
            DONE_STATUS.test(entry.text) &&
            !NOT_DONE.test(entry.text)
          ) {
            found.pop();
            parentBlock = undefined;
          }
          continue;
        }
        parentBlock = j;
      }
      // A wrapped entry's last line with its owner set right ("Carried forward.      CW") finishes it.
      const last = found[found.length - 1];
      const owner = entry.kind === "table_row" ? rightColumnInitials(entry) : undefined;
      if (owner && last && last.block === j - 1 && last.owners.length === 0 && isOwnerPhrase(owner, context)) {
        last.owners = splitOwners(owner);
        last.due ??= findDue(entry.cells.slice(0, -1).join(" "), context);
        used.add(j);
        continue;
      }
      // "2. Action tracker" holds 2.1, 2.2 ...; "3." is the next item.
      if (
        heading.kind === "numbered" &&
        heading.number &&
        /^\d/.test(heading.number) &&
        entry.kind === "numbered" &&
        entry.number &&
        /^\d/.test(entry.number) &&
        !entry.number.startsWith(`${heading.number}.`)
      )
        break;
      if (
        entry.kind === "table_row" ||
        entry.kind === "heading" ||
        (entry.kind === "text" &&
          /^[A-Z][^.]{0,60}:?$/.test(entry.text) &&
          !/\bto\b|\bwill\b/.test(entry.text) &&
          entry.text.split(/\s+/).length <= 6)
      )
        break;
      // A tracker's closed entries are done.
      if (endsDone(entry.text)) {
        used.add(j);
        continue;
      }
      if (!isListEntry(entry) || entry.checkbox === "checked") {
        if (entry.checkbox === "checked") used.add(j);
        continue;
      }
      const read = readListEntry(entry.text.replace(/^(?:action|ai)\s*\d*\s*[:\-–]\s*/i, ""), context);
      if (read.text.length < 3) continue;
      found.push({
        ...read,
        owners: read.owners.length === 0 && headingOwner ? [headingOwner] : read.owners,
        line: entry.line,
        source: "list",
        block: j,
      });
      used.add(j);
    }
  }
  return found;
}

const HEADING_WORDS =
  /\b(?:items?|decisions?|notes?|minutes|agenda|reports?|actions?|business|matters|updates?|summary|attendees|attendance|present|apologies|discussion|resolutions?|any other|aob|date|next)\b/i;

/** A tracker's lists by status: those still to do, and those done. */
const TRACKER_LIST =
  /^(?:new|open|on-?going|in progress|carried (?:forward|over)|outstanding|pending|not started|finished|done|completed?|closed)(?: actions| items)?$/i;
const DONE_LIST = /^(?:finished|done|completed?|closed)/i;

/** "Actionable steps to be done by @jjerphan and @micky774:", "Actions for the Clerk:": a list whose owner is named above it. */
const SECTION_FOR =
  /^(?:(?:actionable|next|agreed|follow[- ]up)\s+)?(?:steps|actions?|tasks|to-?dos?|action items?)\s+(?:to be (?:done|taken|completed|carried out)\s+)?(?:by|for)\s+(?<owners>[^:]{2,80}?)\s*:$/i;

export function fromOwnedSections(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((heading, i) => {
    const section = used.has(i) || heading.kind === "table_row" ? null : SECTION_FOR.exec(heading.text.trim());
    const owners = section?.groups?.owners ? splitOwners(section.groups.owners) : [];
    if (owners.length === 0 || !owners.every((o) => isOwnerPhrase(o, context) || /^@/.test(o))) return;
    used.add(i);
    for (let j = i + 1; j < blocks.length; j++) {
      const entry = blocks[j]!;
      // Its entries are the list under it: indented further when it is itself a list entry.
      if (entry.kind !== "bullet" && entry.kind !== "numbered") break;
      if (heading.kind === "bullet" && entry.indent <= heading.indent) break;
      used.add(j);
      if (entry.checkbox === "checked" || endsDone(entry.text)) continue;
      const read = readListEntry(entry.text, context);
      if (read.text.length < 3) continue;
      found.push({
        ...read,
        owners: read.owners.length > 0 ? read.owners : owners,
        line: entry.line,
        source: "list",
        block: j,
      });
    }
  });
  return found;
}

/** "(Roland) Draft notice and provide to Valentine.", "(Jen and/or Valentine) Send notice ...": whose it is, in brackets first. */
const BRACKET_OWNER_FIRST =
  /^\((?<who>[A-Z][\w'’-]+(?:\s*(?:,|&|and\/or|and|or|\/)\s*[A-Z][\w'’-]+){0,3})\)\s+(?<rest>[A-Za-z].{5,})$/;

/**
 * List entries that open with a person in brackets, then an order ("(Roland) Draft notice ...").
 * The same brackets also mark who reports ("(Valentine) Updates if any", "(Valentine) Received
 * some feedback"): only an entry whose first word is a verb in its plain form is work.
 */
export function fromBracketedOwners(
  blocks: readonly Block[],
  context: ActionContext,
  used: Set<number>,
): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index) || block.kind !== "bullet" || block.checkbox === "checked") return;
    const m = BRACKET_OWNER_FIRST.exec(block.text.trim())?.groups;
    if (!m) return;
    const owners = m.who!.split(/\s*(?:,|&|\band\/or\b|\band\b|\bor\b|\/)\s*/).filter(Boolean);
    const isPerson = (name: string) => isKnownName(name, context) || namedSubject(`${name} will do it`) === name;
    if (!owners.every(isPerson)) return;
    const first = m.rest!.split(/\s+/)[0]!.replace(/[^\p{L}]/gu, "");
    // "(Aeva) Notice & Call for Comment on ...": an agenda title, in title case.
    const after = m
      .rest!.split(/[.;:]\s/)[0]!
      .split(/\s+/)
      .slice(1, 5);
    const isTitle = after.length >= 2 && after.filter((w) => /^[A-Z&]/.test(w)).length / after.length > 0.5;
    if (
      isTitle ||
      /(?:ed|s|ing)$/i.test(first) ||
      /^(?:update|report|discussion|proposal|presentation|propose|suggest|feedback|status)$/i.test(first) ||
      !opensWithVerb(m.rest!)
    )
      return;
    const due = findDue(m.rest!, context);
    found.push({ owners, text: cleanActionText(m.rest!, due), due, line: block.line, source: "list", block: index });
    used.add(index);
  });
  return found;
}
