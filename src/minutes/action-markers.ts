// Action markers: "Action 1: ...", "ACTION: X to ...", and "Action: Clerk" closing the
// sentences before it, inside a paragraph or set right of its last line.
import { type Block } from "./blocks";
import { findDue, type FoundDue } from "./find-dates";
import { isKnownName, isOwnerPhrase, splitOwners } from "./owners";
import { sentencesOf } from "./sentences";
import { cleanActionText, type ActionContext, type FoundAction } from "./action-text";
import { readAssignment } from "./assignment";
import { readListEntry } from "./action-lists";
import { namedSubject } from "./language";

const NOT_MARKER_WORDS =
  /^(plan|plans|log|tracker|register|list|notes?|points|items|taken|required|needed|update|updates|summary|sheet|group|research|fund|day|week|team|on)\b/i;
const MARKER =
  /^(?:action(?:\s+(?:point|item))?|ai)\s*(?:no\.?\s*)?(?:[A-Z]{0,3}\d+(?:[./]\d+)*|\(\d+\))?(?:\s*\((?<who>[^)]{1,60})\))?\s*(?:[:\-–—.)]+\s*|\s+(?=[A-Z@a-z]))(?<rest>.+)$/i;
/** "[Action - Lee] Write up a plan", "[Lee] [Action - Lee] ...": the owner inside the bracketed marker. */
const BRACKET_MARKER = /(?:^|\s)\[action(?: item)?\s*[-:–—]\s*(?<who>[^\]]{1,60})\]\s*[:\-–—]?\s*(?<rest>.+)$/i;
/** "Action: Clerk", "ACTION: Head of Corporate Services", "Action – HL" inside or at the end of a paragraph. */
const INLINE_MARKER = /(?:^|(?<=[.;:)!?]\s{0,3})|\s)(?:action(?:ed)?(?:\s+by)?|owner)\s*[:\-–—]\s*/gi;

/** Statuses and priorities written in brackets after a marker: "Action (Ongoing)", "Action (High)". */
const NOT_OWNER_WORDS =
  /^(?:ongoing|open|closed|done|complete[d]?|new|high|medium|low|urgent|pending|deferred|carried forward|tbc|n\/a)$/i;
const OWNER_TOKEN =
  /^(?:[A-Z]{2,5}(?:[/&][A-Z]{2,5})*|@[\w.-]+|(?:cllrs?|councillors?|dr|mr|mrs|ms|prof|rev)\.?|all|and|&|of|the)$/i;

/** The owner after an inline marker: initials, roles, known names and the words joining them, no more. */
function markerOwner(after: string, context: ActionContext): { owner: string; length: number } | undefined {
  const tokens = [...after.matchAll(/[^\s;,]+|[;,]/g)];
  let end = 0;
  let afterOf = false;
  for (const match of tokens) {
    const token = match[0];
    const word = token.replace(/[.:]+$/, "");
    const isOwnerWord =
      token === ";" ||
      token === "," ||
      OWNER_TOKEN.test(word) ||
      ROLE_TOKEN.test(word) ||
      context.knownNames.has(word.toLowerCase()) ||
      (afterOf && /^[A-Z]/.test(word)) ||
      /^[A-Z][a-z]+\/[A-Z]/.test(word);
    if (!isOwnerWord) break;
    // A title (or "The") after an owner starts the next sentence ("Action: DM/KE Mr Fairbairn left", "Action: OC The Clerk to").
    if (
      end > 0 &&
      (/^(cllrs?|councillors?|dr|mr|mrs|ms|prof|rev)\.?$/i.test(word) || word === "The") &&
      !/^all$/i.test(after.slice(0, end).trim().split(/\s+/).pop() ?? "")
    )
      break;
    afterOf = /^of$/i.test(word) || (afterOf && /^[A-Z]/.test(word));
    end = match.index! + (token.endsWith(".") && token.length > 2 ? token.length - 1 : token.length);
    if (/[.:]$/.test(token) && token.length > 2 && !/^[A-Z]\.$/.test(token)) break;
  }
  const owner = after
    .slice(0, end)
    .replace(/[\s;,]+$/, "")
    .replace(/\s*;\s*/g, ", ")
    .replace(/^(and|&|of|the)\s+/i, "");
  if (owner && (isOwnerPhrase(owner, context) || owner.split(/\s*,\s*/).every((o) => isOwnerPhrase(o, context))))
    return { owner, length: end };
  // Surnames the attendance list did not give, listed ("Action: Anderson; Eglington; Pointeer"),
  // up to where the text moves on (a full stop, the next "v." or "3." item, a capitalised word).
  const listed =
    /^([A-Z][\w'’-]+(?:\s*[;,]\s*(?:and\s+)?[A-Z][\w'’-]+|\s+and\s+[A-Z][\w'’-]+)+)(?=\s*(?:$|[.;]|\(?[ivx]{1,4}[.)]\s|\d{1,2}[.)]\s|[A-Z]))/.exec(
      after,
    );
  if (listed && /[;,]/.test(listed[1]!))
    return { owner: listed[1]!.replace(/\s*;\s*/g, ", "), length: listed[1]!.length };
  // A name the attendance list did not give: accept one or two capitalised words before a full stop.
  const fallback = /^([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=\.|\s*$)/.exec(after);
  return fallback ? { owner: fallback[1]!, length: fallback[1]!.length } : undefined;
}

const ROLE_TOKEN =
  /^(clerk|chair(man|person)?|vice[- ]?chair|secretary|treasurer|head|director|chief|officer|manager|lead|coordinator|commissioner|headteacher|governors?|trustees?|councillors?|members|executive|team|partners|residents|staff|officers?|monitoring|finance|services|corporate)$/i;

const FRAGMENT = /^(to be (completed|done|agreed|confirmed)|ongoing|done|noted|completed?)\b/i;

/** The action a marker closes: the last real sentence before it, its due from the last few. */
function actionBefore(
  body: string,
  context: ActionContext,
): { text: string; due: FoundDue | undefined; owners: string[] } {
  const sentences = sentencesOf(body.replace(/^\s*[ivx]+\.\s+/i, ""));
  const at = sentences
    .map((x, i) => ({ x, i }))
    .reverse()
    .find(({ x }) => !FRAGMENT.test(x) && x.split(/\s+/).length >= 3);
  const sentence = at?.x ?? sentences[sentences.length - 1] ?? body;
  // "Councillors agreed these were suitable; Clerk to get quotes": the clause that assigns.
  const clauses = sentence.split(/;\s+/).filter((c) => c.split(/\s+/).length >= 3);
  const meaningful =
    [...clauses].reverse().find((c) => readAssignment(c, context, { isMarked: true })) ??
    clauses[clauses.length - 1] ??
    sentence;
  // Its due date is in it, or in a fragment after it ("To be completed by the next meeting."), or,
  // when it only points back ("Clerk to submit it."), in the sentence before.
  const index = at?.i ?? sentences.length - 1;
  const pointsBack =
    sentence.split(/\s+/).length <= 8 && /\b(it|them|this|that|so|these|him|her)\.?$/i.test(sentence.trim());
  const due =
    sentences
      .slice(index)
      .map((x) => findDue(x, context))
      .find((d) => d !== undefined) ?? (pointsBack && index > 0 ? findDue(sentences[index - 1]!, context) : undefined);
  const assignment = readAssignment(meaningful, context, { isMarked: true });
  if (assignment) return { text: assignment.text, due: assignment.due ?? due, owners: assignment.owners };
  return { text: cleanActionText(meaningful, due), due, owners: [] };
}

/**
 * One owner's status in a carried-forward log: "AT Yes check.svg Done", "JS Go-next-red.svg Carried
 * forward". The owner in capitals, case and all ("ACTION: Work ongoing" is no owner's status).
 */
const OWNER_STATUS =
  /^(?<who>[A-Z]{2,4}(?:\s*[,/&]\s*[A-Z]{2,4})*)\s+(?:[\w-]+(?:\s+[\w-]+)?\.(?:svg|png|gif)\s+)?(?<status>[Dd]one|DONE|[Cc]omplete[d]?|[Cc]losed|[Ff]inished|[Cc]arried (?:forward|over)|[Oo]ngoing|[Oo]pen|[Ii]n progress|[Oo]utstanding|[Nn]ot (?:yet )?(?:done|complete[d]?|started))\b/;
const IS_OPEN = /^(carried|ongoing|open|in progress|outstanding|not)/i;

/**
 * "ACTION: AT Yes check.svg Done; JS Go-next-red.svg Carried forward" under last meeting's
 * "JS to send ... AT will provide addresses.": status updates of the actions in the paragraph
 * above, each owner's done or still open. Only those still open are actions.
 */
function fromOwnerStatuses(
  rest: string,
  previous: Block | undefined,
  context: ActionContext,
): Array<{ owners: string[]; text: string; due: FoundDue | undefined }> | undefined {
  const entries = rest.split(/\s*;\s*/).map((e) => OWNER_STATUS.exec(e.trim())?.groups);
  if (entries.length === 0 || entries.some((e) => !e)) return undefined;
  if (!previous) return [];
  const assignments = sentencesOf(previous.text)
    .flatMap((sentence) => sentence.split(/;\s+(?:if not,\s+)?/))
    .map((clause) => readAssignment(clause, context, { isMarked: true }))
    .filter((a): a is NonNullable<typeof a> => a !== undefined);
  const open: Array<{ owners: string[]; text: string; due: FoundDue | undefined }> = [];
  for (const entry of entries) {
    if (!IS_OPEN.test(entry!.status!)) continue;
    const who = splitOwners(entry!.who!);
    const theirs = assignments.filter((a) => a.owners.some((o) => who.includes(o)));
    const last = theirs[theirs.length - 1];
    if (last) open.push({ owners: last.owners, text: last.text, due: last.due });
  }
  return open;
}

export function fromMarkers(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index)) return;
    // "ACT-RB-2026-12: Action: PR - ...": a log's id before the marker.
    const text = (block.kind === "table_row" ? block.cells.filter(Boolean).join(" ") : block.text).replace(
      /^[A-Z]{2,6}(?:[-/][A-Z0-9]+)+\s*:?\s*(?=action\b)/i,
      "",
    );
    const statusLine = /^action\s*[:\-–—]\s*(.+)$/i.exec(text);
    const statuses = statusLine
      ? fromOwnerStatuses(statusLine[1]!, used.has(index - 1) ? undefined : blocks[index - 1], context)
      : undefined;
    if (statuses) {
      used.add(index);
      used.add(index - 1);
      for (const s of statuses) found.push({ ...s, line: blocks[index - 1]!.line, source: "marker", block: index - 1 });
      return;
    }
    // "#todo yj: upload receipts to QB", "#action bl: ...": a chat-style tag, then who (often a nickname) and the work.
    const tagged =
      /^#(?:todo|action)\b:?\s*(?<who>@?[\w.-]{2,24}(?:\s*[,/&]\s*@?[\w.-]{2,24})*)\s*:\s+(?<rest>\S.+)$/i.exec(text);
    if (tagged?.groups) {
      used.add(index);
      const due = findDue(tagged.groups.rest!, context);
      found.push({
        text: cleanActionText(tagged.groups.rest!, due),
        owners: tagged.groups.who!.split(/\s*[,/&]\s*/),
        due,
        line: block.line,
        source: "marker",
        block: index,
      });
      return;
    }
    const bracketed = BRACKET_MARKER.exec(text);
    if (bracketed?.groups) {
      used.add(index);
      const due = findDue(bracketed.groups.rest!, context);
      found.push({
        text: cleanActionText(bracketed.groups.rest!, due),
        owners: bracketed.groups.who!.split(/\s*(?:,|&|\band\b)\s*/).filter(Boolean),
        due,
        line: block.line,
        source: "marker",
        block: index,
      });
      return;
    }
    // "AI tools were discussed": the marker "AI" is written in capitals, with a colon or dash ("AI 3: ...").
    const marker = /^ai\b/i.test(text) && !/^AI\s*(?:\d+(?:\.\d+)*\s*)?[:\-–—]/.test(text) ? null : MARKER.exec(text);
    // "Action (Jonah) to confirm ...", "Action (Jonah) Update ...": the owner in brackets after the marker.
    const who = marker?.groups?.who?.trim();
    if (
      marker?.groups &&
      who &&
      !/^\d+$/.test(who) &&
      (isOwnerPhrase(who, context) ||
        isKnownName(who.replace(/\s*[,&/]\s*/g, " "), context) ||
        (namedSubject(`${who} to do it`) === who && !NOT_OWNER_WORDS.test(who)))
    ) {
      used.add(index);
      const rest = marker.groups.rest!.replace(/^to\s+/, "");
      const due = findDue(rest, context);
      found.push({
        text: cleanActionText(rest, due),
        owners: splitOwners(who).flatMap((o) => o.split(/\s*[,&/]\s*/)),
        due,
        line: block.line,
        source: "marker",
        block: index,
      });
      return;
    }
    if (marker?.groups && !NOT_MARKER_WORDS.test(marker.groups.rest!)) {
      const rest = marker.groups.rest!.trim();
      // "Action item: (Lex, Sarah, Aleksandra)": names in brackets, alone, are who does the entry above.
      const bracketedNames = /^\(((?:[A-Z][\w'’-]+)(?:\s*(?:,|&|and)\s*[A-Z][\w'’-]+)*)\)\.?$/.exec(rest)?.[1];
      // "Action: Clerk" alone is who does what the block before says.
      const ownerOnly = bracketedNames ? { owner: bracketedNames, length: rest.length } : markerOwner(rest, context);
      if (ownerOnly && ownerOnly.length >= rest.replace(/[.;]+$/, "").length - 1 && !/\bto\b/.test(rest)) {
        const previous = blocks[index - 1];
        used.add(index);
        if (previous && !used.has(index - 1)) {
          const before = actionBefore(previous.text, context);
          found.push({
            text: before.text,
            owners: splitOwners(ownerOnly.owner),
            due: before.due,
            line: previous.line,
            source: "marker",
            block: index - 1,
          });
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
      if (m.index! < start) continue;
      // "... at length. **Action:** KT to circulate the revised budget by 20 March.": the work follows the marker.
      const after = text.slice(m.index! + m[0].length);
      const following = sentencesOf(after)[0] ?? "";
      const assigned = /\s(?:to|will)\s/.test(following)
        ? readAssignment(following, context, { isMarked: true })
        : undefined;
      // Only when the owner opens it: "Action: OC The Clerk to book ..." is OC's marker, then the Clerk's sentence.
      if (assigned && assigned.owners.length > 0 && following.trimStart().startsWith(assigned.owner.trim())) {
        found.push({
          text: assigned.text,
          owners: assigned.owners,
          due: assigned.due,
          line: block.line,
          source: "marker",
          block: index,
        });
        start = m.index! + m[0].length + after.indexOf(following) + following.length;
        isAny = true;
        continue;
      }
      const owner = markerOwner(after, context);
      if (!owner) continue;
      let body = text.slice(start, m.index!).trim();
      // A marker set right of the text's last line ("the end of October.      ACTION: X") closes the paragraph above too.
      const previous = blocks[index - 1];
      if (
        start === 0 &&
        block.kind === "table_row" &&
        body.split(/\s+/).length < 8 &&
        previous &&
        !used.has(index - 1) &&
        previous.kind !== "heading"
      ) {
        body = `${previous.text} ${body}`;
        used.add(index - 1);
      }
      start = m.index! + m[0].length + owner.length;
      if (body.split(/\s+/).length < 2) continue;
      const before = actionBefore(body, context);
      found.push({
        text: before.text,
        owners: splitOwners(owner.owner),
        due: before.due,
        line: block.line,
        source: "marker",
        block: index,
      });
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
