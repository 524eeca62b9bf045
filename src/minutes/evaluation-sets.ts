// The three sets the minutes parser is scored on: the five reference seed
// documents (expected extractions written here), six real minutes of other bodies
// (expected extractions as given), and our own corpus in other styles and formats.
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

export interface EvaluationSet {
  name: string;
  /** Where the documents are; sets whose folder is missing are reported as skipped. */
  folder: string;
  documents: EvaluationDocument[];
}

/** ../shared/reference beside the project (or MINUTEBOOK_REFERENCE_DIR). */
export function referenceFolder(): string {
  return process.env.MINUTEBOOK_REFERENCE_DIR ?? path.join(projectRoot(), "..", "shared", "reference");
}

const fixtures = () => path.join(projectRoot(), "test", "fixtures", "minutes");
const DOCUMENT = /\.(txt|md|docx|pdf)$/;
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as ExpectedExtraction;

function withOptional(base: string, expected: ExpectedExtraction): ExpectedExtraction {
  // Borderline actions for documents we do not own are listed beside our own fixtures.
  const extra = path.join(fixtures(), "optional", `${base}.optional.json`);
  if (existsSync(extra)) expected.optional_actions = [...(expected.optional_actions ?? []), ...(JSON.parse(readFileSync(extra, "utf8")) as Array<{ text: string }>)];
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
      return { name: base, file, expected: withOptional(base, readJson(path.join(expectedFolder, f))), isAvailable: existsSync(file) };
    });
}

function documentsIn(folder: string, expectedFor: (base: string) => string): EvaluationDocument[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => DOCUMENT.test(f) && f !== "README.md")
    .sort()
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
  return [
    { name: "seed documents", folder: seeds, documents: documentsExpectedHere(path.join(fixtures(), "seeds"), seeds) },
    { name: "other bodies' minutes", folder: others, documents: documentsIn(others, (base) => path.join(others, `${base}.expected.json`)) },
    { name: "our corpus", folder: corpus, documents: documentsIn(corpus, (base) => path.join(corpus, `${base}.expected.json`)) },
  ];
}
