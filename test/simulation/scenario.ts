// A board's life, made up from a seed: boards with their chair, secretary, region and
// meetings, then the things people do day by day (log actions with dates on every kind of
// day, snooze, ask for new dates, decide them, close, drop, reopen). Pure and replayable: the
// same seed gives the same scenario, and a scenario prints as JSON that `npm run simulate --
// --replay FILE` runs again.
import { DateTime } from "luxon";

export type Region = "england-and-wales" | "scotland" | "northern-ireland";

export interface SimBoard {
  code: string;
  channel: string;
  region: Region;
  chair: string;
  /** Null when the board has no secretary: the chair then does the secretary's part. */
  secretary: string | null;
  /** Meeting days (YYYY-MM-DD) at 14:00 board time. */
  meetings: string[];
}

export type SimStep =
  /** `due` is a day (YYYY-MM-DD), or "next-meeting" for "by the next meeting". */
  | {
      at: string;
      kind: "add";
      key: number;
      board: string;
      text: string;
      owners: string[];
      body: string | null;
      due: string;
    }
  | {
      at: string;
      kind: "press";
      key: number;
      button: "snooze_day" | "snooze_week" | "new_date";
      newDue?: string;
      isPicked?: boolean;
    }
  /** Decided from the request's DM, or from the decider's Home tab. */
  | { at: string; kind: "decide"; key: number; by: "chair" | "secretary"; approve: boolean; fromHome?: boolean }
  | { at: string; kind: "done" | "drop" | "reopen"; key: number }
  /** Undo pressed on the reply to the last change (logging it, closing it), by whoever made it. */
  | { at: string; kind: "undo"; key: number }
  | { at: string; kind: "move-meeting"; board: string; from: string; to: string }
  | { at: string; kind: "cancel-meeting"; board: string; day: string }
  /** The meeting's minutes pasted with `/minutes` after it, reviewed and imported with every action found. */
  | {
      at: string;
      kind: "import-minutes";
      board: string;
      day: string;
      actions: Array<{ owner: string; text: string; due: string }>;
    };

export interface Scenario {
  seed: number;
  start: string;
  end: string;
  boards: SimBoard[];
  steps: SimStep[];
}

export interface ScenarioSize {
  boards: [number, number];
  actions: [number, number];
  days: number;
}

/** `npm test`: small lives, many seeds. `npm run simulate`: the quarters. */
export const SMALL: ScenarioSize = { boards: [1, 2], actions: [8, 14], days: 42 };
export const QUARTER: ScenarioSize = { boards: [1, 3], actions: [20, 60], days: 91 };

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONE = "Europe/London";
/** Starts that cross what trips a calendar: Christmas and New Year, Easter, both clock changes. */
const STARTS = ["2026-12-07", "2026-11-30", "2027-03-01", "2027-03-15", "2027-10-04", "2027-12-06"];
const TEXTS = [
  "Draft the knife crime paper",
  "Review the due diligence report",
  "Saturday due check of the estates register",
  "Write to London Councils about the hub",
  "Circulate the revised terms of reference",
  "Report back on the VAWG strategy",
  "Book the venue for the summit",
  "Publish the response to the consultation",
  "Chase the outstanding audit findings",
  "Update the risk register",
];
const BODIES = ["London Councils", "MOPAC", "the Home Office"];
export const PEOPLE = ["U0OWNER1", "U0OWNER2", "U0OWNER3"];

export function generateScenario(seed: number, size: ScenarioSize): Scenario {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const start = DateTime.fromISO(pick(STARTS), { zone: ZONE });
  const end = start.plus({ days: size.days });
  const at = (day: DateTime, hour = between(10, 16)) =>
    day
      .set({ hour, minute: between(0, 59) })
      .toUTC()
      .toISO()!;
  const day = (from: DateTime, low: number, high: number) => from.plus({ days: between(low, high) }).startOf("day");

  const boards: SimBoard[] = [];
  for (let i = 0; i < between(...size.boards); i++) {
    const meetings: string[] = [];
    for (let d = day(start, 8, 20); d < end; d = day(d, 24, 35)) if (d.weekday <= 5) meetings.push(d.toISODate()!);
    boards.push({
      code: `B${i + 1}`,
      channel: `C0BOARD${i + 1}`,
      region: pick(["england-and-wales", "scotland", "northern-ireland"] as const),
      chair: `U0CHAIR${i + 1}`,
      secretary: next() < 0.8 ? `U0SECRETARY${i + 1}` : null,
      meetings,
    });
  }

  const steps: SimStep[] = [];
  // Meetings moved (to another weekday up to a week either side) or cancelled, a few days ahead.
  for (const board of boards) {
    for (const meeting of board.meetings) {
      const meetingDay = DateTime.fromISO(meeting, { zone: ZONE });
      const decided = meetingDay.minus({ days: between(2, 9) });
      if (decided <= start) continue;
      const roll = next();
      let held: DateTime | undefined = meetingDay;
      if (roll < 0.15) {
        let to = meetingDay.plus({ days: between(-7, 7) || 1 });
        while (to.weekday > 5) to = to.plus({ days: 1 });
        if (to > decided.plus({ days: 1 }) && !board.meetings.includes(to.toISODate()!)) {
          steps.push({ at: at(decided), kind: "move-meeting", board: board.code, from: meeting, to: to.toISODate()! });
          held = to;
        }
      } else if (roll < 0.23) {
        steps.push({ at: at(decided), kind: "cancel-meeting", board: board.code, day: meeting });
        held = undefined;
      }
      // Half the meetings held have their minutes imported a few days later, with an action or two.
      if (held && next() < 0.5) {
        const actions = Array.from({ length: between(1, 2) }, () => ({
          owner: pick(BODIES),
          text: pick(TEXTS),
          due: day(held!, 7, 40).toISODate()!,
        }));
        steps.push({
          at: at(day(held, 1, 4), 11),
          kind: "import-minutes",
          board: board.code,
          day: held.toISODate()!,
          actions,
        });
      }
    }
  }
  const count = between(...size.actions);
  for (let key = 0; key < count; key++) {
    const logged = day(start, 0, size.days - 14);
    // Due any kind of day (weekends and holidays included), from tomorrow to seven weeks on.
    const due = day(logged, 1, 50);
    const board = pick(boards);
    // Now and then the board's own secretary (or chair) owns one: they are then chased as an owner.
    const owners = next() < 0.85 ? [next() < 0.1 ? (board.secretary ?? board.chair) : pick(PEOPLE)] : [];
    const body = owners.length === 0 || next() < 0.2 ? pick(BODIES) : null;
    const addedAt = at(logged);
    const isByMeeting = board.meetings.length > 0 && next() < 0.1;
    steps.push({
      at: addedAt,
      kind: "add",
      key,
      board: board.code,
      text: pick(TEXTS),
      owners,
      body,
      due: isByMeeting ? "next-meeting" : due.toISODate()!,
    });
    // Logged by mistake, and undone a minute later.
    if (next() < 0.05) {
      steps.push({ at: DateTime.fromISO(addedAt).plus({ minutes: 1 }).toUTC().toISO()!, kind: "undo", key });
      continue;
    }
    // What happens to it afterwards.
    let when = logged;
    const later = (low: number, high: number) => {
      when = day(when, low, high);
      return when;
    };
    if (owners.length > 0 && next() < 0.35)
      steps.push({
        at: at(later(3, 20), 11),
        kind: "press",
        key,
        button: pick(["snooze_day", "snooze_week"] as const),
      });
    if (owners.length > 0 && next() < 0.3) {
      const newDue = due.plus({ days: between(3, 30) }).toISODate()!;
      // The new date picked in the form's date picker, or written in words.
      steps.push({ at: at(later(1, 10), 11), kind: "press", key, button: "new_date", newDue, isPicked: next() < 0.5 });
      steps.push({
        at: at(later(0, 3), 15),
        kind: "decide",
        key,
        by: pick(["chair", "secretary"] as const),
        approve: next() < 0.75,
        fromHome: next() < 0.3,
      });
    }
    const fate = next();
    let closedAt: string | undefined;
    if (fate < 0.55) {
      const doneDay = due.plus({ days: between(-5, 12) });
      closedAt = at(doneDay < logged ? logged : doneDay);
      steps.push({ at: closedAt, kind: "done", key });
    } else if (fate < 0.65) {
      closedAt = at(later(1, 20));
      steps.push({ at: closedAt, kind: "drop", key });
    }
    if (closedAt && next() < 0.15)
      steps.push({ at: DateTime.fromISO(closedAt).plus({ minutes: 2 }).toUTC().toISO()!, kind: "undo", key });
    if (fate < 0.65 && next() < 0.2) steps.push({ at: at(day(due, 14, 20)), kind: "reopen", key });
  }
  const keyOf = (step: SimStep) => ("key" in step ? step.key : -1);
  steps.sort((a, b) => a.at.localeCompare(b.at) || keyOf(a) - keyOf(b));
  return {
    seed,
    start: start.toUTC().toISO()!,
    end: end.toUTC().toISO()!,
    boards,
    steps: steps.filter((s) => s.at < end.toUTC().toISO()!),
  };
}
