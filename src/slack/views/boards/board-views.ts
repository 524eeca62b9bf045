import type { KnownBlock, ModalView } from "@slack/types";
import { formatDay, formatTime, MONTH_NAMES } from "../../../dates";
import type { BoardOverview } from "../../../domain/boards/board-overview";
import { describeRecurrence } from "../../../domain/boards/recurrence";
import { HOLIDAY_REGIONS } from "../../../domain/boards/update-board-settings";
import { context, message, section, truncate, type MessageView } from "../blocks";
import { escapeText } from "../actions/describe-action";

export const BOARD_SETTINGS = {
  callbackId: "board.settings",
  value: "value",
  fields: {
    chair: "chair",
    secretary: "secretary",
    timeZone: "time_zone",
    holidayRegion: "holiday_region",
    financialYearStart: "financial_year_start",
    location: "location",
    startTime: "start_time",
    recurrence: "recurrence",
    approval: "approval",
    beforeDueDays: "before_due_days",
    beforeDueWorkingDays: "before_due_working_days",
    overdueEveryDays: "overdue_every_days",
    escalateAfterOverdue: "escalate_after",
    sendAt: "send_at",
    papersDueWorkingDays: "papers_due_days",
    papersCallWorkingDays: "papers_call_days",
    mattersArisingWorkingDays: "matters_arising_days",
    weeklyDigest: "weekly_digest",
  },
  /** Characters each text field takes (Slack enforces them in the form; the listener again). */
  maxLength: {
    location: 200,
    startTime: 10,
    recurrence: 300,
    beforeDueDays: 30,
    beforeDueWorkingDays: 30,
    overdueEveryDays: 10,
    escalateAfterOverdue: 10,
    sendAt: 10,
    papersDueWorkingDays: 10,
    papersCallWorkingDays: 10,
    mattersArisingWorkingDays: 10,
  },
} as const;

export const TIME_ZONES = [
  "Europe/London",
  "Europe/Dublin",
  "Europe/Paris",
  "Europe/Berlin",
  "UTC",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Australia/Sydney",
  "Pacific/Auckland",
];
/** The listed zones, plus the board's own if it is another (Slack refuses an initial option not in the list). */
const zoneChoices = (current: string) => (TIME_ZONES.includes(current) ? TIME_ZONES : [current, ...TIME_ZONES]);
export const REGION_WORDS: Record<(typeof HOLIDAY_REGIONS)[number], string> = {
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
};

export const minutesToClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const person = (id: string | null) => (id ? `<@${id}>` : "not set");
/** "1 April": when the board's financial year starts, which "Q3" and "year end" are read against. */
const financialYearStartText = (month: number) => `1 ${MONTH_NAMES[month - 1] ?? MONTH_NAMES[3]}`;

export function boardCreatedView(board: { code: string; name: string }): MessageView {
  const said = `${board.code} · ${board.name} created; this is its channel.`;
  return message(`${said} You are its secretary for now.`, [
    section(
      `*${escapeText(said)}*\nYou are its secretary for now. Next: \`/board settings\` for the chair, time zone and when it meets; \`/meeting schedule\` for its next meeting.`,
    ),
  ]);
}

/** The board as `/board` shows it; times in its zone, named when the reader's differs. */
export function boardOverviewView(board: BoardOverview, readerTimeZone?: string): MessageView {
  const tz = board.timeZone;
  const zoneNote = readerTimeZone && readerTimeZone !== tz ? ` (${tz} time)` : "";
  const schedule = board.recurrenceRule ? describeRecurrence(board.recurrenceRule) : "meetings scheduled one by one";
  const next = board.nextMeeting
    ? `${formatDay(board.nextMeeting.startsAt, tz)}, ${formatTime(board.nextMeeting.startsAt, tz)}${zoneNote}${board.nextMeeting.location ? `, ${board.nextMeeting.location}` : ""}`
    : "none scheduled";
  const usual = `${board.defaultStartMinutes !== null ? ` at ${minutesToClock(board.defaultStartMinutes)}` : ""}${board.defaultLocation ? `, ${board.defaultLocation}` : ""}`;
  const title = `${board.code} · ${board.name}`;
  const fallback = `${title}: next meeting ${next}; meets ${schedule}${usual}; ${board.openCount} open ${board.openCount === 1 ? "action" : "actions"}, ${board.overdueCount} overdue.`;
  return message(fallback, [
    section(
      `*${escapeText(title)}*\nChair ${person(board.chairSlackUserId)} · Secretary ${person(board.secretarySlackUserId)}`,
    ),
    section(
      `*Next meeting* ${escapeText(next)}\n*Meets* ${escapeText(schedule + usual)}\n*Actions* ${board.openCount} open, ${board.overdueCount} overdue`,
    ),
    context(
      `Time zone ${tz} · holidays of ${REGION_WORDS[board.holidayRegion as keyof typeof REGION_WORDS] ?? board.holidayRegion} · reminders at ${minutesToClock(board.policy.sendAtMinutes)} · financial year from ${financialYearStartText(board.financialYearStartMonth)} · \`/board settings\` changes these`,
    ),
  ]);
}

const plain = (text: string) => ({ type: "plain_text" as const, text });
const option = (value: string, text: string) => ({ text: plain(text), value });

function input(blockId: string, label: string, element: Record<string, unknown>, hint?: string): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: { action_id: BOARD_SETTINGS.value, ...element },
    ...(hint ? { hint: plain(hint) } : {}),
  } as KnownBlock;
}

const text = (initial: string | null | undefined, placeholder: string, maxLength: number) => ({
  type: "plain_text_input",
  max_length: maxLength,
  ...(initial ? { initial_value: initial.slice(0, maxLength) } : {}),
  placeholder: plain(placeholder),
});

export function boardSettingsModal(board: BoardOverview, metadata: { boardId: string; channelId?: string }): ModalView {
  const f = BOARD_SETTINGS.fields;
  const p = board.policy;
  const approve = option("yes", "New dates from owners need the chair's or secretary's approval");
  const digest = option("yes", "Post a digest of the board's actions every Monday");
  return {
    type: "modal",
    callback_id: BOARD_SETTINGS.callbackId,
    title: plain(truncate(`${board.code} settings`, 24)),
    submit: plain("Save"),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      input(f.chair, "Chair", {
        type: "users_select",
        ...(board.chairSlackUserId ? { initial_user: board.chairSlackUserId } : {}),
      }),
      input(f.secretary, "Secretary", {
        type: "users_select",
        ...(board.secretarySlackUserId ? { initial_user: board.secretarySlackUserId } : {}),
      }),
      input(f.timeZone, "Time zone", {
        type: "static_select",
        options: zoneChoices(board.timeZone).map((z) => option(z, z)),
        initial_option: option(board.timeZone, board.timeZone),
      }),
      input(f.holidayRegion, "Public holidays of", {
        type: "static_select",
        options: HOLIDAY_REGIONS.map((r) => option(r, REGION_WORDS[r])),
        initial_option: option(
          board.holidayRegion,
          REGION_WORDS[board.holidayRegion as keyof typeof REGION_WORDS] ?? board.holidayRegion,
        ),
      }),
      input(
        f.financialYearStart,
        "Financial year starts",
        {
          type: "static_select",
          options: MONTH_NAMES.map((name, i) => option(String(i + 1), `1 ${name}`)),
          initial_option: option(
            String(board.financialYearStartMonth),
            financialYearStartText(board.financialYearStartMonth),
          ),
        },
        'Actions due "Q3" or at "year end" are dated by it: with 1 April, Q3 is October to December.',
      ),
      input(f.location, "Usual place", text(board.defaultLocation, "City Hall", BOARD_SETTINGS.maxLength.location)),
      input(
        f.startTime,
        "Usual start time",
        text(
          board.defaultStartMinutes !== null ? minutesToClock(board.defaultStartMinutes) : null,
          "15:30",
          BOARD_SETTINGS.maxLength.startTime,
        ),
        'Such as "15:30", "3.30pm" or "noon".',
      ),
      input(
        f.recurrence,
        "Meets",
        text(
          board.recurrenceRule ? describeRecurrence(board.recurrenceRule) : null,
          "monthly on the 4th Friday",
          BOARD_SETTINGS.maxLength.recurrence,
        ),
        'Such as "quarterly on the second Tuesday", "every 3 months", "fortnightly on Monday", or an RRULE. Empty: meetings are scheduled one by one.',
      ),
      input(f.approval, "Extensions", {
        type: "checkboxes",
        options: [approve],
        ...(board.requireExtensionApproval ? { initial_options: [approve] } : {}),
      }),
      section("*Reminders*"),
      input(
        f.beforeDueDays,
        "Days before the due date",
        text(p.beforeDueDays.join(", "), "7", BOARD_SETTINGS.maxLength.beforeDueDays),
      ),
      input(
        f.beforeDueWorkingDays,
        "Working days before the due date",
        text(p.beforeDueWorkingDays.join(", "), "1", BOARD_SETTINGS.maxLength.beforeDueWorkingDays),
      ),
      input(
        f.overdueEveryDays,
        "When overdue, remind every (days)",
        text(String(p.overdueEveryDays), "7", BOARD_SETTINGS.maxLength.overdueEveryDays),
      ),
      input(
        f.escalateAfterOverdue,
        "Tell the secretary after this many overdue reminders",
        text(String(p.escalateAfterOverdue), "3", BOARD_SETTINGS.maxLength.escalateAfterOverdue),
      ),
      input(
        f.sendAt,
        "Send reminders at",
        text(minutesToClock(p.sendAtMinutes), "09:00", BOARD_SETTINGS.maxLength.sendAt),
        'Such as "09:00" or "9am".',
      ),
      input(
        f.papersDueWorkingDays,
        "Papers due (working days before a meeting)",
        text(String(p.papersDueWorkingDays), "5", BOARD_SETTINGS.maxLength.papersDueWorkingDays),
      ),
      input(
        f.papersCallWorkingDays,
        "Call for papers (working days before they are due)",
        text(String(p.papersCallWorkingDays), "5", BOARD_SETTINGS.maxLength.papersCallWorkingDays),
        "A last call goes out on the day they are due.",
      ),
      input(
        f.mattersArisingWorkingDays,
        "Matters arising (working days before a meeting)",
        text(String(p.mattersArisingWorkingDays), "1", BOARD_SETTINGS.maxLength.mattersArisingWorkingDays),
      ),
      input(f.weeklyDigest, "Monday digest", {
        type: "checkboxes",
        options: [digest],
        ...(p.weeklyDigest ? { initial_options: [digest] } : {}),
      }),
    ],
  };
}

/** After the settings form is saved: what the board now does, and its next meeting. */
export function boardSettingsSavedView(
  board: BoardOverview,
  saved: { isNextFromRule: boolean },
  readerTimeZone?: string,
): MessageView {
  const tz = board.timeZone;
  const zoneNote = readerTimeZone && readerTimeZone !== tz ? ` (${tz} time)` : "";
  const usual = `${board.defaultStartMinutes !== null ? ` at ${minutesToClock(board.defaultStartMinutes)}` : ""}${board.defaultLocation ? `, ${board.defaultLocation}` : ""}`;
  const meets = board.recurrenceRule
    ? `Meets ${describeRecurrence(board.recurrenceRule)}${usual}.`
    : "Meetings are scheduled one by one with `/meeting schedule`.";
  const m = board.nextMeeting;
  const next = m
    ? `Next meeting: ${formatDay(m.startsAt, tz)}, ${formatTime(m.startsAt, tz)}${zoneNote}${m.location ? `, ${m.location}` : ""}${saved.isNextFromRule ? ", scheduled from the board's schedule with its reminders" : ""}.`
    : "No meeting is scheduled yet.";
  const said = `${board.code} settings saved.`;
  const detail = `${meets} ${next} Reminders are re-planned by the new settings.`;
  return message(`${said} ${detail}`, [
    section(`*${escapeText(said)}*\n${escapeText(meets)}\n${escapeText(next)}`),
    context("Reminders are re-planned by the new settings."),
  ]);
}
