// Agenda items (numbered headings as written) and decisions.
import type { Block } from "./blocks";
import { looksLikeHeading } from "./blocks";
import { sentencesOf } from "./sentences";
import type { ExtractedDecision, ExtractedItem } from "./types";

const SUB_PARAGRAPH = /^\d+\.\d+/;

export function findItems(blocks: readonly Block[]): ExtractedItem[] {
  const items: ExtractedItem[] = [];
  for (const block of blocks) {
    if (
      block.kind === "numbered" &&
      block.number &&
      !SUB_PARAGRAPH.test(block.number) &&
      !/^[a-z]$|^[ivx]+$/.test(block.number)
    ) {
      const heading = block.text.replace(/[.:\s]+$/, "");
      if (looksLikeHeading(heading) || (block.isMarkedHeading && heading.length <= 120))
        items.push({ number: block.number, heading, line: block.line });
    } else if (
      block.kind === "heading" &&
      /^\d/.test(block.text) === false &&
      block.isMarkedHeading &&
      items.length > 0 &&
      block.text.length <= 80
    ) {
      // Markdown "## Heading" sections between numbered items are not items.
    }
  }
  return items;
}

const DECISION_REFERENCE = /\b((?:DMPCD|DMPC|PCD|MD|DD|ADD|DPCD)\s*[-\s]?\d{4}\s*[-\s/]?\d{1,4})\b/;
const DECIDED =
  /\b(resolved|approved|agreed (?:that|the|to (?:approve|adopt|accept|endorse|note))|decided|endorsed|ratified|adopted|was agreed|were agreed|decision:)/i;

export function findDecisions(blocks: readonly Block[], actionLines: ReadonlySet<number>): ExtractedDecision[] {
  const decisions: ExtractedDecision[] = [];
  let item: string | null = null;
  for (const block of blocks) {
    if (block.kind === "numbered" && block.number && !SUB_PARAGRAPH.test(block.number) && looksLikeHeading(block.text))
      item = block.number;
    if (block.kind === "heading" || block.kind === "table_row") continue;
    for (const sentence of sentencesOf(block.text)) {
      const reference = DECISION_REFERENCE.exec(sentence);
      if (!reference && (!DECIDED.test(sentence) || actionLines.has(block.line))) continue;
      if (/^(the )?minutes of the (last|previous)/i.test(sentence)) continue;
      decisions.push({
        reference: reference ? reference[1]!.replace(/\s+/g, " ") : item,
        text: sentence.replace(/^(RESOLVED|DECISION|AGREED)\s*[:\-–]?\s*/i, "").trim(),
        line: block.line,
      });
    }
  }
  return decisions;
}
