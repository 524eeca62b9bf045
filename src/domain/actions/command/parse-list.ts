import { boardOf, distinctBoards, type BoardMention } from "./boards";
import { EXAMPLES, problem, quote } from "./problems";
import { quoteToken, unescapeSlack, type Token } from "./slack-text";
import type { ListFilter, ParseActionCommandResult } from "./types";

const NAMED_FILTERS = ["mine", "overdue", "open", "done"] as const;
type NamedFilter = (typeof NAMED_FILTERS)[number];

const LIST_EXAMPLES = [EXAMPLES.list, "/action list mine", "/action list @alex", "/action list #LCRB"];

/** `list [mine|overdue|open|done|@user|#BOARD]`, mine by default; a board may narrow another filter ("overdue #LCRB"). */
export function parseListCommand(tokens: readonly Token[]): ParseActionCommandResult {
  const filters: { filter: ListFilter; written: string }[] = [];
  const boardMentions: BoardMention[] = [];
  for (const token of tokens) {
    const board = boardOf(token);
    const word =
      token.kind === "word"
        ? unescapeSlack(token.raw)
            .toLowerCase()
            .replace(/[.,;:!?]+$/, "")
        : undefined;
    if (board) {
      boardMentions.push(board);
    } else if (token.kind === "user") {
      filters.push({ filter: { kind: "user", slackUserId: token.slackUserId }, written: quoteToken(token) });
    } else if (word !== undefined && isNamedFilter(word)) {
      filters.push({ filter: { kind: word }, written: word });
    } else if (word?.startsWith("#")) {
      return problem(
        `${quote(quoteToken(token))} isn't a board code. Codes are 2 to 12 letters or digits, such as #LCRB.`,
        LIST_EXAMPLES,
      );
    } else {
      return problem(
        `I can't list ${quote(quoteToken(token))}. Try mine, overdue, open, done, @someone or #BOARD.`,
        LIST_EXAMPLES,
      );
    }
  }

  const [first] = filters;
  const second = filters.find((other) => first && JSON.stringify(other.filter) !== JSON.stringify(first.filter));
  if (first && second) {
    return problem(
      `List one of mine, overdue, open, done or @someone at a time; I found ${quote(first.written)} and ${quote(second.written)}.`,
      LIST_EXAMPLES,
    );
  }
  const [board, otherBoard] = distinctBoards(boardMentions);
  if (board && otherBoard) {
    return problem(
      `List one board at a time; I found ${quote(board.written)} and ${quote(otherBoard.written)}.`,
      LIST_EXAMPLES,
    );
  }
  if (!first)
    return {
      ok: true,
      command: { kind: "list", filter: board ? { kind: "board", board: board.board } : { kind: "mine" } },
    };
  return {
    ok: true,
    command: board
      ? { kind: "list", filter: first.filter, board: board.board }
      : { kind: "list", filter: first.filter },
  };
}

function isNamedFilter(word: string): word is NamedFilter {
  return (NAMED_FILTERS as readonly string[]).includes(word);
}
