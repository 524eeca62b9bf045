// What a reviewed import keeps (the choices the confirm writes) and what the secretary
// changed on the way (recorded in the import's history). Pure.
import type { OwnerInput } from "../../actions/action-record";
import type { ActionChoice, ImportChoices } from "../confirm-import";
import { ownerLabel, type DraftAction, type ReviewDraft } from "./review-draft";

export type ImportChange =
  | { kind: "text_edited"; line: number | null; before: string; after: string }
  | { kind: "action_added"; text: string; owners: string[]; due: string }
  | { kind: "action_removed"; line: number | null; text: string }
  | { kind: "owners_changed"; line: number | null; text: string; before: string[]; after: string[] }
  | { kind: "due_changed"; line: number | null; text: string; before: string; after: string };

/** Each change the secretary made to what was found, in the order of the actions. */
export function changesOf(draft: ReviewDraft): ImportChange[] {
  const changes: ImportChange[] = [];
  for (const action of draft.actions) {
    const owners = action.owners.map(ownerLabel);
    const proposed = draft.proposed[action.key];
    if (!proposed) {
      if (!action.isRemoved) changes.push({ kind: "action_added", text: action.text, owners, due: action.due.text });
      continue;
    }
    if (action.isRemoved) {
      changes.push({ kind: "action_removed", line: action.line, text: proposed.text });
      continue;
    }
    if (action.text !== proposed.text)
      changes.push({ kind: "text_edited", line: action.line, before: proposed.text, after: action.text });
    if (owners.join("\u0000") !== proposed.owners.join("\u0000"))
      changes.push({
        kind: "owners_changed",
        line: action.line,
        text: action.text,
        before: proposed.owners,
        after: owners,
      });
    if (action.due.text.trim() !== proposed.due.trim())
      changes.push({
        kind: "due_changed",
        line: action.line,
        text: action.text,
        before: proposed.due,
        after: action.due.text,
      });
  }
  return changes;
}

function ownersOf(action: DraftAction): OwnerInput[] {
  return action.owners.map((o) => (o.slackUserId ? { slackUserId: o.slackUserId } : { bodyName: o.name }));
}

export function choicesOf(draft: ReviewDraft): ImportChoices {
  return {
    meetingDate: draft.meetingDate,
    isNextMeetingIncluded: draft.isNextMeetingIncluded,
    nextMeetingChoice: draft.conflict
      ? { kept: draft.nextMeetingChoice ?? "document", calendarMeetingId: draft.conflict.calendarMeetingId }
      : null,
    actions: draft.actions
      .filter((a) => !a.isRemoved)
      .map((a): ActionChoice => ({
        index: a.index,
        text: a.text,
        owners: ownersOf(a),
        due: a.due.isNextMeeting
          ? { kind: "next_meeting", text: a.due.phrase }
          : a.due.day
            ? { kind: "day", day: a.due.day, precision: a.due.precision ?? "day", text: a.due.phrase }
            : null,
      })),
  };
}
