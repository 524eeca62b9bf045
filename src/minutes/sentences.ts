const ABBREVIATIONS =
  /\b(cllrs?|dr|mr|mrs|ms|prof|rev|revd|st|no|nos|e\.g|i\.e|etc|approx|dept|govt|co|ltd|inc|vs|cf|al|fig|para|ref|min|max|hon|supt|insp|sgt|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|[A-Z])\.$/i;

/** Sentences of a block, not split after "Cllr." or "e.g.". */
export function sentencesOf(text: string): string[] {
  // A bullet inside a paragraph ("... forward items • It was agreed ... • The Clerk agreed ...") starts a sentence.
  const pieces = text.split(/(?<=[.!?])\s+(?=["'(@]?[A-Z0-9@])|\s+[•▪◦●]\s+/);
  const out: string[] = [];
  for (const piece of pieces) {
    const previous = out[out.length - 1];
    if (previous !== undefined && ABBREVIATIONS.test(previous)) out[out.length - 1] = `${previous} ${piece}`;
    else out.push(piece);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Content words, lower case, lightly stemmed: for comparing two wordings of one action. */
const STOP = new Set(
  "a an the and or of to in on for by with at from as is are was were be been will would should shall this that these those it its their his her our we they he she i you all any into onto than then so not no also about over under up out per via re".split(
    " ",
  ),
);
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w));
  // "share", "shared", "sharing" → "shar": a rough stem, enough to see two wordings of one action.
  return new Set(
    words.map((w) =>
      w
        .replace(/(ing|ed|es|s)$/, "")
        .replace(/e$/, "")
        .slice(0, 7),
    ),
  );
}

/** |A ∩ B| / min(|A|, |B|): 1 when one wording contains the other's words. */
export function overlap(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / Math.min(x.size, y.size);
}
