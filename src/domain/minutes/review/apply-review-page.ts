// One page of the review form, as submitted, applied to the draft: every field checked
// first (an empty text, a date that cannot be read), and either the new draft or the
// problems, field by field, with nothing applied. Pure.
import { DUE_PHRASE_EXAMPLES, isoDayOf, parseDuePhrase } from "../../../dates";
import { splitOwnerNames } from "./names";
import {
  actionsOnPage,
  pageCount,
  type DraftAction,
  type DraftDue,
  type DraftOwner,
  type ReviewDraft,
} from "./review-draft";

export interface ActionInput {
  text: string;
  /** People picked in the users select (the match, changed or not). */
  slackUserIds: string[];
  /** Owners outside Slack, as typed ("London Councils, MOPAC"). */
  named: string;
  due: string;
}

export interface PageInput {
  page: number;
  meetingDate?: string | null;
  isNextMeetingIncluded?: boolean;
  nextMeetingChoice?: "document" | "calendar" | null;
  actions: Record<string, ActionInput & { isRemoved: boolean }>;
  /** The "add an action" fields of the last page, when anything was written there. */
  added: (ActionInput & { isAnotherWanted: boolean }) | null;
}

export type FieldName = "text" | "due" | "named" | "meetingDate" | "nextMeetingChoice";
/** A problem with one field: an action's (by key, or "new" for the one being added) or the form's. */
export interface FieldProblem {
  action: string | null;
  field: FieldName;
  message: string;
}

export type PageOutcome =
  { ok: true; draft: ReviewDraft; isAnotherWanted: boolean } | { ok: false; problems: FieldProblem[] };

export const MAX_ACTION_CHARACTERS = 1000;
const EXAMPLES = DUE_PHRASE_EXAMPLES.map((e) => `"${e}"`).join(", ");

function readDue(
  written: string,
  before: DraftDue | null,
  context: { now: Date; timeZone: string },
): DraftDue | string {
  const text = written.trim();
  if (before && text === before.text.trim()) return before;
  if (text === "") return { text: "", day: null, precision: null, isNextMeeting: false, phrase: null };
  const parsed = parseDuePhrase(text, context);
  if (!parsed.ok) return `I couldn't read "${text}" as a date: ${parsed.reason} Try: ${EXAMPLES}.`;
  if (parsed.due.kind === "next_meeting")
    return { text, day: null, precision: null, isNextMeeting: true, phrase: text };
  return {
    text,
    day: isoDayOf(parsed.due.dueAt, context.timeZone),
    precision: parsed.due.precision,
    isNextMeeting: false,
    phrase: text,
  };
}

/**
 * The owners after the form: a matched person still picked stays; one cleared from the
 * select goes back to the name the minutes gave ("clearing keeps the named owner");
 * people newly picked are added; names outside Slack are as typed.
 */
function readOwners(before: readonly DraftOwner[], input: ActionInput): DraftOwner[] {
  const picked = new Set(input.slackUserIds);
  const named = new Map(splitOwnerNames(input.named).map((n) => [n.toLowerCase(), n]));
  const owners: DraftOwner[] = [];
  const has = (o: DraftOwner) =>
    owners.some((x) =>
      o.slackUserId ? x.slackUserId === o.slackUserId : !x.slackUserId && x.name.toLowerCase() === o.name.toLowerCase(),
    );
  const add = (o: DraftOwner) => !has(o) && owners.push(o);
  // Owners keep their places: a person still picked, a name still written, a person cleared back to their name.
  for (const owner of before) {
    if (owner.slackUserId && picked.has(owner.slackUserId)) add(owner);
    else if (owner.slackUserId && owner.written) add({ ...owner, slackUserId: null, handle: null });
    else if (!owner.slackUserId && named.has(owner.name.toLowerCase())) add(owner);
  }
  for (const id of input.slackUserIds) add({ name: id, slackUserId: id, handle: null, written: null });
  for (const name of named.values()) add({ name, slackUserId: null, handle: null, written: null });
  return owners;
}

function readText(text: string, key: string, problems: FieldProblem[]): string {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (trimmed.length > MAX_ACTION_CHARACTERS)
    problems.push({
      action: key,
      field: "text",
      message: `An action is at most ${MAX_ACTION_CHARACTERS} characters; this one is ${trimmed.length}. Shorten it.`,
    });
  return trimmed;
}

export function applyReviewPage(
  draft: ReviewDraft,
  input: PageInput,
  context: { now: Date; timeZone: string },
): PageOutcome {
  const problems: FieldProblem[] = [];
  if (input.page < 0 || input.page >= pageCount(draft))
    return {
      ok: false,
      problems: [
        {
          action: null,
          field: "text",
          message: "This page of the review is out of date: close the form and press Review again.",
        },
      ],
    };
  const actions = new Map(draft.actions.map((a) => [a.key, a]));
  for (const action of actionsOnPage(draft, input.page)) {
    const given = input.actions[action.key];
    if (!given) continue;
    const text = readText(given.text, action.key, problems);
    if (!text && !given.isRemoved)
      problems.push({
        action: action.key,
        field: "text",
        message: "An action needs its text: write what is to be done, or tick Remove this action.",
      });
    const due = readDue(given.due, action.due, context);
    if (typeof due === "string") problems.push({ action: action.key, field: "due", message: due });
    else
      actions.set(action.key, {
        ...action,
        text: text || action.text,
        owners: readOwners(action.owners, given),
        due,
        isRemoved: given.isRemoved,
      });
  }
  let added: DraftAction | null = null;
  if (input.added) {
    const text = readText(input.added.text, "new", problems);
    const due = readDue(input.added.due, null, context);
    if (!text)
      problems.push({
        action: "new",
        field: "text",
        message: "Write the new action's text, or clear its owners and date to add nothing.",
      });
    if (typeof due === "string") problems.push({ action: "new", field: "due", message: due });
    else if (text) {
      const number = draft.actions.filter((a) => a.index === null).length + 1;
      added = {
        key: `a${number}`,
        index: null,
        line: null,
        text,
        owners: readOwners([], input.added),
        due,
        isRemoved: false,
      };
    }
  }
  const isConflictUnanswered =
    draft.conflict &&
    input.nextMeetingChoice === null &&
    input.page === 0 &&
    (input.isNextMeetingIncluded ?? draft.isNextMeetingIncluded);
  if (isConflictUnanswered)
    problems.push({
      action: null,
      field: "nextMeetingChoice",
      message: "Say which date is right: the one in the minutes or the one on the calendar.",
    });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    isAnotherWanted: Boolean(input.added?.isAnotherWanted),
    draft: {
      ...draft,
      ...(input.meetingDate !== undefined ? { meetingDate: input.meetingDate } : {}),
      ...(input.isNextMeetingIncluded !== undefined ? { isNextMeetingIncluded: input.isNextMeetingIncluded } : {}),
      ...(input.nextMeetingChoice !== undefined ? { nextMeetingChoice: input.nextMeetingChoice } : {}),
      actions: [...draft.actions.map((a) => actions.get(a.key)!), ...(added ? [added] : [])],
    },
  };
}
