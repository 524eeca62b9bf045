// Words for problems with actions, and with their reminders and new dates.
import { DUE_PHRASE_EXAMPLES } from "../../../dates";
import type { ActionProblem, ReminderProblem } from "../../../errors";
import { said, unreachable, type Words } from "./words";

const reopen = (reference: string) => `Reopen it first with \`/action reopen ${reference}\`.`;

export function actionWords(problem: ActionProblem): Words {
  switch (problem.code) {
    case "action_not_found":
      return said("That action no longer exists. Nothing was changed.");
    case "action_reference_unknown":
      return said(
        `There is no action ${problem.reference ?? `"${problem.written}"`} in this workspace.`,
        "References look like LCRB-12 (board code and number) or A-3; `/action list` shows yours.",
      );
    case "not_allowed_to_change":
      return said(
        `Only ${problem.reference}'s owners, the person who logged it${problem.boardCode ? `, the chair or secretary of #${problem.boardCode}` : ""} and workspace admins can change it. Nothing was changed.`,
      );
    case "not_allowed_to_post_update":
      return said(
        `Only ${problem.reference}'s owners, whoever logged it, the board's chair or secretary can post an update on it. Nothing was changed.`,
      );
    case "changed_since":
      return said(
        `${problem.reference} was changed by someone else while the form was open. Nothing was saved.`,
        "Open it again to see the latest.",
      );
    case "already_done":
      return said(`${problem.reference} is already done.`, `Reopen it with \`/action reopen ${problem.reference}\`.`);
    case "is_dropped":
      return said(`${problem.reference} was dropped, so it cannot be marked done.`, reopen(problem.reference));
    case "already_open":
      return said(`${problem.reference} is already open.`);
    case "not_open":
      return notOpenWords(problem);
    case "undo_stale":
      return said(
        `${problem.reference} has changed since, so this can no longer be undone. Nothing was changed.`,
        `\`/action show ${problem.reference}\` shows what happened.`,
      );
    case "undo_not_yours":
      return said(`Only the person who made the last change to ${problem.reference} can undo it. Nothing was changed.`);
    case "undo_unsupported":
      return said(`The last change to ${problem.reference} cannot be undone from here.`);
    case "list_gone":
      return said("That list is no longer there. Run `/action list` again.");
    case "board_not_listed":
      return said("Pick one of the boards listed, or none.");
    case "form_board_gone":
      return said(
        "The board chosen on the form is no longer there. Nothing was saved.",
        "Open the form again and choose another board, or none.",
      );
    case "no_text":
      return said('Say what is to be done, such as "Draft the CONTEST terms of reference".');
    case "no_date":
      return said('Pick a date, or write one such as "end of January".');
    case "due_phrase_unreadable":
      return said(
        `I couldn't read "${problem.phrase}" as a date. Nothing was saved.`,
        `Try: ${DUE_PHRASE_EXAMPLES.map((e) => `"${e}"`).join(", ")}.`,
      );
    case "due_meeting_without_board":
      return said(
        `"${problem.phrase}" needs a board, and this action has none. Nothing was saved.`,
        'Name the board with #CODE (such as #LCRB), or give a date such as "by 12 November".',
      );
    case "no_next_meeting":
      return said(
        `#${problem.boardCode} has no next meeting scheduled, so "${problem.phrase}" has no date yet. Nothing was saved.`,
        'Schedule it with `/meeting schedule`, or give a date such as "end of June".',
      );
    default:
      return unreachable(problem);
  }
}

function notOpenWords({ reference, status, tried }: Extract<ActionProblem, { code: "not_open" }>): Words {
  switch (tried) {
    case "change":
      return said(`${reference} is ${status}; only open actions can be changed that way.`, reopen(reference));
    case "edit":
      return said(`${reference} is ${status}; reopen it before editing.`, `\`/action reopen ${reference}\``);
    case "new_date":
      return said(`${reference} is ${status}; there is no date to move.`);
    case "snooze":
      return said(`${reference} is ${status}: there is nothing to snooze.`);
    default:
      return unreachable(tried);
  }
}

export function reminderWords(problem: ReminderProblem): Words {
  switch (problem.code) {
    case "reminder_not_found":
      return said("That reminder is no longer there. Nothing was changed.");
    case "request_not_found":
      return said("That request is no longer there. Nothing was changed.");
    case "not_yours":
      return said("Only the person this reminder was sent to can snooze it. Nothing was changed.");
    case "nothing_to_snooze":
      return said(
        `You have no reminders about ${problem.reference} to snooze${problem.hasDueDate ? "" : ": it has no due date"}.`,
      );
    case "not_allowed_to_decide":
      return said(
        `Only the board's chair or secretary (or a workspace admin) can decide on ${problem.reference}'s new date. Nothing was changed.`,
      );
    case "already_decided":
      return said(`That request was already ${problem.status}. Nothing was changed.`);
    default:
      return unreachable(problem);
  }
}
