// What the board's secretary (or chair) is told when a reminder cannot be delivered:
// who was not reminded of what, why, and what they can do. A DM, once per person and
// board a day; the fallback text alone makes sense in a notification.
import { actions, context, message, section, truncate, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button } from "../actions/buttons";
import { escapeText } from "../actions/describe-action";

export interface UndeliveredReminder {
  /** "<@U…>" or "<#C…>": who was not reached. */
  recipient: string;
  recipientKind: "user" | "channel";
  /** The action it was about; undefined for a board's channel post (papers call, digest). */
  action?: { id: string; reference: string; text: string };
  /** For a channel post: what it was, "the call for papers for LCRB on Tue 9 Jun 2015". */
  what?: string;
  /** Why, in people's words: "their Slack account is deactivated". */
  reason: string;
  /** What to do: "Reassign the action or tell them another way." */
  next: string;
}

const ACTION_TEXT_MAX = 120;

export function undeliveredReminderMessage(input: UndeliveredReminder): MessageView {
  const actionText = input.action ? truncate(input.action.text, ACTION_TEXT_MAX) : "";
  const about = input.action ? `${input.action.reference} (${actionText})` : (input.what ?? "a reminder");
  const headline = input.action ? `Reminder not delivered · ${input.action.reference}` : "Reminder not delivered";
  const said =
    input.recipientKind === "user" || input.action
      ? `I couldn't remind ${input.recipient} about ${about}: ${input.reason}.`
      : `I couldn't post ${about} in ${input.recipient}: ${input.reason}.`;
  // The fallback text is plain; the blocks escape what people wrote (the action's text).
  const saidEscaped =
    input.recipientKind === "user" || input.action
      ? `I couldn't remind ${input.recipient} about ${input.action ? `*${input.action.reference}* (${escapeText(actionText)})` : escapeText(about)}: ${input.reason}.`
      : `I couldn't post ${escapeText(about)} in ${input.recipient}: ${input.reason}.`;
  return message(`${said} ${input.next}`, [
    section(`*${escapeText(headline)}*\n${saidEscaped}`),
    context(escapeText(input.next)),
    ...(input.action ? [actions([button("Open", ACTION_BUTTONS.open, input.action.id)])] : []),
  ]);
}
