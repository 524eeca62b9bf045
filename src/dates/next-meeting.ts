import type { Rule } from "./rule";

// "By the next meeting", "at the next board meeting", "before the next LCRB meeting",
// "the next meeting of the board": due whenever the board next meets, which the caller
// knows and this module does not.

const NEXT_MEETING =
  /^(?:the )?(?:next|following|forthcoming|upcoming) (?:scheduled )?((?:[a-z0-9&'.-]+ ){0,3})(?:meeting|board|committee|panel)(?: of (?:the )?[a-z0-9&'. -]{1,60})?$/;

/** Words that would make "the next … meeting" a different date ("next Friday's meeting"). */
const TIME_WORDS =
  /\b(?:week|month|year|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|day|days)\b|'s\b/;

export const readNextMeeting: Rule = (phrase) => {
  const match = NEXT_MEETING.exec(phrase);
  if (!match || TIME_WORDS.test(match[1] ?? "")) return undefined;
  return { kind: "next_meeting" };
};
