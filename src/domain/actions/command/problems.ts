import type { CommandProblem, ParseActionCommandResult } from "./types";
import { countCharacters, normaliseSpace } from "./slack-text";

export const SUBCOMMANDS = [
  "add",
  "list",
  "show",
  "done",
  "update",
  "due",
  "assign",
  "drop",
  "reopen",
  "help",
] as const;

export const EXAMPLES = {
  add: "/action add Draft the CONTEST terms of reference @alex by end of May #LCRB",
  addForBody: "/action add Report back on custody times owner: London Councils by the next meeting",
  list: "/action list overdue #LCRB",
  show: "/action show LCRB-12",
  done: "/action done LCRB-12 Circulated with the papers",
  update: "/action update LCRB-12 First draft shared with the chair",
  due: "/action due LCRB-12 end of June",
  assign: "/action assign LCRB-12 @alex",
  assignToBody: "/action assign LCRB-12 owner: London Councils",
  drop: "/action drop LCRB-12 Overtaken by the new CONTEST board",
  reopen: "/action reopen LCRB-12",
  help: "/action help",
} as const;

const QUOTE_LIMIT = 60;

/** The offending input in double quotes, shortened so the message stays readable on a phone. */
export function quote(text: string): string {
  const flat = normaliseSpace(text);
  const shortened =
    countCharacters(flat) > QUOTE_LIMIT
      ? `${Array.from(flat)
          .slice(0, QUOTE_LIMIT - 1)
          .join("")
          .trimEnd()}…`
      : flat;
  return `"${shortened}"`;
}

/** 3412 → "3,412". */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ",");
}

export function problem(message: string, examples: readonly string[]): ParseActionCommandResult {
  const result: CommandProblem = { message, examples: [...examples] };
  return { ok: false, problem: result };
}

const DATE_EXAMPLES = ["12 November", "end of June", "next Friday", "the next meeting"];

/** What PRODUCT.md shows when a date cannot be read; the examples retry with dates that work. */
export function unreadableDateProblem(
  phrase: string,
  commandWithout: (phrase: string) => string,
): ParseActionCommandResult {
  return problem(
    `I couldn't read ${quote(phrase)} as a date. Nothing was saved.`,
    DATE_EXAMPLES.map((example) => commandWithout(example)),
  );
}

export function userGroupProblem(label: string, example: string): ParseActionCommandResult {
  return problem(`A user group (${quote(label)}) can't own an action. Mention people, or name a body with owner:.`, [
    example,
    EXAMPLES.addForBody,
  ]);
}

export function emptyOwnerProblem(example: string): ParseActionCommandResult {
  return problem(`"owner:" needs a body name after it, such as owner: London Councils.`, [example]);
}
