// The forms of a minutes import: paste the text, then review what was found (each
// action's text, owners and due date, editable; an action to add; the next meeting)
// before anything is saved. The review pages through pushed views, 15 actions a page.
import type { KnownBlock, ModalView } from "@slack/types";
import { DateTime } from "luxon";
import { formatDay } from "../../../dates";
import type { ReviewScreen } from "../../../domain/minutes/open-import-review";
import { MAX_ACTION_CHARACTERS } from "../../../domain/minutes/review/apply-review-page";
import {
  actionsOnPage,
  pageCount,
  ACTIONS_PER_PAGE,
  type DraftAction,
} from "../../../domain/minutes/review/review-draft";
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
  nextMeetingChoice: "next_meeting_choice",
  /**
   * Slack lets an app push two views onto a modal's first
   * (https://docs.slack.dev/reference/methods/views.push: "After a modal is opened, the
   * app is limited to pushing 2 additional views"); pages past the third replace the top one.
   */
  maxStackDepth: 3,
} as const;

export interface PasteMetadata {
  boardId: string;
  channelId?: string;
}

export interface PreviewMetadata {
  importId: string;
  channelId?: string;
  /** Which page of the review this view is (0 first), and how deep in the modal's stack. */
  page: number;
  depth: number;
}

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 2000) });
/** Option texts are capped at 75 characters. */
const plainOption = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 75) });

function input(blockId: string, label: string, element: Record<string, unknown>, optional = true): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional,
    label: plain(truncate(label, 2000)),
    element: { action_id: MINUTES_MODALS.value, ...element },
  } as KnownBlock;
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
      section(
        `Minutes for *${escapeText(board.code)}* · ${escapeText(board.name)}. Nothing is saved until you have checked what was found.`,
      ),
      input(
        MINUTES_MODALS.text,
        "Minutes",
        {
          type: "plain_text_input",
          multiline: true,
          max_length: MINUTES_MODALS.maxPasteCharacters,
          placeholder: plain("Paste the minutes, from the title to the date of the next meeting"),
        },
        false,
      ),
      input(MINUTES_MODALS.meetingDate, "Meeting date, if the minutes do not give it", { type: "datepicker" }),
      context(
        `Longer than ${MINUTES_MODALS.maxPasteCharacters.toLocaleString("en-GB")} characters, or a Word or PDF file? Share the file in the board's channel and use the message shortcut *Import minutes*.`,
      ),
    ],
  };
}

/** Block ids of an action's inputs in the review ("new" for the one being added). */
export const reviewBlock = (key: string, part: "text" | "people" | "named" | "due" | "remove" | "more") =>
  key === "new" ? `new_${part}` : `a_${key}_${part}`;

const dayWords = (day: string, timeZone: string) =>
  formatDay(DateTime.fromISO(day, { zone: timeZone }).toJSDate(), timeZone);

/** "PR (Paul Rogers) → @paul", for each owner the review matched to a person in Slack. */
function matchesText(action: DraftAction): string {
  return action.owners
    .filter((o) => o.slackUserId && o.written)
    .map((o) => `${o.written}${o.written !== o.name ? ` (${o.name})` : ""} → @${o.handle ?? o.name}`)
    .join(" · ");
}

function actionInputs(action: DraftAction, number: number): KnownBlock[] {
  const people = action.owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : []));
  const named = action.owners
    .filter((o) => !o.slackUserId)
    .map((o) => o.name)
    .join(", ");
  const matched = matchesText(action);
  const remove = { text: plain("Remove this action"), value: "remove" };
  const label = `${number}. ${action.index === null ? "Added action" : `Action · line ${action.line ?? "?"}`}`;
  return [
    input(reviewBlock(action.key, "text"), label, {
      type: "plain_text_input",
      multiline: true,
      max_length: MAX_ACTION_CHARACTERS,
      initial_value: truncate(action.text, MAX_ACTION_CHARACTERS),
    }),
    {
      ...input(reviewBlock(action.key, "people"), "Owners in Slack", {
        type: "multi_users_select",
        max_selected_items: 10,
        ...(people.length ? { initial_users: people } : {}),
      }),
      ...(matched ? { hint: plain(`Matched: ${matched}. Clear a person to keep the name as written.`) } : {}),
    } as KnownBlock,
    input(reviewBlock(action.key, "named"), "Owners outside Slack", {
      type: "plain_text_input",
      max_length: MINUTES_MODALS.maxOwnersCharacters,
      ...(named ? { initial_value: truncate(named, MINUTES_MODALS.maxOwnersCharacters) } : {}),
    }),
    input(reviewBlock(action.key, "due"), "Due", {
      type: "plain_text_input",
      max_length: 100,
      placeholder: plain('such as "end of June" or "by the next meeting"'),
      ...(action.due.text ? { initial_value: action.due.text } : {}),
    }),
    input(reviewBlock(action.key, "remove"), "Remove", {
      type: "checkboxes",
      options: [remove],
      ...(action.isRemoved ? { initial_options: [remove] } : {}),
    }),
  ];
}

function addSlot(): KnownBlock[] {
  const more = { text: plain("Add another action after this one"), value: "more" };
  return [
    section("*Add an action the minutes missed* (leave it empty to add none)"),
    input(reviewBlock("new", "text"), "New action", {
      type: "plain_text_input",
      multiline: true,
      max_length: MAX_ACTION_CHARACTERS,
    }),
    input(reviewBlock("new", "people"), "Its owners in Slack", { type: "multi_users_select", max_selected_items: 10 }),
    input(reviewBlock("new", "named"), "Its owners outside Slack", {
      type: "plain_text_input",
      max_length: MINUTES_MODALS.maxOwnersCharacters,
    }),
    input(reviewBlock("new", "due"), "Its due date", {
      type: "plain_text_input",
      max_length: 100,
      placeholder: plain('such as "by 12 November"'),
    }),
    input(reviewBlock("new", "more"), "More?", { type: "checkboxes", options: [more] }),
  ];
}

/** The meeting, the next meeting and, when the calendar disagrees with the minutes, which is right. */
function meetingInputs(screen: ReviewScreen): KnownBlock[] {
  const { extraction, draft, board } = screen;
  const blocks: KnownBlock[] = [];
  if (!extraction.meeting.date)
    blocks.push(
      input(
        MINUTES_MODALS.meetingDate,
        "Meeting date (the minutes do not say)",
        { type: "datepicker", ...(draft.meetingDate ? { initial_date: draft.meetingDate } : {}) },
        false,
      ),
    );
  const next = extraction.nextMeeting;
  if (!next) return [...blocks, context("No next meeting was found in the minutes.")];
  const option = {
    text: plainOption(
      `Schedule it: ${dayWords(next.date, board.timeZone)}${next.time ? `, ${next.time}` : ""}${next.location ? `, ${next.location}` : ""}`,
    ),
    value: MINUTES_MODALS.include,
  };
  blocks.push(
    input(MINUTES_MODALS.nextMeeting, "Next meeting", {
      type: "checkboxes",
      options: [option],
      ...(draft.isNextMeetingIncluded ? { initial_options: [option] } : {}),
    }),
  );
  const conflict = draft.conflict;
  if (conflict) {
    const minutes = dayWords(conflict.documentDay, board.timeZone);
    const calendar = dayWords(conflict.calendarDay, board.timeZone);
    const options = [
      { text: plainOption(`The minutes: ${minutes} (the calendar's meeting moves)`), value: "document" },
      { text: plainOption(`The calendar: ${calendar} (no meeting added)`), value: "calendar" },
    ];
    const chosen = options.find((o) => o.value === draft.nextMeetingChoice);
    blocks.push(
      section(
        `The minutes say the next meeting is on *${minutes}*, but ${escapeText(board.code)}'s calendar has it on *${calendar}*.`,
      ),
      input(
        MINUTES_MODALS.nextMeetingChoice,
        "Which date is right?",
        { type: "radio_buttons", options, ...(chosen ? { initial_option: chosen } : {}) },
        false,
      ),
    );
  }
  return blocks;
}

/** One page of the review: its actions, the meeting on the first page, an action to add on the last. */
export function reviewModal(screen: ReviewScreen, metadata: PreviewMetadata): ModalView {
  const { extraction, draft, board } = screen;
  const { meeting } = extraction;
  const pages = pageCount(draft);
  const page = Math.min(metadata.page, pages - 1);
  const isLast = page === pages - 1;
  const day = meeting.date ? dayWords(meeting.date, board.timeZone) : "date not given";
  const shown = actionsOnPage(draft, page);
  const first = page * ACTIONS_PER_PAGE + 1;
  const blocks: KnownBlock[] = [
    section(
      `*${escapeText(board.code)} · ${escapeText(day)}*${meeting.title ? ` · ${escapeText(meeting.title)}` : ""}\n` +
        `${extraction.present} present · ${extraction.items} items · ${extraction.decisions} decisions · ${extraction.found} actions found`,
    ),
  ];
  if (pages > 1)
    blocks.push(
      context(
        `Page ${page + 1} of ${pages}: actions ${first}–${first + shown.length - 1} of ${draft.actions.length}. ${isLast ? "Import saves everything you checked." : "Next keeps this page; Back returns to it."}`,
      ),
    );
  if (page === 0) blocks.push(...meetingInputs(screen));
  shown.forEach((action, i) => blocks.push(...actionInputs(action, first + i)));
  if (draft.actions.length === 0) blocks.push(context("No actions were found."));
  if (isLast) blocks.push(...addSlot());
  return {
    type: "modal",
    callback_id: MINUTES_MODALS.preview,
    title: plain(pages > 1 ? `Check the minutes ${page + 1}/${pages}` : "Check the minutes"),
    submit: plain(isLast ? "Import" : "Next"),
    close: plain(metadata.depth > 1 ? "Back" : "Cancel"),
    private_metadata: JSON.stringify({ ...metadata, page }),
    blocks,
  };
}
