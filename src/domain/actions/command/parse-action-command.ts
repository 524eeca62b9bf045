import { parseAddCommand } from "./parse-add";
import { parseListCommand } from "./parse-list";
import { parseReferenceCommand } from "./parse-reference-command";
import { EXAMPLES, formatCount, problem, quote, SUBCOMMANDS } from "./problems";
import { countCharacters, quoteToken, sanitiseText, tokenize, unescapeSlack } from "./slack-text";
import type { ParseActionCommandResult, ParseOptions } from "./types";

export const MAX_COMMAND_CHARACTERS = 3000;

/**
 * Reads the text of `/action` as Slack sends it (should_escape: true). Pure, and never throws:
 * anything it cannot read comes back as a problem quoting the input, with commands that work.
 */
export function parseActionCommand(text: string, options: ParseOptions): ParseActionCommandResult {
  const input = typeof text === "string" ? text : "";
  // Counting stops early: an enormous input must not cost more than a long one.
  const length = input.length > MAX_COMMAND_CHARACTERS * 2 ? input.length : countCharacters(input);
  if (length > MAX_COMMAND_CHARACTERS) {
    return problem(
      `That command is ${formatCount(length)} characters long; the most I can read is ${formatCount(MAX_COMMAND_CHARACTERS)}. Nothing was saved.`,
      [EXAMPLES.add],
    );
  }

  const [first, ...rest] = tokenize(sanitiseText(input));
  if (!first) return { ok: true, command: { kind: "modal" } };
  const subcommand = first.kind === "word" ? unescapeSlack(first.raw).toLowerCase() : undefined;
  switch (subcommand) {
    case "help":
      return { ok: true, command: { kind: "help" } };
    case "add":
      return parseAddCommand(rest, options);
    case "list":
      return parseListCommand(rest);
    case "show":
    case "done":
    case "update":
    case "due":
    case "assign":
    case "drop":
    case "reopen":
      return parseReferenceCommand(subcommand, rest, options);
    default:
      return problem(
        `I don't know ${quote(`/action ${quoteToken(first)}`)}. Try ${SUBCOMMANDS.slice(0, -1).join(", ")} or ${SUBCOMMANDS[SUBCOMMANDS.length - 1]}.`,
        [EXAMPLES.add, EXAMPLES.list, EXAMPLES.done, EXAMPLES.help],
      );
  }
}
