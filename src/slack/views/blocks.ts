// Small, typed Block Kit builders shared by every view. Text is cut to Slack's
// limits here, once, rather than at every call site.
import type { ActionsBlockElement, KnownBlock } from "@slack/types";
import { isAppError, type Problem } from "../../errors";
import { wordsFor, type Words } from "./problems";

export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  contextText: 3000,
  buttonText: 75,
  messageBlocks: 50,
  viewBlocks: 100,
  fallbackText: 4000,
} as const;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * `text` in at most `max` characters, ending "…" when cut. Counted in UTF-16 units, the
 * strictest way a limit can be read, and cut only between whole characters as a person
 * sees them: never half an emoji (a lone surrogate is not valid text) or a flag split in two.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = "";
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

export function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, LIMITS.headerText), emoji: false } };
}

export function section(markdown: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(markdown, LIMITS.sectionText) } };
}

export function context(markdown: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(markdown, LIMITS.contextText) }] };
}

export function divider(): KnownBlock {
  return { type: "divider" };
}

/** A message: blocks plus the plain-text fallback phones show in notifications. */
export interface MessageView {
  text: string;
  blocks: KnownBlock[];
}

export function message(text: string, blocks: KnownBlock[]): MessageView {
  return { text: truncate(text, LIMITS.fallbackText), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): KnownBlock {
  return { type: "actions", elements: elements.slice(0, 25), ...(blockId ? { block_id: blockId } : {}) };
}

/** An expected problem: what was wrong, and what works instead. Nothing was changed. */
export function problemView(problem: Problem): MessageView {
  return wordsView(wordsFor(problem));
}

/** Words as a reply: the problem in a section, the hint under it. */
export function wordsView({ text, hint }: Words): MessageView {
  return message(hint ? `${text} ${hint}` : text, [section(text), ...(hint ? [context(hint)] : [])]);
}

/**
 * The reply for a failure: an expected one (AppError) in its problem's words, anything
 * else as our fault, saying that nothing was `changed` ("saved" for new things).
 */
export function failureView(error: unknown, nothing: "changed" | "saved" = "changed"): MessageView {
  if (isAppError(error)) return problemView(error.problem);
  return wordsView({
    text: `Something went wrong on our side and nothing was ${nothing}. Please try again in a minute.`,
  });
}

/**
 * A form field that came back longer than it takes: Slack stops this in the form
 * (max_length), but the listener does not rely on it. Undefined when it fits.
 * Counted as a person counts (an emoji is one character).
 */
export function tooLong(what: string, text: string | null | undefined, max: number): string | undefined {
  const length = text ? [...text].length : 0;
  return length > max
    ? `${what} ${length.toLocaleString("en-GB")} characters; the most is ${max.toLocaleString("en-GB")}.`
    : undefined;
}

/** A form's field errors, by block id, without the fields that have none (Slack wants only those). */
export function fieldErrors(errors: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** private_metadata and button values are ours, but arrive as text: never throw on them. */
export function parseJsonSafely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
