import type { DateTime } from "luxon";
import { isYearInRange } from "./calendar";
import type { DuePrecision } from "./types";

// The contract every phrase rule keeps: read the whole (normalised) phrase or return
// undefined, so rules never compete over parts of a phrase.

export interface RuleContext {
  /** Start of today in the zone. */
  today: DateTime;
  timeZone: string;
  /** The month (1 to 12) the board's financial year starts in; April unless the board says otherwise. */
  financialYearStartMonth: number;
}

/** What a rule made of a phrase: a day, the next meeting, or a reason to refuse it. */
export type RuleOutcome =
  | { kind: "date"; day: DateTime; precision: DuePrecision }
  | { kind: "next_meeting" }
  | { kind: "rejected"; reason: string };

export type Rule = (phrase: string, context: RuleContext) => RuleOutcome | undefined;

export function onDay(day: DateTime | undefined, precision: DuePrecision): RuleOutcome | undefined {
  if (!day || !isYearInRange(day.year)) return undefined;
  return { kind: "date", day, precision };
}

export function rejected(reason: string): RuleOutcome {
  return { kind: "rejected", reason };
}
