// Actions in minutes, from the most explicit to the least: action tables, an
// "Actions" list, "Action: ..." lines and trailing "Action: Clerk" markers, then
// assignments and firm commitments written as prose ("Clerk to write to ...",
// "MOPAC will report back by the end of September 2013", "They agreed to ...").
import { looksLikeHeading, type Block } from "./blocks";
import { findDue, type FoundDue } from "./find-dates";
import { isKnownName, isOwnerPhrase, splitOwners } from "./owners";
import { overlap, sentencesOf } from "./sentences";
import { cleanActionText, endsDone, stripLeadIns, type ActionContext, type FoundAction } from "./action-text";
import { fromFlattenedLogs, fromRightColumnOwners, fromTables } from "./action-tables";
import { fromCarriedForward } from "./carried-forward";
import { fillThatMeetingDues } from "./that-meeting";
import { datedRequest } from "./recommendation-requests";
import { openingSubject, readAssignment } from "./assignment";
import { fromBracketedOwners, fromOwnedSections, fromSections } from "./action-lists";
import { fromMarkers } from "./action-markers";
import { isWork, realOwners } from "./is-work";
import { fromDuties } from "./duties";
import { namedSubject, tagWords } from "./language";

export type { ActionContext, FoundAction } from "./action-text";

/** What a response undertakes: to provide, share, publish, present, report, ensure (or have it done). */
const RESPONSE_UNDERTAKING =
  /\b(?:will|shall)\s+(?:also\s+)?(?:be\s+)?(?:provide|provided|share|shared|publish|published|present|presented|report|reported|ensure|submit|submitted|send|sent|circulate|circulated|bring|brought|make available|made available|publicise|publicised|write|written|set out)\b/i;

/** A report's plan: "will begin", "will be submitted", "the intention is to submit". */
const AUTHOR_UNDERTAKING =
  /\b(?:will\s+(?:be\s+)?(?:begin|start|launch|submit|submitted|bring|brought|publish|published|present|presented|share|shared|send|sent|provide|provided|report|reported|consult|complete|completed)|(?:the\s+)?intention\s+(?:therefore\s+)?is\s+to)\b/i;

/** A response agreeing to what was asked. */
const RESPONSE_AGREES =
  /\b(confirmed (?:his|her|their|its) willingness|(?:is|are) willing to|agrees? to|accepts? (?:this|the) recommendation)\b/i;

const RESOLUTION_OPENER = /^(?:it was\s+)?(?:resolved|agreed|recommended)\s*(?:that)?\s*:?$/i;

/** A sentence saying something needs doing: "The noticeboard needs a new lock", "the gate is broken". */
const NEEDS_DOING =
  /\b(?:needs?|needed|should|must|requires?|required|has to|have to|to be|is broken|are broken|is missing|are missing|problem|issue|request(?:ed)?|asked)\b/i;

/** Work named only by pointing back: "take the idea forward", "action this", "do so", "follow it up". */
const PRO_FORM =
  /^(?:take (?:the (?:idea|matter|issue|proposal)|this|it|that|these) forward|take on (?:this|the|that) (?:role|task|job|work)|(?:do|action|progress|pursue|handle|support) (?:so|this|it|that|the action|the matter)|action|follow (?:this|it|that) up|follow up(?: on)? (?:this|it|that)|look into (?:this|it|that)|deal with (?:this|it|that)|take (?:this|it|that) on)$/i;
const isProForm = (text: string) => PRO_FORM.test(text.trim().replace(/[.;]$/, ""));

/** What a sentence agreed should be done: "It was agreed to arrange a date for ..." → "Arrange a date for ...". */
function workOf(sentence: string, context: ActionContext): { text: string; due: FoundDue | undefined } | undefined {
  const m =
    /^(?:.{0,60}?\s)?(?:also\s+)?(?:agreed|resolved|decided|suggested|proposed)\s+(?:that\s+)?(?:to\s+)?(.{6,})$/i.exec(
      sentence.trim(),
    ) ??
    /^(?:[A-Z][\w'’-]*\s+){0,4}(?:suggested|proposed|asked)\s+(?:that\s+)?(?:we\s+|someone\s+)?(?:should\s+)?(.{6,})$/.exec(
      sentence.trim(),
    );
  // Else the sentence itself says what needs doing ("The noticeboard needs a new lock. BB to action.").
  const work =
    m?.[1] ??
    (sentence.split(/\s+/).length >= 4 && !sentence.trim().endsWith("?") && NEEDS_DOING.test(sentence)
      ? sentence
      : undefined);
  if (!work) return undefined;
  const due = findDue(work, context);
  return { text: cleanActionText(work, due), due };
}

const SPEAKER_TAG = /^\[name=([^\]]{1,40})\]|^([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?):\s+(?=\S)/;
/**
 * Someone at the meeting: a name the attendance list gives; where the minutes list no one, a name
 * the model tags as one ("Bert"), not a topic it knows as a noun ("Budget", "Highways" are nouns).
 */
const isAttendeeName = (label: string, context: ActionContext) =>
  context.knownNames.size > 0
    ? isKnownName(label, context)
    : namedSubject(`${label} will do it`) === label &&
      !/^(?:budget|finance|highways|planning|website|agenda|minutes|update|notes?|actions?|decisions?|aob)$/i.test(
        label,
      );
const REPLIED =
  /^((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)\s+(?:replied|responded|answered|reported back|said)(?:\s+as follows)?\s*:?\s*$/;
/** "He also informed Members that he would ...", "He confirmed that the Gardai would ...": what was said, reported. */
const REPORTED =
  /^(?:.{0,40}?\b)?(?:informed|told|assured|advised|confirmed|said|stated|indicated|explained|added|replied|undertook)\s+(?:\w+\s+){0,3}?that\s+/i;
/** "Five Gardai assigned ...", "Several members ...": a number of people, not someone "he" can be. */
const COUNTED = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|several|many|some|\d+)\b/i;
const reportedClause = (clause: string) => clause.replace(REPORTED, "");

/**
 * "CC asked the Clerk to chase ...", "IR asked SG for a short description ...": the one asked
 * does the work. Not "asked whether", "asked if", nor asking the meeting or a deciding body.
 */
function readRequest(
  clause: string,
  context: ActionContext,
): { owners: string[]; text: string; due: FoundDue | undefined; owner: string } | undefined {
  // "Agreed to publish the current version and for Noel to amend it": agreed, for someone to do.
  const agreedFor =
    /\b(?:[Aa]greed|[Dd]ecided|[Rr]esolved|[Aa]rranged)\b[^.]{0,80}?\bfor\s+(?<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+to\s+(?<work>[a-z].+)$/.exec(
      clause,
    );
  if (
    agreedFor?.groups &&
    (isOwnerPhrase(agreedFor.groups.who!, context, { strict: true }) ||
      namedSubject(`${agreedFor.groups.who} to ${agreedFor.groups.work}`) === agreedFor.groups.who)
  ) {
    const due = findDue(agreedFor.groups.work!, context);
    return {
      owners: splitOwners(agreedFor.groups.who!),
      text: cleanActionText(agreedFor.groups.work!, due),
      due,
      owner: agreedFor.groups.who!,
    };
  }
  const m =
    /(?:\b(?:asked|requested|invited|tasked|instructed)|^(?:[A-Z][a-z]+:\s*)?(?:[Aa]sk|[Rr]equest|[Ii]nvite))\s+(?<who>(?:the\s+)?(?:[A-Z][\w'’.-]*|of|and|&)(?:\s+(?:[A-Z][\w'’.-]*|of|and|&)){0,4}|the\s+(?:[a-z]+\s+){0,3}(?:team|group|office|secretariat|clerk))\s+(?:(?<to>to)\s+(?<verb>[a-z][\w-]*)\s+(?<rest>.+)|for\s+(?<thing>(?:an?|the|some|more|further)\s+.+))$/.exec(
      clause,
    );
  if (!m?.groups) return undefined;
  const who = m.groups.who!.trim();
  if (
    !isOwnerPhrase(who, context, { strict: true }) &&
    !/^[A-Z]{2,4}$/.test(who) &&
    !/^the\s+[\w\s-]{2,40}\b(?:team|group|office|secretariat|clerk)$/i.test(who)
  )
    return undefined;
  const work = m.groups.to ? `${m.groups.verb} ${m.groups.rest}` : `provide ${m.groups.thing}`;
  if (m.groups.to && (NOT_WORK_VERBS.test(m.groups.verb!) || tagWords(`They ${m.groups.verb} it`)[1]?.pos !== "VERB"))
    return undefined;
  const due = findDue(work, context);
  return { owners: splitOwners(who), text: cleanActionText(work, due), due, owner: who };
}
const NOT_WORK_VERBS =
  /^(be|note|consider|comment|confirm|clarify|explain|say|state|leave|join|attend|introduce|speak|present|give|take|address|observe|vote|sit|stay|remain)$/;

function fromProse(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  let isResolution = false;
  // In a recommendations-and-responses table the commitments are in the response column.
  let responseColumn: number | undefined;
  let requestColumn: number | undefined;
  let responder: string | undefined;
  // "4. MOPAC FINANCIAL REPORT": a section written for one body; its impersonal plans are that body's.
  let sectionBody: string | undefined;
  // "Superintendent Smart replied as follows:": the paragraphs after report what that person said.
  let speaker: string | undefined;
  blocks.forEach((block, index) => {
    if (block.kind === "heading" || (block.kind === "numbered" && looksLikeHeading(block.text))) speaker = undefined;
    const replied = REPLIED.exec(block.text);
    if (replied && isOwnerPhrase(replied[1]!, context)) speaker = replied[1]!;
    if (block.kind === "numbered" && looksLikeHeading(block.text))
      sectionBody = /^([A-Z]{2,6})\s+[A-Z]+/.exec(block.text)?.[1]?.replace(/^(AOB|ITEM|PART|ANY)$/, "") || undefined;
    if (block.kind === "table_row") {
      const request = block.cells.findIndex((c) =>
        /^(\w+\s)?(recommendations?|requests?|questions?|issues?)$/i.test(c.trim()),
      );
      const response = block.cells.findIndex((c) =>
        /^(\w+\s)?(responses?|answers?|replies|reply|comments?)$/i.test(c.trim()),
      );
      if (request >= 0 && response >= 0) {
        responseColumn = response;
        requestColumn = request;
        // "MOPAC RESPONSE": who answers, and so who commits.
        responder =
          block.cells[response]!.trim()
            .replace(/\s*(responses?|answers?|replies|reply|comments?)$/i, "")
            .trim() || undefined;
        return;
      }
    } else if (block.kind === "heading") responseColumn = undefined;
    if (block.kind !== "numbered" && block.kind !== "bullet") isResolution = RESOLUTION_OPENER.test(block.text.trim());
    else if (block.number && /^\d/.test(block.number) && looksLikeHeading(block.text)) isResolution = false;
    // A tracker entry marked closed or done is not work to do.
    if (used.has(index) || block.kind === "heading" || endsDone(block.text)) return;
    let previousOwner: string | undefined = speaker;
    // Running notes of who said what: "[name=Julien] ... I will ...", "Bert: Will send an email".
    // A label is a speaker when it says so ("[name=Julien]") or names someone at the meeting ("Bert:"), not "Budget:".
    const said = SPEAKER_TAG.exec(block.text);
    const firstPerson =
      said && (said[1] || isAttendeeName(said[2]!, context)) ? (said[1] ?? said[2])!.trim() : undefined;
    // In a table that is not an action log (a recommendation and its response), each cell is prose.
    const cells =
      block.kind === "table_row" && responseColumn !== undefined && block.cells.length > responseColumn
        ? [block.cells[responseColumn]!]
        : block.cells;
    const texts = block.kind === "table_row" ? cells.filter((c) => c.split(/\s+/).length >= 4) : [block.text];
    const sentences = texts.flatMap(sentencesOf);
    const foundBefore = found.length;
    for (const [position, sentence] of sentences.entries()) {
      if (sentence.endsWith("?")) continue;
      // "These will be shared with the committee": what "these" are is in the sentence before.
      const previousSentence =
        position > 0 && /^(these|this|it|they|those)\b/i.test(sentence) && sentence.split(/\s+/).length < 12
          ? sentences[position - 1]
          : undefined;
      // Clauses: after a semicolon, a spaced dash ("Drains Wretton Road - still a problem - the Clerk to ..."), "and I/we/they".
      let previousClause: string | undefined;
      // "CLERK TO WRITE TO THE COUNTY": a sentence in capitals is read in sentence case.
      const readable = /\p{Ll}/u.test(sentence) ? sentence : `${sentence.charAt(0)}${sentence.slice(1).toLowerCase()}`;
      for (const clause of readable.split(
        /;\s+(?:and\s+)?|\s[-–—]\s+(?=(?:the\s+)?[A-Za-z]+\s+(?:[A-Za-z]+\s+)?(?:to|will|agreed to)\s)|,\s+and\s+(?=(?:I|we|they)\b)|(?<=\b[a-z]{2,30}),?\s+and\s+(?=(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*\s+(?:agreed to|will|undertook to|offered to|volunteered to|promised)\s)|\s+and\s+(?=I\s)|,\s+(?:but|so|and)\s+(?=I\s)|(?<=\b[a-z]{2,30}),?\s+(?:but|while|whereas|so)\s+(?=(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,3}(?:would|will|agreed to)\s)|,\s+(?=(?:the\s+)?(?:[A-Z][\w'’-]*|clerk|chair\w*|secretary|treasurer)(?:\s+[A-Z][\w'’-]*){0,2}\s+(?:to|will|agreed to|undertook to|offered to|volunteered to|promised)\s+[a-z])/,
      )) {
        // "IR told that he would email ...": "he" is who told.
        const reporter = REPORTED.test(clause) ? openingSubject(clause) : undefined;
        const teller = reporter && isOwnerPhrase(reporter, context) ? reporter : undefined;
        const read =
          readAssignment(reportedClause(firstPerson ? clause.replace(SPEAKER_TAG, "").trim() : clause), context, {
            isMarked: false,
            isResolution: isResolution && block.kind !== "text",
            previousOwner: teller ?? previousOwner,
            isReportedReply: speaker !== undefined || teller !== undefined,
            ...(firstPerson && !teller ? { firstPerson } : {}),
          }) ?? readRequest(clause, context);
        const subject = openingSubject(stripLeadIns(clause));
        if (subject && isOwnerPhrase(subject, context) && !COUNTED.test(subject)) previousOwner = subject;
        const clauseBefore = previousClause;
        previousClause = clause;
        if (read) {
          previousOwner = read.owner;
          // "X agreed to take the idea forward", "BB to action": the work is the sentence before.
          const before = clauseBefore ?? (position > 0 ? sentences[position - 1] : undefined);
          const pointsBack = isProForm(read.text) && before ? workOf(before, context) : undefined;
          // A twin already found for the clause before ("the Chairman agreed to appoint ...") is this one's.
          if (
            pointsBack &&
            found[found.length - 1]?.block === index &&
            overlap(found[found.length - 1]!.text, pointsBack.text) >= 0.8
          )
            found.pop();
          const text = pointsBack?.text ?? read.text;
          const due = read.due ?? pointsBack?.due;
          if (text.split(/\s+/).length >= 2 || pointsBack)
            found.push({ text, owners: read.owners, due, line: block.line, source: "prose", block: index });
        } else if (
          context.author &&
          block.kind !== "table_row" &&
          AUTHOR_UNDERTAKING.test(clause) &&
          !/\b(will be held|will take place|will meet|may|might|could)\b/i.test(clause)
        ) {
          // A report's own plans in the impersonal ("Formal consultation will begin in December",
          // "The intention is to submit ... to the next meeting") are its author's, when dated.
          const due = findDue(clause, context);
          const owner = /^(?:the\s+)?intention\b/i.test(clause) && sectionBody ? sectionBody : context.author;
          if (due && (due.due || due.isNextMeeting))
            found.push({
              text: cleanActionText(stripLeadIns(clause), due),
              owners: [owner],
              due,
              line: block.line,
              source: "prose",
              block: index,
            });
        } else if (
          block.kind === "table_row" &&
          responder &&
          RESPONSE_UNDERTAKING.test(clause) &&
          !/^there (is|are)\b/i.test(clause) &&
          !/\b(committee|panel|assembly) will\b/i.test(clause)
        ) {
          // In a response, "X will be presented to the PCC in due course" is the responder's undertaking.
          const due = findDue(clause, context);
          // "The MPS and MOPAC are developing proposals. These will be shared ...": theirs, not only the responder's.
          const named = previousSentence ? openingSubject(previousSentence) : undefined;
          const owners = named && isOwnerPhrase(named, context) ? splitOwners(named) : [responder];
          found.push({
            text: cleanActionText(previousSentence ? `${previousSentence} ${clause}` : clause, due),
            owners,
            due,
            line: block.line,
            source: "prose",
            block: index,
          });
        } else if (block.kind === "table_row" && responder && RESPONSE_AGREES.test(clause)) {
          // "... has confirmed his willingness to meet this request ... a report in March 2014": agreed, with a date.
          const due = findDue(clause, context);
          if (due?.due)
            found.push({
              text: cleanActionText(clause, due),
              owners: [responder],
              due,
              line: block.line,
              source: "prose",
              block: index,
            });
        }
      }
    }
    // A response undertaking nothing of its own leaves the recommendation's dated request with the responder.
    if (
      found.length === foundBefore &&
      block.kind === "table_row" &&
      responder &&
      responseColumn !== undefined &&
      requestColumn !== undefined
    ) {
      const request = datedRequest(block.cells[requestColumn] ?? "", block.cells[responseColumn] ?? "", context);
      if (request)
        found.push({
          text: request.text,
          owners: [responder],
          due: request.due,
          line: block.line,
          source: "prose",
          block: index,
        });
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

function sameOwners(
  a: readonly string[],
  b: readonly string[],
  initials: ReadonlyMap<string, string> = new Map(),
): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        x.toLowerCase() === y.toLowerCase() ||
        overlap(x, y) >= 0.5 ||
        initials.get(x.toLowerCase()) === y ||
        initials.get(y.toLowerCase()) === x,
    ),
  );
}

/** Nearly the same words, nearly as many: a line restated, not a short one inside a longer ("Follow-up"). */
function isRestated(a: string, b: string): boolean {
  const [x, y] = [a.split(/\s+/).length, b.split(/\s+/).length];
  return Math.min(x, y) >= 3 && Math.min(x, y) / Math.max(x, y) >= 0.8 && overlap(a, b) >= 0.9;
}

/** Every action in the blocks, each once. */
export function findActions(blocks: readonly Block[], context: ActionContext): FoundAction[] {
  const used = new Set<number>();
  const tables = fromTables(blocks, context);
  for (const t of tables) used.add(t.block);
  const explicit = [
    ...tables,
    ...fromFlattenedLogs(blocks, context, used),
    ...fromSections(blocks, context, used),
    ...fromOwnedSections(blocks, context, used),
    ...fromBracketedOwners(blocks, context, used),
    ...fromDuties(blocks, context, used),
    ...fromRightColumnOwners(blocks, context, used),
    ...fromMarkers(blocks, context, used),
    ...fromCarriedForward(blocks, context, used, readAssignment),
  ];
  // A body sentence pointing at a log row ("... (Action A24/03)") is that row.
  const hasLog = explicit.some((e) => e.source === "table");
  const prose = fromProse(blocks, context, used).filter(
    (p) => !(hasLog && /\(action\s+[A-Z0-9][\w/.-]*\)/i.test(p.text)),
  );
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
      // "AT to e-mail the final version to Mike Godwin." then "ACTION: AT to send e-mail.": the fuller wording.
      if (
        twin.text.split(/\s+/).length <= 3 &&
        action.text.split(/\s+/).length > twin.text.split(/\s+/).length + 1 &&
        sameOwners(twin.owners, action.owners)
      )
        twin.text = action.text;
      continue;
    }
    if (kept.some((k) => k.source === "prose" && overlap(k.text, action.text) >= 0.8)) continue;
    kept.push(action);
  }
  // An Action line restating the decision just before it takes that decision's date ("... over the
  // coming two months." then "Action 2: X to continue ...").
  for (const action of kept) {
    if (
      action.due ||
      action.source === "prose" ||
      action.block === 0 ||
      !/^(action|ai)\b/i.test(blocks[action.block]?.text ?? "")
    )
      continue;
    const before = blocks[action.block - 1];
    if (
      !before ||
      before.kind === "heading" ||
      !/\b(agreed|resolved|decided)\b/i.test(before.text) ||
      overlap(before.text, action.text) < 0.3
    )
      continue;
    const due = findDue(before.text, context);
    if (due && (due.due || due.isNextMeeting)) action.due = due;
  }
  // Explicit restatements of one another (a body line and the Actions table): keep the first, fill gaps.
  const unique: FoundAction[] = [];
  for (const action of kept) {
    // The same line twice (a summary of actions at the top, then each in the body) is one action too.
    const twin = unique.find(
      (u) =>
        (u.source !== action.source && overlap(u.text, action.text) >= 0.7) ||
        (isRestated(u.text, action.text) && u.owners.length > 0 && sameOwners(u.owners, action.owners)),
    );
    if (twin) {
      if (!twin.due && action.due) twin.due = action.due;
      if (twin.owners.length === 0) twin.owners = action.owners;
      continue;
    }
    unique.push(action);
  }
  fillThatMeetingDues(unique, blocks, context.meetingDate);
  for (const action of unique) {
    if (action.owners.length > 0 || !context.nicknames?.size) continue;
    // "FranciscoD talk to websites sig": a meeting bot's items open with whose they are.
    const first = /^(\S+)\s+(.+)$/.exec(action.text);
    const nickname = first ? context.nicknames.get(first[1]!.toLowerCase()) : undefined;
    if (nickname) {
      action.owners = [nickname];
      action.text = `${first![2]!.charAt(0).toUpperCase()}${first![2]!.slice(1)}`;
    } else if (first && /^(?:everyone|everybody|all)$/i.test(first[1]!)) action.owners = [first[1]!];
  }
  return unique
    .filter(isWork)
    .map((a) => ({ ...a, owners: realOwners(a.owners) }))
    .sort((a, b) => a.line - b.line);
}
