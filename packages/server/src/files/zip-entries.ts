/**
 * The entries of a zip archive (an .xlsx is one) read from its central
 * directory, without inflating anything: how many there are and what size
 * each declares once uncompressed. A workbook of 1 MB can declare a sheet of
 * 300 MB; this is how Rumbo refuses it before a spreadsheet library inflates
 * it. The declared sizes may lie, so `inflateEntry` also caps what it inflates.
 */
import { inflateRawSync } from "node:zlib";

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

export class ZipFormatError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_32 = 0xffffffff;

export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new ZipFormatError("directorio del zip dañado");
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: buffer.toString("utf8", at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
    };
    readZip64Sizes(
      buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      entry,
    );
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const earliest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= earliest; at--) {
    if (buffer.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipFormatError("no es un archivo zip");
}

/** Sizes over 4 GiB live in the ZIP64 extra field, in this order, only those that overflowed. */
function readZip64Sizes(extra: Buffer, entry: ZipEntry): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : MAX_32;
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === MAX_32) entry.uncompressedSize = next();
      if (entry.compressedSize === MAX_32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX_32) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/**
 * The entry's bytes, inflating at most `maxBytes`: an entry that holds more
 * than its header declared (or than the cap) throws instead of filling memory.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_HEADER)
    throw new ZipFormatError(`la entrada ${entry.name} del zip está dañada`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new RangeError("entrada más grande que el límite");
    return data;
  }
  if (entry.method !== 8)
    throw new ZipFormatError(`la entrada ${entry.name} usa una compresión desconocida`);
  // maxOutputLength makes zlib stop (RangeError) instead of inflating a lie to the end.
  return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
}
