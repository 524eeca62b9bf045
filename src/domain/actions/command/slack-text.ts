/**
 * Slash command text as Slack sends it with should_escape: & < > arrive as &amp; &lt; &gt;,
 * so a literal "<" only ever opens one of Slack's own entities: <@U123|alex>, <#C123|lcrb>,
 * <!subteam^S123|@team>, <!here>, <https://x|label>.
 */

interface TokenBase {
  /** The token as Slack sent it (still escaped). */
  raw: string;
  /** Whitespace came before it in the original text. */
  spaceBefore: boolean;
}

export type Token =
  | (TokenBase & { kind: "word" })
  | (TokenBase & { kind: "user"; slackUserId: string })
  | (TokenBase & { kind: "channel"; channelId: string; label: string | undefined })
  | (TokenBase & { kind: "usergroup"; label: string })
  /** Links, @here, dates and anything else shown as plain text. */
  | (TokenBase & { kind: "entity"; display: string });

const ENTITY_NAMES: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

/** One pass, so "&amp;lt;" becomes "&lt;" and not "<". */
export function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => ENTITY_NAMES[name] ?? "");
}

/**
 * Control characters become spaces and unpaired surrogates U+FFFD, so what is stored is
 * valid UTF-8 text PostgreSQL accepts.
 */
export function sanitiseText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what this removes or refuses
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, " ")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
  );
}

const TOKEN = /<[^<>]*>|[^\s<]+|</g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const index = match.index ?? 0;
    const spaceBefore = index === 0 || /\s/.test(text.charAt(index - 1));
    tokens.push(
      raw.length > 2 && raw.startsWith("<") && raw.endsWith(">")
        ? entityToken(raw, spaceBefore)
        : { kind: "word", raw, spaceBefore },
    );
  }
  return tokens;
}

function entityToken(raw: string, spaceBefore: boolean): Token {
  const inner = raw.slice(1, -1);
  const user = /^@([UW][A-Z0-9]+)(?:\|[^]*)?$/.exec(inner);
  if (user?.[1]) return { kind: "user", slackUserId: user[1], raw, spaceBefore };
  const channel = /^#([CG][A-Z0-9]+)(?:\|([^]*))?$/.exec(inner);
  if (channel?.[1]) return { kind: "channel", channelId: channel[1], label: channel[2] || undefined, raw, spaceBefore };
  const group = /^!subteam\^[A-Z0-9]+(?:\|([^]*))?$/.exec(inner);
  if (group) return { kind: "usergroup", label: unescapeSlack(group[1] || "@group"), raw, spaceBefore };
  const special = /^!([^|^]*)[^|]*(?:\|([^]*))?$/.exec(inner);
  if (special) {
    const name = special[1] ?? "";
    // Broadcasts are shown as words, never stored as mentions that would ping a channel again.
    const display = ["here", "channel", "everyone"].includes(name)
      ? `@${name}`
      : unescapeSlack(special[2] || `@${name}`);
    return { kind: "entity", display, raw, spaceBefore };
  }
  return { kind: "entity", display: linkDisplay(inner), raw, spaceBefore };
}

/** <https://x|label> reads as "label (https://x)"; a link without a label, or labelled with itself, as the address. */
function linkDisplay(inner: string): string {
  const bar = inner.indexOf("|");
  const url = unescapeSlack(bar < 0 ? inner : inner.slice(0, bar)).trim();
  const label = bar < 0 ? "" : unescapeSlack(inner.slice(bar + 1)).trim();
  const bare = url.replace(/^(?:mailto:|tel:|[a-z][a-z0-9+.-]*:\/\/)/i, "");
  if (!label || label === url || label === bare)
    return url.startsWith("mailto:") || url.startsWith("tel:") ? bare : url;
  return url ? `${label} (${url})` : label;
}

/** How a token reads in free text (notes, reasons): people and channels stay as Slack mentions. */
export function displayToken(token: Token): string {
  switch (token.kind) {
    case "word":
      return unescapeSlack(token.raw);
    case "user":
      return `<@${token.slackUserId}>`;
    case "channel":
      return `<#${token.channelId}>`;
    case "usergroup":
      return token.label;
    case "entity":
      return token.display;
  }
}

/** How a token is quoted back in a problem: what the person typed, as far as we can tell. */
export function quoteToken(token: Token): string {
  switch (token.kind) {
    case "user":
      return `@${/\|([^]+)>$/.exec(token.raw)?.[1] ?? token.slackUserId}`;
    case "channel":
      return `#${token.label ?? token.channelId}`;
    default:
      return displayToken(token);
  }
}

/**
 * The text of the tokens kept, spaced as in the original: two kept tokens are separated
 * when any whitespace stood between them, even beside a token left out.
 */
export function joinTokens(
  tokens: readonly Token[],
  isKept: (token: Token, index: number) => boolean = () => true,
): string {
  let text = "";
  let isSpacePending = false;
  tokens.forEach((token, index) => {
    isSpacePending ||= token.spaceBefore;
    if (!isKept(token, index)) return;
    const piece = displayToken(token);
    if (!piece) return;
    text += (text && isSpacePending ? " " : "") + piece;
    isSpacePending = false;
  });
  return normaliseSpace(text);
}

export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Free text without the dangling separators left where clauses were cut out ("Draft the terms, "). */
export function tidyText(text: string): string {
  return normaliseSpace(text)
    .replace(/^[\s,;:\-–—]+/, "")
    .replace(/[\s,;:\-–—]+$/, "");
}

export function wordOf(token: Token | undefined): string | undefined {
  return token?.kind === "word" ? unescapeSlack(token.raw).toLowerCase() : undefined;
}

export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
