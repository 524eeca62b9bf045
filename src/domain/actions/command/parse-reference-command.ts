import { cleanDatePhrase, isReadableDate } from "./date-phrases";
import { parseAssignCommand } from "./parse-assign";
import { EXAMPLES, formatCount, problem, quote, unreadableDateProblem } from "./problems";
import { parseReference } from "./references";
import { countCharacters, joinTokens, quoteToken, tidyText, unescapeSlack, type Token } from "./slack-text";
import type { ParseActionCommandResult, ParseOptions } from "./types";

export type ReferenceVerb = "show" | "done" | "update" | "due" | "assign" | "drop" | "reopen";

export const MAX_NOTE_CHARACTERS = 1000;

const ASKING_WHICH: Record<ReferenceVerb, string> = {
  show: "Say which action to show",
  done: "Say which action is done",
  update: "Say which action to update",
  due: "Say which action's due date to move",
  assign: "Say which action to assign",
  drop: "Say which action to drop",
  reopen: "Say which action to reopen",
};

/** `<verb> <REF> …`: the reference first, then what the verb needs. */
export function parseReferenceCommand(
  verb: ReferenceVerb,
  tokens: readonly Token[],
  options: ParseOptions,
): ParseActionCommandResult {
  const [first, ...rest] = tokens;
  if (!first) return problem(`${ASKING_WHICH[verb]}, such as LCRB-12.`, [EXAMPLES[verb]]);
  const reference = first.kind === "word" ? parseReference(unescapeSlack(first.raw)) : undefined;
  if (!reference)
    return problem(`${quote(quoteToken(first))} isn't an action reference. References look like LCRB-12 or A-7.`, [
      EXAMPLES[verb],
    ]);

  // Notes keep people and channels as Slack mentions (<@U123>, <#C123>) so they still show as names.
  const freeText = tidyText(joinTokens(rest));
  switch (verb) {
    case "show":
    case "reopen":
      if (freeText)
        return problem(`${verb} needs only the reference; I didn't expect ${quote(freeText)}.`, [
          `/action ${verb} ${reference}`,
        ]);
      return { ok: true, command: { kind: verb, reference } };
    case "done":
      return (
        checkLength(freeText, "note", `/action done ${reference} Circulated with the papers`) ?? {
          ok: true,
          command: { kind: "done", reference, note: freeText || undefined },
        }
      );
    case "update":
      if (!freeText)
        return problem(`Say what has happened on ${reference}, after the reference.`, [
          `/action update ${reference} First draft shared with the chair`,
        ]);
      return (
        checkLength(freeText, "note", EXAMPLES.update) ?? {
          ok: true,
          command: { kind: "update", reference, note: freeText },
        }
      );
    case "drop":
      if (!freeText)
        return problem(`Say why ${reference} is being dropped, after the reference.`, [
          `/action drop ${reference} Overtaken by the new CONTEST board`,
        ]);
      return (
        checkLength(freeText, "reason", EXAMPLES.drop) ?? {
          ok: true,
          command: { kind: "drop", reference, reason: freeText },
        }
      );
    case "due":
      return parseNewDueDate(reference, rest, options);
    case "assign":
      return parseAssignCommand(reference, rest);
  }
}

function parseNewDueDate(reference: string, tokens: readonly Token[], options: ParseOptions): ParseActionCommandResult {
  const duePhrase = cleanDatePhrase(joinTokens(tokens), /^(?:to|by)(?:\s+|$)/i);
  const withDate = (phrase: string) => `/action due ${reference} ${phrase}`;
  if (!duePhrase)
    return problem(`Say the new due date for ${reference}.`, [withDate("end of June"), withDate("the next meeting")]);
  if (!isReadableDate(duePhrase, options.isDuePhrase)) return unreadableDateProblem(duePhrase, withDate);
  return { ok: true, command: { kind: "due", reference, duePhrase } };
}

function checkLength(text: string, what: string, example: string): ParseActionCommandResult | undefined {
  const length = countCharacters(text);
  if (length <= MAX_NOTE_CHARACTERS) return undefined;
  return problem(
    `The ${what} is ${formatCount(length)} characters; the most is ${formatCount(MAX_NOTE_CHARACTERS)}. Nothing was saved.`,
    [example],
  );
}
