// Expected failures: what went wrong, as data. The person's words for each problem live
// in src/slack/views/problems/ (wordsFor), so a domain function says what happened and
// never how Slack should phrase it.

/** When, by whom and from what minutes were imported ("on 3 Mar 2027 by you from minutes.pdf"). */
export interface MinutesImported {
  at: Date;
  bySlackUserId: string | null;
  fileName: string | null;
}

/** A meeting named in a refusal: "the LCRB meeting of today" or "of Tue 9 Jun 2026". */
export interface NamedMeeting {
  boardCode: string;
  startsAt: Date;
  isToday: boolean;
  timeZone: string;
}

/** Minutes already in for a meeting, as told to whoever is importing again (`reader`). */
export interface EarlierMinutesMet {
  boardCode: string;
  timeZone: string;
  meetingStartsAt: Date;
  imported: MinutesImported;
  readerSlackUserId: string | null;
}

/** Actions: commands, forms and buttons on them. */
export type ActionProblem =
  /** Named by id (a button, a form): gone, or on a private board hidden from the caller. */
  | { code: "action_not_found" }
  /** Named by its reference, as typed; `reference` is the reference read from it, if it reads as one. */
  | { code: "action_reference_unknown"; written: string; reference: string | null }
  | { code: "not_allowed_to_change"; reference: string; boardCode: string | null }
  | { code: "not_allowed_to_post_update"; reference: string }
  | { code: "changed_since"; reference: string }
  | { code: "already_done"; reference: string }
  | { code: "is_dropped"; reference: string }
  | { code: "already_open"; reference: string }
  /** Closed, so what was `tried` cannot be done to it. */
  | {
      code: "not_open";
      reference: string;
      status: "done" | "dropped";
      tried: "change" | "edit" | "new_date" | "snooze";
    }
  | { code: "undo_stale"; reference: string }
  | { code: "undo_not_yours"; reference: string }
  | { code: "undo_unsupported"; reference: string }
  | { code: "list_gone" }
  | { code: "board_not_listed" }
  /** The board chosen on the action form was archived before it was saved. */
  | { code: "form_board_gone" }
  | { code: "no_text" }
  | { code: "no_date" }
  | { code: "due_phrase_unreadable"; phrase: string }
  | { code: "due_meeting_without_board"; phrase: string }
  | { code: "no_next_meeting"; boardCode: string; phrase: string };

/** Reminders, snoozes and requests for a new date. */
export type ReminderProblem =
  | { code: "reminder_not_found" }
  | { code: "request_not_found" }
  /** A reminder to someone else cannot be snoozed. */
  | { code: "not_yours" }
  | { code: "nothing_to_snooze"; reference: string; hasDueDate: boolean }
  | { code: "not_allowed_to_decide"; reference: string }
  /** Decided, or withdrawn, before this decision (`pending` only if it changed back meanwhile). */
  | { code: "already_decided"; status: "pending" | "approved" | "declined" | "withdrawn" };

/** Boards: naming, creating, managing and exporting them. */
export type BoardProblem =
  /**
   * `named` as the person named it (#CODE, or a channel). `boards`: the boards anyone may be
   * told of (never a private one), when they were looked up.
   */
  | { code: "board_not_found"; named: string; boards?: { publicCodes: string[]; hasAny: boolean } }
  /** No board named, and the channel is no board's; `for` what a board was needed. */
  | { code: "no_board_here"; for: "command" | "pasted_minutes" | "shared_file" }
  | { code: "not_allowed_to_manage"; boardCode: string; secretarySlackUserId: string | null }
  | { code: "board_settings_stale" }
  | { code: "board_has_no_channel"; boardCode: string }
  | { code: "board_code_missing" }
  | { code: "board_code_invalid"; written: string }
  | { code: "board_name_missing"; boardCode: string }
  | { code: "board_name_too_long"; maxLength: number }
  | { code: "board_code_taken"; boardCode: string }
  | { code: "channel_has_board"; boardCode: string }
  | { code: "board_channel_hidden" }
  | { code: "board_channel_unknown" }
  | { code: "board_channel_is_dm" }
  /** `said`: what followed /board, as typed. */
  | { code: "board_command_unknown"; said: string }
  /** `said`: what followed /board export, as typed. */
  | { code: "export_command_unknown"; said: string }
  | { code: "export_format_twice"; said: string }
  | { code: "export_format_unknown"; format: string }
  /** Slack would not take the file (`slackError` as Slack named it; undefined when the upload failed). */
  | { code: "export_refused"; boardCode: string; channelId: string; slackError: string | undefined };

/** Meetings: the /meeting command's dates, scheduling, moving and closing. */
export type MeetingProblem =
  | { code: "meeting_day_unreadable"; written: string }
  /** `explanation`: the date reader's own sentence on what it could not read (it quotes the phrase). */
  | { code: "meeting_when_unreadable"; explanation: string }
  | { code: "meeting_not_found"; boardCode: string; day: string; timeZone: string }
  | { code: "meeting_in_past"; startsAt: Date; timeZone: string }
  /** The board meets then already, found while trying to schedule or to move a meeting there. */
  | { code: "meeting_exists"; boardCode: string; startsAt: Date; timeZone: string; tried: "schedule" | "move" }
  | { code: "no_meeting_to_close"; boardCode: string; nextStartsAt: Date | null; timeZone: string }
  | { code: "meeting_already_closed"; meeting: NamedMeeting }
  | {
      code: "meeting_closed_by_minutes";
      meeting: NamedMeeting;
      imported: MinutesImported;
      readerSlackUserId: string | null;
    };

/** Minutes: documents, imports and their review. */
export type MinutesProblem =
  | { code: "minutes_too_short" }
  /** Another reader of the same file took over: this one's result is not wanted (never shown). */
  | { code: "import_taken_over" }
  | { code: "import_not_found" }
  | { code: "import_not_pending" }
  | { code: "import_board_gone" }
  | { code: "meeting_date_needed" }
  | { code: "calendar_changed" }
  /** The same minutes again. */
  | ({ code: "minutes_already_imported" } & EarlierMinutesMet)
  /** Confirmed twice at once: the other confirmation imported them. */
  | { code: "minutes_imported_meanwhile" }
  /** The file is being imported for a board the person cannot see: which, and by whom, is not said. */
  | { code: "file_import_under_way_elsewhere" }
  /** Other minutes for a meeting that has its minutes. */
  | ({ code: "meeting_has_minutes" } & EarlierMinutesMet)
  | { code: "no_file" }
  | { code: "unsupported_document"; extension: string }
  /** `byteCount` is unknown when a download was stopped part way. */
  | { code: "document_too_large"; fileName: string; byteCount?: number }
  | { code: "unreadable_document"; fileName: string }
  | {
      code: "document_too_complex";
      fileName: string;
      limit: { kind: "time"; seconds: number } | { kind: "memory" | "text"; megabytes: number };
    }
  | { code: "document_too_large_unpacked"; fileName: string; byteCount: number; maxBytes: number }
  /**
   * A shared file's download refused, for where it would have gone. `where` and `detail` are
   * the address checker's and the DNS lookup's own descriptions of the place.
   */
  | {
      code: "file_source_refused";
      refusal:
        | { kind: "address"; fileName: string; where: string }
        | { kind: "redirect"; fileName: string; where: string }
        | { kind: "lookup"; detail: string };
    };

/** Requests as such: commands Minutebook cannot read, buttons out of date, no room for more work. */
export type RequestProblem =
  /** More work waiting than can be done soon: in this process (seconds) or in the queue (half a minute). */
  | { code: "busy"; backlog: "process" | "queue" }
  | { code: "bad_button"; button: "undo" | "post_update" | "list_page" }
  | { code: "no_trigger" }
  /**
   * A command's parser could not read it: `explanation` is its sentence quoting the input,
   * `examples` commands that work.
   */
  | { code: "command_unreadable"; explanation: string; examples: readonly string[] }
  | { code: "workspace_not_installed"; workspaceId: string };

/** Every expected failure. Adding one means giving it words (wordsFor fails to compile until then). */
export type Problem = ActionProblem | ReminderProblem | BoardProblem | MeetingProblem | MinutesProblem | RequestProblem;

export type ProblemCode = Problem["code"];

/**
 * An expected failure: the listener tells the person, in the words wordsFor gives its
 * problem. Anything that is not an AppError is a bug and goes to Bolt's error handler
 * and the log. `message` is the code, for logs.
 */
export class AppError extends Error {
  readonly problem: Problem;
  readonly code: ProblemCode;

  constructor(problem: Problem) {
    super(problem.code);
    this.name = "AppError";
    this.problem = problem;
    this.code = problem.code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Minutebook cannot start: PostgreSQL, Redis or Slack cannot be reached, or refuse it.
 * Said to whoever starts it, on stderr, in `message`; never to someone in Slack.
 */
export class StartupError extends Error {
  constructor(
    readonly code:
      | "database_unreachable"
      | "redis_unreachable"
      | "slack_token_not_bot"
      | "slack_token_refused"
      | "slack_unreachable",
    message: string,
  ) {
    super(message);
    this.name = "StartupError";
  }
}
