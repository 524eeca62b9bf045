// The "New action" / "Edit action" modal. Block and action ids are the contract
// with the submission listener, which reads the values back by them.
import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import { truncate } from "../blocks";

export const ACTION_MODAL = {
  callbackId: "action.modal",
  text: "text",
  ownerUsers: "owner_users",
  ownerBodies: "owner_bodies",
  dueDate: "due_date",
  duePhrase: "due_phrase",
  board: "board",
  meeting: "meeting",
  /** Every input block's single element uses this action id. */
  value: "value",
  /** Characters each text field takes (Slack enforces them in the form; the listener again). */
  maxLength: { text: 1000, ownerBodies: 500, duePhrase: 200 },
} as const;

export interface ActionModalMetadata {
  mode: "new" | "edit";
  /** Where to answer: the channel the command or shortcut came from. */
  channelId?: string;
  /** The message the action was logged from (Log as action). */
  sourceChannelId?: string;
  sourceMessageTs?: string;
  actionId?: string;
  version?: number;
}

export interface ActionModalOptions {
  metadata: ActionModalMetadata;
  boards: ReadonlyArray<{ id: string; code: string; name: string }>;
  meetings: ReadonlyArray<{ id: string; label: string }>;
  initial: {
    text?: string;
    ownerUserIds?: string[];
    ownerBodies?: string[];
    /** YYYY-MM-DD for the date picker. */
    dueDate?: string;
    duePhrase?: string;
    boardId?: string;
    meetingId?: string;
  };
}

function option(text: string, value: string): PlainTextOption {
  return { text: { type: "plain_text", text: truncate(text, 75), emoji: false }, value };
}

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  options: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: options.optional ?? false,
    label: { type: "plain_text", text: label, emoji: false },
    element: { action_id: ACTION_MODAL.value, ...element },
    ...(options.hint ? { hint: { type: "plain_text", text: options.hint, emoji: false } } : {}),
  } as KnownBlock;
}

export function actionModalView({ metadata, boards, meetings, initial }: ActionModalOptions): ModalView {
  const boardOptions = boards.slice(0, 100).map((b) => option(`${b.code} · ${b.name}`, b.id));
  const meetingOptions = meetings.slice(0, 100).map((m) => option(m.label, m.id));
  const initialOption = (options: Option[], value: string | undefined) => {
    const found = value ? options.find((o) => "value" in o && o.value === value) : undefined;
    return found ? { initial_option: found } : {};
  };
  const blocks: KnownBlock[] = [
    input(ACTION_MODAL.text, "Action", {
      type: "plain_text_input",
      multiline: true,
      max_length: ACTION_MODAL.maxLength.text,
      ...(initial.text ? { initial_value: truncate(initial.text, ACTION_MODAL.maxLength.text) } : {}),
      placeholder: { type: "plain_text", text: "Draft the CONTEST terms of reference" },
    }),
    input(
      ACTION_MODAL.ownerUsers,
      "Owners in Slack",
      { type: "multi_users_select", ...(initial.ownerUserIds?.length ? { initial_users: initial.ownerUserIds } : {}) },
      { optional: true },
    ),
    input(
      ACTION_MODAL.ownerBodies,
      "Owners outside Slack",
      {
        type: "plain_text_input",
        max_length: ACTION_MODAL.maxLength.ownerBodies,
        ...(initial.ownerBodies?.length ? { initial_value: initial.ownerBodies.join(", ") } : {}),
        placeholder: { type: "plain_text", text: "London Councils, MOPAC" },
      },
      { optional: true, hint: "Organisations or people named in the minutes, separated by commas." },
    ),
    input(
      ACTION_MODAL.dueDate,
      "Due date",
      { type: "datepicker", ...(initial.dueDate ? { initial_date: initial.dueDate } : {}) },
      { optional: true },
    ),
    input(
      ACTION_MODAL.duePhrase,
      "…or due, in words",
      {
        type: "plain_text_input",
        max_length: ACTION_MODAL.maxLength.duePhrase,
        ...(initial.duePhrase ? { initial_value: initial.duePhrase } : {}),
        placeholder: { type: "plain_text", text: "end of June, May or June 2015, by the next meeting" },
      },
      { optional: true, hint: "Used when no date is picked above." },
    ),
  ];
  if (boardOptions.length > 0) {
    blocks.push(
      input(
        ACTION_MODAL.board,
        "Board",
        { type: "static_select", options: boardOptions, ...initialOption(boardOptions, initial.boardId) },
        { optional: true },
      ),
    );
  }
  if (meetingOptions.length > 0) {
    blocks.push(
      input(
        ACTION_MODAL.meeting,
        "Agreed at",
        { type: "static_select", options: meetingOptions, ...initialOption(meetingOptions, initial.meetingId) },
        { optional: true },
      ),
    );
  }
  const isEdit = metadata.mode === "edit";
  return {
    type: "modal",
    callback_id: ACTION_MODAL.callbackId,
    title: { type: "plain_text", text: isEdit ? "Edit action" : "New action" },
    submit: { type: "plain_text", text: isEdit ? "Save" : "Log action" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
