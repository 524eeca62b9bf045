export type { DuePrecision, DueDateOnCalendar, DueAtNextMeeting, ParsedDue, DueParseResult } from "./types";
export { parseDuePhrase, DUE_PHRASE_EXAMPLES, type DueParseOptions } from "./parse-due-phrase";
export { DEFAULT_FINANCIAL_YEAR_START_MONTH, isFinancialYearStartMonth } from "./financial-year";
export { formatDay, formatDue, daysUntil } from "./format-date";
export { startOfDay, startOfIsoDay, isoDayOf, formatTime, instantOnDay } from "./day";
export { TIME_OF_DAY, findTimeOfDay, readTimeOfDay, type TimeOfDayFound } from "./time-of-day";
export { MONTH_NAMES } from "./words";
