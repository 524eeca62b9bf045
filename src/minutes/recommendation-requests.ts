// A recommendations-and-responses table: a recommendation asking for something by a
// date ("It should report back to the Committee on this work by the end of September
// 2013") that the response does not turn down is the responder's to do, when the
// response itself undertakes nothing else.
import { findDue, type FoundDue } from "./find-dates";
import { sentencesOf } from "./sentences";
import { cleanActionText, type ActionContext } from "./action-text";

const DECLINES =
  /\b(?:(?:do|does|can|could|will)\s*n[o']t\s+(?:accept|agree|support|consider)|not\s+(?:be\s+)?(?:accepted|agreed|supported)|rejects?|rejected|declines?|declined|disagrees?|no plans? to|inappropriate|not appropriate)\b/i;
const REQUEST =
  /^(?<subject>.{1,60}?)\s+(?:should|must|is asked to|are asked to|needs? to)\s+(?:also\s+)?(?<rest>[a-z].+)$/;
/** The requester's own plans ("the Committee will monitor ...") are not the responder's. */
const REQUESTER = /\b(committee|panel|assembly|we|us)\b/i;

export function datedRequest(
  requestCell: string,
  responseCell: string,
  context: ActionContext,
): { text: string; due: FoundDue } | undefined {
  if (DECLINES.test(responseCell)) return undefined;
  const sentences = sentencesOf(requestCell.replace(/^\s*\d{1,2}[.)]\s*/, ""));
  // The last dated request: a recommendation often sets the work, then the date to report on it.
  for (let i = sentences.length - 1; i >= 0; i--) {
    const m = REQUEST.exec(sentences[i]!);
    if (!m?.groups || REQUESTER.test(m.groups.subject!)) continue;
    const due = findDue(m.groups.rest!, context);
    if (!due?.due) continue;
    let text = cleanActionText(m.groups.rest!, due);
    // "It should report back on this work": what the work is, the sentence before says.
    const before =
      /^(it|they|this)$/i.test(m.groups.subject!.trim()) && i > 0
        ? /\b(?:should|must)\s+(?:also\s+)?([a-z].+)$/.exec(sentences[i - 1]!)
        : null;
    if (before) text = `${cleanActionText(before[1]!, undefined)} and ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
    return { text, due };
  }
  return undefined;
}
