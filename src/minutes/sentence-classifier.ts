// A small learned reader of sentences, tried beside the rules: a logistic regression that says
// how likely a sentence of minutes is to record work someone is to do. Its features are cheap
// and general (the words many bodies share, the sentence's shape, the heading it sits under),
// so that it might notice an action written in a style no rule was written for. Measured by
// `npm run experiment:sentence-classifier` (cross-validated on the development part), it does
// not find enough to earn a place in the parser; see the README, "How good it is".
import type { Block, BlockKind } from "./blocks";
import { sentencesOf } from "./sentences";

export interface Candidate {
  text: string;
  block: number;
  line: number;
  kind: BlockKind;
  /** The nearest heading above, lower case ("" when none). */
  heading: string;
}

const isHeadingLike = (block: Block) =>
  block.kind === "heading" ||
  (block.kind !== "table_row" &&
    block.text.length <= 80 &&
    !/[.;,]$/.test(block.text) &&
    block.text.split(/\s+/).length <= 8 &&
    /^[A-Z0-9]/.test(block.text));

/** Every sentence of the document, with where it sits. */
export function candidatesOf(blocks: readonly Block[]): Candidate[] {
  const out: Candidate[] = [];
  let heading = "";
  blocks.forEach((block, index) => {
    if (isHeadingLike(block) && block.kind !== "bullet") {
      heading = block.text.toLowerCase();
      if (block.kind === "heading") return;
    }
    const texts = block.kind === "table_row" ? block.cells.filter((c) => c.split(/\s+/).length >= 3) : [block.text];
    for (const text of texts)
      for (const sentence of sentencesOf(text))
        if (sentence.split(/\s+/).length >= 3)
          out.push({ text: sentence, block: index, line: block.line, kind: block.kind, heading });
  });
  return out;
}

export const wordsOf = (text: string) => text.toLowerCase().match(/[a-z][a-z'’]+/g) ?? [];

const CUES: Array<[string, RegExp]> = [
  ["name-to-verb", /^(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+to\s+[a-z]/],
  ["initials-to", /^[A-Z]{2,4}(?:\s*(?:[,&/]|and)\s*[A-Z]{2,4})*\s+to\s+[a-z]/],
  ["name-will", /^(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+(?:will|would|shall)\s+[a-z]/],
  ["pronoun-will", /^(?:I|we|he|she|they)\s+(?:will|would|shall|'ll)\s+[a-z]/i],
  ["agreed-to", /\b(?:agreed|offered|volunteered|undertook|promised|committed)\s+to\s+[a-z]/i],
  [
    "asked-to",
    /\b(?:asked|requested|invited|tasked|instructed)\s+(?:the\s+)?[A-Z]?[\w'’.-]+(?:\s+[A-Z][\w'’.-]*){0,2}\s+to\s+[a-z]/,
  ],
  ["resolved-that", /\b(?:resolved|agreed|decided)\s+that\b/i],
  ["to-be", /\bto\s+be\s+[a-z]+ed\b/i],
  ["modal-need", /\b(?:needs?\s+to|should|must|has\s+to|have\s+to)\b/i],
  ["action-word", /\baction(?:s|ed)?\b/i],
  ["action-marker", /^(?:\*\*)?(?:action|ai|todo|to do)\b/i],
  ["opens-lower-verb", /^[A-Z][a-z]+\s+(?:the|a|an|to|with|for|all|any|our|their|up|out)\b/],
  [
    "has-month",
    /\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i,
  ],
  [
    "has-by-date",
    /\bby\s+(?:the\s+)?(?:end\s+of\s+|next\s+|\d|mon|tue|wed|thu|fri|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  ],
  ["next-meeting", /\bnext\s+meeting\b/i],
  ["question", /\?$/],
  [
    "reported",
    /\b(?:said|reported|noted|explained|stated|informed|advised|commented|mentioned|asked\s+(?:if|whether|about|why|how|what))\b/i,
  ],
  ["past-done", /\b(?:has\s+been|have\s+been|had\s+been|was|were)\s+[a-z]+ed\b/i],
  ["thanked", /\bthank(?:ed|s)\b/i],
  ["first-person", /\b(?:I|we)\s+(?:will|'ll|can|shall)\b/],
  [
    "bracket-owner",
    /\[[A-Z][\w .,&/-]{0,30}\]|\((?:[A-Z]{2,4}|[A-Z][a-z]+)(?:[,/ ]+(?:[A-Z]{2,4}|[A-Z][a-z]+))*\)\s*\.?$/,
  ],
  ["colon-label", /^[A-Z][\w'’ .-]{0,30}:\s+\S/],
  ["checkbox", /^\[[ xX]\]/],
];

const lengthBucket = (n: number) => (n < 6 ? "short" : n < 14 ? "medium" : n < 30 ? "long" : "very-long");

/** The names of the features a candidate has (each counts 1). */
export function featuresOf(
  candidate: Candidate,
  vocabulary: ReadonlySet<string>,
  knownNames: ReadonlySet<string>,
): string[] {
  const features = ["bias", `kind:${candidate.kind}`, `length:${lengthBucket(candidate.text.split(/\s+/).length)}`];
  const words = wordsOf(candidate.text);
  for (const w of new Set(words)) if (vocabulary.has(w)) features.push(`w:${w}`);
  const first = words[0];
  if (first && vocabulary.has(first)) features.push(`first:${first}`);
  const second = words[1];
  if (first && second && vocabulary.has(first) && vocabulary.has(second)) features.push(`first2:${first}_${second}`);
  for (const w of new Set(wordsOf(candidate.heading))) if (vocabulary.has(w)) features.push(`h:${w}`);
  if (/\baction/.test(candidate.heading)) features.push("heading-actions");
  for (const [name, cue] of CUES) if (cue.test(candidate.text)) features.push(`cue:${name}`);
  const opening = /^[A-Z][\w'’-]*/.exec(candidate.text)?.[0]?.toLowerCase();
  if (opening && knownNames.has(opening)) features.push("opens-with-attendee");
  if (words.some((w) => knownNames.has(w))) features.push("names-attendee");
  return features;
}

export function probability(features: readonly string[], weights: Readonly<Record<string, number>>): number {
  let z = 0;
  for (const f of features) z += weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export interface TrainingExample {
  features: string[];
  label: 0 | 1;
}

/**
 * Logistic regression by full-batch gradient descent with an L2 penalty: no randomness, the
 * examples in the order given, so the same examples give the same weights on every machine.
 */
export function trainWeights(
  examples: readonly TrainingExample[],
  { epochs = 400, rate = 0.5, l2 = 1e-3, positiveWeight = 1 } = {},
): Record<string, number> {
  const weights: Record<string, number> = {};
  const names = [...new Set(examples.flatMap((e) => e.features))].sort();
  for (const n of names) weights[n] = 0;
  const total = examples.reduce((n, e) => n + (e.label ? positiveWeight : 1), 0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient: Record<string, number> = {};
    for (const example of examples) {
      const weight = example.label ? positiveWeight : 1;
      const error = (probability(example.features, weights) - example.label) * weight;
      for (const f of example.features) gradient[f] = (gradient[f] ?? 0) + error;
    }
    for (const n of names) weights[n]! -= rate * ((gradient[n] ?? 0) / total + l2 * weights[n]!);
  }
  return weights;
}
