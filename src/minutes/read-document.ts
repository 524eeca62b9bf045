// A minutes document's text, whatever it came as: plain text or Markdown, Word
// (.docx, read with mammoth; tables become tab-separated rows so an action log
// keeps its columns), or PDF (read with unpdf, PDF.js; pages separated by form feeds).
import path from "node:path";
import { AppError } from "../errors";
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

async function readPdf(bytes: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  // PDF.js warns on stderr about damaged files; a damaged file is reported to the person instead.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join("\n\f");
  } finally {
    await pdf.destroy();
  }
}

const megabytes = (byteCount: number) =>
  (byteCount / 1024 / 1024).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The refusal for a document over the limit, saying how large it is when that is known (a download stopped part way is only known to be too large). */
export function documentTooLarge(fileName: string, byteCount?: number): AppError {
  const size = byteCount === undefined ? "more than 10 MB" : `${megabytes(byteCount)} MB`;
  return new AppError(
    "document_too_large",
    `${fileName} is ${size}; minutes up to 10 MB can be imported.`,
    "Split it, or paste the minutes' text.",
  );
}

/** The refusal for a Word file that would unpack to more than MAX_DOCX_UNPACKED_BYTES. */
function docxTooLargeUnpacked(fileName: string, byteCount: number): AppError {
  return new AppError(
    "document_too_large_unpacked",
    `${fileName} would be ${megabytes(byteCount)} MB once unpacked; Word minutes up to ${MAX_DOCX_UNPACKED_BYTES / 1024 / 1024} MB unpacked can be imported.`,
    "Save it as PDF, or as a Word file without its pictures, and import that; or paste the minutes' text.",
  );
}

/** The text of a minutes document, or a clear refusal. */
export async function readDocument({ bytes, fileName }: { bytes: Buffer; fileName: string }): Promise<string> {
  if (bytes.length > MAX_DOCUMENT_BYTES) throw documentTooLarge(fileName, bytes.length);
  const extension = path.extname(fileName).toLowerCase();
  try {
    switch (extension) {
      case ".docx":
        return await readDocx(bytes, fileName);
      case ".pdf":
        return await readPdf(bytes);
      case ".txt":
      case ".md":
      case ".markdown":
      case ".text":
      case "":
        return bytes.toString("utf8").replace(/^\ufeff/, "");
      default:
        throw new AppError(
          "unsupported_document",
          `I can't read ${extension} files.`,
          "Import minutes as .txt, .md, .docx or .pdf, or paste their text.",
        );
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "unreadable_document",
      `I couldn't read ${fileName}: it does not look like a valid ${extension.slice(1).toUpperCase()} file.`,
      "Open it, save it again (or as PDF), and import the new copy; or paste the text.",
    );
  }
}
