// Assignments and commitments in a sentence: "X to do Y", "X will do Y by Z",
// "They agreed to ...", "X ..., and agreed to ...", "X said it would be done by Z".
import { findDue, type FoundDue } from "./find-dates";
import { firstWords, namedSubject, tagWords } from "./language";
import { isDecidingBody, isKnownName, isOwnerPhrase, splitOwners } from "./owners";
import { cleanActionText, stripLeadIns, withoutAside, type ActionContext } from "./action-text";

const ASSIGNMENT =
  /^(?<owner>.{1,90}?)\s+(?<modal>to|will|shall|would|is to|are to|(?:has |have )?agreed to|undertook to|(?:has |have )?undertaken to|took (?:the )?actions? to|took on (?:the task|responsibility) (?:to|of)|offered to|committed to|promised to|volunteered to|(?:is|are) going to|should|must|needs? to|(?:was|were|has been|have been|is|are) (?:asked|requested|tasked) to|(?:will|would) (?:aim|seek) to|(?:is|are|would be)(?: more than| very)? (?:happy|willing|pleased|content) to|(?:anticipates?|propose|proposes|intends? to|plans? to|aims? to|expects? to))\s+(?:(?:also|then|now|further|kindly|please|jointly|urgently|shortly|in turn)\s+)?(?<rest>.+)$/;
const NOT_VERBS =
  /^(be|being|been|have|has|had|the|a|an|date|which|whom|this|that|all|their|his|her|its|them|me|us|any|some|each|those|these|him|it|not|no|see|say|note|continue to be|make sure that|account)\b/i;
/** "X will focus on ...", "will include ...": what something is or does, not work someone takes on. */
const DESCRIBES =
  /^(focus|include|includes|cover|comprise|consist|remain|enable|allow|help|need|benefit|reflect|mean|involve|apply|replace|look like)\b/i;
/** A standing arrangement ("will meet formally on a monthly basis") is not an action. */
const STANDING =
  /\b(on an? (monthly|weekly|quarterly|annual|regular|ongoing) basis|every (week|month|quarter|year)|each (week|month|quarter|year))\b/i;
const PRONOUN_OWNERS = /^(they|both|we|i|both parties|the two|both sides)$/i;
/** Modals that commit only with a date: "should report back by the end of September". */
const NEEDS_DUE =
  /^(should|must|needs? to|anticipates?|propose|proposes|intends? to|plans? to|aims? to|expects? to|would|(?:will|would) (?:aim|seek) to)$/;

export interface AssignmentOptions {
  /** An action marker or list says this is an action: weaker wordings count. */
  isMarked: boolean;
  /** Under "RESOLVED that:": "the Chair would write", "the Officer draft ..." assign work. */
  isResolution?: boolean;
  /** Who "he" or "she" is: the last person a sentence in this paragraph was about. */
  previousOwner?: string;
  /** A reply reported in the third person ("Superintendent Smart replied as follows"): "would" commits. */
  isReportedReply?: boolean;
  /** Who "I" is in running notes of who said what ("[name=Julien] ... I will ...", "Bert: Will send ..."). */
  firstPerson?: string;
}

type Assignment = { owners: string[]; text: string; due: FoundDue | undefined; owner: string };

/** The subject a sentence opens with: "The Chief Executive", "Councillor Haque", "Alun Pryce". */
export function openingSubject(sentence: string): string | undefined {
  const m = /^((?:The\s+)?(?:[A-Z][\w'’.-]*|of|and|&|for)(?:\s+(?:[A-Z][\w'’.-]*|of|and|&|for)){0,6})\s+[a-z]/.exec(
    sentence,
  );
  return m?.[1]?.replace(/\s+(of|and|&|for)$/, "");
}

const RESOLVED_THAT = /^\s*(?:it was\s+)?(?:further\s+|also\s+)?(?:resolved|agreed|decided)\s+that\s+/i;
const ROLE_TAIL =
  /\b(clerk|chair(?:man|person|woman)?|secretary|treasurer|secretariat|officer|director|manager|coordinator|co-ordinator)$/i;

/** A "would" that promises nothing: "would like", "would need", "would result", "would speed up". */
const HEDGED =
  /^(?:like|love|prefer|need|welcome|result|speed|seem|appear|probably|possibly|hope|expect|imagine|think|be|have|not|also be|help|mean|allow|enable|make it|declare|vote|abstain|support|oppose|object|leave|attend|accept|agree|disagree|stand|remain|continue to (?:be|attend|serve|sit|represent|chair|receive))\b/i;

const COORDINATED =
  /(?:,\s*|\s)(?:and|but|then)\s+(?:(?:also|later)\s+)?(agreed to|undertook to|offered to|committed to|promised to|volunteered to|will)\s+(?!be\b)(.+)$/;
const SAID_WOULD =
  /\b(?:said|told|added|replied|responded|advised|confirmed|explained|stated|indicated|undertook|promised|assured (?:members|the \w+))\s+(?:that\s+)?(?:(?:he|she|they|it|[a-z][\w\s'’-]{0,60}?)\s+)?(?:would|will)\s+(?:be\s+)?(.+)$/;

function readAssignmentOnce(
  stripped: string,
  context: ActionContext,
  options: AssignmentOptions,
): Assignment | undefined {
  const { isMarked } = options;
  const subjunctive = options.isResolution
    ? /^(?<owner>(?:the\s+)?[A-Za-z][\w'’. -]{1,60}?)\s+(?<modal>would|should|shall|to|will)?\s*(?<rest>(?!be\b)[a-z]+\b.*)$/.exec(
        stripped,
      )
    : null;
  const match = ASSIGNMENT.exec(stripped) ?? subjunctive;
  if (!match?.groups) return undefined;
  const { owner: rawOwner, rest } = match.groups as { owner: string; modal?: string; rest: string };
  const modal = match.groups.modal ?? "to";
  let owner = rawOwner;
  // "He agreed to ...": the person the paragraph (or the reply it reports) is about, already known as one.
  const isFirstPerson = /^i$/i.test(owner.trim()) && options.firstPerson !== undefined;
  const isResolved = isFirstPerson || (/^(he|she)$/i.test(owner.trim()) && options.previousOwner !== undefined);
  if (isResolved) owner = isFirstPerson ? options.firstPerson! : options.previousOwner!;
  // "Urgent Matters - Chairman The Clerk", "EXCLUSION OF PRESS AND PUBLIC The Council": a heading run
  // into the sentence, whose subject starts at the last "The" or after the last dash.
  const tail = /^.*(?:\s[-–—]\s+|\s(?=The\s+[A-Z]))((?:The\s+)?[A-Z][^-–—]{1,60})$/.exec(owner);
  if (tail && isOwnerPhrase(tail[1]!, context, { strict: true })) owner = tail[1]!;
  else if (tail && isDecidingBody(tail[1]!)) return undefined;
  // "Item 6 Trees Cllr Hart to ...": a heading run into the sentence; the owner is the end of it.
  if (!isOwnerPhrase(owner, context) && !PRONOUN_OWNERS.test(owner.trim())) {
    const tokens = owner.trim().split(/\s+/);
    for (let i = 1; i < tokens.length; i++) {
      const tail = tokens.slice(i).join(" ");
      const isHeadingBefore = tokens.slice(0, i).every((t) => /^[A-Z0-9(]/.test(t) || /^(of|and|&)$/.test(t));
      // "before making a decision the Clerk to obtain ...": a role after the clause that leads in.
      const isRoleAfterClause =
        /^the\s+\S+(?:\s+\S+){0,2}$/i.test(tail) &&
        ROLE_TAIL.test(tail) &&
        /,|\b(before|after|once|when|if|then|and)\b/i.test(tokens.slice(0, i).join(" "));
      if (
        (isHeadingBefore || isRoleAfterClause) &&
        /^(cllrs?|councillors?|dr|mr|mrs|ms|the|[A-Z]{2,5})\b/i.test(tail) &&
        isOwnerPhrase(tail, context, { strict: true })
      ) {
        owner = tail;
        break;
      }
    }
  }
  if (NOT_VERBS.test(rest) || !/^[a-z]/.test(rest)) return undefined;
  if (!isMarked && /^(will|shall|would)$/.test(modal) && (DESCRIBES.test(rest) || STANDING.test(rest)))
    return undefined;
  const isPronoun = PRONOUN_OWNERS.test(owner.trim());
  // Who first: reading dates is the costly part, so only a sentence that assigns work has it done.
  if (isPronoun) {
    if (/^(to|should|must|would)$/.test(modal)) return undefined;
    // "We agreed to ..." in a report recounts another meeting; whose action it is, the text does not say.
    if (!isMarked && /^we$/i.test(owner.trim())) return undefined;
  } else if (!isResolved) {
    // A reply's "The Gardai would ..." names a body the model cannot check; the reply says they answered.
    const strict = !isMarked && modal !== "to" && !(modal === "would" && options.isReportedReply);
    // A first name alone ("Travis to ...", "Luke will ..."): the language model says whether it is one.
    if (
      !isOwnerPhrase(owner, context, { strict }) &&
      namedSubject(stripped) !== owner.trim() &&
      !(isMarked && isChatHandle(owner, rest))
    )
      return undefined;
  }
  const isCommitted = isMarked || options.isResolution === true;
  // Where the minutes report what someone said (a reply, "he", "X told that ..."), "The Gardai would
  // address ..." is what was promised, when a verb of doing follows and nothing conditional; "would"
  // in plain narrative commits no one.
  const isReportedPromise =
    modal === "would" &&
    (options.isReportedReply === true || isResolved || isPersonOrRole(owner, context)) &&
    isPromisedDeed(rest);
  if (modal === "would" && !isCommitted && !isReportedPromise) return undefined;
  const due = findDue(withoutAside(rest), context);
  if (isPronoun && !isMarked && !due && !/agreed|undert/.test(modal)) return undefined;
  if (!isCommitted && !isReportedPromise && NEEDS_DUE.test(modal) && !(due && (due.due || due.isNextMeeting)))
    return undefined;
  const owners = isPronoun
    ? /^i$/i.test(owner.trim())
      ? options.firstPerson
        ? [options.firstPerson]
        : context.author
          ? [context.author]
          : []
      : /^we$/i.test(owner.trim())
        ? []
        : context.principals
    : splitOwners(owner);
  return { owners, text: cleanActionText(rest, due), due, owner };
}

/** What follows "would" is a deed promised: a verb of doing, not a hedge ("would like") or a condition ("if ..."). */
function isPromisedDeed(rest: string): boolean {
  return (
    !HEDGED.test(rest) &&
    !/\bif\b/i.test(rest.split(/[,;]/)[0] ?? "") &&
    tagWords(`They would ${firstWords(rest, 4)}`)[2]?.pos === "VERB"
  );
}

/** "The Clerk", "Cllr Reeve", "PC Jackson", "JB", "Mr Kevin More": someone, not a body or a thing. */
function isPersonOrRole(owner: string, context: ActionContext): boolean {
  const text = owner.trim();
  if (!isOwnerPhrase(text, context, { strict: true })) return false;
  return (
    /^(?:the\s+)?(?:clerk|chair(?:man|person|woman)?|vice[- ]chair(?:man)?|secretary|treasurer|(?:parish |county |borough )?council+or)$/i.test(
      text,
    ) ||
    /^(?:cllrs?|councillors?|dr|mr|mrs|ms|miss|prof|rev|pc|pcso|sgt|insp|supt)\.?\s+[A-Z]/i.test(text) ||
    /^[A-Z]{2,4}$/.test(text) ||
    isKnownName(text, context)
  );
}

/** "ACTION: mdz to send ...": a chat nickname, one lowercase word no dictionary knows as anything but a noun. */
function isChatHandle(owner: string, rest: string): boolean {
  const word = owner.trim();
  if (
    !/^[a-z][a-z0-9_.-]{1,24}$/.test(word) ||
    /^(?:tbd|tba|tbc|todo|someone|somebody|nobody|need|needs|plan|plans|work|decision|agreed|action|item|issue|task)$/.test(
      word,
    )
  )
    return false;
  const tags = tagWords(`${word} to ${firstWords(rest, 2)}`);
  return tags[0]?.pos === "NOUN" && tags[2]?.pos === "VERB";
}

/** "X to do Y", "X will do Y by Z", "They agreed to ...", "X ..., and agreed to ...", "X said it would be done by Z". */
export function readAssignment(
  sentence: string,
  context: ActionContext,
  givenOptions: AssignmentOptions,
): Assignment | undefined {
  // "It was resolved that JB and NL would meet ...": what was resolved assigns, as under a RESOLVED heading.
  const options = RESOLVED_THAT.test(sentence) ? { ...givenOptions, isResolution: true } : givenOptions;
  // "Okay, I'll create a draft": fillers and contractions as they are spoken.
  let stripped = stripLeadIns(
    sentence
      .replace(/^\s*(?:ok(?:ay)?|yes|sure|right|well)\s*,\s*/i, "")
      .replace(/\b(I|we|he|she|they)['’]ll\b/g, "$1 will"),
  ).replace(/^[-*•]\s*/, "");
  // "Will send an email" in a speaker's notes: "I" left out.
  if (options.firstPerson && /^will\s+[a-z]/i.test(stripped))
    stripped = `I ${stripped.charAt(0).toLowerCase()}${stripped.slice(1)}`;
  const direct = readAssignmentOnce(stripped, context, options);
  if (direct) return direct;
  // "Overgrown hedge on Mill Road: Clerk to write to the landowner": the topic, then the assignment.
  const topic = /^[^:]{3,80}:\s+(?=[A-Z@])/.exec(stripped);
  if (topic) {
    const afterTopic = readAssignmentOnce(stripped.slice(topic[0].length), context, options);
    if (afterTopic) return afterTopic;
  }
  // "He said he would ...": he is the person the paragraph is about.
  const opening = openingSubject(stripped);
  const subject =
    opening && !/^(he|she)$/i.test(opening)
      ? opening
      : /^(he|she)\b/i.test(stripped)
        ? options.previousOwner
        : undefined;
  if (!subject || !isOwnerPhrase(subject, context)) return undefined;
  const coordinated = COORDINATED.exec(stripped);
  if (coordinated) {
    const due = findDue(coordinated[2]!, context);
    // "... has not yet completed the module and agreed to do so": the work is in the first half.
    const isProForm = /^do (so|this|that|it)\b/i.test(coordinated[2]!);
    const work = isProForm
      ? stripped
          .slice(subject.length)
          .replace(
            /\s*(?:,\s*)?(?:and|but|then)\s+(?:also\s+)?(?:agreed|undertook|offered|committed|promised|volunteered) to do (?:so|this|that|it)\b/i,
            "",
          )
      : coordinated[2]!;
    // "... notes this and will consider it": no work named.
    const isEmpty = /^(?:consider|note|discuss|review|look at|think about)\s+(?:it|this|that|them)\b/i.test(
      coordinated[2]!,
    );
    if (/^[a-z]/.test(coordinated[2]!) && !NOT_VERBS.test(coordinated[2]!) && !isEmpty)
      return { owners: splitOwners(subject), text: cleanActionText(work.trim(), due), due, owner: subject };
  }
  // "AY promised a number of raffle books": something promised is something to provide.
  const promised =
    /^\s*(?:promised|offered|pledged)\s+(?:to\s+provide\s+)?(?<thing>(?:a|an|the|some|\d+|two|three|four|five|several)\s+.{3,80})$/i.exec(
      stripped.slice(subject.length),
    );
  if (
    promised?.groups &&
    !/^(?:a|an|the|some)\s+(?:view|opinion|comment|suggestion|thanks|vote of thanks|apology|apologies|condolences|welcome|congratulations)\b/i.test(
      promised.groups.thing!,
    )
  ) {
    const due = findDue(promised.groups.thing!, context);
    return {
      owners: splitOwners(subject),
      text: cleanActionText(`Provide ${promised.groups.thing}`, due),
      due,
      owner: subject,
    };
  }
  const said = SAID_WOULD.exec(stripped);
  if (said && !/\b(could not|cannot|can't|unable|look into|consider|try)\b/i.test(said[0])) {
    const due = findDue(said[1]!, context);
    // "said the response would be published by 22 December": keep what would be done to what.
    const clause = said[0].replace(/^\S+\s+(?:that\s+)?/, "");
    const text = cleanActionText(/^(he|she|they|it)\s/i.test(clause) ? said[1]! : clause, due);
    if (due && (due.due || due.isNextMeeting)) return { owners: splitOwners(subject), text, due, owner: subject };
    // "SG said he would comment on the GitHub issues": a person's own promise needs no date.
    if (
      /^(?:he|she|they|I)\s+(?:would|will)\s/i.test(clause) &&
      isPersonOrRole(subject, context) &&
      isPromisedDeed(said[1]!)
    )
      return { owners: splitOwners(subject), text, due, owner: subject };
  }
  return undefined;
}
