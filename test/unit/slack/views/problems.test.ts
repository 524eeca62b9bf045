// Every problem has words, and they fit Slack. The table below has one sample per code; the
// compiler checks it names every code of the union (a code added to src/errors.ts without a
// sample fails to compile here, as one without words fails in wordsFor).
import type { Problem, ProblemCode } from "../../../../src/errors";
import { AppError } from "../../../../src/errors";
import { validateMessage } from "../../../../src/local-slack/block-kit";
import { failureView, LIMITS, problemView } from "../../../../src/slack/views/blocks";
import { plainWordsFor, wordsFor } from "../../../../src/slack/views/problems";

const LONDON = "Europe/London";
const TUE_1_DEC = new Date("2026-12-01T15:30:00Z");
const IMPORTED = { at: new Date("2026-11-23T10:00:00Z"), bySlackUserId: "U0SEC", fileName: "minutes.docx" };
const EARLIER = {
  boardCode: "LCRB",
  timeZone: LONDON,
  meetingStartsAt: TUE_1_DEC,
  imported: IMPORTED,
  readerSlackUserId: "U0SEC",
};
const HELD = { boardCode: "LCRB", startsAt: TUE_1_DEC, isToday: false, timeZone: LONDON };

const SAMPLES: { [C in ProblemCode]: Extract<Problem, { code: C }> } = {
  action_not_found: { code: "action_not_found" },
  action_reference_unknown: { code: "action_reference_unknown", written: "LCRB-999", reference: "LCRB-999" },
  not_allowed_to_change: { code: "not_allowed_to_change", reference: "LCRB-14", boardCode: "LCRB" },
  not_allowed_to_post_update: { code: "not_allowed_to_post_update", reference: "LCRB-14" },
  changed_since: { code: "changed_since", reference: "LCRB-14" },
  already_done: { code: "already_done", reference: "LCRB-14" },
  is_dropped: { code: "is_dropped", reference: "LCRB-14" },
  already_open: { code: "already_open", reference: "LCRB-14" },
  not_open: { code: "not_open", reference: "LCRB-14", status: "done", tried: "edit" },
  undo_stale: { code: "undo_stale", reference: "LCRB-14" },
  undo_not_yours: { code: "undo_not_yours", reference: "LCRB-14" },
  undo_unsupported: { code: "undo_unsupported", reference: "LCRB-14" },
  list_gone: { code: "list_gone" },
  board_not_listed: { code: "board_not_listed" },
  form_board_gone: { code: "form_board_gone" },
  no_text: { code: "no_text" },
  no_date: { code: "no_date" },
  due_phrase_unreadable: { code: "due_phrase_unreadable", phrase: "whenever" },
  due_meeting_without_board: { code: "due_meeting_without_board", phrase: "next meeting" },
  no_next_meeting: { code: "no_next_meeting", boardCode: "LCRB", phrase: "next meeting" },
  reminder_not_found: { code: "reminder_not_found" },
  request_not_found: { code: "request_not_found" },
  not_yours: { code: "not_yours" },
  nothing_to_snooze: { code: "nothing_to_snooze", reference: "LCRB-14", hasDueDate: false },
  not_allowed_to_decide: { code: "not_allowed_to_decide", reference: "LCRB-14" },
  already_decided: { code: "already_decided", status: "approved" },
  board_not_found: { code: "board_not_found", named: "#NOPE", boards: { publicCodes: ["LCRB"], hasAny: true } },
  no_board_here: { code: "no_board_here", for: "command" },
  not_allowed_to_manage: { code: "not_allowed_to_manage", boardCode: "LCRB", secretarySlackUserId: "U0SEC" },
  board_settings_stale: { code: "board_settings_stale" },
  board_has_no_channel: { code: "board_has_no_channel", boardCode: "LCRB" },
  board_code_missing: { code: "board_code_missing" },
  board_code_invalid: { code: "board_code_invalid", written: "1X" },
  board_name_missing: { code: "board_name_missing", boardCode: "LCRB" },
  board_name_too_long: { code: "board_name_too_long", maxLength: 120 },
  board_code_taken: { code: "board_code_taken", boardCode: "LCRB" },
  channel_has_board: { code: "channel_has_board", boardCode: "LCRB" },
  board_channel_hidden: { code: "board_channel_hidden" },
  board_channel_unknown: { code: "board_channel_unknown" },
  board_channel_is_dm: { code: "board_channel_is_dm" },
  board_command_unknown: { code: "board_command_unknown", said: "frobnicate" },
  export_command_unknown: { code: "export_command_unknown", said: "csv #LCRB extra" },
  export_format_twice: { code: "export_format_twice", said: "csv json" },
  export_format_unknown: { code: "export_format_unknown", format: "xlsx" },
  export_refused: { code: "export_refused", boardCode: "LCRB", channelId: "C0LCRB", slackError: "is_archived" },
  meeting_day_unreadable: { code: "meeting_day_unreadable", written: "someday" },
  meeting_when_unreadable: { code: "meeting_when_unreadable", explanation: "Say which day, such as 9 June 2027." },
  meeting_not_found: { code: "meeting_not_found", boardCode: "LCRB", day: "2026-12-01", timeZone: LONDON },
  meeting_in_past: { code: "meeting_in_past", startsAt: TUE_1_DEC, timeZone: LONDON },
  meeting_exists: { code: "meeting_exists", boardCode: "LCRB", startsAt: TUE_1_DEC, timeZone: LONDON, tried: "move" },
  no_meeting_to_close: { code: "no_meeting_to_close", boardCode: "LCRB", nextStartsAt: TUE_1_DEC, timeZone: LONDON },
  meeting_already_closed: { code: "meeting_already_closed", meeting: HELD },
  meeting_closed_by_minutes: {
    code: "meeting_closed_by_minutes",
    meeting: HELD,
    imported: IMPORTED,
    readerSlackUserId: "U0CHAIR",
  },
  minutes_too_short: { code: "minutes_too_short" },
  import_taken_over: { code: "import_taken_over" },
  import_not_found: { code: "import_not_found" },
  import_not_pending: { code: "import_not_pending" },
  import_board_gone: { code: "import_board_gone" },
  meeting_date_needed: { code: "meeting_date_needed" },
  calendar_changed: { code: "calendar_changed" },
  minutes_already_imported: { code: "minutes_already_imported", ...EARLIER },
  minutes_imported_meanwhile: { code: "minutes_imported_meanwhile" },
  file_import_under_way_elsewhere: { code: "file_import_under_way_elsewhere" },
  meeting_has_minutes: { code: "meeting_has_minutes", ...EARLIER },
  no_file: { code: "no_file" },
  unsupported_document: { code: "unsupported_document", extension: ".xlsx" },
  document_too_large: { code: "document_too_large", fileName: "minutes.pdf", byteCount: 11 * 1024 * 1024 },
  unreadable_document: { code: "unreadable_document", fileName: "minutes.docx" },
  document_too_complex: { code: "document_too_complex", fileName: "minutes.pdf", limit: { kind: "time", seconds: 20 } },
  document_too_large_unpacked: {
    code: "document_too_large_unpacked",
    fileName: "minutes.docx",
    byteCount: 62.9 * 1024 * 1024,
    maxBytes: 20 * 1024 * 1024,
  },
  file_source_refused: {
    code: "file_source_refused",
    refusal: { kind: "redirect", fileName: "minutes.txt", where: "https://elsewhere.example" },
  },
  busy: { code: "busy", backlog: "queue" },
  bad_button: { code: "bad_button", button: "post_update" },
  no_trigger: { code: "no_trigger" },
  command_unreadable: {
    code: "command_unreadable",
    explanation: 'I don\'t know "/action frobnicate".',
    examples: ["/action add Draft the terms", "/action list"],
  },
  workspace_not_installed: { code: "workspace_not_installed", workspaceId: "T0GONE" },
};

/** Problems whose words turn on their data: each way they can be said. */
const VARIANTS: Problem[] = [
  ...(["change", "edit", "new_date", "snooze"] as const).map((tried): Problem => ({
    code: "not_open",
    reference: "LCRB-14",
    status: "dropped",
    tried,
  })),
  ...(["command", "pasted_minutes", "shared_file"] as const).map((purpose): Problem => ({
    code: "no_board_here",
    for: purpose,
  })),
  ...(["undo", "post_update", "list_page"] as const).map((button): Problem => ({ code: "bad_button", button })),
  { code: "busy", backlog: "process" },
  { code: "meeting_exists", boardCode: "LCRB", startsAt: TUE_1_DEC, timeZone: LONDON, tried: "schedule" },
  ...["not_in_channel", "channel_not_found", "is_archived", undefined, "ratelimited"].map((slackError): Problem => ({
    code: "export_refused",
    boardCode: "LCRB",
    channelId: "C0LCRB",
    slackError,
  })),
  { code: "file_source_refused", refusal: { kind: "address", fileName: "minutes.txt", where: "http://10.0.0.1" } },
  { code: "file_source_refused", refusal: { kind: "lookup", detail: "files.example resolves to 10.0.0.1" } },
  { code: "document_too_complex", fileName: "minutes.pdf", limit: { kind: "memory", megabytes: 32 } },
  { code: "document_too_complex", fileName: "minutes.pdf", limit: { kind: "text", megabytes: 4 } },
  { code: "document_too_large", fileName: "minutes.pdf" },
  { code: "board_not_found", named: "#NOPE" },
  { code: "board_not_found", named: "#NOPE", boards: { publicCodes: [], hasAny: true } },
  { code: "board_not_found", named: "#NOPE", boards: { publicCodes: [], hasAny: false } },
  { code: "action_reference_unknown", written: "nonsense", reference: null },
  { code: "not_allowed_to_change", reference: "A-3", boardCode: null },
  { code: "not_allowed_to_manage", boardCode: "LCRB", secretarySlackUserId: null },
  { code: "nothing_to_snooze", reference: "LCRB-14", hasDueDate: true },
  { code: "no_meeting_to_close", boardCode: "LCRB", nextStartsAt: null, timeZone: LONDON },
  { code: "meeting_already_closed", meeting: { ...HELD, isToday: true } },
  { code: "unsupported_document", extension: "" },
];

describe("the words for problems", () => {
  const everyWay = [...Object.values(SAMPLES), ...VARIANTS];

  it("has a sample for every code, each of its own code", () => {
    for (const [code, problem] of Object.entries(SAMPLES)) expect(problem.code).toBe(code);
  });

  it.each(everyWay.map((problem) => [problem.code, problem] as const))(
    "says %s in words that fit a section, with a hint that fits a context block",
    (_code, problem) => {
      const { text, hint } = wordsFor(problem);
      expect(text.trim()).not.toBe("");
      expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (hint !== undefined) {
        expect(hint.trim()).not.toBe("");
        expect(hint.length).toBeLessThanOrEqual(LIMITS.contextText);
      }
      // Data missing from the words shows as these.
      expect(`${text} ${hint ?? ""}`).not.toMatch(/undefined|null|NaN|\[object/);
      expect(validateMessage({ ...problemView(problem) })).toEqual([]);
    },
  );

  it("keeps today's sentences (a sample of them)", () => {
    expect(wordsFor(SAMPLES.board_not_found)).toEqual({
      text: "There is no board #NOPE in this workspace.",
      hint: "Boards here: #LCRB.",
    });
    expect(wordsFor(SAMPLES.meeting_exists)).toEqual({
      text: "LCRB already meets on Tue 1 Dec 2026 at 15:30. Nothing was changed.",
      hint: "Cancel one of them with `/meeting cancel <date>`, or move this one to another day.",
    });
    expect(wordsFor(SAMPLES.meeting_closed_by_minutes).text).toBe(
      "The LCRB meeting of Tue 1 Dec 2026 is already closed: its minutes were imported on Mon 23 Nov 2026 by <@U0SEC> from minutes.docx, and its summary posted to the channel then. Nothing was changed.",
    );
    expect(wordsFor(SAMPLES.minutes_already_imported).text).toContain("imported on Mon 23 Nov 2026 by you from");
    expect(wordsFor(SAMPLES.document_too_large_unpacked).text).toBe(
      "minutes.docx would be 62.9 MB once unpacked; Word minutes up to 20 MB unpacked can be imported.",
    );
    expect(plainWordsFor(SAMPLES.command_unreadable)).toBe(
      'I don\'t know "/action frobnicate". Try: `/action add Draft the terms`  ·  `/action list`',
    );
  });

  it("cuts a long /board command rather than echoing it whole", () => {
    const { text } = wordsFor({ code: "board_command_unknown", said: `  ${"x".repeat(5000)}  ` });
    expect(text).toBe(`I don't know "/board ${"x".repeat(200)}…".`);
  });

  it("renders an AppError's problem as the reply, and anything else as our fault", () => {
    const refused = failureView(new AppError(SAMPLES.not_allowed_to_manage));
    expect(refused.text).toBe(
      "Only LCRB's chair, secretary, whoever created it, or a workspace admin can do that. Nothing was changed. Ask <@U0SEC>.",
    );
    expect(refused.blocks).toHaveLength(2);
    expect(failureView(new Error("boom"), "saved").text).toBe(
      "Something went wrong on our side and nothing was saved. Please try again in a minute.",
    );
  });

  it("keeps the code, not the person's words, as an AppError's message", () => {
    const error = new AppError(SAMPLES.list_gone);
    expect(error).toMatchObject({ code: "list_gone", message: "list_gone", problem: SAMPLES.list_gone });
  });
});
