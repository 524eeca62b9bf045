// readDocument's bounds on a PDF: read in a process of its own, stopped past a time, memory or
// text limit with a refusal the importer can act on, and never holding up the main thread.
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { isAppError } from "../../../src/errors";
import { readDocument } from "../../../src/minutes/read-document";
import { PDF_LIMITS } from "../../../src/minutes/read-pdf";
import { wordsFor } from "../../../src/slack/views/problems";

const corpus = path.join(__dirname, "..", "..", "fixtures", "minutes", "corpus");
const SCRUTINY = readFileSync(path.join(corpus, "14_lowfield-ca-scrutiny-2024-09.pdf"));
const WORDS = "the board agreed action minutes meeting council report chair member plan budget".split(" ");

/** A PDF of the given pages, each a list of lines (Helvetica, uncompressed), built by hand. */
function buildPdf(pages: string[][]): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"];
  const pageIds = pages.map((lines) => {
    const content = `BT /F1 10 Tf 50 800 Td 12 TL ${lines.map((line) => `(${line}) '`).join(" ")} ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`,
    );
    return objects.length;
  });
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/**
 * A one-page PDF whose content stream is `megabytes` MB of spaces, deflated to about a thousandth
 * of that: a compression bomb. Decoding it fills ArrayBuffers, outside V8's heap, while the heap
 * stays small. Built from one deflated megabyte, repeated: a full flush makes each copy stand alone.
 */
function buildFlateBomb(megabytes: number): Buffer {
  const megabyte = zlib.deflateRawSync(Buffer.alloc(1024 * 1024, " "), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  // A zlib header, the blocks, an empty final block; PDF.js does not check the trailing checksum.
  const stream = Buffer.concat([
    Buffer.from([0x78, 0x9c]),
    ...Array<Buffer>(megabytes).fill(megabyte),
    Buffer.from([3, 0]),
  ]);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
  ].map((object, i) => Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, "latin1"));
  objects.push(
    Buffer.concat([
      Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
      stream,
      Buffer.from("\nendstream\nendobj\n", "latin1"),
    ]),
  );
  const header = Buffer.from("%PDF-1.4\n", "latin1");
  let xref = header.length;
  const offsets = objects.map((object) => {
    const offset = xref;
    xref += object.length;
    return offset;
  });
  const entries = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  const trailer = Buffer.from(
    `xref\n0 5\n0000000000 65535 f \n${entries}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    "latin1",
  );
  return Buffer.concat([header, ...objects, trailer]);
}

/** Minutes-like pages: a heading, then 55 lines of 12 words. */
const pagesOfMinutes = (pageCount: number) =>
  Array.from({ length: pageCount }, (_, page) => [
    `Page ${page + 1}`,
    ...Array.from({ length: 55 }, (_, line) =>
      Array.from({ length: 12 }, (_, word) => WORDS[(page * 7 + line * 5 + word * 3) % WORDS.length]).join(" "),
    ),
  ]);

/** What reading gives or throws, and how long it took. */
async function attempt(bytes: Buffer, pdfLimits = PDF_LIMITS) {
  const started = Date.now();
  try {
    return { text: await readDocument({ bytes, fileName: "minutes.pdf", pdfLimits }), ms: Date.now() - started };
  } catch (error) {
    // What the person is told: the problem's words for a refusal, else the error's message.
    const { code, message } = isAppError(error)
      ? { code: error.code, message: wordsFor(error.problem).text }
      : (error as { code?: string; message: string });
    return { code, message, ms: Date.now() - started };
  }
}

describe("readDocument's bounds on a PDF", () => {
  it("reads every page, in order, while the main thread stays free", async () => {
    let longestPauseMs = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      longestPauseMs = Math.max(longestPauseMs, Date.now() - last);
      last = Date.now();
    }, 10);
    try {
      const { text, ms } = await attempt(buildPdf(pagesOfMinutes(60)));
      // The pause up to now counts too: read on the main thread, the whole reading is one pause.
      longestPauseMs = Math.max(longestPauseMs, Date.now() - last);
      const pages = text!.split("\f");
      expect(pages.map((page) => page.split("\n")[0])).toEqual(pages.map((_, i) => `Page ${i + 1}`));
      expect(pages).toHaveLength(60);
      expect(longestPauseMs).toBeLessThan(Math.min(250, ms / 2));
    } finally {
      clearInterval(ticker);
    }
  });

  it("refuses as damaged a PDF that is not one, or is cut short", async () => {
    const refusal = {
      code: "unreadable_document",
      message: "I couldn't read minutes.pdf: it does not look like a valid PDF file.",
    };
    for (const bytes of [Buffer.from("%PDF-1.4 this is not really a pdf"), SCRUTINY.subarray(0, SCRUTINY.length / 3)]) {
      expect(await attempt(bytes)).toMatchObject(refusal);
    }
  });

  it("stops reading a PDF at the time limit, saying so", async () => {
    // 400 pages take seconds.
    const result = await attempt(buildPdf(pagesOfMinutes(400)), { ...PDF_LIMITS, timeLimitMs: 300 });
    expect(result).toMatchObject({
      code: "document_too_complex",
      message: "I stopped reading minutes.pdf after 0.3 seconds; a PDF of minutes takes far less.",
    });
    expect(result.ms).toBeLessThan(2000);
  });

  it("stops reading a PDF at the memory limit, saying so", async () => {
    // Node, its worker thread and PDF.js take some 65 MB before the file is opened.
    const limits = { ...PDF_LIMITS, memoryLimitMb: 96 };
    expect(await attempt(SCRUTINY, limits)).toMatchObject({ text: expect.stringContaining("Scrutiny Committee") });
    // A line of 2 million characters takes PDF.js far more than 96 MB.
    expect(await attempt(buildPdf([["A".repeat(2_000_000)]]), limits)).toMatchObject({
      code: "document_too_complex",
      message: "I stopped reading minutes.pdf at 96 MB of memory; a PDF of minutes takes far less.",
    });
  });

  it("stops reading a PDF at the memory limit when the memory is outside V8's heap", async () => {
    // Under --max-old-space-size alone this reads, its process passing 600 MB; measured by RSS it stops.
    const result = await attempt(buildFlateBomb(200), { ...PDF_LIMITS, memoryLimitMb: 96 });
    expect(result).toMatchObject({
      code: "document_too_complex",
      message: "I stopped reading minutes.pdf at 96 MB of memory; a PDF of minutes takes far less.",
    });
    expect(result.ms).toBeLessThan(3000);
  });

  it("stops reading a PDF whose text passes the text limit", async () => {
    // 10 pages of minutes are some 44 KB of text.
    const bytes = buildPdf(pagesOfMinutes(10));
    expect(await attempt(bytes, { ...PDF_LIMITS, textLimitBytes: 50_000 })).toMatchObject({
      text: expect.stringContaining("Page 10"),
    });
    expect(await attempt(bytes, { ...PDF_LIMITS, textLimitBytes: 10_000 })).toMatchObject({
      code: "document_too_complex",
    });
  });
});
