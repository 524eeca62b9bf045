// `npm run experiment:sentence-classifier`: whether a learned reader of sentences would find
// the actions hand rules miss in minutes of bodies they were not written for. Five-fold
// cross-validation over the development part, folded by document so that no document is both
// learned from and scored: the classifier alone, and the rules' actions plus what it adds.
// The rules were developed on these very documents, so "rules alone" here is not an unseen
// figure; the classifier's own figures are. The result (README, "How good it is") decided
// against putting it in the parser; this keeps the finding reproducible.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { evaluationSets, type EvaluationDocument } from "../minutes/evaluation-sets";
import { cleanText } from "../minutes/clean-text";
import { toBlocks } from "../minutes/blocks";
import { findAttendees } from "../minutes/attendees";
import { readDocument } from "../minutes/read-document";
import { parseMinutes } from "../minutes/parse-minutes";
import { contentWords, overlap } from "../minutes/sentences";
import { SAME_ACTION, scoreExtraction } from "../minutes/score-extraction";
import {
  candidatesOf,
  featuresOf,
  probability,
  trainWeights,
  wordsOf,
  type Candidate,
  type TrainingExample,
} from "../minutes/sentence-classifier";

/** A word is a feature when this many training documents use it: shared words, not one body's topics. */
const MIN_DOCUMENTS = 6;
/** Sentences holding an action are about one in seven: each counts three times, or the model learns to say no. */
const POSITIVE_WEIGHT = 3;

interface Prepared {
  document: EvaluationDocument;
  text: string;
  candidates: Candidate[];
  labels: Array<0 | 1>;
  knownNames: Set<string>;
}

async function prepare(document: EvaluationDocument): Promise<Prepared> {
  const text = await readDocument({ bytes: await readFile(document.file), fileName: path.basename(document.file) });
  const { lines } = cleanText(text);
  const blocks = toBlocks(lines);
  const candidates = candidatesOf(blocks);
  const expected = document.expected.actions.filter((e) => contentWords(e.text).size > 0);
  // Each expected action labels the sentence that matches it best (a long sentence sharing a few words is not it).
  const labels = candidates.map(() => 0 as 0 | 1);
  for (const e of expected) {
    let best = -1;
    let bestScore = SAME_ACTION;
    candidates.forEach((c, i) => {
      const score =
        overlap(e.text, c.text) +
        (0.01 * Math.min(contentWords(e.text).size, contentWords(c.text).size)) /
          Math.max(contentWords(e.text).size, contentWords(c.text).size);
      if (score >= bestScore) [best, bestScore] = [i, score];
    });
    if (best >= 0) labels[best] = 1;
  }
  const knownNames = new Set(
    findAttendees(lines)
      .flatMap((a) => a.name.toLowerCase().split(/\s+/))
      .filter((w) => w.length > 2),
  );
  return { document, text, candidates, labels, knownNames };
}

function vocabularyOf(docs: readonly Prepared[], minDocuments: number): Set<string> {
  const df = new Map<string, number>();
  for (const d of docs)
    for (const w of new Set(d.candidates.flatMap((c) => [...wordsOf(c.text), ...wordsOf(c.heading)])))
      df.set(w, (df.get(w) ?? 0) + 1);
  return new Set(
    [...df]
      .filter(([, n]) => n >= minDocuments)
      .map(([w]) => w)
      .sort(),
  );
}

function examplesOf(docs: readonly Prepared[], vocabulary: Set<string>): TrainingExample[] {
  return docs.flatMap((d) =>
    d.candidates.map((c, i) => ({ features: featuresOf(c, vocabulary, d.knownNames), label: d.labels[i]! })),
  );
}

async function main() {
  const development = evaluationSets()
    .filter((s) => s.purpose === "development")
    .flatMap((s) => s.documents.filter((d) => d.isAvailable));
  const docs = await Promise.all(development.map(prepare));
  const positives = docs.reduce((n, d) => n + d.labels.filter(Boolean).length, 0);
  console.log(
    `${docs.length} documents, ${docs.reduce((n, d) => n + d.candidates.length, 0)} sentences, ${positives} holding an action`,
  );
  const folds = 5;
  const thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const alone = thresholds.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  const union = thresholds.map(() => ({ matched: 0, found: 0, expected: 0 }));
  let rules = { matched: 0, found: 0, expected: 0 };
  for (let fold = 0; fold < folds; fold++) {
    const train = docs.filter((_, i) => i % folds !== fold);
    const test = docs.filter((_, i) => i % folds === fold);
    const vocabulary = vocabularyOf(train, MIN_DOCUMENTS);
    const weights = trainWeights(examplesOf(train, vocabulary), { positiveWeight: POSITIVE_WEIGHT });
    for (const d of test) {
      const probabilities = d.candidates.map((c) => probability(featuresOf(c, vocabulary, d.knownNames), weights));
      const parsed = parseMinutes(d.text);
      const base = scoreExtraction(d.document.expected, parsed);
      rules = {
        matched: rules.matched + base.matches.length,
        found: rules.found + base.foundCount,
        expected: rules.expected + base.expectedCount,
      };
      thresholds.forEach((t, ti) => {
        d.candidates.forEach((_, i) => {
          const yes = probabilities[i]! >= t;
          if (yes && d.labels[i]) alone[ti]!.tp++;
          else if (yes) alone[ti]!.fp++;
          else if (d.labels[i]) alone[ti]!.fn++;
        });
        const added = d.candidates
          .filter(
            (c, i) =>
              probabilities[i]! >= t &&
              !parsed.actions.some((a) => a.line === c.line || overlap(a.text, c.text) >= SAME_ACTION),
          )
          .map((c) => ({
            text: c.text,
            owners: [],
            due: null,
            dueText: null,
            isDueAtNextMeeting: false,
            line: c.line,
          }));
        const score = scoreExtraction(d.document.expected, { ...parsed, actions: [...parsed.actions, ...added] });
        union[ti] = {
          matched: union[ti]!.matched + score.matches.length,
          found: union[ti]!.found + score.foundCount,
          expected: union[ti]!.expected + score.expectedCount,
        };
      });
    }
  }
  const f = (x: number) => x.toFixed(2);
  console.log(
    `rules alone on held-out folds: P ${f(rules.matched / rules.found)} R ${f(rules.matched / rules.expected)}`,
  );
  thresholds.forEach((t, ti) => {
    const a = alone[ti]!;
    const u = union[ti]!;
    console.log(
      `threshold ${t}: classifier alone P ${f(a.tp / (a.tp + a.fp))} R ${f(a.tp / (a.tp + a.fn))}; with rules P ${f(u.matched / u.found)} R ${f(u.matched / u.expected)}`,
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
