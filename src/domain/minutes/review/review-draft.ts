// The review of an import as the secretary has it so far: each action's text, owners
// and due date (edited, added, removed), the meeting's date and the next meeting. Kept
// on the import row between the review form's pages; pure functions only.
import { DateTime } from "luxon";
import { formatDay, type DuePrecision } from "../../../dates";
import type { MinutesExtraction } from "../../../minutes/types";
import type { ProposedOwner } from "./propose-owners";

export interface DraftOwner {
  /** Who it is as the review shows it: "Paul Rogers", "London Councils", or the person's handle. */
  name: string;
  slackUserId: string | null;
  /** The person's handle in Slack, when matched ("jo"). */
  handle: string | null;
  /** As the minutes wrote it ("PR"); null for an owner the secretary added. */
  written: string | null;
}

export interface DraftDue {
  /** The phrase shown in the form ("by the end of January 2027"); "" for no date. */
  text: string;
  /** YYYY-MM-DD, or null (no date, or due at the next meeting). */
  day: string | null;
  precision: DuePrecision | null;
  isNextMeeting: boolean;
  /** The phrase kept beside the date (as the minutes or the secretary wrote it); null for a bare date. */
  phrase: string | null;
}

export interface DraftAction {
  /** Stable across pages: "f3" for the fourth action found, "a1" for the first added. */
  key: string;
  /** The extracted action it is, or null when the secretary added it. */
  index: number | null;
  line: number | null;
  text: string;
  owners: DraftOwner[];
  due: DraftDue;
  isRemoved: boolean;
}

/** A meeting already on the board's calendar, after this one, on another day than the minutes give. */
export interface NextMeetingConflict {
  documentDay: string;
  calendarMeetingId: string;
  calendarDay: string;
}

export interface ReviewDraft {
  version: 1;
  /** When the minutes do not say (YYYY-MM-DD), as picked. */
  meetingDate: string | null;
  isNextMeetingIncluded: boolean;
  conflict: NextMeetingConflict | null;
  /** Which date is right when there is a conflict; null until answered. */
  nextMeetingChoice: "document" | "calendar" | null;
  actions: DraftAction[];
  /** The actions as first proposed (by key), to record what the secretary changed. */
  proposed: Record<string, { text: string; owners: string[]; due: string }>;
}

/** Fifteen actions of five inputs each stay well inside Slack's 100 blocks a view. */
export const ACTIONS_PER_PAGE = 15;

export function dueTextOf(action: MinutesExtraction["actions"][number], timeZone: string): string {
  if (action.dueText) return action.dueText;
  return action.due ? formatDay(DateTime.fromISO(action.due, { zone: timeZone }).toJSDate(), timeZone) : "";
}

/** An owner as the history records it: a person as <@U…>, anyone else by name. */
export function ownerLabel(owner: Pick<DraftOwner, "name" | "slackUserId">): string {
  return owner.slackUserId ? `<@${owner.slackUserId}>` : owner.name;
}

export function buildReviewDraft(
  extraction: MinutesExtraction,
  { owners, timeZone, conflict }: { owners: ProposedOwner[][]; timeZone: string; conflict: NextMeetingConflict | null },
): ReviewDraft {
  const actions = extraction.actions.map((action, index): DraftAction => ({
    key: `f${index}`,
    index,
    line: action.line,
    text: action.text,
    owners: (owners[index] ?? []).map((o) => ({
      name: o.name,
      slackUserId: o.slackUserId,
      handle: o.handle,
      written: o.written,
    })),
    due: {
      text: dueTextOf(action, timeZone),
      day: action.isDueAtNextMeeting ? null : action.due,
      precision: action.due && !action.isDueAtNextMeeting ? "day" : null,
      isNextMeeting: action.isDueAtNextMeeting,
      phrase: action.dueText,
    },
    isRemoved: false,
  }));
  return {
    version: 1,
    meetingDate: null,
    isNextMeetingIncluded: extraction.nextMeeting !== null,
    conflict,
    nextMeetingChoice: null,
    actions,
    proposed: Object.fromEntries(
      actions.map((a) => [a.key, { text: a.text, owners: a.owners.map(ownerLabel), due: a.due.text }]),
    ),
  };
}

export function pageCount(draft: ReviewDraft): number {
  return Math.max(1, Math.ceil(draft.actions.length / ACTIONS_PER_PAGE));
}

export function actionsOnPage(draft: ReviewDraft, page: number): DraftAction[] {
  return draft.actions.slice(page * ACTIONS_PER_PAGE, (page + 1) * ACTIONS_PER_PAGE);
}
