import type { KnownBlock, ModalView } from "@slack/types";
import type { ActionRecord } from "../../../domain/actions/action-record";
import { context, section } from "../blocks";
import { dueLong, escapeText } from "../actions/describe-action";

export const POST_UPDATE = {
  callbackId: "reminder.post_update_form",
  note: "update_note",
  value: "value",
  maxLength: 300,
} as const;

export interface PostUpdateMetadata {
  /** The matters-arising reminder whose message shows the update. */
  reminderId: string;
  actionId: string;
}

/** "Post update": one line from an owner, shown in the list before the meeting. */
export function postUpdateModal(action: ActionRecord, timeZone: string, metadata: PostUpdateMetadata): ModalView {
  const input = {
    type: "input",
    block_id: POST_UPDATE.note,
    label: { type: "plain_text", text: "Your update, in one line" },
    element: {
      type: "plain_text_input",
      action_id: POST_UPDATE.value,
      max_length: POST_UPDATE.maxLength,
      placeholder: { type: "plain_text", text: "First draft shared with partners; final version by Friday" },
    },
  } as KnownBlock;
  return {
    type: "modal",
    callback_id: POST_UPDATE.callbackId,
    title: { type: "plain_text", text: "Post update" },
    submit: { type: "plain_text", text: "Post" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`*${action.reference}* · ${escapeText(action.text)}\nDue ${escapeText(dueLong(action, timeZone))}`),
      input,
      context("It goes in the action's history and shows in the matters-arising list for the meeting."),
    ],
  };
}
