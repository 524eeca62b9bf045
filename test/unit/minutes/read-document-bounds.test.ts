import { randomBytes } from "node:crypto";
import { isAppError } from "../../../src/errors";
import { documentTooLarge, MAX_DOCX_UNPACKED_BYTES, readDocument } from "../../../src/minutes/read-document";
import { wordsFor } from "../../../src/slack/views/problems";
import { buildDocx, buildZip, deflatedZeros, documentXmlOf } from "../../support/build-zip";

const MB = 1024 * 1024;
const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of Meeting",
  "Action 1: MOPAC to publish the knife crime plan by the end of January 2027.",
];
const readDocx = (bytes: Buffer, fileName = "minutes.docx") => readDocument({ bytes, fileName });
/** What reading gives or throws, and how long it took. */
async function attempt(bytes: Buffer, fileName = "minutes.docx") {
  const started = Date.now();
  try {
    return { text: await readDocx(bytes, fileName), ms: Date.now() - started };
  } catch (error) {
    // What the person is told: the problem's words for a refusal, else the error's message.
    const { code, message } = isAppError(error)
      ? { code: error.code, message: wordsFor(error.problem).text }
      : (error as { code?: string; message: string });
    return { code, message, ms: Date.now() - started };
  }
}

describe("readDocument's bounds on a Word file", () => {
  it("reads a Word file of 9 MB that unpacks to just under its limit", async () => {
    // A photograph that does not compress (random bytes, stored) and a drawing that does.
    const docx = buildDocx(documentXmlOf(MINUTES), {
      extraParts: [
        { name: "word/media/image1.jpeg", data: randomBytes(9 * MB), isStored: true },
        { name: "word/media/image2.emf", deflated: deflatedZeros(10), declaredSize: 10 * MB },
      ],
    });
    expect(docx.length).toBeLessThan(10 * MB);
    expect(await attempt(docx)).toEqual({ text: MINUTES.join("\n\n"), ms: expect.any(Number) });
  });

  it("refuses a zip bomb from its directory, saying how large it would be, without unpacking it", async () => {
    // 62.9 MB of paragraphs, deflating to a few hundred KB.
    const bomb = buildDocx(
      documentXmlOf(Array<string>(640_000).fill("All work and no play makes a long set of minutes.")),
    );
    expect(bomb.length).toBeLessThan(MB);
    const { code, message, ms } = await attempt(bomb, "minutes-bomb.docx");
    expect({ code, message }).toEqual({
      code: "document_too_large_unpacked",
      message: "minutes-bomb.docx would be 62.9 MB once unpacked; Word minutes up to 20 MB unpacked can be imported.",
    });
    expect(ms).toBeLessThan(1000);
  });

  it("refuses a part just over the limit as readily as a huge one, counting every part whatever its name", async () => {
    const over = buildDocx(documentXmlOf(MINUTES), {
      extraParts: [{ name: "word/media/image1.png", deflated: deflatedZeros(20), declaredSize: 20 * MB }],
    });
    expect(await attempt(over)).toMatchObject({
      code: "document_too_large_unpacked",
      message: expect.stringContaining("would be 20.0 MB once unpacked"),
    });
    const huge = buildDocx(documentXmlOf(MINUTES), {
      extraParts: [{ name: "word/media/image1.png", deflated: deflatedZeros(4000), declaredSize: 4000 * MB }],
    });
    expect(await attempt(huge)).toMatchObject({
      code: "document_too_large_unpacked",
      message: expect.stringContaining("would be 4,000.0 MB once unpacked"),
    });
    expect(MAX_DOCX_UNPACKED_BYTES).toBe(20 * MB);
  });

  it("refuses as damaged, quickly, a Word file whose directory understates what a part unpacks to", async () => {
    // The document's directory entry says 1 KB; its data inflates to 1 GB of zeros.
    const liar = buildZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", deflated: deflatedZeros(1024), declaredSize: 1024 },
    ]);
    const result = await attempt(liar);
    expect(result).toEqual({
      code: "unreadable_document",
      message: "I couldn't read minutes.docx: it does not look like a valid DOCX file.",
      ms: expect.any(Number),
    });
    expect(result.ms).toBeLessThan(1000);
  });

  it("refuses as damaged a ZIP64 or truncated Word file", async () => {
    const docx = buildDocx(documentXmlOf(MINUTES));
    const zip64 = Buffer.from(docx);
    zip64.writeUInt16LE(0xffff, zip64.length - 12);
    for (const bytes of [zip64, docx.subarray(0, docx.length - 30)]) {
      expect(await attempt(bytes)).toMatchObject({
        code: "unreadable_document",
        message: "I couldn't read minutes.docx: it does not look like a valid DOCX file.",
      });
    }
  });

  it("says a document is more than 10 MB when its size is not known", () => {
    expect(wordsFor(documentTooLarge("minutes-x.pdf").problem).text).toBe(
      "minutes-x.pdf is more than 10 MB; minutes up to 10 MB can be imported.",
    );
    expect(wordsFor(documentTooLarge("minutes-x.pdf", 11 * MB).problem).text).toBe(
      "minutes-x.pdf is 11.0 MB; minutes up to 10 MB can be imported.",
    );
  });
});
