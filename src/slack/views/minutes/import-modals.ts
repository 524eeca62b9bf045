// The two forms of a minutes import: paste the text, then review what was found
// (each action with a checkbox, its owners and due date; the next meeting) before
// anything is saved.
import type { KnownBlock, ModalView } from "@slack/types";
import { DateTime } from "luxon";
import { formatDay } from "../../../dates";
import type { MinutesExtraction } from "../../../minutes/types";
import { context, section, truncate } from "../blocks";
import { escapeText } from "../actions/describe-action";

export const MINUTES_MODALS = {
  paste: "minutes.paste",
  preview: "minutes.preview",
  text: "minutes_text",
  meetingDate: "meeting_date",
  nextMeeting: "next_meeting",
  value: "value",
  include: "include",
  /** Slack's limit for a text input. */
  maxPasteCharacters: 3000,
  /** An action's owners outside Slack, in the review. */
  maxOwnersCharacters: 300,
  /** Four inputs an action, inside Slack's 100 blocks a view. */
  maxActionsShown: 22,
} as const;

export interface PasteMetadata {
  boardId: string;
  channelId?: string;
}

export interface PreviewMetadata {
  importId: string;
  channelId?: string;
}

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 2000) });
/** Option texts are capped at 75 characters. */
const plainOption = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 75) });

function input(blockId: string, label: string, element: Record<string, unknown>, optional = true): KnownBlock {
  return { type: "input", block_id: blockId, optional, label: plain(truncate(label, 2000)), element: { action_id: MINUTES_MODALS.value, ...element } } as KnownBlock;
}

export function pasteModal(board: { code: string; name: string }, metadata: PasteMetadata): ModalView {
  return {
    type: "modal",
    callback_id: MINUTES_MODALS.paste,
    title: plain("Import minutes"),
    submit: plain("Read them"),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`Minutes for *${escapeText(board.code)}* · ${escapeText(board.name)}. Nothing is saved until you have checked what was found.`),
      input(MINUTES_MODALS.text, "Minutes", { type: "plain_text_input", multiline: true, max_length: MINUTES_MODALS.maxPasteCharacters, placeholder: plain("Paste the minutes, from the title to the date of the next meeting") }, false),
      input(MINUTES_MODALS.meetingDate, "Meeting date, if the minutes do not give it", { type: "datepicker" }),
      context(`Longer than ${MINUTES_MODALS.maxPasteCharacters.toLocaleString("en-GB")} characters, or a Word or PDF file? Share the file in the board's channel and use the message shortcut *Import minutes*.`),
    ],
  };
}

/** Block ids of one action's inputs in the review form. */
export const actionBlock = (index: number, part: "include" | "owners" | "users" | "due") => `action_${index}_${part}`;

export function previewModal(extraction: MinutesExtraction, board: { code: string; timeZone: string }, metadata: PreviewMetadata): ModalView {
  const { meeting } = extraction;
  const day = meeting.date ? formatDay(DateTime.fromISO(meeting.date, { zone: board.timeZone }).toJSDate(), board.timeZone) : "date not given";
  const present = extraction.attendees.filter((a) => a.status === "present").length;
  const blocks: KnownBlock[] = [
    section(
      `*${escapeText(board.code)} · ${escapeText(day)}*${meeting.title ? ` · ${escapeText(meeting.title)}` : ""}\n` +
        `${present} present · ${extraction.items.length} items · ${extraction.decisions.length} decisions · ${extraction.actions.length} actions found`,
    ),
  ];
  if (!meeting.date) blocks.push(input(MINUTES_MODALS.meetingDate, "Meeting date (the minutes do not say)", { type: "datepicker" }, false));
  const shown = extraction.actions.slice(0, MINUTES_MODALS.maxActionsShown);
  shown.forEach((action, index) => {
    const option = { text: plain("Track this action"), value: MINUTES_MODALS.include };
    blocks.push(
      input(actionBlock(index, "include"), `${index + 1}. ${action.text}${action.dueText ? ` (due: "${action.dueText}")` : ""} · line ${action.line}`, { type: "checkboxes", options: [option], initial_options: [option] }),
      input(actionBlock(index, "owners"), "Owners outside Slack", { type: "plain_text_input", max_length: MINUTES_MODALS.maxOwnersCharacters, ...(action.owners.length ? { initial_value: action.owners.join(", ") } : {}) }),
      input(actionBlock(index, "users"), "Owners in Slack", { type: "multi_users_select", max_selected_items: 10 }),
      input(actionBlock(index, "due"), "Due", { type: "datepicker", ...(action.due ? { initial_date: action.due } : {}) }),
    );
  });
  if (extraction.actions.length > shown.length) blocks.push(context(`${extraction.actions.length - shown.length} more actions were found than fit here; log them with \`/action add\`.`));
  if (extraction.actions.length === 0) blocks.push(context("No actions were found. Add them afterwards with `/action add`."));
  const next = extraction.nextMeeting;
  if (next) {
    const option = { text: plainOption(`Schedule it: ${formatDay(DateTime.fromISO(next.date, { zone: board.timeZone }).toJSDate(), board.timeZone)}${next.time ? `, ${next.time}` : ""}${next.location ? `, ${next.location}` : ""}`), value: MINUTES_MODALS.include };
    blocks.push(input(MINUTES_MODALS.nextMeeting, "Next meeting", { type: "checkboxes", options: [option], initial_options: [option] }));
  } else {
    blocks.push(context("No next meeting was found in the minutes."));
  }
  return { type: "modal", callback_id: MINUTES_MODALS.preview, title: plain("Check the minutes"), submit: plain("Import"), close: plain("Cancel"), private_metadata: JSON.stringify(metadata), blocks };
}
