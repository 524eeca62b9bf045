// What a reader found that is not work someone is to do: an outcome marked like an
// action ("Action: Revisit", "Bumped to next teleconference", "No consensus"), a
// minute's heading or a "Noted"/"Received" record in an action column, a statement
// of accounts, a line already marked done.
import type { FoundAction } from "./action-text";
import { opensWithVerb } from "./language";

/** Outcomes of a discussion that name no work: the item moved, paused or closed. */
const OUTCOME =
  /^(?:revisit(?:ed)?|bumped|punt(?:ed)?|as (?:noted|discussed|above)|no (?:consensus|action|further action|decision)|see (?:above|below)|discuss(?:ed)? (?:at|during|in|next)|there (?:was|were|is|are) no|confirmed and signed)\b/i;
/** A record of what the meeting did, alone or before a colon: "Noted", "Received: the report". */
const RECORD =
  /^(?:none|n\/a|tbd|tba|\?|noted|received|confirmed|approved|agreed|deferred|postponed|tabled|carried forward|ongoing|done|closed|complete[d]?)\s*(?:[.:;,]|$)/i;
/** A minute's own heading in an action column: "404 MEMBERSHIP", "407.1 University Funding". */
const MINUTE_HEADING = /^\d{1,4}(?:\.\d{1,3})*\s+[A-Z][A-Z &'’,-]+$/;
/** Balances and payments: "End September £34,441.52". */
const ACCOUNTS = /^(?:end\s+\w+|balance|bank balance|payments?|receipts?)\b[^.]{0,40}£\s?\d/i;
/** Who is never an owner: the column's record of what was done. */
const NOT_OWNER = /^(?:noted|received|payments?|receipts?|accounts?|n\/a|none|tbc|tba|done|complete[d]?)$/i;
/**
 * "... Complete. Simon sent ...", "... (Done 3 Nov)": a tracker's row already done. The status
 * stands alone ("Complete.", "- Done"); "Complete the profile" is work.
 */
const DONE_IN_TEXT =
  /(?:^|[.;]\s+|\s[-–—]\s+|\()(?:complete[d]?|done|closed|finished)(?=\s*(?:[.;,:)\-–—]|$)|\s+\d)(?![^.]*\bnot\b)/i;

export function isWork(action: FoundAction): boolean {
  const text = action.text.trim();
  if (text.length < 3 || OUTCOME.test(text) || RECORD.test(text) || MINUTE_HEADING.test(text) || ACCOUNTS.test(text))
    return false;
  // A line with no lower-case word is a heading or a code, not a sentence of work.
  if (!/[a-z]{3}/.test(text) && !(/\s(?:TO|WILL)\s/.test(` ${text} `) && text.split(/\s+/).length >= 4)) return false;
  if (DONE_IN_TEXT.test(text) && !/\bnot (?:yet )?complete/i.test(text)) return false;
  // A record ending a line of references ("MResC 27.05.10 1/13 407.1.2 Noted"), a meeting's date, a view.
  if (/\b(?:noted|received|agreed|approved)\.?$/i.test(text) && text.split(/\s+/).length <= 6) return false;
  if (/\b(?:meeting|session|call|conference)\s+(?:will|is to|are to|to)\s+be\s+held\b/i.test(text)) return false;
  if (
    action.owners.some((o) => /\b(?:suggested|proposed|said|asked|noted|commented|mentioned|wondered)$/i.test(o.trim()))
  )
    return false;
  // Read from a table or list with no owner and no date, only a text that opens with a verb is work
  // ("Rebuild the index"); "The current membership (refers)" or "The third meeting will be held ..." is not.
  if (
    action.owners.length === 0 &&
    !action.due &&
    (action.source === "table" || action.source === "list") &&
    !opensWithVerb(text)
  )
    return false;
  return true;
}

/** Owners with the words a column uses for "nobody" removed. */
export function realOwners(owners: readonly string[]): string[] {
  return owners.filter((o) => !NOT_OWNER.test(o.trim()));
}
