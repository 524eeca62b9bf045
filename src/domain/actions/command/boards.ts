import type { BoardRef } from "./types";
import { quoteToken, unescapeSlack, type Token } from "./slack-text";

const BOARD_CODE = /^#([A-Za-z][A-Za-z0-9]{1,11})[.,;:!?)]*$/;

export interface BoardMention {
  board: BoardRef;
  /** As the person wrote it, for quoting back. */
  written: string;
}

/** A "#CODE" word or a channel mention; undefined for anything else. */
export function boardOf(token: Token): BoardMention | undefined {
  if (token.kind === "channel") return { board: { channelId: token.channelId }, written: quoteToken(token) };
  if (token.kind !== "word") return undefined;
  const code = BOARD_CODE.exec(unescapeSlack(token.raw))?.[1];
  return code ? { board: { code: code.toUpperCase() }, written: `#${code}` } : undefined;
}

/** The boards named, once each in the order written ("#lcrb" and "#LCRB" are one board). */
export function distinctBoards(mentions: readonly BoardMention[]): BoardMention[] {
  const seen = new Map<string, BoardMention>();
  for (const mention of mentions) {
    const key = "code" in mention.board ? `code:${mention.board.code}` : `channel:${mention.board.channelId}`;
    if (!seen.has(key)) seen.set(key, mention);
  }
  return [...seen.values()];
}
