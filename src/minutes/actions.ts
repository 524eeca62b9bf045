// Actions in minutes, from the most explicit to the least: action tables, an
// "Actions" list, "Action: ..." lines and trailing "Action: Clerk" markers, then
// assignments and firm commitments written as prose ("Clerk to write to ...",
// "MOPAC will report back by the end of September 2013", "They agreed to ...").
import { looksLikeHeading, type Block } from "./blocks";
import { findDue, type DateContext, type FoundDue } from "./find-dates";
import { isOwnerPhrase, splitOwners, type OwnerContext } from "./owners";
import { overlap, sentencesOf } from "./sentences";
import { cleanActionText, stripLeadIns, type ActionContext, type FoundAction } from "./action-text";
import { fromFlattenedLogs, fromRightColumnOwners, fromTables } from "./action-tables";
import { fromCarriedForward } from "./carried-forward";
import { fillThatMeetingDues } from "./that-meeting";
import { datedRequest } from "./recommendation-requests";

export type { ActionContext, FoundAction } from "./action-text";

const SECTION = /^(?:the\s+)?(?:new\s+|agreed\s+|outstanding\s+|open\s+|summary of\s+|list of\s+)?(?:actions?|action items?|action points?|actions agreed|actions arising|action log|action tracker|ais)(?:\s*\([^)]*\))?\s*(?:from (?:this|the) meeting)?\s*:?$/i;
const NOT_MARKER_WORDS = /^(plan|plans|log|tracker|register|list|notes?|points|items|taken|required|needed|update|updates|summary|sheet|group|research|fund|day|week|team|on)\b/i;
const MARKER = /^(?:action(?:\s+(?:point|item))?|ai)\s*(?:no\.?\s*)?(?:[A-Z]{0,3}\d+(?:[.\/]\d+)*|\(\d+\))?(?:\s*\([^)]{1,60}\))?\s*(?:[:\-–—.)]+\s*|\s+(?=[A-Z@]))(.+)$/i;
const ASSIGNMENT =
  /^(?<owner>.{1,90}?)\s+(?<modal>to|will|shall|would|is to|are to|(?:has |have )?agreed to|undertook to|(?:has |have )?undertaken to|offered to|committed to|promised to|volunteered to|(?:is|are) going to|should|must|needs? to|(?:was|were|has been|have been|is|are) (?:asked|requested|tasked) to|(?:will|would) (?:aim|seek) to|(?:is|are|would be)(?: more than| very)? (?:happy|willing|pleased|content) to|(?:anticipates?|propose|proposes|intends? to|plans? to|aims? to|expects? to))\s+(?:(?:also|then|now|further|kindly|please|jointly|urgently|shortly|in turn)\s+)?(?<rest>.+)$/;
const NOT_VERBS = /^(be|being|been|have|has|had|the|a|an|date|which|whom|this|that|all|their|his|her|its|them|me|us|any|some|each|those|these|him|it|not|no|see|say|note|continue to be|make sure that|account)\b/i;
/** "X will focus on ...", "will include ...": what something is or does, not work someone takes on. */
const DESCRIBES = /^(focus|include|includes|cover|comprise|consist|remain|enable|allow|help|need|benefit|reflect|mean|involve|apply|replace|look like)\b/i;
/** A standing arrangement ("will meet formally on a monthly basis") is not an action. */
const STANDING = /\b(on an? (monthly|weekly|quarterly|annual|regular|ongoing) basis|every (week|month|quarter|year)|each (week|month|quarter|year))\b/i;
const PRONOUN_OWNERS = /^(they|both|we|i|both parties|the two|both sides)$/i;
/** Modals that commit only with a date: "should report back by the end of September". */
const NEEDS_DUE = /^(should|must|needs? to|anticipates?|propose|proposes|intends? to|plans? to|aims? to|expects? to|would|(?:will|would) (?:aim|seek) to)$/;

export interface AssignmentOptions {
  /** An action marker or list says this is an action: weaker wordings count. */
  isMarked: boolean;
  /** Under "RESOLVED that:": "the Chair would write", "the Officer draft ..." assign work. */
  isResolution?: boolean;
  /** Who "he" or "she" is: the last person a sentence in this paragraph was about. */
  previousOwner?: string;
}

type Assignment = { owners: string[]; text: string; due: FoundDue | undefined; owner: string };

/** The subject a sentence opens with: "The Chief Executive", "Councillor Haque", "Alun Pryce". */
function openingSubject(sentence: string): string | undefined {
  const m = /^((?:The\s+)?(?:[A-Z][\w'’.-]*|of|and|&|for)(?:\s+(?:[A-Z][\w'’.-]*|of|and|&|for)){0,6})\s+[a-z]/.exec(sentence);
  return m?.[1]?.replace(/\s+(of|and|&|for)$/, "");
}

const COORDINATED = /(?:,\s*|\s)(?:and|but|then)\s+(?:(?:also|later)\s+)?(agreed to|undertook to|offered to|committed to|promised to|volunteered to|will)\s+(?!be\b)(.+)$/;
const SAID_WOULD = /\b(?:said|confirmed|explained|stated|indicated|undertook|promised|assured (?:members|the \w+))\s+(?:that\s+)?(?:(?:he|she|they|it|[a-z][\w\s'’-]{0,60}?)\s+)?(?:would|will)\s+(?:be\s+)?(.+)$/;

function readAssignmentOnce(stripped: string, context: ActionContext, options: AssignmentOptions): Assignment | undefined {
  const { isMarked } = options;
  const subjunctive = options.isResolution ? /^(?<owner>(?:the\s+)?[A-Za-z][\w'’. -]{1,60}?)\s+(?<modal>would|should|shall|to|will)?\s*(?<rest>(?!be\b)[a-z]+\b.*)$/.exec(stripped) : null;
  const match = ASSIGNMENT.exec(stripped) ?? subjunctive;
  if (!match?.groups) return undefined;
  const { owner: rawOwner, rest } = match.groups as { owner: string; modal?: string; rest: string };
  const modal = match.groups.modal ?? "to";
  let owner = rawOwner;
  if (/^(he|she)$/i.test(owner.trim()) && options.previousOwner) owner = options.previousOwner;
  // "Item 6 Trees Cllr Hart to ...": a heading run into the sentence; the owner is the end of it.
  if (!isOwnerPhrase(owner, context) && !PRONOUN_OWNERS.test(owner.trim())) {
    const tokens = owner.trim().split(/\s+/);
    for (let i = 1; i < tokens.length; i++) {
      const tail = tokens.slice(i).join(" ");
      const isHeadingBefore = tokens.slice(0, i).every((t) => /^[A-Z0-9(]/.test(t) || /^(of|and|&)$/.test(t));
      if (isHeadingBefore && /^(cllrs?|councillors?|dr|mr|mrs|ms|the|[A-Z]{2,5})\b/i.test(tail) && isOwnerPhrase(tail, context, { strict: true })) {
        owner = tail;
        break;
      }
    }
  }
  if (NOT_VERBS.test(rest) || !/^[a-z]/.test(rest)) return undefined;
  if (!isMarked && /^(will|shall|would)$/.test(modal) && (DESCRIBES.test(rest) || STANDING.test(rest))) return undefined;
  const isPronoun = PRONOUN_OWNERS.test(owner.trim());
  // Who first: reading dates is the costly part, so only a sentence that assigns work has it done.
  if (isPronoun) {
    if (/^(to|should|must|would)$/.test(modal)) return undefined;
    // "We agreed to ..." in a report recounts another meeting; whose action it is, the text does not say.
    if (!isMarked && /^we$/i.test(owner.trim())) return undefined;
  } else {
    const strict = !isMarked && modal !== "to";
    if (!isOwnerPhrase(owner, context, { strict })) return undefined;
  }
  const isCommitted = isMarked || options.isResolution === true;
  if (modal === "would" && !isCommitted) return undefined;
  const due = findDue(rest, context);
  if (isPronoun && !isMarked && !due && !/agreed|undert/.test(modal)) return undefined;
  if (!isCommitted && NEEDS_DUE.test(modal) && !(due && (due.due || due.isNextMeeting))) return undefined;
  const owners = isPronoun ? (/^i$/i.test(owner.trim()) ? (context.author ? [context.author] : []) : /^we$/i.test(owner.trim()) ? [] : context.principals) : splitOwners(owner);
  return { owners, text: cleanActionText(rest, due), due, owner };
}

/** "X to do Y", "X will do Y by Z", "They agreed to ...", "X ..., and agreed to ...", "X said it would be done by Z". */
export function readAssignment(sentence: string, context: ActionContext, options: AssignmentOptions): Assignment | undefined {
  const stripped = stripLeadIns(sentence).replace(/^[-*•]\s*/, "");
  const direct = readAssignmentOnce(stripped, context, options);
  if (direct) return direct;
  // "Overgrown hedge on Mill Road: Clerk to write to the landowner": the topic, then the assignment.
  const topic = /^[^:]{3,80}:\s+(?=[A-Z@])/.exec(stripped);
  if (topic) {
    const afterTopic = readAssignmentOnce(stripped.slice(topic[0].length), context, options);
    if (afterTopic) return afterTopic;
  }
  const subject = openingSubject(stripped) ?? (/^(he|she)\b/i.test(stripped) ? options.previousOwner : undefined);
  if (!subject || !isOwnerPhrase(subject, context)) return undefined;
  const coordinated = COORDINATED.exec(stripped);
  if (coordinated) {
    const due = findDue(coordinated[2]!, context);
    // "... has not yet completed the module and agreed to do so": the work is in the first half.
    const isProForm = /^do (so|this|that|it)\b/i.test(coordinated[2]!);
    const work = isProForm ? stripped.slice(subject.length).replace(/\s*(?:,\s*)?(?:and|but|then)\s+(?:also\s+)?(?:agreed|undertook|offered|committed|promised|volunteered) to do (?:so|this|that|it)\b/i, "") : coordinated[2]!;
    if (/^[a-z]/.test(coordinated[2]!) && !NOT_VERBS.test(coordinated[2]!)) return { owners: splitOwners(subject), text: cleanActionText(work.trim(), due), due, owner: subject };
  }
  const said = SAID_WOULD.exec(stripped);
  if (said && !/\b(could not|cannot|can't|unable|look into|consider|try)\b/i.test(said[0])) {
    const due = findDue(said[1]!, context);
    // "said the response would be published by 22 December": keep what would be done to what.
    const clause = said[0].replace(/^\S+\s+(?:that\s+)?/, "");
    const text = cleanActionText(/^(he|she|they|it)\s/i.test(clause) ? said[1]! : clause, due);
    if (due && (due.due || due.isNextMeeting)) return { owners: splitOwners(subject), text, due, owner: subject };
  }
  return undefined;
}

/** One entry of an Actions list: "JS to ...", "Clerk: ...", "... (DH)", "... - Clerk - 30 June", "@sam ...". */
export function readListEntry(text: string, context: ActionContext): { owners: string[]; text: string; due: FoundDue | undefined } {
  // "Daniel: contact ..." names its owner before the colon, whatever the rest says.
  const colon = /^([^:]{1,60}):\s*(.+)$/.exec(text);
  if (colon && (isOwnerPhrase(colon[1]!, context) || (/^[A-Z][a-z]+(?: [A-Z]\.?)?$/.test(colon[1]!.trim()) && !/^(note|notes|update|status|done|next|decision|item|action|re|subject|outcome|agreed|resolved)$/i.test(colon[1]!.trim())))) {
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

/** The initials alone in a layout row's last cell, beside the end of a sentence. */
function rightColumnInitials(block: Block): string | undefined {
  const cells = block.cells.filter(Boolean);
  const owner = cells[cells.length - 1]?.trim() ?? "";
  return cells.length === 2 && /^(?:[A-Z]{2,5}(?:[/&][A-Z]{2,5})*|ALL|All)$/.test(owner) && cells[0]!.split(/\s+/).length <= 12 ? owner : undefined;
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
      if (heading.kind === "numbered" && heading.number && /^\d/.test(heading.number) && entry.kind === "numbered" && entry.number && /^\d/.test(entry.number) && !entry.number.startsWith(`${heading.number}.`)) break;
      if (entry.kind === "table_row" || entry.kind === "heading" || (entry.kind === "text" && /^[A-Z][^.]{0,60}:?$/.test(entry.text) && !/\bto\b|\bwill\b/.test(entry.text) && entry.text.split(/\s+/).length <= 6)) break;
      // A tracker's closed entries are done.
      if (/\b(closed|completed?|done)\.?$/i.test(entry.text)) {
        used.add(j);
        continue;
      }
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

/** "Action: Clerk", "ACTION: Head of Corporate Services", "Action – HL" inside or at the end of a paragraph. */
const INLINE_MARKER = /(?:^|(?<=[.;:)!?]\s{0,3})|\s)(?:action(?:ed)?(?:\s+by)?|owner)\s*[:\-–—]\s*/gi;

const OWNER_TOKEN = /^(?:[A-Z]{2,5}(?:[\/&][A-Z]{2,5})*|@[\w.-]+|(?:cllrs?|councillors?|dr|mr|mrs|ms|prof|rev)\.?|all|and|&|of|the)$/i;

/** The owner after an inline marker: initials, roles, known names and the words joining them, no more. */
function markerOwner(after: string, context: ActionContext): { owner: string; length: number } | undefined {
  const tokens = [...after.matchAll(/[^\s;,]+|[;,]/g)];
  let end = 0;
  let afterOf = false;
  for (const match of tokens) {
    const token = match[0];
    const word = token.replace(/[.:]+$/, "");
    const isOwnerWord =
      token === ";" || token === "," || OWNER_TOKEN.test(word) || ROLE_TOKEN.test(word) || context.knownNames.has(word.toLowerCase()) || (afterOf && /^[A-Z]/.test(word)) || /^[A-Z][a-z]+\/[A-Z]/.test(word);
    if (!isOwnerWord) break;
    // A title (or "The") after an owner starts the next sentence ("Action: DM/KE Mr Fairbairn left", "Action: OC The Clerk to").
    if (end > 0 && (/^(cllrs?|councillors?|dr|mr|mrs|ms|prof|rev)\.?$/i.test(word) || word === "The") && !/^all$/i.test(after.slice(0, end).trim().split(/\s+/).pop() ?? "")) break;
    afterOf = /^of$/i.test(word) || (afterOf && /^[A-Z]/.test(word));
    end = match.index! + (token.endsWith(".") && token.length > 2 ? token.length - 1 : token.length);
    if (/[.:]$/.test(token) && token.length > 2 && !/^[A-Z]\.$/.test(token)) break;
  }
  const owner = after.slice(0, end).replace(/[\s;,]+$/, "").replace(/\s*;\s*/g, ", ").replace(/^(and|&|of|the)\s+/i, "");
  if (owner && (isOwnerPhrase(owner, context) || owner.split(/\s*,\s*/).every((o) => isOwnerPhrase(o, context)))) return { owner, length: end };
  // Surnames the attendance list did not give, listed ("Action: Anderson; Eglington; Pointeer"),
  // up to where the text moves on (a full stop, the next "v." or "3." item, a capitalised word).
  const listed = /^([A-Z][\w'’-]+(?:\s*[;,]\s*(?:and\s+)?[A-Z][\w'’-]+|\s+and\s+[A-Z][\w'’-]+)+)(?=\s*(?:$|[.;]|\(?[ivx]{1,4}[.)]\s|\d{1,2}[.)]\s|[A-Z]))/.exec(after);
  if (listed && /[;,]/.test(listed[1]!)) return { owner: listed[1]!.replace(/\s*;\s*/g, ", "), length: listed[1]!.length };
  // A name the attendance list did not give: accept one or two capitalised words before a full stop.
  const fallback = /^([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=\.|\s*$)/.exec(after);
  return fallback ? { owner: fallback[1]!, length: fallback[1]!.length } : undefined;
}

const ROLE_TOKEN = /^(clerk|chair(man|person)?|vice[- ]?chair|secretary|treasurer|head|director|chief|officer|manager|lead|coordinator|commissioner|headteacher|governors?|trustees?|councillors?|members|executive|team|partners|residents|staff|officers?|monitoring|finance|services|corporate)$/i;

const FRAGMENT = /^(to be (completed|done|agreed|confirmed)|ongoing|done|noted|completed?)\b/i;

/** The action a marker closes: the last real sentence before it, its due from the last few. */
function actionBefore(body: string, context: ActionContext): { text: string; due: FoundDue | undefined; owners: string[] } {
  const sentences = sentencesOf(body.replace(/^\s*[ivx]+\.\s+/i, ""));
  const at = sentences.map((x, i) => ({ x, i })).reverse().find(({ x }) => !FRAGMENT.test(x) && x.split(/\s+/).length >= 3);
  const sentence = at?.x ?? sentences[sentences.length - 1] ?? body;
  // "Councillors agreed these were suitable; Clerk to get quotes": the clause that assigns.
  const clauses = sentence.split(/;\s+/).filter((c) => c.split(/\s+/).length >= 3);
  const meaningful = [...clauses].reverse().find((c) => readAssignment(c, context, { isMarked: true })) ?? clauses[clauses.length - 1] ?? sentence;
  // Its due date is in it, or in a fragment after it ("To be completed by the next meeting."), or,
  // when it only points back ("Clerk to submit it."), in the sentence before.
  const index = at?.i ?? sentences.length - 1;
  const pointsBack = sentence.split(/\s+/).length <= 8 && /\b(it|them|this|that|so|these|him|her)\.?$/i.test(sentence.trim());
  const due = sentences.slice(index).map((x) => findDue(x, context)).find((d) => d !== undefined) ?? (pointsBack && index > 0 ? findDue(sentences[index - 1]!, context) : undefined);
  const assignment = readAssignment(meaningful, context, { isMarked: true });
  if (assignment) return { text: assignment.text, due: assignment.due ?? due, owners: assignment.owners };
  return { text: cleanActionText(meaningful, due), due, owners: [] };
}

function fromMarkers(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index)) return;
    const text = block.kind === "table_row" ? block.cells.filter(Boolean).join(" ") : block.text;
    const marker = MARKER.exec(text);
    if (marker && !NOT_MARKER_WORDS.test(marker[1]!)) {
      const rest = marker[1]!.trim();
      // "Action: Clerk" alone is who does what the block before says.
      const ownerOnly = markerOwner(rest, context);
      if (ownerOnly && ownerOnly.length >= rest.replace(/[.;]+$/, "").length - 1 && !/\bto\b/.test(rest)) {
        const previous = blocks[index - 1];
        used.add(index);
        if (previous && !used.has(index - 1)) {
          const before = actionBefore(previous.text, context);
          found.push({ text: before.text, owners: splitOwners(ownerOnly.owner), due: before.due, line: previous.line, source: "marker", block: index - 1 });
          used.add(index - 1);
        }
        return;
      }
      if (!/action\s*[:\-–—]\s*\S/i.test(rest)) {
        used.add(index);
        found.push({ ...readListEntry(rest, context), line: block.line, source: "marker", block: index });
        return;
      }
    }
    // Markers inside a paragraph: each closes the sentences since the one before.
    const markers = [...text.matchAll(INLINE_MARKER)];
    let start = 0;
    let isAny = false;
    for (const m of markers) {
      const owner = markerOwner(text.slice(m.index! + m[0].length), context);
      if (!owner) continue;
      let body = text.slice(start, m.index!).trim();
      // A marker set right of the text's last line ("the end of October.      ACTION: X") closes the paragraph above too.
      const previous = blocks[index - 1];
      if (start === 0 && block.kind === "table_row" && body.split(/\s+/).length < 8 && previous && !used.has(index - 1) && previous.kind !== "heading") {
        body = `${previous.text} ${body}`;
        used.add(index - 1);
      }
      start = m.index! + m[0].length + owner.length;
      if (body.split(/\s+/).length < 2) continue;
      const before = actionBefore(body, context);
      found.push({ text: before.text, owners: splitOwners(owner.owner), due: before.due, line: block.line, source: "marker", block: index });
      isAny = true;
    }
    if (isAny) used.add(index);
  });
  return found;
}

/** The last sentence of a paragraph, or the last two when the last is a fragment. */
export function lastSentences(text: string): string {
  const sentences = sentencesOf(text);
  const last = sentences[sentences.length - 1] ?? text;
  return last.split(/\s+/).length < 5 && sentences.length > 1 ? `${sentences[sentences.length - 2]} ${last}` : last;
}

/** What a response undertakes: to provide, share, publish, present, report, ensure (or have it done). */
const RESPONSE_UNDERTAKING = /\b(?:will|shall)\s+(?:also\s+)?(?:be\s+)?(?:provide|provided|share|shared|publish|published|present|presented|report|reported|ensure|submit|submitted|send|sent|circulate|circulated|bring|brought|make available|made available|publicise|publicised|write|written|set out)\b/i;

/** A report's plan: "will begin", "will be submitted", "the intention is to submit". */
const AUTHOR_UNDERTAKING = /\b(?:will\s+(?:be\s+)?(?:begin|start|launch|submit|submitted|bring|brought|publish|published|present|presented|share|shared|send|sent|provide|provided|report|reported|consult|complete|completed)|(?:the\s+)?intention\s+(?:therefore\s+)?is\s+to)\b/i;

/** A response agreeing to what was asked. */
const RESPONSE_AGREES = /\b(confirmed (?:his|her|their|its) willingness|(?:is|are) willing to|agrees? to|accepts? (?:this|the) recommendation)\b/i;

const RESOLUTION_OPENER = /^(?:it was\s+)?(?:resolved|agreed|recommended)\s*(?:that)?\s*:?$/i;

function fromProse(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  let isResolution = false;
  // In a recommendations-and-responses table the commitments are in the response column.
  let responseColumn: number | undefined;
  let requestColumn: number | undefined;
  let responder: string | undefined;
  // "4. MOPAC FINANCIAL REPORT": a section written for one body; its impersonal plans are that body's.
  let sectionBody: string | undefined;
  blocks.forEach((block, index) => {
    if (block.kind === "numbered" && looksLikeHeading(block.text)) sectionBody = /^([A-Z]{2,6})\s+[A-Z]+/.exec(block.text)?.[1]?.replace(/^(AOB|ITEM|PART|ANY)$/, "") || undefined;
    if (block.kind === "table_row") {
      const request = block.cells.findIndex((c) => /^(\w+\s)?(recommendations?|requests?|questions?|issues?)$/i.test(c.trim()));
      const response = block.cells.findIndex((c) => /^(\w+\s)?(responses?|answers?|replies|reply|comments?)$/i.test(c.trim()));
      if (request >= 0 && response >= 0) {
        responseColumn = response;
        requestColumn = request;
        // "MOPAC RESPONSE": who answers, and so who commits.
        responder = block.cells[response]!.trim().replace(/\s*(responses?|answers?|replies|reply|comments?)$/i, "").trim() || undefined;
        return;
      }
    } else if (block.kind === "heading") responseColumn = undefined;
    if (block.kind !== "numbered" && block.kind !== "bullet") isResolution = RESOLUTION_OPENER.test(block.text.trim());
    else if (block.number && /^\d/.test(block.number) && looksLikeHeading(block.text)) isResolution = false;
    // A tracker entry marked closed or done is not work to do.
    if (used.has(index) || block.kind === "heading" || /\b(closed|completed?|done)\.?$/i.test(block.text)) return;
    let previousOwner: string | undefined;
    // In a table that is not an action log (a recommendation and its response), each cell is prose.
    const cells = block.kind === "table_row" && responseColumn !== undefined && block.cells.length > responseColumn ? [block.cells[responseColumn]!] : block.cells;
    const texts = block.kind === "table_row" ? cells.filter((c) => c.split(/\s+/).length >= 4) : [block.text];
    const sentences = texts.flatMap(sentencesOf);
    const foundBefore = found.length;
    for (const [position, sentence] of sentences.entries()) {
      if (sentence.endsWith("?")) continue;
      // "These will be shared with the committee": what "these" are is in the sentence before.
      const previousSentence = position > 0 && /^(these|this|it|they|those)\b/i.test(sentence) && sentence.split(/\s+/).length < 12 ? sentences[position - 1] : undefined;
      for (const clause of sentence.split(/;\s+(?:and\s+)?|,\s+and\s+(?=(?:I|we|they)\b)|\s+and\s+(?=I\s)/)) {
        const read = readAssignment(clause, context, { isMarked: false, isResolution: isResolution && block.kind !== "text", previousOwner });
        const subject = openingSubject(stripLeadIns(clause));
        if (subject && isOwnerPhrase(subject, context)) previousOwner = subject;
        if (read) {
          previousOwner = read.owner;
          if (read.text.split(/\s+/).length >= 2) found.push({ text: read.text, owners: read.owners, due: read.due, line: block.line, source: "prose", block: index });
        } else if (context.author && block.kind !== "table_row" && AUTHOR_UNDERTAKING.test(clause) && !/\b(will be held|will take place|will meet|may|might|could)\b/i.test(clause)) {
          // A report's own plans in the impersonal ("Formal consultation will begin in December",
          // "The intention is to submit ... to the next meeting") are its author's, when dated.
          const due = findDue(clause, context);
          const owner = /^(?:the\s+)?intention\b/i.test(clause) && sectionBody ? sectionBody : context.author;
          if (due && (due.due || due.isNextMeeting)) found.push({ text: cleanActionText(stripLeadIns(clause), due), owners: [owner], due, line: block.line, source: "prose", block: index });
        } else if (block.kind === "table_row" && responder && RESPONSE_UNDERTAKING.test(clause) && !/^there (is|are)\b/i.test(clause) && !/\b(committee|panel|assembly) will\b/i.test(clause)) {
          // In a response, "X will be presented to the PCC in due course" is the responder's undertaking.
          const due = findDue(clause, context);
          // "The MPS and MOPAC are developing proposals. These will be shared ...": theirs, not only the responder's.
          const named = previousSentence ? openingSubject(previousSentence) : undefined;
          const owners = named && isOwnerPhrase(named, context) ? splitOwners(named) : [responder];
          found.push({ text: cleanActionText(previousSentence ? `${previousSentence} ${clause}` : clause, due), owners, due, line: block.line, source: "prose", block: index });
        } else if (block.kind === "table_row" && responder && RESPONSE_AGREES.test(clause)) {
          // "... has confirmed his willingness to meet this request ... a report in March 2014": agreed, with a date.
          const due = findDue(clause, context);
          if (due?.due) found.push({ text: cleanActionText(clause, due), owners: [responder], due, line: block.line, source: "prose", block: index });
        }
      }
    }
    // A response undertaking nothing of its own leaves the recommendation's dated request with the responder.
    if (found.length === foundBefore && block.kind === "table_row" && responder && responseColumn !== undefined && requestColumn !== undefined) {
      const request = datedRequest(block.cells[requestColumn] ?? "", block.cells[responseColumn] ?? "", context);
      if (request) found.push({ text: request.text, owners: [responder], due: request.due, line: block.line, source: "prose", block: index });
    }
  });
  return found;
}

/** Initials of the attendee each first name or surname belongs to: "priya" → "PR" (Priya Raman); the first person wins. */
function initialsByName(people: readonly string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const person of people) {
    const words = person.split(/\s+/).filter(Boolean);
    const initials = words.map((w) => w[0]!.toUpperCase()).join("");
    for (const w of words) if (!byName.has(w.toLowerCase())) byName.set(w.toLowerCase(), initials);
  }
  return byName;
}

function sameOwners(a: readonly string[], b: readonly string[], initials: ReadonlyMap<string, string> = new Map()): boolean {
  return a.some((x) =>
    b.some((y) => x.toLowerCase() === y.toLowerCase() || overlap(x, y) >= 0.5 || initials.get(x.toLowerCase()) === y || initials.get(y.toLowerCase()) === x),
  );
}

/** Every action in the blocks, each once. */
export function findActions(blocks: readonly Block[], context: ActionContext): FoundAction[] {
  const used = new Set<number>();
  const tables = fromTables(blocks, context);
  for (const t of tables) used.add(t.block);
  const explicit = [...tables, ...fromFlattenedLogs(blocks, context, used), ...fromSections(blocks, context, used), ...fromRightColumnOwners(blocks, context, used), ...fromMarkers(blocks, context, used), ...fromCarriedForward(blocks, context, used, readAssignment)];
  // A body sentence pointing at a log row ("... (Action A24/03)") is that row.
  const hasLog = explicit.some((e) => e.source === "table");
  const prose = fromProse(blocks, context, used).filter((p) => !(hasLog && /\(action\s+[A-Z0-9][\w/.-]*\)/i.test(p.text)));
  const kept: FoundAction[] = [...explicit];
  const initials = initialsByName(context.people ?? []);
  for (const action of prose) {
    // A commitment restated by an explicit action (often the line right after it) is that action.
    const twin = explicit.find(
      (e) =>
        overlap(e.text, action.text) >= 0.6 ||
        (e.block > action.block && e.block - action.block <= 2 && sameOwners(e.owners, action.owners)) ||
        // The Actions list restating a sentence in the body, with initials for the name.
        (sameOwners(e.owners, action.owners, initials) && overlap(e.text, action.text) >= 0.25),
    );
    if (twin) {
      if (!twin.due && action.due) twin.due = action.due;
      if (twin.owners.length === 0) twin.owners = action.owners;
      continue;
    }
    if (kept.some((k) => k.source === "prose" && overlap(k.text, action.text) >= 0.8)) continue;
    kept.push(action);
  }
  // An Action line restating the decision just before it takes that decision's date ("... over the
  // coming two months." then "Action 2: X to continue ...").
  for (const action of kept) {
    if (action.due || action.source === "prose" || action.block === 0 || !/^(action|ai)\b/i.test(blocks[action.block]?.text ?? "")) continue;
    const before = blocks[action.block - 1];
    if (!before || before.kind === "heading" || !/\b(agreed|resolved|decided)\b/i.test(before.text) || overlap(before.text, action.text) < 0.3) continue;
    const due = findDue(before.text, context);
    if (due && (due.due || due.isNextMeeting)) action.due = due;
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
  fillThatMeetingDues(unique, blocks, context.meetingDate);
  return unique.sort((a, b) => a.line - b.line);
}
