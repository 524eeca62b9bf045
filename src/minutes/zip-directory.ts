// A zip's central directory (a .docx is a zip), read without inflating anything, so a
// document's size once unpacked is known before any of it is (APPNOTE.TXT 4.3). Only the
// plain format: ZIP64, several disks, encryption, compression other than deflate, and a
// directory that does not add up are refused, because mammoth's reader (JSZip) would read
// such a file otherwise than this, so what was counted would not be what gets unpacked.
import { createInflateRaw } from "node:zlib";

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_LENGTH = 22;
const ENTRY_LENGTH = 46;
const LOCAL_LENGTH = 30;
const MAX_COMMENT_LENGTH = 0xffff;
const STORED = 0;
const DEFLATED = 8;

/** A file in a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  isDeflated: boolean;
  compressedSize: number;
  uncompressedSize: number;
  /** Where its data starts, after its local header. */
  dataOffset: number;
}

/** A file that is not a zip this reader takes: damaged, truncated, ZIP64, or inconsistent. */
export class ZipFormatError extends Error {
  override readonly name = "ZipFormatError";
}

/** The end record: the last of its signature, as JSZip finds it, and it must end the file. */
function findEndOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - END_LENGTH - MAX_COMMENT_LENGTH);
  for (let at = bytes.length - 4; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      if (at + END_LENGTH > bytes.length || at + END_LENGTH + bytes.readUInt16LE(at + 20) !== bytes.length)
        throw new ZipFormatError("the end of central directory record does not end the file");
      return at;
    }
  }
  throw new ZipFormatError("no end of central directory record");
}

/** Every entry of a zip's central directory, checked against the end record and the local headers. */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  const end = findEndOfDirectory(bytes);
  const disk = bytes.readUInt16LE(end + 4);
  const directoryDisk = bytes.readUInt16LE(end + 6);
  const entriesOnDisk = bytes.readUInt16LE(end + 8);
  const entryCount = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  const isZip64 =
    [disk, directoryDisk, entriesOnDisk, entryCount].includes(0xffff) ||
    [directorySize, directoryOffset].includes(0xffffffff) ||
    (end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_END_LOCATOR);
  if (isZip64) throw new ZipFormatError("a ZIP64 archive");
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount)
    throw new ZipFormatError("an archive on several disks");
  if (directoryOffset + directorySize !== end)
    throw new ZipFormatError("the central directory is not where the end record says");

  const entries: ZipEntry[] = [];
  for (let at = directoryOffset; at < end;) {
    if (at + ENTRY_LENGTH > end || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new ZipFormatError(`central directory entry ${entries.length + 1} is damaged`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + ENTRY_LENGTH + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    if (next > end) throw new ZipFormatError(`central directory entry ${entries.length + 1} runs past the directory`);
    const name = bytes.toString("utf8", at + ENTRY_LENGTH, at + ENTRY_LENGTH + nameLength);
    if ([compressedSize, uncompressedSize, localOffset].includes(0xffffffff))
      throw new ZipFormatError(`${name} has ZIP64 sizes`);
    if (flags & 0x0001) throw new ZipFormatError(`${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) throw new ZipFormatError(`${name} uses compression method ${method}`);
    if (method === STORED && compressedSize !== uncompressedSize)
      throw new ZipFormatError(`${name} is stored but its two sizes differ`);
    // Its data starts after the local header's own name and extra field, where JSZip reads it.
    if (localOffset + LOCAL_LENGTH > directoryOffset || bytes.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw new ZipFormatError(`${name} has no local header`);
    const dataOffset =
      localOffset + LOCAL_LENGTH + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > directoryOffset)
      throw new ZipFormatError(`${name} runs into the central directory`);
    entries.push({ name, isDeflated: method === DEFLATED, compressedSize, uncompressedSize, dataOffset });
    at = next;
  }
  if (entries.length !== entryCount)
    throw new ZipFormatError(`the end record counts ${entryCount} entries, the directory holds ${entries.length}`);
  return entries;
}

/** How many bytes `data` inflates to, counting and keeping none of them, stopping once past `limit`. */
async function inflatedLengthOf(data: Buffer, limit: number): Promise<number> {
  const inflate = createInflateRaw();
  inflate.end(data);
  let length = 0;
  for await (const chunk of inflate as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) break; // leaving the loop destroys the stream
  }
  return length;
}

/**
 * Inflates each deflated entry, keeping nothing, and refuses one that does not inflate to
 * exactly the size its directory entry gives: those sizes are only the file's own word,
 * and one that understates its size would otherwise be unpacked whole by JSZip before
 * it noticed. Stops each entry one byte past its stated size, so costs at most the total
 * the directory stated.
 */
export async function verifyInflatedSizes(bytes: Buffer, entries: readonly ZipEntry[]): Promise<void> {
  for (const entry of entries) {
    if (!entry.isDeflated) continue;
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const length = await inflatedLengthOf(data, entry.uncompressedSize).catch((error: unknown) => {
      throw new ZipFormatError(`${entry.name} does not inflate: ${String(error)}`);
    });
    if (length === entry.uncompressedSize) continue;
    const found = length > entry.uncompressedSize ? `more than ${entry.uncompressedSize} bytes` : `${length} bytes`;
    throw new ZipFormatError(
      `${entry.name} inflates to ${found}, not the ${entry.uncompressedSize} its directory entry gives`,
    );
  }
}
