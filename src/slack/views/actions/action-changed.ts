import type { ActionRecord } from "../../../domain/actions/action-record";
import { actions, context, message, section, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button, undoValue } from "./buttons";
import { dueLong, escapeText, ownersText } from "./describe-action";

/** What a change did, in words, and what happens next. */
export function changeSentence(eventType: string, action: ActionRecord, byUserId: string, timeZone: string): string {
  const by = `<@${byUserId}>`;
  switch (eventType) {
    case "done":
      return `${action.reference} marked done by ${by}.`;
    case "dropped":
      return `${action.reference} dropped by ${by}.`;
    case "reopened":
      return `${action.reference} reopened by ${by}; it is open again.`;
    case "note":
      return `Update recorded on ${action.reference}.`;
    case "due_changed":
      return `${action.reference} is now due ${dueLong(action, timeZone)}.`;
    case "assigned":
      return `${action.reference} now belongs to ${ownersText(action)}.`;
    case "updated":
      return `${action.reference} saved: due ${dueLong(action, timeZone)}, owners ${ownersText(action)}.`;
    case "withdrawn":
      return `${action.reference} withdrawn: it will not be listed or reminded.`;
    default:
      return `${action.reference} changed.`;
  }
}

/** The reply after a change, with Undo where undoing makes sense. */
export function actionChangedView(
  eventType: string,
  action: ActionRecord,
  byUserId: string,
  timeZone: string,
): MessageView {
  const sentence = changeSentence(eventType, action, byUserId, timeZone);
  const canUndo = eventType === "done" || eventType === "dropped";
  return message(`${sentence} ${action.text}`, [
    section(`${sentence}\n${escapeText(action.text)}`),
    ...(canUndo ? [actions([button("Undo", ACTION_BUTTONS.undo, undoValue(action.id, action.version))])] : []),
    context(`\`/action show ${action.reference}\` shows its history.`),
  ]);
}
