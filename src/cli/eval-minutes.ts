// `npm run eval:minutes [-- --verbose]`: scores the minutes parser on the three
// evaluation sets and prints precision and recall of actions and the next-meeting hit rate.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseMinutes } from "../minutes/parse-minutes";
import { readDocument } from "../minutes/read-document";
import { evaluationSets } from "../minutes/evaluation-sets";
import { scoreExtraction, scoreSet, type DocumentScore } from "../minutes/score-extraction";

const pct = (x: number) => x.toFixed(2);
const TARGET = 0.9;

async function main(): Promise<void> {
  const isVerbose = process.argv.includes("--verbose");
  let isMet = true;
  for (const full of evaluationSets()) {
    const set = { ...full, documents: full.documents.filter((d) => d.isAvailable) };
    if (set.documents.length === 0) {
      process.stdout.write(`\n${set.name}: skipped (nothing in ${set.folder})\n`);
      continue;
    }
    const scores: DocumentScore[] = [];
    process.stdout.write(`\n${set.name} (${set.documents.length} documents)\n`);
    for (const document of set.documents) {
      const text = await readDocument({ bytes: await readFile(document.file), fileName: path.basename(document.file) });
      const score = scoreExtraction(document.expected, parseMinutes(text));
      scores.push(score);
      const right = score.matches.filter((m) => m.isOwnerRight && m.isDueRight).length;
      process.stdout.write(
        `  ${document.name.padEnd(48)} actions ${String(score.expectedCount).padStart(2)} expected, ${String(score.foundCount).padStart(2)} found, ${String(score.matches.length).padStart(2)} matched, ${String(right).padStart(2)} with owner and due right; next meeting ${score.isNextMeetingRight ? "right" : `WRONG (expected ${score.nextMeeting.expected}, found ${score.nextMeeting.found})`}\n`,
      );
      if (isVerbose) {
        for (const m of score.missed) process.stdout.write(`      missed: ${m.text} [${m.owner ?? "-"} | ${m.due ?? "-"}]\n`);
        for (const f of score.extra) process.stdout.write(`      extra (line ${f.line}): ${f.text} [${f.owners.join("; ") || "-"} | ${f.due ?? "-"}]\n`);
        for (const m of score.matches.filter((x) => !x.isOwnerRight || !x.isDueRight))
          process.stdout.write(`      wrong ${!m.isOwnerRight ? "owner" : ""}${!m.isOwnerRight && !m.isDueRight ? " and " : ""}${!m.isDueRight ? "due" : ""}: ${m.found.text} [found ${m.found.owners.join("; ") || "-"} | ${m.found.due ?? "-"}; expected ${m.expected.owner ?? "-"} | ${m.expected.due ?? "-"}]\n`);
      }
    }
    const total = scoreSet(scores);
    const setMet = total.full.precision >= TARGET && total.full.recall >= TARGET;
    isMet &&= setMet;
    process.stdout.write(
      `  => actions by wording: precision ${pct(total.text.precision)}, recall ${pct(total.text.recall)}; with owner and due right: precision ${pct(total.full.precision)}, recall ${pct(total.full.recall)}; next meeting dates ${pct(total.nextMeetingRate)} right${setMet ? "" : "  (target 0.90 not met)"}\n`,
    );
  }
  process.stdout.write(`\n${isMet ? "All sets meet" : "Not every set meets"} the 0.9 precision and recall target (owner and due right).\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
