import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import {
  readZipDirectory,
  verifyInflatedSizes,
  ZipFormatError,
  type ZipEntry,
} from "../../../src/minutes/zip-directory";
import { buildZip } from "../../support/build-zip";

const corpus = path.join(__dirname, "..", "..", "fixtures", "minutes", "corpus");
const HELLO = "Minutes of the meeting held on 19 November. ".repeat(20);
const small = () =>
  buildZip([
    { name: "[Content_Types].xml", data: "<Types/>", isStored: true },
    { name: "word/document.xml", data: HELLO },
    { name: "word/media/é.txt", data: "" },
  ]);
const dataOf = (bytes: Buffer, entry: ZipEntry) => {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  return (entry.isDeflated ? inflateRawSync(data) : data).toString("utf8");
};
/** The offset of the end of central directory record (no comment in these zips). */
const endOf = (bytes: Buffer) => bytes.length - 22;
const patched = (bytes: Buffer, edit: (copy: Buffer) => void) => {
  const copy = Buffer.from(bytes);
  edit(copy);
  return copy;
};

describe("readZipDirectory", () => {
  it("lists a small zip's entries with their sizes and where their data starts", () => {
    const bytes = small();
    const entries = readZipDirectory(bytes);
    expect(entries.map(({ name, isDeflated, uncompressedSize }) => ({ name, isDeflated, uncompressedSize }))).toEqual([
      { name: "[Content_Types].xml", isDeflated: false, uncompressedSize: 8 },
      { name: "word/document.xml", isDeflated: true, uncompressedSize: HELLO.length },
      { name: "word/media/é.txt", isDeflated: true, uncompressedSize: 0 },
    ]);
    expect(entries[1]!.compressedSize).toBeLessThan(HELLO.length / 5);
    expect(entries.map((entry) => dataOf(bytes, entry))).toEqual(["<Types/>", HELLO, ""]);
  });

  it("reads the corpus's Word document, and the same with a comment after the end record", () => {
    const docx = readFileSync(path.join(corpus, "13_ridgeway-homes-board-2024-04.docx"));
    expect(readZipDirectory(docx).map((e) => [e.name, e.uncompressedSize])).toEqual([
      ["[Content_Types].xml", 430],
      ["_rels/.rels", 298],
      ["word/document.xml", 10378],
    ]);
    const commented = (comment: string) =>
      patched(Buffer.concat([docx, Buffer.from(comment)]), (copy) =>
        copy.writeUInt16LE(comment.length, docx.length - 2),
      );
    expect(readZipDirectory(commented("Saved for the board"))).toHaveLength(3);
    // JSZip takes the last end record signature for the record, even inside a comment: such a file is not read.
    expect(() => readZipDirectory(commented("PK\u0005\u0006 ends a zip"))).toThrow(ZipFormatError);
  });

  it("refuses a truncated zip, wherever it was cut", () => {
    const bytes = small();
    const entries = readZipDirectory(bytes);
    const cuts = [
      0,
      4,
      Math.floor(bytes.length / 2),
      entries[2]!.dataOffset,
      endOf(bytes) - 10,
      endOf(bytes),
      bytes.length - 1,
    ];
    for (const cut of cuts)
      expect({ cut, thrown: catchError(() => readZipDirectory(bytes.subarray(0, cut))) }).toEqual({
        cut,
        thrown: expect.any(ZipFormatError),
      });
    // The front cut off: the directory's offsets point at the wrong places.
    expect(() => readZipDirectory(bytes.subarray(30))).toThrow(ZipFormatError);
  });

  it("refuses ZIP64 markers, in the end record, a ZIP64 locator, or an entry", () => {
    const bytes = small();
    const end = endOf(bytes);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    const withLocator = Buffer.concat([bytes.subarray(0, end), locator, bytes.subarray(end)]);
    const zip64s = [
      patched(bytes, (c) => c.writeUInt16LE(0xffff, end + 10)),
      patched(bytes, (c) => c.writeUInt16LE(0xffff, end + 8)),
      patched(bytes, (c) => c.writeUInt32LE(0xffffffff, end + 12)),
      patched(bytes, (c) => c.writeUInt32LE(0xffffffff, end + 16)),
      withLocator,
      patched(bytes, (c) => c.writeUInt32LE(0xffffffff, c.readUInt32LE(end + 16) + 24)),
      patched(bytes, (c) => c.writeUInt32LE(0xffffffff, c.readUInt32LE(end + 16) + 42)),
    ];
    for (const zip of zip64s) expect(() => readZipDirectory(zip)).toThrow(/ZIP64/);
  });

  it("refuses a directory that does not add up", () => {
    const bytes = small();
    const end = endOf(bytes);
    const directory = bytes.readUInt32LE(end + 16);
    const second = directory + 46 + "[Content_Types].xml".length;
    const inconsistent: Array<[string, Buffer]> = [
      ["one entry fewer counted", patched(bytes, (c) => (c.writeUInt16LE(2, end + 8), c.writeUInt16LE(2, end + 10)))],
      ["one entry more counted", patched(bytes, (c) => (c.writeUInt16LE(4, end + 8), c.writeUInt16LE(4, end + 10)))],
      ["the directory's size wrong", patched(bytes, (c) => c.writeUInt32LE(c.readUInt32LE(end + 12) - 1, end + 12))],
      ["several disks", patched(bytes, (c) => c.writeUInt16LE(1, end + 4))],
      ["an entry's local header misplaced", patched(bytes, (c) => c.writeUInt32LE(7, directory + 42))],
      ["stored with two sizes", patched(bytes, (c) => c.writeUInt32LE(9, directory + 24))],
      ["an entry running into the directory", patched(bytes, (c) => c.writeUInt32LE(directory, second + 20))],
      ["an unknown compression method", patched(bytes, (c) => c.writeUInt16LE(12, directory + 10))],
      ["encrypted", patched(bytes, (c) => c.writeUInt16LE(0x0801, directory + 8))],
      ["no end record", Buffer.from("PK\u0003\u0004 and then nothing like a zip")],
    ];
    for (const [problem, zip] of inconsistent)
      expect({ problem, thrown: catchError(() => readZipDirectory(zip)) }).toEqual({
        problem,
        thrown: expect.any(ZipFormatError),
      });
  });
});

describe("verifyInflatedSizes", () => {
  const lying = (declaredSize: number) =>
    buildZip([{ name: "word/document.xml", data: "<w:t>x</w:t>".repeat(500_000), declaredSize }]);

  it("accepts entries that inflate to the sizes their directory gives", async () => {
    const bytes = small();
    await expect(verifyInflatedSizes(bytes, readZipDirectory(bytes))).resolves.toBeUndefined();
  });

  it("refuses an entry that inflates to more than its directory says, stopping just past what it said", async () => {
    // 6 MB of XML claiming to be 1 KB: refused having inflated little more than that 1 KB.
    const bytes = lying(1024);
    const started = process.hrtime.bigint();
    await expect(verifyInflatedSizes(bytes, readZipDirectory(bytes))).rejects.toThrow(
      "word/document.xml inflates to more than 1024 bytes, not the 1024 its directory entry gives",
    );
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });

  it("refuses an entry that inflates to less than its directory says, or not at all", async () => {
    const short = lying(7_000_000);
    await expect(verifyInflatedSizes(short, readZipDirectory(short))).rejects.toThrow(
      "inflates to 6000000 bytes, not the 7000000",
    );
    const bytes = small();
    const entries = readZipDirectory(bytes);
    const garbled = patched(bytes, (c) => c.fill(0xff, entries[1]!.dataOffset, entries[1]!.dataOffset + 4));
    await expect(verifyInflatedSizes(garbled, entries)).rejects.toThrow(ZipFormatError);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
