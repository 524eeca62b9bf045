// Shared by the action readers: what an action found looks like, and its wording tidied.
import type { FoundDue, DateContext } from "./find-dates";
import type { OwnerContext } from "./owners";

export type ActionSource = "table" | "list" | "marker" | "prose";

export interface FoundAction {
  text: string;
  owners: string[];
  due: FoundDue | undefined;
  line: number;
  source: ActionSource;
  /** Index of the block it came from. */
  block: number;
}

export interface ActionContext extends DateContext, OwnerContext {
  /** Who "they" and "both" are: the principal attendees' roles or names. */
  principals: string[];
  /** Who "I" is in a report or letter: its author's role (or name), if the document says. */
  author?: string;
  /** Attendees' full names, to see that "Priya" and "PR" are one person. */
  people?: readonly string[];
  /** An IRC meeting bot's nicknames ("Action Items, by person"), lower case to as written. */
  nicknames?: ReadonlyMap<string, string>;
}

const LEAD_IN =
  /^(?:(?:it was|it is)\s+(?:also\s+)?(?:further\s+)?(?:agreed|resolved|decided|confirmed|requested|noted)\s+(?:that\s+)?|(?:resolved|agreed|decided)\s*(?:that|:|-)?\s+|(?:and|also|further(?:more)?|in addition|finally|additionally|then|so)\s*,?\s+|(?:action|decision|outcome)\s*:\s*)/i;
/** A tracker's entry marked closed or done at its end ("... Closed.", "... completed"): not work to do. */
export const endsDone = (text: string) => /\b(closed|completed?|done)\.?$/i.test(text);

/** "Get an update from Janak, but it would be best to start by August": the work ends where the aside begins. */
export function withoutAside(text: string): string {
  return text.replace(
    /,\s+(?:but|however|although|though|because|since|whereas)\s+(?:it|there|this|that|we|they|he|she|I)\s.*$/i,
    "",
  );
}

export function cleanActionText(text: string, due: FoundDue | undefined): string {
  let out = text.trim();
  if (due) {
    const at = out.lastIndexOf(due.text);
    if (at > 0 && out.slice(at + due.text.length).replace(/[\s.;,)]/g, "").length < 3) out = out.slice(0, at);
  }
  out = withoutAside(out).replace(/^to\s+(?=[a-z])/, "");
  out = out
    .replace(/\s*[-–—,;:]\s*$/, "")
    .replace(/[.;,\s]+$/, "")
    .trim();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** "It was proposed by Cllr. D. Jones, seconded by Cllr. Arwel Davies and unanimously agreed to ...": the motion's record. */
const MOTION_LEAD_IN =
  /^it was (?:proposed|moved) by [^,]{2,60},?\s+seconded by [^,]{2,60}?,?\s+and\s+(?:unanimously\s+|resolved\s+|duly\s+)?(?:agreed|resolved|carried)\s+(?:that\s+)?(?:to\s+)?/i;

export function stripLeadIns(sentence: string): string {
  let out = sentence.trim().replace(MOTION_LEAD_IN, "");
  for (let i = 0; i < 4; i++) {
    const next = out.replace(LEAD_IN, "");
    if (next === out) break;
    out = next;
  }
  return out;
}
