// Dates inside sentences: the due phrase of an action ("... by the end of
// September 2013"), a meeting's date and time. Due phrases are read by the same
// rules as `/action` (src/dates), relative to the meeting's date.
import { DateTime } from "luxon";
import { isoDayOf, parseDuePhrase } from "../dates";
import { MONTH_NAMES, monthNumber as monthNumberOf } from "../dates/words";
import { firstWords, tagWords } from "./language";

const MONTH_WORDS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const DATEISH = new RegExp(
  String.raw`^(?:(?:${MONTH_WORDS})-\d{2}|${MONTH_WORDS}|\d.*|q[1-4]|h[12]|spring|summer|autumn|winter|year|years|month|months|week|weeks|fortnight|day|days|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|weekend|meeting|christmas|easter)$`,
  "i",
);
const TRIGGERS = new Set([
  "by",
  "before",
  "until",
  "in",
  "during",
  "within",
  "over",
  "for",
  "at",
  "to",
  "end",
  "from",
  "on",
  "next",
  "early",
  "mid",
  "late",
  "no",
  "not",
  "prior",
  "ahead",
  "the",
  "later",
  "this",
]);
const NEXT_MEETING =
  /\b(?:by|before|at|to|for|until|prior to|ahead of|in time for)?\s*(?:the\s+)?(?:next|following|subsequent)\s+(?:[A-Z][\w&-]*\s+){0,3}(?:meeting|board|committee|panel|session)\b(?:\s+(?:of|of the)\s+[A-Z][\w&-]*)?/i;
const MONTH_MEETING = new RegExp(
  String.raw`\b(?:by |at |to |for |before )?(?:the\s+)?(${MONTH_WORDS})\s+(?:meeting|board|committee|panel)\b`,
  "i",
);

const DAY_MEETING = new RegExp(
  String.raw`\b(?:at|by|for|before|to|until)\s+(?:the\s+)?((?:${MONTH_WORDS})\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTH_WORDS}))\s+(?:meeting|board|call|session|committee)\b`,
  "i",
);

/** The sentence with a verb "may" ("the hall may be used") made "might", so no rule reads it as the month. */
function withoutVerbMay(sentence: string): string {
  if (!/\bmay\b/.test(sentence)) return sentence;
  return sentence.replace(/\bmay\b/g, (word, at: number) => {
    // The words around it are all the model needs: "whether the hall may be used".
    const before = sentence
      .slice(Math.max(0, at - 40), at)
      .split(/\s+/)
      .slice(-3)
      .join(" ");
    const tagged = tagWords(`${before} may ${firstWords(sentence.slice(at + 4), 3)}`);
    const tag = tagged.find((t) => t.word === "may");
    return tag?.pos === "AUX" || tag?.pos === "VERB" ? "might" : word;
  });
}

/** A number that is only a count or a measure: "17", "3.1", "40%", not "2024", "19th" or "31/07". */
const BARE_COUNT = /^(?!(?:19|20)\d{2}$)\d+(?:[.,]\d+)?%?$/;
const PURPOSE_CLAUSE =
  /,?\s+(?:so that|so as to|so (?=(?:a|an|the|it|this|that|these|they|we|he|she|members|[A-Z][\w-]*)\s+(?:[\w-]+\s+){0,4}?(?:can|could|may|might|will|would)\s))[^;]*$/;

export interface FoundDue {
  /** As written. */
  text: string;
  /** YYYY-MM-DD, or null when the text alone does not fix the day (no meeting date for a relative phrase). */
  due: string | null;
  isNextMeeting: boolean;
  /** For "the June meeting": due only if the next meeting is in that month. */
  meetingMonth: number | null;
}

export interface DateContext {
  /** The meeting's day (YYYY-MM-DD) relative phrases count from; null if the document has none. */
  meetingDate: string | null;
  timeZone: string;
}

const words = (text: string) =>
  [...text.matchAll(/[^\s,;()]+/g)].map((m) => ({
    word: m[0].replace(/[.:]+$/, ""),
    start: m.index!,
    end: m.index! + m[0].length,
  }));

/** Shapes of dates that action logs use and the phrase rules do not: "Feb-24" (a month), "Q4 23/24" (a financial quarter). */
function rewriteLogDates(phrase: string): string {
  const monthYear = /^(.*?\b)([A-Za-z]{3,9})-(\d{2})$/.exec(phrase);
  if (monthYear && !Number.isNaN(monthNumber(monthYear[2]!)))
    return `${monthYear[1]}end of ${MONTH_NAMES[monthNumber(monthYear[2]!) - 1]} 20${monthYear[3]}`;
  return phrase.replace(/\bQ([1-4])\s*(?:of\s+)?(\d{2}|\d{4})\/(\d{2})\b/i, (_, q: string, first: string) => {
    const startYear = first.length === 2 ? 2000 + Number(first) : Number(first);
    const quarter = Number(q);
    // The UK public sector's year runs April to March: Q1 ends in June, Q4 in the March after.
    const month = [6, 9, 12, 3][quarter - 1]!;
    return `${MONTH_NAMES[month - 1]} ${quarter === 4 ? startYear + 1 : startYear}`;
  });
}

type Resolved = { ok: true; due: string | null; isNextMeeting: boolean } | { ok: false };

/**
 * The date rules are the costly part of reading a document, and the same candidate
 * spans come up again and again (each table row, sentence and marker is tried), so
 * what a phrase resolves to is remembered for the reading of one document (its
 * context object): nothing outlives the parse, and every parse starts cold.
 */
const resolvedFor = new WeakMap<DateContext, Map<string, Resolved>>();

function resolve(rawPhrase: string, context: DateContext): Resolved {
  let resolved = resolvedFor.get(context);
  if (!resolved) resolvedFor.set(context, (resolved = new Map()));
  const known = resolved.get(rawPhrase);
  if (known) return known;
  const result = resolveUncached(rawPhrase, context);
  resolved.set(rawPhrase, result);
  return result;
}

const noons = new Map<string, Date>();
/** Midday of a day in a zone, the "now" relative phrases count from; the same few days every time. */
function noonOf(day: string, timeZone: string): Date {
  const key = `${day}|${timeZone}`;
  let noon = noons.get(key);
  if (!noon) {
    if (noons.size > 1_000) noons.clear();
    noon = DateTime.fromISO(`${day}T12:00:00`, { zone: timeZone }).toJSDate();
    noons.set(key, noon);
  }
  return noon;
}

function resolveUncached(rawPhrase: string, context: DateContext): Resolved {
  const phrase = rewriteLogDates(rawPhrase);
  const noon = (day: string) => noonOf(day, context.timeZone);
  const reference = context.meetingDate ?? "2001-01-15";
  const parsed = parseDuePhrase(phrase, { now: noon(reference), timeZone: context.timeZone });
  if (!parsed.ok) return { ok: false };
  if (parsed.due.kind === "next_meeting") return { ok: true, due: null, isNextMeeting: true };
  const day = isoDayOf(parsed.due.dueAt, context.timeZone);
  if (context.meetingDate) return { ok: true, due: day, isNextMeeting: false };
  // No meeting date: only a phrase that names its own year fixes a day.
  const other = parseDuePhrase(phrase, { now: noon("2013-07-15"), timeZone: context.timeZone });
  const same = other.ok && other.due.kind === "date" && isoDayOf(other.due.dueAt, context.timeZone) === day;
  return { ok: true, due: same ? day : null, isNextMeeting: false };
}

/** The due phrase in a sentence, if it has one: the longest span the date rules read. */
export function findDue(text: string, context: DateContext): FoundDue | undefined {
  // "... so a final version can come to the September meeting": a purpose clause dates what follows, not the action.
  // "whether the hall may be used": the verb, not the month (the language model tags it an auxiliary).
  const sentence = withoutVerbMay(text.replace(PURPOSE_CLAUSE, ""));
  const nextMeeting = NEXT_MEETING.exec(sentence);
  if (nextMeeting) return { text: nextMeeting[0].trim(), due: null, isNextMeeting: true, meetingMonth: null };
  // "at the Nov 18 meeting": that day's meeting, on or after this one.
  const dayMeeting = DAY_MEETING.exec(sentence);
  if (dayMeeting && context.meetingDate) {
    const day = findDayMonthAfter(dayMeeting[1]!, context.meetingDate);
    if (day) return { text: dayMeeting[0].trim(), due: day.date, isNextMeeting: false, meetingMonth: null };
  }
  // "by the September meeting", "June Board": that month's meeting (its day if the minutes give it, else the month's end).
  const monthMeeting = MONTH_MEETING.exec(sentence);
  if (monthMeeting) {
    const month = monthNumber(monthMeeting[1]!);
    const resolved = resolve(`end of ${monthMeeting[1]}`, context);
    return {
      text: monthMeeting[0].trim(),
      due: resolved.ok ? resolved.due : null,
      isNextMeeting: false,
      meetingMonth: Number.isNaN(month) ? null : month,
    };
  }
  const tokens = words(sentence);
  // A span of bare counts ("in 17 of them", "by 3 votes") is never a date: only spans holding a
  // date word, an ordinal, a dated number ("31/07/24") or a year are given to the date rules.
  const strongBefore = [0];
  for (const t of tokens)
    strongBefore.push(
      strongBefore[strongBefore.length - 1]! + (DATEISH.test(t.word) && !BARE_COUNT.test(t.word) ? 1 : 0),
    );
  if (strongBefore[tokens.length] === 0) return undefined;
  let best: (FoundDue & { length: number; start: number }) | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!.word.toLowerCase();
    if (!TRIGGERS.has(first) && !DATEISH.test(first)) continue;
    for (let j = Math.min(tokens.length - 1, i + 8); j >= i; j--) {
      if (!DATEISH.test(tokens[j]!.word) || strongBefore[j + 1]! === strongBefore[i]!) continue;
      const text = sentence.slice(tokens[i]!.start, tokens[j]!.end).replace(/[.:]+$/, "");
      const length = j - i + 1;
      if (best && length <= best.length) break;
      // "the summer term", "before the Easter recess": school and parliamentary calendars the text does not give.
      const following = sentence.slice(tokens[j]!.end).trimStart();
      // "1 month out from the conference", "two weeks before the launch": counted from something else, not a date.
      const isCounted =
        /^(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several)\s+(?:days?|weeks?|months?|years?)$/i.test(
          text.replace(/^(?:within|in|for|over)\s+/i, ""),
        );
      // A year alone ("at eResNZ 2020", "FOSDEM 2014") names an event; "by 2020", "in 2020" are dates.
      const isBareYear = /^\d{4}$/.test(text);
      const resolved =
        isBareYear ||
        /^(term|recess|holidays?|half[- ]term|break)\b/i.test(following) ||
        (isCounted && /^(out|before|after|prior|ahead|from)\b/i.test(following))
          ? ({ ok: false } as const)
          : resolve(text, context);
      if (resolved.ok) {
        best = { text, due: resolved.due, isNextMeeting: resolved.isNextMeeting, meetingMonth: null, length, start: i };
        break;
      }
    }
  }
  if (best) {
    const { length: _length, start: _start, ...found } = best;
    return found;
  }
  return undefined;
}

const DAY_MONTH_YEAR = new RegExp(
  String.raw`\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(${MONTH_WORDS})\.?,?\s+(\d{4})\b|\b(${MONTH_WORDS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b|\b(\d{4})-(\d{1,2})-(\d{1,2})\b|\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b`,
  "i",
);
const DAY_MONTH = new RegExp(
  String.raw`\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(${MONTH_WORDS})\b|\b(${MONTH_WORDS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`,
  "i",
);

/** 1-12 for a month's name or abbreviation, by the date rules' own table (not a locale's: en-GB abbreviates September "Sept"). */
function monthNumber(word: string): number {
  const lower = word.toLowerCase();
  return monthNumberOf(lower) ?? monthNumberOf(lower.slice(0, 3)) ?? NaN;
}

function isoOf(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isFinite)) return undefined;
  const date = DateTime.fromObject({ year, month, day });
  return date.isValid ? date.toISODate()! : undefined;
}

/** A calendar date with its year ("Tuesday 10 March 2015", "March 13, 2019", "2024-02-08", "09/02/2024"). */
export function findFullDate(text: string): { date: string; index: number; length: number } | undefined {
  const m = DAY_MONTH_YEAR.exec(text);
  if (!m) return undefined;
  let date: string | undefined;
  if (m[1]) date = isoOf(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  else if (m[4]) date = isoOf(Number(m[6]), monthNumber(m[4]), Number(m[5]));
  else if (m[7]) date = isoOf(Number(m[7]), Number(m[8]), Number(m[9]));
  else if (m[10]) {
    const year = m[12]!.length === 2 ? 2000 + Number(m[12]) : Number(m[12]);
    date = isoOf(year, Number(m[11]), Number(m[10]));
  }
  return date ? { date, index: m.index, length: m[0].length } : undefined;
}

/** A day and month without a year ("Friday 7 December"), placed on or after `after`. */
export function findDayMonthAfter(
  text: string,
  after: string,
): { date: string; index: number; length: number } | undefined {
  const m = DAY_MONTH.exec(text);
  if (!m) return undefined;
  const day = Number(m[1] ?? m[4]);
  const month = monthNumber((m[2] ?? m[3])!);
  const from = DateTime.fromISO(after);
  for (const year of [from.year, from.year + 1]) {
    const date = isoOf(year, month, day);
    if (date && date >= after) return { date, index: m.index, length: m[0].length };
  }
  return undefined;
}

/** "12:00pm", "6.30pm", "3:30", "15:00UTC", "at 7pm" → "HH:MM". */
export function findTime(text: string): { time: string; index: number; length: number } | undefined {
  const m =
    /\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|\b(\d{1,2})[:.](\d{2})\b(?!\s*(?:million|m\b|%|bn))/i.exec(
      text,
    );
  if (!m) return undefined;
  let hour: number;
  let minute: number;
  if (m[3]) {
    hour = Number(m[1]) % 12;
    minute = Number(m[2] ?? 0);
    if (/^p/i.test(m[3])) hour += 12;
  } else {
    hour = Number(m[4]);
    minute = Number(m[5]);
  }
  if (hour > 23 || minute > 59) return undefined;
  return {
    time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
    index: m.index,
    length: m[0].length,
  };
}
