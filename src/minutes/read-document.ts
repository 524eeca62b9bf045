// A minutes document's text, whatever it came as: plain text or Markdown, Word
// (.docx, read with mammoth; tables become tab-separated rows so an action log
// keeps its columns), or PDF (read with unpdf, PDF.js, in a process of its own, bounded in
// time and memory: read-pdf.ts; pages separated by form feeds).
import path from "node:path";
import { AppError } from "../errors";
import { PDF_LIMITS, readPdf, type PdfLimits, type PdfReading } from "./read-pdf";
import { readZipDirectory, verifyInflatedSizes } from "./zip-directory";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/**
 * The most a .docx may hold once unpacked, all its parts together: twice the largest file
 * taken. Pictures hardly compress (JPEG and PNG already are), so a 10 MB file of photographs
 * unpacks to little more than 10 MB; the XML of the text compresses 5 to 20 times, but
 * minutes of a hundred pages are a few MB of it. Beyond that is a zip bomb, and costly even
 * when honest: mammoth holds the XML it parses at some 40 to 50 times its size (measured:
 * 20 MB of document.xml did not fit in 768 MB of heap, fitted in 1 GB, and took 7 s), and
 * any part can be made the one it parses, whatever its name, so every part counts.
 */
export const MAX_DOCX_UNPACKED_BYTES = 20 * 1024 * 1024;
export const DOCUMENT_TYPES = [".txt", ".md", ".docx", ".pdf"] as const;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const decodeEntities = (text: string) =>
  text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });

/** mammoth's HTML (simple and well formed) as lines: paragraphs, list entries, table rows with tabs. */
export function htmlToLines(html: string): string {
  const inline = (fragment: string) =>
    decodeEntities(fragment.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, ""))
      .replace(/\s+/g, " ")
      .trim();
  let text = html.replace(/<table[^>]*>([\s\S]*?)<\/table>/gi, (_, table: string) => {
    const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((row) =>
      [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((cell) => inline(cell[1]!)).join("\t"),
    );
    return `\n\n${rows.join("\n")}\n\n`;
  });
  text = text
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<h[1-6][^>]*>/gi, "\n\n## ")
    .replace(/<\/(p|h[1-6]|li|ul|ol)>/gi, "\n")
    .replace(/<p[^>]*>/gi, "\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((l) => l.replace(/[ \u00a0]+/g, " ").trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

async function readDocx(bytes: Buffer, fileName: string): Promise<string> {
  try {
    return await readDocxText(bytes, fileName);
  } catch (error) {
    // mammoth's and the zip checks' errors all mean the file is not a Word file it can read.
    if (error instanceof AppError) throw error;
    throw unreadableDocument(fileName);
  }
}

async function readDocxText(bytes: Buffer, fileName: string): Promise<string> {
  // Its size once unpacked, from the zip's directory, before anything is inflated; then
  // checked against what each part really inflates to, before mammoth unpacks them.
  const entries = readZipDirectory(bytes);
  const unpackedBytes = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (unpackedBytes > MAX_DOCX_UNPACKED_BYTES) throw docxTooLargeUnpacked(fileName, unpackedBytes);
  await verifyInflatedSizes(bytes, entries);
  const mammoth = await import("mammoth");
  // Pictures are left unread (their <img> is dropped from the text anyway), rather than
  // unpacked and written into the HTML as base64.
  const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));
  const { value } = await mammoth.convertToHtml({ buffer: bytes }, { convertImage });
  return htmlToLines(value);
}

/** The PDF's text, or the refusal its failure calls for. */
function pdfTextOf(reading: PdfReading, fileName: string, limits: PdfLimits): string {
  if ("text" in reading) return reading.text;
  if (reading.failure === "damaged") throw unreadableDocument(fileName);
  throw pdfTooComplex(fileName, reading.failure, limits);
}

/** The refusal for a document over the limit, saying how large it is when that is known (a download stopped part way is only known to be too large). */
export function documentTooLarge(fileName: string, byteCount?: number): AppError {
  return new AppError({ code: "document_too_large", fileName, ...(byteCount === undefined ? {} : { byteCount }) });
}

/** The refusal for a file its reader could not make sense of. */
function unreadableDocument(fileName: string): AppError {
  return new AppError({ code: "unreadable_document", fileName });
}

/** The refusal for a PDF whose reading went past its time, memory or text limit. */
function pdfTooComplex(
  fileName: string,
  failure: "too_slow" | "too_large" | "too_much_text",
  limits: PdfLimits,
): AppError {
  const limit =
    failure === "too_slow"
      ? ({ kind: "time", seconds: limits.timeLimitMs / 1000 } as const)
      : failure === "too_much_text"
        ? ({ kind: "text", megabytes: Math.round((limits.textLimitBytes / 1024 / 1024) * 100) / 100 } as const)
        : ({ kind: "memory", megabytes: limits.memoryLimitMb } as const);
  return new AppError({ code: "document_too_complex", fileName, limit });
}

/** The refusal for a Word file that would unpack to more than MAX_DOCX_UNPACKED_BYTES. */
function docxTooLargeUnpacked(fileName: string, byteCount: number): AppError {
  return new AppError({ code: "document_too_large_unpacked", fileName, byteCount, maxBytes: MAX_DOCX_UNPACKED_BYTES });
}

/**
 * The text of a minutes document, or a clear refusal. Rejects with an Error that is not an
 * AppError only when the PDF reader itself fails: a fault of ours, logged and tried again,
 * not the file's.
 */
export async function readDocument({
  bytes,
  fileName,
  pdfLimits = PDF_LIMITS,
}: {
  bytes: Buffer;
  fileName: string;
  pdfLimits?: PdfLimits;
}): Promise<string> {
  if (bytes.length > MAX_DOCUMENT_BYTES) throw documentTooLarge(fileName, bytes.length);
  const extension = path.extname(fileName).toLowerCase();
  switch (extension) {
    case ".docx":
      return await readDocx(bytes, fileName);
    case ".pdf":
      return pdfTextOf(await readPdf(bytes, pdfLimits), fileName, pdfLimits);
    case ".txt":
    case ".md":
    case ".markdown":
    case ".text":
    case "":
      return bytes.toString("utf8").replace(/^\ufeff/, "");
    default:
      throw new AppError({ code: "unsupported_document", extension });
  }
}
