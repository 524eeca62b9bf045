// Vocabulary shared by the phrase rules. Every pattern here is a fragment for a larger,
// anchored regular expression, so each is a plain alternation without nested repetition.

const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Longest first, so "june" is not read as "jun" followed by a stray "e". */
export const MONTH = `(${Object.keys(MONTH_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;

export function monthNumber(word: string): number | undefined {
  return MONTH_NUMBERS[word.replace(/\.$/, "")];
}

/** Luxon's weekday numbers: Monday 1 … Sunday 7. */
const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tues: 2,
  tue: 2,
  wednesday: 3,
  weds: 3,
  wed: 3,
  thursday: 4,
  thurs: 4,
  thur: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

export const WEEKDAY = `(${Object.keys(WEEKDAY_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;

export function weekdayNumber(word: string): number | undefined {
  return WEEKDAY_NUMBERS[word.replace(/\.$/, "")];
}

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  "a couple of": 2,
  "couple of": 2,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** A count: digits, or a number word up to twelve ("a", "a couple of" included). */
export const COUNT = `(\\d{1,4}|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join("|")})`;

export function countValue(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/** A four-digit year. */
export const YEAR = "(\\d{4})";
