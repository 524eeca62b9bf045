// Open actions carried forward in a matters-arising review, written as prose around
// a log reference: "BD/23/47 (CN to present the evaluation) remains open ...; the
// Board agreed a revised due date of March 2024." Closed ones ("... were confirmed
// as complete") say nothing of the kind and are left alone.
import type { Block } from "./blocks";
import { findDue } from "./find-dates";
import { sentencesOf } from "./sentences";
import { cleanActionText, type ActionContext, type FoundAction } from "./action-text";

type ReadAssignment = (
  sentence: string,
  context: ActionContext,
  options: { isMarked: boolean },
) => { owners: string[]; text: string; due: FoundAction["due"] } | undefined;

/** "(X to do Y) remains open", "(X to do Y) is still outstanding", "(X to do Y) was carried forward". */
const STILL_OPEN =
  /\(([^()]{6,200})\)\s+(?:remains?|is|are|was|were|has been|have been)\s+(?:still\s+)?(?:open|outstanding|ongoing|in progress|carried (?:forward|over)|rolled (?:forward|over)|not yet (?:complete|completed|done))\b/gi;
/** The sentence after may move its date: "a revised due date of March 2024", "a new deadline of ...". */
const NEW_DATE = /\b(?:revised|new|extended|amended)\s+(?:due\s+)?(?:date|deadline|target date|completion date)\b/i;

export function fromCarriedForward(
  blocks: readonly Block[],
  context: ActionContext,
  used: ReadonlySet<number>,
  readAssignment: ReadAssignment,
): FoundAction[] {
  const found: FoundAction[] = [];
  blocks.forEach((block, index) => {
    if (used.has(index) || block.kind === "heading" || block.kind === "table_row" || !block.text.includes("(")) return;
    const sentences = sentencesOf(block.text);
    sentences.forEach((sentence, position) => {
      for (const m of sentence.matchAll(STILL_OPEN)) {
        const assignment = readAssignment(m[1]!, context, { isMarked: true });
        if (!assignment || assignment.owners.length === 0) continue;
        // Its date: in the rest of the sentence, or a revised date in the next one.
        const rest = sentence.slice(m.index! + m[0].length);
        const next = sentences[position + 1] ?? "";
        const due =
          assignment.due ??
          (NEW_DATE.test(rest) ? findDue(rest, context) : undefined) ??
          (NEW_DATE.test(next) ? findDue(next, context) : undefined);
        found.push({
          text: cleanActionText(assignment.text, undefined),
          owners: assignment.owners,
          due,
          line: block.line,
          source: "list",
          block: index,
        });
      }
    });
  });
  return found;
}
