// The sets the minutes parser is scored on. Quality is measured on the real minutes
// of other bodies in ../shared/reference/minutes, split once by a fixed rule into a
// development part (rules are changed while looking at these) and a validation part
// (only ever scored: its figure is the one that counts). The five seed documents and
// our own corpus, written for the purpose, are regression sets: they must not get
// worse, but they measure nothing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../project-root";
import type { ExpectedExtraction } from "./score-extraction";

export interface EvaluationDocument {
  name: string;
  file: string;
  expected: ExpectedExtraction;
  /** False when the document itself is not on this machine (the reference folder is outside the project). */
  isAvailable: boolean;
}

export type SetPurpose = "development" | "validation" | "regression";

export interface EvaluationSet {
  name: string;
  purpose: SetPurpose;
  /** Where the documents are; sets whose folder is missing are reported as skipped. */
  folder: string;
  documents: EvaluationDocument[];
}

/** ../shared/reference beside the project (or MINUTEBOOK_REFERENCE_DIR). */
export function referenceFolder(): string {
  return process.env.MINUTEBOOK_REFERENCE_DIR ?? path.join(projectRoot(), "..", "shared", "reference");
}

/**
 * The split, fixed once (2026-12-06) and never to be tuned: a reference document
 * numbered 100 or more whose number is a multiple of three is for validation (25 of
 * the 80); the rest, including 01-12 that the parser was first written against, are
 * for development (55).
 */
export function referencePart(documentName: string): "development" | "validation" {
  const number = Number(/^(\d+)_/.exec(documentName)?.[1] ?? Number.NaN);
  return number >= 100 && number % 3 === 0 ? "validation" : "development";
}

const fixtures = () => path.join(projectRoot(), "test", "fixtures", "minutes");
const DOCUMENT = /\.(txt|md|docx|pdf)$/;
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as ExpectedExtraction;

function withOptional(base: string, expected: ExpectedExtraction): ExpectedExtraction {
  // Borderline actions (from the answer key's notes) for documents we do not own are listed beside our own fixtures.
  const extra = path.join(fixtures(), "optional", `${base}.optional.json`);
  if (existsSync(extra))
    expected.optional_actions = [
      ...(expected.optional_actions ?? []),
      ...(JSON.parse(readFileSync(extra, "utf8")) as Array<{ text: string }>),
    ];
  return expected;
}

/** Documents named by expected files kept here (the seeds): listed even when the documents are not on this machine. */
function documentsExpectedHere(expectedFolder: string, documentFolder: string): EvaluationDocument[] {
  if (!existsSync(expectedFolder)) return [];
  return readdirSync(expectedFolder)
    .filter((f) => f.endsWith(".expected.json"))
    .sort()
    .map((f) => {
      const base = f.replace(/\.expected\.json$/, "");
      const file = path.join(documentFolder, `${base}.txt`);
      return {
        name: base,
        file,
        expected: withOptional(base, readJson(path.join(expectedFolder, f))),
        isAvailable: existsSync(file),
      };
    });
}

function documentsIn(folder: string, expectedFor: (base: string) => string): EvaluationDocument[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => DOCUMENT.test(f) && f !== "README.md")
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .flatMap((f) => {
      const base = f.replace(DOCUMENT, "");
      const expectedFile = expectedFor(base);
      if (!existsSync(expectedFile)) return [];
      const expected = readJson(expectedFile);
      return [{ name: base, file: path.join(folder, f), expected: withOptional(base, expected), isAvailable: true }];
    });
}

export function evaluationSets(): EvaluationSet[] {
  const reference = referenceFolder();
  const seeds = path.join(reference, "seeds");
  const others = path.join(reference, "minutes");
  const corpus = path.join(fixtures(), "corpus");
  const real = documentsIn(others, (base) => path.join(others, `${base}.expected.json`));
  const gathered = process.env.MINUTEBOOK_GATHERED_MINUTES_DIR;
  return [
    {
      name: "real minutes, development part",
      purpose: "development",
      folder: others,
      documents: real.filter((d) => referencePart(d.name) === "development"),
    },
    {
      name: "real minutes, validation part",
      purpose: "validation",
      folder: others,
      documents: real.filter((d) => referencePart(d.name) === "validation"),
    },
    // Further real minutes gathered later with keys written the same way (kept outside the project,
    // like the reference): scored once before any rule is changed for them, then developed on.
    ...(gathered
      ? [
          {
            name: "gathered real minutes",
            purpose: "development" as const,
            folder: gathered,
            documents: documentsIn(gathered, (base) => path.join(gathered, `${base}.expected.json`)),
          },
        ]
      : []),
    {
      name: "seed documents",
      purpose: "regression",
      folder: seeds,
      documents: documentsExpectedHere(path.join(fixtures(), "seeds"), seeds),
    },
    {
      name: "our corpus",
      purpose: "regression",
      folder: corpus,
      documents: documentsIn(corpus, (base) => path.join(corpus, `${base}.expected.json`)),
    },
  ];
}
