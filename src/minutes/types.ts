// What the minutes parser finds in a document. The JSON printed by
// `npm run minutes:parse` is exactly this shape (see README).

export type AttendanceStatus = "present" | "in_attendance" | "apologies" | "supported_by";

export interface ExtractedAttendee {
  name: string;
  role: string | null;
  status: AttendanceStatus;
  line: number;
  /** The initials the minutes give beside the name ("John Strudwick (JS)"), which its actions then use. */
  initials?: string;
}

export interface ExtractedItem {
  number: string | null;
  heading: string;
  line: number;
}

export interface ExtractedDecision {
  reference: string | null;
  text: string;
  line: number;
}

export interface ExtractedAction {
  text: string;
  /** Slack-free owner names as written: people, initials, roles or bodies. */
  owners: string[];
  /** YYYY-MM-DD, resolved against the meeting date; null when the text does not fix one. */
  due: string | null;
  /** The due phrase as written. */
  dueText: string | null;
  /** "by the next meeting": due follows the next meeting. */
  isDueAtNextMeeting: boolean;
  line: number;
}

export interface ExtractedMeeting {
  title: string | null;
  date: string | null;
  time: string | null;
  location: string | null;
}

export interface ExtractedNextMeeting {
  date: string;
  time: string | null;
  location: string | null;
  line: number;
}

export interface MinutesExtraction {
  meeting: ExtractedMeeting;
  attendees: ExtractedAttendee[];
  items: ExtractedItem[];
  decisions: ExtractedDecision[];
  actions: ExtractedAction[];
  nextMeeting: ExtractedNextMeeting | null;
}
