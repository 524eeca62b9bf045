import { formatDay, formatTime } from "../../../dates";
import { context, message, section, type MessageView } from "../blocks";
import { escapeText } from "../actions/describe-action";

export interface MeetingLine {
  startsAt: Date;
  location: string | null;
  status: "scheduled" | "held" | "cancelled";
}

export const meetingWords = (m: { startsAt: Date; location: string | null }, timeZone: string) =>
  `${formatDay(m.startsAt, timeZone)}, ${formatTime(m.startsAt, timeZone)}${m.location ? `, ${m.location}` : ""}`;

/** A short answer: what happened, and what follows from it. */
export function meetingNotice(headline: string, detail: string): MessageView {
  return message(`${headline} ${detail}`.trim(), [section(`*${escapeText(headline)}*`), ...(detail ? [context(escapeText(detail))] : [])]);
}

export function meetingListView(boardCode: string, upcoming: readonly MeetingLine[], recent: readonly MeetingLine[], timeZone: string): MessageView {
  const line = (m: MeetingLine) => `• ${escapeText(meetingWords(m, timeZone))}${m.status === "scheduled" ? "" : ` (${m.status})`}`;
  const up = upcoming.length ? upcoming.map(line).join("\n") : "None scheduled.";
  const past = recent.length ? recent.map(line).join("\n") : "None yet.";
  return message(`${boardCode} meetings. Upcoming: ${upcoming.map((m) => meetingWords(m, timeZone)).join("; ") || "none"}.`, [
    section(`*${escapeText(boardCode)} · upcoming meetings*\n${up}`),
    section(`*Recent*\n${past}`),
  ]);
}
