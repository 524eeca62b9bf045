// Who an action is for, as minutes write it: initials (JS, TE/LG), @handles,
// roles (Clerk, the Head of Planning), named people (Cllr Pointeer, Dr Pillai),
// bodies (London Councils and MOPAC), or everyone (All).

const ROLE_WORDS =
  /\b(clerk|chair(man|person|woman)?|vice[- ]chair|secretary|treasurer|head|director|chief|officer|manager|lead|leader|coordinator|co-ordinator|commissioner|mayor|headteacher|head teacher|governors?|trustees?|councillors?|members?|executive|team|partners|secretariat|deputy|controller|advisor|adviser|analyst|engineer|administrator|dpo|ceo|cfo|coo|cio|cto|principal|superintendent|inspector|sergeant|all|everyone|everybody|residents|staff|officers?)\b/i;
/** Groups that decide rather than do: "The Board agreed to ..." is a decision. */
const DECIDING_BODIES =
  /^(the\s+)?(board|committee|panel|council|meeting|group|members|governing body|governors|trustees|partnership|authority|forum|commission|cabinet|subcommittee|sub-committee)$/i;
/** Every word of the name is one the meeting's attendance list gives ("Priya", "Jan Kowal"). */
export const isKnownName = (name: string, context: OwnerContext) =>
  name.split(/\s+/).every((w) => context.knownNames.has(w.toLowerCase()));

export const isDecidingBody = (phrase: string) => DECIDING_BODIES.test(phrase.trim());
const NOT_OWNERS =
  /^(ok|okay|difficult|hard|easy|good|important|necessary|possible|impossible|nice|better|best|useful|helpful|worth|able|unable|likely|unlikely|needed|required|it|this|that|there|these|those|which|what|who|he|she|one|nothing|anything|something|discussion|work|the plan|the report|the paper|the strategy|the work|the item|the minutes|the meeting|the group|the project|progress|the chair's|updates?|reports?|action|actions|minutes|members of the public|welcome|introduction|response|changes|amendments|apologies|access|due|thanks|reference|subject|further|item|papers?)$/i;
/** Words that make a subject a clause ("Cllr Muir had", "The Committee RESOLVED"), not a person. */
const VERB_WORDS =
  /^(had|has|have|was|were|is|are|not|asked|said|noted|agreed|resolved|decided|reported|requested|recommends?|moved|proposed|seconded|did|does|would|could|should)$/i;
const CONNECTOR = /^(and|&|\/|of|the|for|from|with|at|in|on|de|van|von|plus|to)$/i;

export interface OwnerContext {
  /** Names of people recorded as present, to recognise "Anderson to ...". */
  knownNames: ReadonlySet<string>;
}

function isCapitalisedPhrase(tokens: string[]): boolean {
  let capitalised = 0;
  for (const token of tokens) {
    const word = token.replace(/[,;.()]/g, "");
    if (!word) continue;
    if (CONNECTOR.test(word)) continue;
    if (/^(@[\w.-]+|[A-Z][\p{L}'’.\-/]*|[A-Z]{2,}[\w/&-]*)$/u.test(word)) capitalised++;
    else return false;
  }
  return capitalised > 0;
}

/**
 * Whether a sentence's subject names who does the work. `strict` (for "X will ...")
 * refuses collective deciding bodies and bare capitalised phrases that are not
 * recognisably a person, a role or an organisation.
 */
export function isOwnerPhrase(
  phrase: string,
  context: OwnerContext,
  { strict = false }: { strict?: boolean } = {},
): boolean {
  const text = phrase.trim().replace(/^(the|both|all of)\s+(?=[a-z])/i, (m) => m);
  if (!text || text.length > 90 || NOT_OWNERS.test(text)) return false;
  if (DECIDING_BODIES.test(text)) return false;
  const tokens = text.split(/\s+/);
  if (tokens.length > 12) return false;
  if (/^@[\w.-]+/.test(text)) return true;
  if (/^[A-Z]{2,4}(\s*(\/|,|&|and)\s*[A-Z]{2,4})*$/.test(text)) return true;
  if (
    /^(all|everyone|everybody|all (?:members|governors|trustees|councillors|cllrs|directors|staff|officers))$/i.test(
      text,
    )
  )
    return true;
  // "All delegates present", "All board members".
  if (
    /^all\s+(?:[a-z]+\s+)?(?:members|delegates|governors|trustees|councillors|directors|staff|officers|volunteers|partners|attendees|participants)(?:\s+present)?$/i.test(
      text,
    )
  )
    return true;
  if (tokens.some((t) => VERB_WORDS.test(t))) return false;
  if (/^(cllrs?|councillors?|dr|mr|mrs|ms|prof|rev|sir|dame)\.?\s+[A-Z]/i.test(text))
    return isCapitalisedPhrase(tokens.slice(1));
  if (tokens.some((t) => context.knownNames.has(t.replace(/[^\p{L}'-]/gu, "").toLowerCase())))
    return isCapitalisedPhrase(tokens);
  if (ROLE_WORDS.test(text)) {
    // "The Head of Planning", "Clerk", "Partners from MOPAC, MPS and Health"; not "the report's author".
    const lowerWords = tokens.filter((t) => /^[a-z]/.test(t) && !CONNECTOR.test(t));
    return lowerWords.every((w) => ROLE_WORDS.test(w)) || isCapitalisedPhrase(tokens);
  }
  if (/\b[A-Z]{2,}\b/.test(text) && isCapitalisedPhrase(tokens)) return true;
  if (!strict && isAgencyList(text, context)) return true;
  // "The Gardai", "The Police": a body named with its article.
  if (!strict && /^[Tt]he\s+[A-Z][\p{L}'’-]+$/u.test(text) && !DECIDING_BODIES.test(text)) return true;
  // "Todd/Brian": two first names joined by a slash.
  if (!strict && /^\p{Lu}[\p{Ll}'’-]+(?:\/\p{Lu}[\p{Ll}'’-]+)+$/u.test(text)) return true;
  // A bare capitalised phrase is a name only if it reads like one: "Sally Brennan", "The Cabinet Office",
  // not "Moved" or "Hold the Police".
  return (
    !strict &&
    tokens.length >= 2 &&
    tokens.length <= 6 &&
    isCapitalisedPhrase(tokens) &&
    !tokens.some(
      (t, i) =>
        /^(of|for|from|with|to)$/i.test(t) || (/^the$/i.test(t) && i > 0 && !/^(and|&)$/i.test(tokens[i - 1] ?? "")),
    )
  );
}

/**
 * "The police, the Council, Probation and Public Health": three or more partners named
 * in a list, each a capitalised name or "the <agency>", is who an "X to ..." line assigns.
 */
function isAgencyList(text: string, context: OwnerContext): boolean {
  const parts = text.split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+/).filter(Boolean);
  if (parts.length < 3) return false;
  return parts.every((part) => {
    const words = part.split(/\s+/);
    if (words.length > 4 || NOT_OWNERS.test(part)) return false;
    if (/^the\s+[a-z]+(?:\s+[a-z]+)?$/i.test(part)) return !words.slice(1).some((w) => VERB_WORDS.test(w));
    return isCapitalisedPhrase(words) || isOwnerPhrase(part, context, { strict: true });
  });
}

/** "JS", "TE/LG", "Cllrs Anderson and Eglington", "London Councils and MOPAC" → owner names. */
export function splitOwners(phrase: string): string[] {
  const text = phrase
    .trim()
    .replace(/^(the|both)\s+/i, (m) => (/^both/i.test(m) ? "" : m))
    .replace(/[.:;,]+$/, "");
  if (!text) return [];
  if (/^[A-Z]{2,4}(\s*(\/|,|&|and)\s*[A-Z]{2,4})+$/.test(text))
    return text.split(/\s*(?:\/|,|&|\band\b)\s*/).filter(Boolean);
  if (/^@/.test(text))
    return text
      .split(/\s*(?:,|&|\band\b)\s*/)
      .map((h) => h.trim())
      .filter(Boolean);
  return [text];
}
