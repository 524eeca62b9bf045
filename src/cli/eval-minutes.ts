// `npm run eval:minutes [-- --verbose] [-- --part development|validation|regression]`:
// scores the minutes parser on each evaluation set (see evaluation-sets.ts) and prints
// action precision, recall and F1, owner and due right, next meeting exact and attendee
// precision and recall. The validation part is the figure that counts and prints its totals
// only; --verbose lists what each other document missed and found wrongly.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { evaluationSets, type EvaluationSet } from "../minutes/evaluation-sets";
import { parseMinutes } from "../minutes/parse-minutes";
import { readDocument } from "../minutes/read-document";
import { scoreExtraction, scoreSet, type DocumentScore, type SetScore } from "../minutes/score-extraction";

const f = (x: number) => x.toFixed(2);

/** The targets, judged on the validation part. */
export const TARGETS = {
  precision: 0.9,
  recall: 0.85,
  ownerRight: 0.9,
  dueRight: 0.9,
  nextMeetingExact: 0.95,
  attendeesF1: 0.85,
} as const;

function documentLine(name: string, score: DocumentScore): string {
  const next = score.isNextMeetingExact
    ? "right"
    : `WRONG (expected ${score.nextMeeting.expected ?? "none"} ${score.nextMeeting.expectedTime ?? ""}, found ${score.nextMeeting.found ?? "none"} ${score.nextMeeting.foundTime ?? ""})`;
  const people = score.attendees
    ? `; attendees ${score.attendees.matched}/${score.attendees.expected} found, ${score.attendees.found - score.attendees.matched} extra`
    : "";
  return `  ${name.padEnd(52)} actions ${String(score.expectedCount).padStart(2)} expected, ${String(score.foundCount).padStart(2)} found, ${String(score.matches.length).padStart(2)} matched (${score.matches.filter((m) => m.isOwnerRight).length} owner, ${score.matches.filter((m) => m.isDueRight).length} due right); next meeting ${next}${people}\n`;
}

function details(score: DocumentScore): string {
  const out: string[] = [];
  for (const m of score.missed) out.push(`      missed: ${m.text} [${m.owner ?? "-"} | ${m.due ?? "-"}]`);
  for (const x of score.extra)
    out.push(`      extra (line ${x.line}): ${x.text} [${x.owners.join("; ") || "-"} | ${x.due ?? "-"}]`);
  for (const m of score.matches.filter((x) => !x.isOwnerRight || !x.isDueRight))
    out.push(
      `      wrong ${[!m.isOwnerRight && "owner", !m.isDueRight && "due"].filter(Boolean).join(" and ")}: ${m.found.text} [found ${m.found.owners.join("; ") || "-"} | ${m.found.due ?? "-"}; expected ${m.expected.owner ?? "-"} | ${m.expected.due ?? "-"}]`,
    );
  if (score.attendees?.missed.length) out.push(`      attendees missed: ${score.attendees.missed.join(", ")}`);
  if (score.attendees?.extra.length) out.push(`      attendees extra: ${score.attendees.extra.join(", ")}`);
  return out.map((l) => `${l}\n`).join("");
}

export function summaryLine(total: SetScore): string {
  return (
    `actions precision ${f(total.text.precision)}, recall ${f(total.text.recall)}, F1 ${f(total.text.f1)}; ` +
    `owner right ${f(total.ownerRight)}, due right ${f(total.dueRight)}; next meeting exact ${f(total.nextMeetingExact)}; ` +
    `attendees precision ${f(total.attendees.precision)}, recall ${f(total.attendees.recall)}, F1 ${f(total.attendees.f1)}`
  );
}

function unmetTargets(total: SetScore): string[] {
  const checks: Array<[string, number, number]> = [
    ["action precision", total.text.precision, TARGETS.precision],
    ["action recall", total.text.recall, TARGETS.recall],
    ["owner right", total.ownerRight, TARGETS.ownerRight],
    ["due right", total.dueRight, TARGETS.dueRight],
    ["next meeting exact", total.nextMeetingExact, TARGETS.nextMeetingExact],
    ["attendees F1", total.attendees.f1, TARGETS.attendeesF1],
  ];
  return checks
    .filter(([, value, target]) => value < target)
    .map(([name, value, target]) => `${name} ${f(value)} < ${f(target)}`);
}

export async function scoreEvaluationSet(set: EvaluationSet): Promise<Array<{ name: string; score: DocumentScore }>> {
  const out = [];
  for (const document of set.documents.filter((d) => d.isAvailable)) {
    const text = await readDocument({ bytes: await readFile(document.file), fileName: path.basename(document.file) });
    out.push({ name: document.name, score: scoreExtraction(document.expected, parseMinutes(text)) });
  }
  return out;
}

async function main(): Promise<void> {
  const isVerbose = process.argv.includes("--verbose");
  const partIndex = process.argv.indexOf("--part");
  const part = partIndex >= 0 ? process.argv[partIndex + 1] : undefined;
  for (const set of evaluationSets()) {
    if (part && set.purpose !== part) continue;
    const scored = await scoreEvaluationSet(set);
    if (scored.length === 0) {
      process.stdout.write(`\n${set.name}: skipped (nothing in ${set.folder})\n`);
      continue;
    }
    process.stdout.write(`\n${set.name} (${scored.length} documents)\n`);
    // The validation part is only ever scored as a whole: reading its documents' figures, let alone
    // their mistakes, would be tuning on it.
    if (set.purpose !== "validation") {
      for (const { name, score } of scored) {
        process.stdout.write(documentLine(name, score));
        if (isVerbose) process.stdout.write(details(score));
      }
    }
    const total = scoreSet(scored.map((s) => s.score));
    const unmet = set.purpose === "validation" ? unmetTargets(total) : [];
    process.stdout.write(`  => ${summaryLine(total)}\n`);
    if (set.purpose === "validation")
      process.stdout.write(
        unmet.length === 0
          ? "  => every target met on the validation part\n"
          : `  => targets not met: ${unmet.join("; ")}\n`,
      );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
