import type { KnownBlock, ModalView } from "@slack/types";
import type { ActionRecord } from "../../../domain/actions/action-record";
import { actions, context, message, section, type MessageView } from "../blocks";
import { button } from "../actions/buttons";
import { dueLong, escapeText, ownersText } from "../actions/describe-action";

export const NEW_DATE = {
  callbackId: "reminder.new_date_form",
  date: "new_due_date",
  phrase: "new_due_phrase",
  reason: "reason",
  value: "value",
  approve: "extension.approve",
  decline: "extension.decline",
  maxLength: { phrase: 200, reason: 500 },
} as const;

export interface NewDateMetadata {
  actionId: string;
  /** The reminder message the form was opened from, answered when the form is saved. */
  channelId?: string;
}

/** "New date…": a date (or words), and why, for an owner to move their action. */
export function newDateModal(
  action: ActionRecord,
  timeZone: string,
  metadata: NewDateMetadata,
  needsApproval: boolean,
): ModalView {
  const field = (blockId: string, label: string, element: Record<string, unknown>, optional = true): KnownBlock =>
    ({
      type: "input",
      block_id: blockId,
      optional,
      label: { type: "plain_text", text: label },
      element: { action_id: NEW_DATE.value, ...element },
    }) as KnownBlock;
  return {
    type: "modal",
    callback_id: NEW_DATE.callbackId,
    title: { type: "plain_text", text: "New date" },
    submit: { type: "plain_text", text: needsApproval ? "Ask for it" : "Move it" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`*${action.reference}* · ${escapeText(action.text)}\nDue now: ${escapeText(dueLong(action, timeZone))}`),
      field(NEW_DATE.date, "New due date", { type: "datepicker" }),
      field(NEW_DATE.phrase, "…or in words", {
        type: "plain_text_input",
        max_length: NEW_DATE.maxLength.phrase,
        placeholder: { type: "plain_text", text: "end of January" },
      }),
      field(NEW_DATE.reason, "Why", {
        type: "plain_text_input",
        multiline: true,
        max_length: NEW_DATE.maxLength.reason,
      }),
      ...(needsApproval
        ? [context("This board's chair or secretary approves new dates; they will be asked now.")]
        : []),
    ],
  };
}

/** To the chair or secretary: an owner asks for more time. */
export function extensionRequestMessage(
  action: ActionRecord,
  requestId: string,
  requestedBy: string,
  newDue: string,
  reason: string | null,
  timeZone: string,
  approvers: readonly string[] = [],
): MessageView {
  return message(`New date asked for ${action.reference}: ${newDue} instead of ${dueLong(action, timeZone)}`, [
    section(`*New date asked for ${action.reference}*\n${escapeText(action.text)}`),
    context(
      `<@${requestedBy}> asks to move it from ${escapeText(dueLong(action, timeZone))} to ${escapeText(newDue)}` +
        `${reason ? `: "${escapeText(reason)}"` : ""} · owners ${ownersText(action)}` +
        `${approvers.length > 1 ? ` · asked of ${approvers.map((a) => `<@${a}>`).join(" and ")}: whoever answers first decides` : ""}`,
    ),
    actions([
      button("Approve", NEW_DATE.approve, requestId, "primary"),
      button("Decline", NEW_DATE.decline, requestId, "danger"),
    ]),
  ]);
}

export function decidedMessage(reference: string, said: string): MessageView {
  return message(`${reference}: ${said}`, [section(said)]);
}
