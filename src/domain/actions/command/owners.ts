import type { OwnerRef } from "./types";
import { tidyText, unescapeSlack, type Token } from "./slack-text";

const OWNER_KEYWORD = /^owners?:/i;

/** "owner:" or "owners:", any case. */
export function isOwnerKeyword(token: Token | undefined): boolean {
  return token?.kind === "word" && /^owners?:$/i.test(token.raw);
}

/** "owner:MOPAC" written without a space reads as "owner: MOPAC". */
export function separateOwnerKeywords(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token): Token[] => {
    if (token.kind !== "word") return [token];
    const keyword = OWNER_KEYWORD.exec(token.raw)?.[0];
    if (!keyword || keyword.length === token.raw.length) return [token];
    return [
      { kind: "word", raw: keyword, spaceBefore: token.spaceBefore },
      { kind: "word", raw: token.raw.slice(keyword.length), spaceBefore: false },
    ];
  });
}

/** "London Councils and MOPAC" → two bodies; commas, " and " and " & " separate, "P&O" does not. */
export function splitBodyNames(text: string): string[] {
  return unescapeSlack(text)
    .split(/\s*[,;]\s*|(?:^|\s+)(?:and|&)(?=\s|$)/i)
    .map((name) => tidyText(tidyText(name).replace(/\.+$/, "")))
    .filter((name) => /[\p{L}\p{N}]/u.test(name));
}

/** Separators between two people in a list ("@alex, @sam and @jo") belong to neither the text nor a body. */
export function isListSeparator(token: Token | undefined): boolean {
  return token?.kind === "word" && /^(?:,|and|&amp;|&|\+)$/i.test(token.raw);
}

/** Each person and body once, in the order first named; bodies compared ignoring case. */
export function distinctOwners(owners: readonly OwnerRef[]): OwnerRef[] {
  const seen = new Set<string>();
  return owners.filter((owner) => {
    const key = "slackUserId" in owner ? `user:${owner.slackUserId}` : `body:${owner.bodyName.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
