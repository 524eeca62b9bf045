export type { DuePrecision, DueDateOnCalendar, DueAtNextMeeting, ParsedDue, DueParseResult } from "./types";
export { parseDuePhrase, DUE_PHRASE_EXAMPLES } from "./parse-due-phrase";
export { formatDay, formatDue, daysUntil } from "./format-date";
export { startOfDay, startOfIsoDay, isoDayOf, formatTime, instantOnDay } from "./day";
