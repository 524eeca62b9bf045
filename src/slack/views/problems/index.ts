// The person's words for every expected problem (src/errors.ts), by area. Each area's
// switch and this one end in `unreachable`: a code without words does not compile.
import type { Problem } from "../../../errors";
import { actionWords, reminderWords } from "./actions";
import { boardWords } from "./boards";
import { meetingWords } from "./meetings";
import { minutesWords } from "./minutes";
import { requestWords } from "./requests";
import { unreachable, type Words } from "./words";

export type { Words } from "./words";
export { REFUSED_HINT } from "./minutes";

export function wordsFor(problem: Problem): Words {
  switch (problem.code) {
    case "action_not_found":
    case "action_reference_unknown":
    case "not_allowed_to_change":
    case "not_allowed_to_post_update":
    case "changed_since":
    case "already_done":
    case "is_dropped":
    case "already_open":
    case "not_open":
    case "undo_stale":
    case "undo_not_yours":
    case "undo_unsupported":
    case "list_gone":
    case "board_not_listed":
    case "form_board_gone":
    case "no_text":
    case "no_date":
    case "due_phrase_unreadable":
    case "due_meeting_without_board":
    case "no_next_meeting":
      return actionWords(problem);
    case "reminder_not_found":
    case "request_not_found":
    case "not_yours":
    case "nothing_to_snooze":
    case "not_allowed_to_decide":
    case "already_decided":
      return reminderWords(problem);
    case "board_not_found":
    case "no_board_here":
    case "not_allowed_to_manage":
    case "board_settings_stale":
    case "board_has_no_channel":
    case "board_code_missing":
    case "board_code_invalid":
    case "board_name_missing":
    case "board_name_too_long":
    case "board_code_taken":
    case "channel_has_board":
    case "board_channel_hidden":
    case "board_channel_unknown":
    case "board_channel_is_dm":
    case "board_command_unknown":
    case "export_command_unknown":
    case "export_format_twice":
    case "export_format_unknown":
    case "export_refused":
      return boardWords(problem);
    case "meeting_day_unreadable":
    case "meeting_when_unreadable":
    case "meeting_not_found":
    case "meeting_in_past":
    case "meeting_exists":
    case "no_meeting_to_close":
    case "meeting_already_closed":
    case "meeting_closed_by_minutes":
      return meetingWords(problem);
    case "minutes_too_short":
    case "import_taken_over":
    case "import_not_found":
    case "import_not_pending":
    case "import_board_gone":
    case "meeting_date_needed":
    case "calendar_changed":
    case "minutes_already_imported":
    case "minutes_imported_meanwhile":
    case "file_import_under_way_elsewhere":
    case "meeting_has_minutes":
    case "no_file":
    case "unsupported_document":
    case "document_too_large":
    case "unreadable_document":
    case "document_too_complex":
    case "document_too_large_unpacked":
    case "file_source_refused":
      return minutesWords(problem);
    case "busy":
    case "bad_button":
    case "no_trigger":
    case "command_unreadable":
    case "workspace_not_installed":
      return requestWords(problem);
    default:
      return unreachable(problem);
  }
}

/**
 * The words as one line of plain text (the hint after the problem), for readers outside
 * Slack's blocks: a notification's fallback text, a form field's error, a log, a terminal.
 */
export function plainWordsFor(problem: Problem): string {
  const { text, hint } = wordsFor(problem);
  return hint ? `${text} ${hint}` : text;
}
