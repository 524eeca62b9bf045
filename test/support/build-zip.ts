// Zip files built by hand for the tests (APPNOTE.TXT 4.3): local headers, each part's
// data, the central directory and its end record; parts deflated with node:zlib unless
// stored. A part can declare a size other than its own, to make a directory that lies.
import { constants, crc32, deflateRawSync } from "node:zlib";

export type ZipPart =
  | {
      name: string;
      data: Buffer | string;
      isStored?: boolean;
      /** The uncompressed size the headers give; the data's own length unless set. */
      declaredSize?: number;
    }
  | {
      name: string;
      /** Content already deflated, used as it is (its CRC written as 0: JSZip does not check it). */
      deflated: Buffer;
      declaredSize: number;
    };

/**
 * A deflate stream of `megabytes` MB of zeros without deflating them all: one megabyte
 * deflated and flushed to a byte boundary (about 1 KB), repeated, then a final empty block.
 */
export function deflatedZeros(megabytes: number): Buffer {
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(megabytes).fill(megabyte), deflateRawSync(Buffer.alloc(0))]);
}

const DOS_DATE_1980_01_01 = 0x21;

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const entries: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = "data" in part ? Buffer.from(part.data) : undefined;
    const isStored = "isStored" in part && part.isStored === true;
    const body = "deflated" in part ? part.deflated : isStored ? data! : deflateRawSync(data!);
    const name = Buffer.from(part.name, "utf8");
    const size = part.declaredSize ?? data!.length;
    const crc = data ? crc32(data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(isStored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(isStored ? 0 : 8, 10);
    entry.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    entries.push(entry, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(entries);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A Word document's XML holding these paragraphs. */
export function documentXmlOf(paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

/** The smallest .docx mammoth reads: content types, the package's relationships and word/document.xml. */
export function buildDocx(
  documentXml: string | Buffer,
  options: { declaredSize?: number; extraParts?: ZipPart[] } = {},
): Buffer {
  return buildZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: RELATIONSHIPS },
    {
      name: "word/document.xml",
      data: documentXml,
      ...(options.declaredSize === undefined ? {} : { declaredSize: options.declaredSize }),
    },
    ...(options.extraParts ?? []),
  ]);
}
