// One document, one fingerprint, whichever format it was shared in. The text read
// from a .txt, a .docx (mammoth) and a .pdf (PDF.js) of the same minutes differs in
// ways that carry no meaning: where lines wrap, words hyphenated at a line's end,
// curly or straight quotes, ligatures, bullets and Markdown markers, list numbers
// Word keeps out of the text, page numbers. The fingerprint is the hash of the
// words and numbers left once those are set aside, in order, so it changes with
// any word of the minutes and with nothing else.
import { createHash } from "node:crypto";

const HYPHENS = "\\-\u2010\u2011\u2212";
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** `[text](address)` and `![alt](address)` (an address may wrap): the address is not part of what is read. */
const MARKDOWN_LINK = /!?\[([^\]]{0,500})\]\([^()]{0,2000}\)/g;
/** `\.`, `\*`: Markdown's escapes, shown without the backslash once rendered. */
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** `[x]` and `[ ]`: a task list's boxes, drawn as symbols in Word. */
const CHECKBOX = /\[[ xX]\]/g;
const HTML_COMMENT = /<!--[\s\S]{0,2000}?-->/g;
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]{0,2000})?\/?>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const HTML_ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi;
/** A line that is only a page number: "Page 3 of 5", "3 of 5", "- 3 -", "3". */
const PAGE_NUMBER_LINE =
  /^\s*(?:page\s+\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4}|[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]|\d{1,4})\s*$/i;
/**
 * A list number ("1.", "2)", "(a)", "iv."): Word's numbered lists keep theirs out of
 * the text, so a .docx read has none where a .txt or .pdf does. Set aside wherever it
 * stands, not only at a line's start, since a PDF's lines wrap in other places.
 */
const LIST_NUMBER = /(^|[\s(*_])\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)](?=\s|$)/gimu;
const WRAPPED_HYPHEN = new RegExp(`(\\p{L})[${HYPHENS}][ \\t]*\\n\\s*(?=\\p{L})`, "gu");
const INNER_HYPHEN = new RegExp(`(\\p{L})[${HYPHENS}](?=\\p{L})`, "gu");
const WORD = /[\p{L}\p{N}]+/gu;

function decodeEntity(entity: string): string {
  const lower = entity.toLowerCase();
  const code = lower.startsWith("#x")
    ? parseInt(lower.slice(2), 16)
    : lower.startsWith("#")
      ? Number(lower.slice(1))
      : undefined;
  if (code === undefined) return ENTITIES[lower] ?? "";
  return code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

/** The words and numbers of a document, lower case, in order: what the fingerprint hashes. */
export function fingerprintWords(text: string): string[] {
  const lines = text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/\r\n?|\f|\v/g, "\n")
    .replace(MARKDOWN_LINK, "$1")
    .replace(MARKDOWN_ESCAPE, "$1")
    .replace(CHECKBOX, " ")
    .replace(HTML_ENTITY, (_, entity: string) => decodeEntity(entity))
    .replace(HTML_COMMENT, " ")
    .replace(HTML_TAG, " ")
    .split("\n")
    .filter((line) => !PAGE_NUMBER_LINE.test(line))
    .map((line) => line.replace(LIST_NUMBER, "$1"));
  // "partner-\nship" and "partner-ship" both read as "partnership", as "London-wide" and "London-\nwide" do.
  const joined = lines.join("\n").replace(WRAPPED_HYPHEN, "$1").replace(INNER_HYPHEN, "$1");
  return joined.toLowerCase().match(WORD) ?? [];
}

/** The same minutes give the same fingerprint whether pasted or shared as .txt, .md, .docx or .pdf. */
export function documentFingerprintOf(text: string): string {
  return createHash("sha256").update(fingerprintWords(text).join(" ")).digest("hex");
}

/** What was stored before fingerprints (whitespace and case set aside), still matched so older imports stay recognised. */
export function legacyDocumentHashOf(text: string): string {
  return createHash("sha256").update(text.trim().replace(/\s+/g, " ").trim().toLowerCase()).digest("hex");
}
