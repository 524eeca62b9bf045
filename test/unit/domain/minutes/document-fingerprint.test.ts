// The same minutes give one fingerprint in any format; different minutes never share
// one. Pure cases first, then real minutes converted at test time to .docx (pandoc)
// and .pdf (groff), read back the way a shared file is.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { documentFingerprintOf, fingerprintWords } from "../../../../src/domain/minutes/document-fingerprint";
import { referenceFolder, referencePart } from "../../../../src/minutes/evaluation-sets";
import { readDocument } from "../../../../src/minutes/read-document";

const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of the meeting held on Tuesday 10 March 2015",
  "",
  "3. Counter terrorism",
  "The Board agreed a London-wide CONTEST board. Partners' views were sought.",
  "Action: MOPAC to circulate the final partnership plan by 30 June 2015.",
].join("\n");

describe("documentFingerprintOf", () => {
  const same: Array<[string, string]> = [
    [
      "spaced and wrapped differently",
      MINUTES.replace(/ /g, "  ").replace("agreed a", "agreed\na").replace(/\n/g, "\r\n\n"),
    ],
    ["hyphenated at a line's end", MINUTES.replace("partnership", "partner-\nship")],
    ["a compound split at a line's end", MINUTES.replace("London-wide", "London-\nwide")],
    ["with a soft hyphen", MINUTES.replace("partnership", "partner\u00adship")],
    [
      "curly quotes and an en dash",
      MINUTES.replace("Partners'", "Partners\u2019").replace("London-wide", "London\u2010wide"),
    ],
    ["a ligature", MINUTES.replace("final", "\ufb01nal")],
    [
      "bullets and Markdown",
      MINUTES.replace("3. Counter terrorism", "## 3. **Counter terrorism**")
        .replace("Action:", "- Action:")
        .replace("The Board", "> The Board"),
    ],
    ["the list's number kept out of the text (Word)", MINUTES.replace("3. Counter terrorism", "Counter terrorism")],
    ["a page number between pages", MINUTES.replace("The Board agreed", "Page 2 of 5\n\fThe Board agreed")],
    ["a groff page heading", MINUTES.replace("Action:", "- 2 -\nAction:")],
    ["a link's address", MINUTES.replace("CONTEST board", "[CONTEST board](https://example.org/\ncontest)")],
    ["escaped and entities", MINUTES.replace("3. Counter", "3\\. Counter").replace("Partners'", "Partners&#8217;")],
    ["in capitals", MINUTES.toUpperCase()],
  ];
  it.each(same)("is the same %s", (_label, variant) => {
    expect(documentFingerprintOf(variant)).toBe(documentFingerprintOf(MINUTES));
  });

  const different: Array<[string, string]> = [
    ["a word changed", MINUTES.replace("circulate", "publish")],
    ["a date changed", MINUTES.replace("30 June 2015", "31 June 2015")],
    ["the year changed", MINUTES.replace("10 March 2015", "10 March 2016")],
    ["a word added", MINUTES.replace("The Board agreed", "The Board unanimously agreed")],
    ["two words swapped", MINUTES.replace("Counter terrorism", "terrorism Counter")],
    ["a sentence left out", MINUTES.replace(" Partners' views were sought.", "")],
  ];
  it.each(different)("differs with %s", (_label, variant) => {
    expect(documentFingerprintOf(variant)).not.toBe(documentFingerprintOf(MINUTES));
  });

  it("reads the words in order, lower case, without list numbers or page numbers", () => {
    expect(fingerprintWords("Page 1 of 2\n(a) The Chair’s report\n- 2 -\nii. Co-\noperation: £1,500 agreed")).toEqual([
      "the",
      "chair",
      "s",
      "report",
      "cooperation",
      "1",
      "500",
      "agreed",
    ]);
  });
});

// Real minutes in other formats: needs pandoc and groff (apt-get install pandoc groff) and the reference folder.
const hasTool = (tool: string) => {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const minutesFolder = path.join(referenceFolder(), "minutes");
const canConvert = existsSync(minutesFolder) && hasTool("pandoc") && hasTool("groff");
// Development-part documents only; chosen for wrapped paragraphs, Markdown, numbered lists and several pages.
const CONVERTED = [
  "01_northwold-whittington-pc-2016-10",
  "03_open-standards-board-2017-06",
  "104_stoke-ferry-pc-2006-11",
  "10_aswf-tac-2019-03",
];

/** A reference document's text, without the SOURCE: line the collection adds. */
const referenceText = (name: string) =>
  readFileSync(path.join(minutesFolder, `${name}.txt`), "utf8").replace(/^SOURCE:.*\n/, "");

(canConvert ? describe : describe.skip)("the same real minutes as .txt, .docx and .pdf", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "fingerprint-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const escapeHtml = (line: string) => line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  /** Word: each line of the text a paragraph (pandoc from HTML keeps the text as it is). */
  const asDocx = (name: string, text: string) => {
    const html = path.join(folder, `${name}.html`);
    writeFileSync(
      html,
      `<html><body>\n${text
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => `<p>${escapeHtml(l)}</p>`)
        .join("\n")}\n</body></html>`,
    );
    execFileSync("pandoc", ["-f", "html", "-t", "docx", "-o", path.join(folder, `${name}.docx`), html], {
      stdio: "ignore",
    });
    return readFileSync(path.join(folder, `${name}.docx`));
  };
  /** Markdown rendered to Word: bullets, emphasis and headings become formatting, list numbers Word's own. */
  const asMarkdownDocx = (name: string, text: string) => {
    const md = path.join(folder, `${name}.md`);
    writeFileSync(md, text);
    execFileSync(
      "pandoc",
      [
        "-f",
        "markdown-yaml_metadata_block+hard_line_breaks",
        "-t",
        "docx",
        "-o",
        path.join(folder, `${name}.md.docx`),
        md,
      ],
      { stdio: "ignore" },
    );
    return readFileSync(path.join(folder, `${name}.md.docx`));
  };
  /** PDF: each line a paragraph, filled to the page with hyphenation, pages headed "- 2 -" (groff -ms). */
  const asPdf = (name: string, text: string) => {
    const roff = text
      .split("\n")
      .map((l) => (l.trim() ? `\\&${l.replace(/\\/g, "\\e")}\n.br` : ".sp"))
      .join("\n");
    writeFileSync(path.join(folder, `${name}.roff`), roff);
    const pdf = execFileSync("groff", ["-k", "-ms", "-Tpdf", path.join(folder, `${name}.roff`)], {
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 20 * 1024 * 1024,
    });
    return pdf;
  };

  it.each(CONVERTED)(
    "%s has one fingerprint in every format",
    async (name) => {
      expect(referencePart(name)).toBe("development");
      const text = referenceText(name);
      const fingerprint = documentFingerprintOf(text);
      const docx = await readDocument({ bytes: asDocx(name, text), fileName: `${name}.docx` });
      const markdownDocx = await readDocument({ bytes: asMarkdownDocx(name, text), fileName: `${name}.md.docx` });
      const pdf = await readDocument({ bytes: asPdf(name, text), fileName: `${name}.pdf` });
      // The conversions really did change the text.
      expect(new Set([text, docx, markdownDocx, pdf]).size).toBe(4);
      expect({
        docx: documentFingerprintOf(docx),
        markdownDocx: documentFingerprintOf(markdownDocx),
        pdf: documentFingerprintOf(pdf),
      }).toEqual({ docx: fingerprint, markdownDocx: fingerprint, pdf: fingerprint });
    },
    30_000,
  );

  it("gives each development document a fingerprint of its own, minutes of the same body included", () => {
    const all = readdirSync(minutesFolder)
      .filter((f) => /^\d+_.*\.txt$/.test(f) && referencePart(f) === "development")
      .map((f) => f.replace(/\.txt$/, ""));
    // Among them three sets of Stoke Ferry parish minutes and one of Manordeilo and Salem.
    expect(all.filter((n) => /stoke-ferry|manordeilo/.test(n)).length).toBe(4);
    expect(new Set(all.map((n) => documentFingerprintOf(referenceText(n)))).size).toBe(all.length);
  });
});
