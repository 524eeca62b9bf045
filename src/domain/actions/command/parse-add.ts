import { boardOf, distinctBoards, type BoardMention } from "./boards";
import { cleanDatePhrase, isReadableDate, looksLikeDate } from "./date-phrases";
import { distinctOwners, isListSeparator, isOwnerKeyword, separateOwnerKeywords, splitBodyNames } from "./owners";
import {
  EXAMPLES,
  emptyOwnerProblem,
  formatCount,
  problem,
  quote,
  unreadableDateProblem,
  userGroupProblem,
} from "./problems";
import { countCharacters, joinTokens, tidyText, wordOf, type Token } from "./slack-text";
import { findTrailingDate, type TrailingDate } from "./trailing-date";
import type { OwnerRef, ParseActionCommandResult, ParseOptions } from "./types";

export const MAX_TEXT_CHARACTERS = 1000;

/** What each token of `add` turned out to be. Markers (people, boards, keywords) end the clause before them. */
type Role =
  | { kind: "user" }
  | { kind: "board"; mention: BoardMention }
  | { kind: "owner-keyword"; group: number }
  | { kind: "due-keyword" }
  | { kind: "text" }
  | { kind: "owner"; group: number }
  | { kind: "due" };

interface ByClause {
  index: number;
  tail: number[];
  phrase: string;
}

const LEADING_BY = /^by(?:\s+|$)/i;
/** Only the last few "by"s are offered to the date parser: a real action has one or two, and each question costs. */
const MAX_BY_CLAUSES_ASKED = 20;
/** Likewise the ends of only the last few bodies' names, each being up to eight questions. */
const MAX_BODIES_ASKED = 4;
const FALLBACK_EXAMPLE_TEXT = "Draft the CONTEST terms of reference";

/**
 * `add <text> [@owner …] [owner: <body>] [by|due <date>] [#BOARD]`, clauses in any order after
 * the text. People and boards may stand anywhere; "owner:" and "due" run to the next marker;
 * "by" is a due date only when what follows it reads as one, so "Report by the police" stays text.
 * Without "by" or "due", a date closing the text or a body's name is the due date when it
 * could mean nothing else ("Draft the paper @ravi in two weeks"; the rules are in trailing-date.ts).
 */
export function parseAddCommand(input: readonly Token[], options: ParseOptions): ParseActionCommandResult {
  const tokens = separateOwnerKeywords(input);
  const usergroup = tokens.find((token) => token.kind === "usergroup");
  if (usergroup?.kind === "usergroup") return userGroupProblem(usergroup.label, EXAMPLES.add);

  const isDue = (phrase: string) => isReadableDate(phrase, options.isDuePhrase);
  const roles = rolesOf(tokens, isDue);
  const separators = separatorsBetweenPeople(tokens);
  // Brackets emptied by taking a person out ("Draft the terms (@alex)") go too.
  const textWithout = (removed: ReadonlySet<number>) =>
    tidyText(
      joinTokens(tokens, (_, i) => roles[i]?.kind === "text" && !removed.has(i) && !separators.has(i)).replace(
        /\(\s*\)|\[\s*\]/g,
        " ",
      ),
    );

  const due = chooseDueDate(tokens, roles, separators, isDue);
  if ("problem" in due) return unreadableDateProblem(due.problem, addExample(textWithout(due.removed)));
  if ("rivals" in due) {
    const [first, second] = due.rivals;
    return problem(`I found two due dates, ${quote(first)} and ${quote(second)}. Give one. Nothing was saved.`, [
      EXAMPLES.add,
      EXAMPLES.addForBody,
    ]);
  }
  const { duePhrase, removed } = due;

  const owners = collectOwners(tokens, roles, removed);
  if (!owners) return emptyOwnerProblem(EXAMPLES.addForBody);

  const boards = distinctBoards(roles.flatMap((role) => (role.kind === "board" ? [role.mention] : [])));
  const [board, otherBoard] = boards;
  if (board && otherBoard) {
    return problem(
      `An action belongs to one board, but I found ${quote(board.written)} and ${quote(otherBoard.written)}. Nothing was saved.`,
      [EXAMPLES.add],
    );
  }

  const text = textWithout(removed);
  if (!/[\p{L}\p{N}]/u.test(text)) {
    const message =
      tokens.length === 0
        ? "Say what the action is after add."
        : "Say what the action is first, then its owners, due date and board.";
    return problem(message, [EXAMPLES.add, EXAMPLES.addForBody]);
  }
  const length = countCharacters(text);
  if (length > MAX_TEXT_CHARACTERS) {
    return problem(
      `The action's text is ${formatCount(length)} characters; the most is ${formatCount(MAX_TEXT_CHARACTERS)}. Nothing was saved.`,
      [EXAMPLES.add],
    );
  }
  return { ok: true, command: { kind: "add", text, owners, duePhrase, board: board?.board } };
}

/** People and bodies in the order written; undefined when an "owner:" names nobody. */
function collectOwners(
  tokens: readonly Token[],
  roles: readonly Role[],
  removed: ReadonlySet<number>,
): OwnerRef[] | undefined {
  const owners: OwnerRef[] = [];
  for (const [i, role] of roles.entries()) {
    const token = tokens[i];
    if (token?.kind === "user") owners.push({ slackUserId: token.slackUserId });
    if (role.kind !== "owner-keyword") continue;
    const body = joinTokens(tokens, (_, j) => {
      const other = roles[j];
      return other?.kind === "owner" && other.group === role.group && !removed.has(j);
    });
    const names = splitBodyNames(body);
    // "owner: @alex" is a person written the long way.
    if (names.length === 0 && tokens[i + 1]?.kind !== "user") return undefined;
    owners.push(...names.map((bodyName) => ({ bodyName })));
  }
  return distinctOwners(owners);
}

type DueChoice =
  | { duePhrase: string | undefined; removed: ReadonlySet<number> }
  /** A phrase meant as a date that the date parser cannot read; `removed` leaves it out of the example. */
  | { problem: string; removed: ReadonlySet<number> }
  | { rivals: [string, string] };

/**
 * "due <phrase>" is always the date. Otherwise the last "by" whose tail reads as a date is, and
 * its words leave the text. Failing that, a date closing the text or a body's name is (two
 * such are a problem). A last "by" that looks like a date but does not read is a problem,
 * unless its end is that closing date and the rest is plain words ("Report by the police
 * next Friday"); "by sometime next Friday" is still refused.
 */
function chooseDueDate(
  tokens: readonly Token[],
  roles: readonly Role[],
  separators: ReadonlySet<number>,
  isDue: (phrase: string) => boolean,
): DueChoice {
  const byClauses = findByClauses(tokens, roles).slice(-MAX_BY_CLAUSES_ASKED);
  const dueTokens = new Set(roles.flatMap((role, i) => (role.kind === "due" ? [i] : [])));
  if (dueTokens.size > 0) {
    const duePhrase = cleanDatePhrase(
      joinTokens(tokens, (_, i) => dueTokens.has(i)),
      LEADING_BY,
    );
    // The example shown with the refusal keeps the text, not another date written in it.
    if (!isDue(duePhrase))
      return {
        problem: duePhrase,
        removed: new Set(byClauses.filter((c) => isDue(c.phrase)).flatMap((c) => [c.index, ...c.tail])),
      };
    const rival = byClauses.find((clause) => isDue(clause.phrase));
    return rival ? { rivals: [rival.phrase, duePhrase] } : { duePhrase, removed: new Set() };
  }
  const chosen = [...byClauses].reverse().find((clause) => isDue(clause.phrase));
  if (chosen) return { duePhrase: chosen.phrase, removed: new Set([chosen.index, ...chosen.tail]) };
  const trailing = findTrailingDates(tokens, roles, separators, isDue);
  const last = byClauses[byClauses.length - 1];
  if (last) {
    const taken = new Set(trailing.flatMap((date) => date.indices));
    const rest = taken.has(last.tail[last.tail.length - 1] ?? -1)
      ? cleanDatePhrase(joinTokens(last.tail.filter((j) => !taken.has(j)).map((j) => tokens[j] as Token)))
      : last.phrase;
    if (looksLikeDate(rest)) return { problem: last.phrase, removed: new Set([last.index, ...last.tail]) };
  }
  const [first, second] = trailing;
  if (first && second) return { rivals: [first.phrase, second.phrase] };
  if (first) return { duePhrase: first.phrase, removed: new Set(first.indices) };
  return { duePhrase: undefined, removed: new Set() };
}

/**
 * Dates closing the action's text and each body's name, in the order written. One is taken
 * only when words are left without it: the action keeps some text and a body its name.
 */
function findTrailingDates(
  tokens: readonly Token[],
  roles: readonly Role[],
  separators: ReadonlySet<number>,
  isDue: (phrase: string) => boolean,
): TrailingDate[] {
  const isText = (i: number) => roles[i]?.kind === "text" && !separators.has(i);
  const found: TrailingDate[] = [];
  let end = tokens.length - 1;
  while (end >= 0 && !isText(end)) end--;
  if (end >= 0) {
    let start = end;
    while (start > 0 && isText(start - 1)) start--;
    const date = findTrailingDate(tokens, range(start, end), isDue);
    const left = date && joinTokens(tokens, (_, i) => isText(i) && !date.indices.includes(i));
    if (date && left && /[\p{L}\p{N}]/u.test(left)) found.push(date);
  }
  const keywords = roles.flatMap((role, i) => (role.kind === "owner-keyword" ? [i] : [])).slice(-MAX_BODIES_ASKED);
  for (const i of keywords) {
    let last = i;
    while (roles[last + 1]?.kind === "owner") last++;
    if (last === i) continue;
    const body = range(i + 1, last);
    const date = findTrailingDate(tokens, body, isDue);
    if (date && splitBodyNames(joinTokens(tokens, (_, j) => body.includes(j) && !date.indices.includes(j))).length > 0)
      found.push(date);
  }
  return found.sort((a, b) => (a.indices[0] ?? 0) - (b.indices[0] ?? 0));
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

function addExample(text: string): (datePhrase: string) => string {
  const shown = /[\p{L}\p{N}]/u.test(text) && countCharacters(text) <= 60 ? text : FALLBACK_EXAMPLE_TEXT;
  return (datePhrase) => `/action add ${shown} by ${datePhrase}`;
}

function isMarker(token: Token): boolean {
  return token.kind === "user" || token.kind === "usergroup" || boardOf(token) !== undefined || isOwnerKeyword(token);
}

/** "due" in these is never a date's marker: "Review the due diligence report". */
const DUE_AS_ADJECTIVE =
  /^(?:diligence|process|care|regard|course|consideration|notice|respect|deference|credit|weight|date)$/;

/**
 * The last "due" that starts a date: never the first word ("Due diligence on …"), never "due to"
 * or "due diligence", and never one with nothing after it before the next marker. Earlier ones are text.
 */
function findDueKeyword(tokens: readonly Token[]): number | undefined {
  for (let i = tokens.length - 1; i > 0; i--) {
    const word = wordOf(tokens[i]);
    if (word !== "due" && word !== "due:") continue;
    const next = tokens[i + 1];
    if (!next || wordOf(next) === "to" || DUE_AS_ADJECTIVE.test(wordOf(next) ?? "") || isMarker(next)) continue;
    let end = i + 1;
    while (end < tokens.length && !isMarker(tokens[end] as Token)) end++;
    const phrase = cleanDatePhrase(joinTokens(tokens.slice(i + 1, end)), LEADING_BY);
    if (phrase) return i;
  }
  return undefined;
}

/**
 * What each token is. A "due" whose words neither read nor look like a date is text when a "by"
 * elsewhere gives a date that reads ("Saturday due check @jo by 19 December 2026"); with no other
 * date it stays the marker, so "Draft the terms due Blursday" is refused rather than saved undated.
 */
function rolesOf(tokens: readonly Token[], isDue: (phrase: string) => boolean): Role[] {
  const dueIndex = findDueKeyword(tokens);
  const roles = assignRoles(tokens, dueIndex);
  if (dueIndex === undefined) return roles;
  const phrase = cleanDatePhrase(
    joinTokens(tokens, (_, i) => roles[i]?.kind === "due"),
    LEADING_BY,
  );
  if (isDue(phrase) || looksLikeDate(phrase)) return roles;
  const withoutDue = assignRoles(tokens, undefined);
  return findByClauses(tokens, withoutDue).some((clause) => isDue(clause.phrase)) ? withoutDue : roles;
}

function assignRoles(tokens: readonly Token[], dueIndex: number | undefined): Role[] {
  let mode: "text" | "owner" | "due" = "text";
  let group = -1;
  return tokens.map((token, i): Role => {
    const board = boardOf(token);
    if (token.kind === "user" || board) {
      mode = "text";
      return board ? { kind: "board", mention: board } : { kind: "user" };
    }
    if (isOwnerKeyword(token)) {
      mode = "owner";
      group++;
      return { kind: "owner-keyword", group };
    }
    if (i === dueIndex) {
      mode = "due";
      return { kind: "due-keyword" };
    }
    return mode === "owner" ? { kind: "owner", group } : { kind: mode };
  });
}

/** Each "by" after the first word, in the text or a body's name, with what follows it up to the next marker or "by". */
function findByClauses(tokens: readonly Token[], roles: readonly Role[]): ByClause[] {
  const clauses: ByClause[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const role = roles[i];
    if ((role?.kind !== "text" && role?.kind !== "owner") || wordOf(tokens[i]) !== "by") continue;
    const tail: number[] = [];
    for (let j = i + 1; j < tokens.length; j++) {
      const other = roles[j];
      const isSameClause =
        other?.kind === role.kind && (other.kind !== "owner" || role.kind !== "owner" || other.group === role.group);
      if (!isSameClause || wordOf(tokens[j]) === "by") break;
      tail.push(j);
    }
    const phrase = cleanDatePhrase(joinTokens(tail.map((j) => tokens[j] as Token)));
    if (phrase) clauses.push({ index: i, tail, phrase });
  }
  return clauses;
}

/** The ", " and " and " in "@alex, @sam and @jo": they go with the people, not the text. */
function separatorsBetweenPeople(tokens: readonly Token[]): Set<number> {
  const separators = new Set<number>();
  tokens.forEach((token, i) => {
    if (token.kind !== "user") return;
    let j = i + 1;
    while (isListSeparator(tokens[j])) j++;
    if (j > i + 1 && tokens[j]?.kind === "user") for (let k = i + 1; k < j; k++) separators.add(k);
  });
  return separators;
}
