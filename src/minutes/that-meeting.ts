// "The Annual Parish Meeting will be held on Monday 22nd April 2024. The Chairman to
// prepare his report for that meeting": a due phrase pointing back at a meeting the
// same paragraph dates. Without the date in the text, the action keeps no due date.
import type { Block } from "./blocks";
import { findDayMonthAfter, findFullDate, type FoundDue } from "./find-dates";
import { sentencesOf } from "./sentences";
import type { FoundAction } from "./action-text";

const THAT_MEETING =
  /\b(?:for|at|by|before|ahead of|in time for|to)\s+(?:that|this|the said|the same)\s+(?:meeting|event|session)\b/i;

/** The due of an action whose own wording only says "for that meeting". */
export function dueOfThatMeeting(block: Block, meetingDate: string | null): FoundDue | undefined {
  const m = THAT_MEETING.exec(block.text);
  if (!m) return undefined;
  // The meeting meant is the last one dated before the phrase.
  const earlier = sentencesOf(block.text.slice(0, m.index)).reverse();
  for (const sentence of earlier) {
    if (!/\b(meeting|event|session|held)\b/i.test(sentence)) continue;
    const found = findFullDate(sentence) ?? (meetingDate ? findDayMonthAfter(sentence, meetingDate) : undefined);
    if (found) return { text: m[0], due: found.date, isNextMeeting: false, meetingMonth: null };
  }
  return undefined;
}

export function fillThatMeetingDues(
  actions: FoundAction[],
  blocks: readonly Block[],
  meetingDate: string | null,
): void {
  for (const action of actions) {
    const block = blocks[action.block];
    if (action.due || !block || !THAT_MEETING.test(action.text)) continue;
    const due = dueOfThatMeeting(block, meetingDate);
    if (due) action.due = due;
  }
}
