// The /meeting grammar, and reading a meeting's date and time in a board's zone. Pure.
import { findTimeOfDay, formatDay, formatTime, instantOnDay, isoDayOf, parseDuePhrase, TIME_OF_DAY } from "../../dates";

/** The board a command names: by code (#LCRB), by its channel (a mention), or neither (the channel's own). */
export interface NamedBoard {
  boardCode: string | undefined;
  boardChannelId: string | undefined;
}

export type MeetingCommand =
  | { kind: "help" }
  | ({ kind: "schedule"; when: string; place: string | undefined } & NamedBoard)
  | ({ kind: "next" | "list" | "close" } & NamedBoard)
  | ({ kind: "cancel"; date: string } & NamedBoard)
  | ({ kind: "move"; date: string; when: string; place: string | undefined } & NamedBoard);

export type MeetingCommandResult =
  { ok: true; command: MeetingCommand } | { ok: false; problem: string; examples: string[] };

/** Far longer than any meeting command a person writes (Slack allows thousands of characters). */
export const MAX_MEETING_COMMAND_CHARACTERS = 500;
/** As the settings form's usual place. */
export const MAX_PLACE_CHARACTERS = 200;

const EXAMPLES = [
  "/meeting schedule #LCRB 9 June 2027 15:30 at City Hall",
  "/meeting next",
  "/meeting cancel 9 June",
  "/meeting move 9 June to 16 June 15:30",
];

/** "#LCRB", or a channel mention (Slack escapes "#lcrb" to <#C…|lcrb> when such a channel exists). */
function takeBoard(text: string): { boardCode: string | undefined; boardChannelId: string | undefined; rest: string } {
  const m = /(?:^|\s)(?:#([A-Za-z0-9]{2,10})|<#([A-Z0-9]+)(?:\|[^>]*)?>)(?=\s|$)/.exec(text);
  if (!m) return { boardCode: undefined, boardChannelId: undefined, rest: text.trim() };
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, " ").trim();
  return { boardCode: m[1]?.toUpperCase(), boardChannelId: m[2], rest };
}

/**
 * "… at City Hall", "… at the Guildhall", "… in Committee Room 4": the place is what
 * follows the first "at" that does not start a time ("at 15:30", "at noon"), or an
 * "in" before a capital ("in two weeks" is a date).
 */
export function takePlace(text: string): { when: string; place: string | undefined } {
  const at = /\s+at\s+(?!\d)(?!(?:noon|midday)\b)(?=\S)/i.exec(text);
  const inside = /\s+in\s+(?=[A-Z])/.exec(text);
  const first = [at, inside].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (!first) return { when: text.trim(), place: undefined };
  const place = text
    .slice(first.index + first[0].length)
    .trim()
    .replace(/\.$/, "");
  return place ? { when: text.slice(0, first.index).trim(), place } : { when: text.trim(), place: undefined };
}

const PLACE_TOO_LONG = `Keep the place to ${MAX_PLACE_CHARACTERS} characters, such as "Committee Room 4, City Hall". Nothing was changed.`;
const isPlaceTooLong = (place: string | undefined) => place !== undefined && [...place].length > MAX_PLACE_CHARACTERS;

export function parseMeetingCommand(input: string): MeetingCommandResult {
  // Counted by characters as a person sees them; an enormous input costs no more than a long one.
  const length = input.length > MAX_MEETING_COMMAND_CHARACTERS * 4 ? input.length : [...input].length;
  if (length > MAX_MEETING_COMMAND_CHARACTERS) {
    return {
      ok: false,
      problem: `That command is ${length.toLocaleString("en-GB")} characters long; the most I can read is ${MAX_MEETING_COMMAND_CHARACTERS}. Nothing was changed.`,
      examples: EXAMPLES,
    };
  }
  const text = input.trim();
  const [verb = "", ...words] = text.split(/\s+/);
  const { boardCode, boardChannelId, rest } = takeBoard(words.join(" "));
  const board = { boardCode, boardChannelId };
  const refuse = (problem: string): MeetingCommandResult => ({ ok: false, problem, examples: EXAMPLES });
  switch (verb.toLowerCase()) {
    case "":
    case "help":
      return { ok: true, command: { kind: "help" } };
    case "next":
    case "list":
    case "close":
      if (rest)
        return refuse(`\`/meeting ${verb.toLowerCase()}\` takes only a board, such as #LCRB; "${rest}" is extra.`);
      return { ok: true, command: { kind: verb.toLowerCase() as "next" | "list" | "close", ...board } };
    case "schedule": {
      if (!rest) return refuse("Say when: a date and a time, such as 9 June 2027 15:30.");
      const when = takePlace(rest);
      if (isPlaceTooLong(when.place)) return refuse(PLACE_TOO_LONG);
      return { ok: true, command: { kind: "schedule", ...board, ...when } };
    }
    case "cancel":
      if (!rest) return refuse("Say which meeting to cancel by its date, such as 9 June.");
      return { ok: true, command: { kind: "cancel", ...board, date: rest } };
    case "move": {
      const m = /^(.+?)\s+to\s+(.+)$/i.exec(rest);
      if (!m) return refuse("Say which meeting and when to: `/meeting move 9 June to 16 June 15:30`.");
      const to = takePlace(m[2]!);
      if (isPlaceTooLong(to.place)) return refuse(PLACE_TOO_LONG);
      return { ok: true, command: { kind: "move", ...board, date: m[1]!, ...to } };
    }
    default:
      return refuse(
        `I don't know "/meeting ${verb}". It can schedule, move, cancel, close, list, or show the next meeting.`,
      );
  }
}

export type SlotResult = { ok: true; day: string; minutes: number | null } | { ok: false; problem: string };
export type WhenResult = { ok: true; startsAt: Date; day: string } | { ok: false; problem: string };

/**
 * "9 June 2027 15:30", "next Tuesday 3.30pm", "Tue 9 Jun at noon": the day
 * (YYYY-MM-DD in the zone) and, if one is given, the time as minutes past midnight.
 */
export function readMeetingSlot(text: string, { now, timeZone }: { now: Date; timeZone: string }): SlotResult {
  const time = findTimeOfDay(text);
  let minutes: number | null = null;
  let dateText = text;
  if (time && !time.ok) return { ok: false, problem: `"${time.written}" is not a time of day.` };
  if (time) {
    minutes = time.minutes;
    dateText = `${text.slice(0, time.index)} ${text.slice(time.index + time.length)}`.replace(/\s+/g, " ").trim();
  }
  dateText = dateText.replace(/^on\s+/i, "").replace(/[,\s]+$/, "");
  if (!dateText) return { ok: false, problem: "Say which day, such as 9 June 2027." };
  const parsed = parseDuePhrase(dateText, { now, timeZone });
  if (!parsed.ok)
    return {
      ok: false,
      problem: /^That is not a date/.test(parsed.reason) ? `I couldn't read "${dateText}" as a day.` : parsed.reason,
    };
  if (parsed.due.kind !== "date")
    return { ok: false, problem: `"${dateText}" is not a day; a meeting needs a date, such as 9 June 2027.` };
  if (parsed.due.precision !== "day")
    return { ok: false, problem: `"${dateText}" is not one day; a meeting needs a date, such as 9 June 2027.` };
  return { ok: true, day: isoDayOf(parsed.due.dueAt, timeZone), minutes };
}

/** A new meeting's start in the zone: the time given, else the board's usual one; never in the past. */
export function readMeetingWhen(
  text: string,
  { now, timeZone, defaultStartMinutes }: { now: Date; timeZone: string; defaultStartMinutes: number | null },
): WhenResult {
  const slot = readMeetingSlot(text, { now, timeZone });
  if (!slot.ok) return slot;
  const minutes = slot.minutes ?? defaultStartMinutes;
  if (minutes === null)
    return {
      ok: false,
      problem: "Give a time too, such as 15:30 (or set the board's usual start time in `/board settings`).",
    };
  const startsAt = instantOnDay(slot.day, minutes, timeZone);
  if (startsAt.getTime() <= now.getTime())
    return {
      ok: false,
      problem: `That is in the past (${formatDay(startsAt, timeZone)} at ${formatTime(startsAt, timeZone)}). Meetings are scheduled ahead.`,
    };
  return { ok: true, startsAt, day: slot.day };
}

/** A day named in a command ("9 June", "Tue 9 Jun"), for finding a meeting; past days are allowed. */
export function readMeetingDay(text: string, { now, timeZone }: { now: Date; timeZone: string }): string | undefined {
  const cleaned = text.replace(TIME_OF_DAY, "").trim();
  // "9 June" with no year means the nearest 9 June: look from a month back so a just-passed one is found.
  const from = new Date(now.getTime() - 31 * 86_400_000);
  const parsed = parseDuePhrase(cleaned, { now: from, timeZone });
  if (!parsed.ok || parsed.due.kind !== "date" || parsed.due.precision !== "day") return undefined;
  return isoDayOf(parsed.due.dueAt, timeZone);
}
