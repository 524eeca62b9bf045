export type DuePrecision = "day" | "month" | "quarter" | "season" | "year";

export interface DueDateOnCalendar {
  kind: "date";
  /** start (00:00) of the due day in the time zone */
  dueAt: Date;
  precision: DuePrecision;
  phrase: string;
}

export interface DueAtNextMeeting {
  kind: "next_meeting";
  phrase: string;
}

export type ParsedDue = DueDateOnCalendar | DueAtNextMeeting;

export type DueParseResult = { ok: true; due: ParsedDue } | { ok: false; phrase: string; reason: string };
