// Zip members packed by a method yauzl does not unpack (it does stored and deflated): 7-Zip's
// `7zz a -tzip -mm=PPMd` (APPNOTE 4.4.5 method 98), `-mm=LZMA` (14), `-mm=BZip2` (12),
// `-mm=Deflate64` (9), and xz (95), which WinZip's "best method" writes too; Zstandard (93), which
// WinZip 24 and later and libzip/minizip-ng write (7-Zip reads it, writes it not); and PKZIP 1's
// Shrink (1) and Implode (6) of old DOS zips. 7-Zip's own zip handler unpacks them all (7-Zip's
// CPP/7zip/Archive/Zip/ZipHandler.cpp: kMethodNames1/2, "zstd-wz" for 93, and its decoders for
// Shrink, Implode, Deflate64, BZip2, LZMA, Zstd, PPMd and XZ; 7z-wasm's 24.09 checked method by
// method: these answer a damaged stream with "Data Error", the rest with "Unsupported Method"), so
// these members are unpacked by the 7-Zip that already reads 7z and rar (7z-wasm, archive-7z.ts):
// nothing more is loaded or fetched. Reduce (2-5), PKWARE's DCL Implode (10), zstd's first number
// (20), MP3 (94), JPEG (96) and WavPack (97) 7-Zip 24.09 does not unpack: those are refused by name.
//
// yauzl still lists the zip and judges each member (its name in its code page, archive-zip-names.ts;
// links, passwords, the caps): only the packed bytes of the members it cannot unpack, read raw, go
// to 7-Zip, in a zip of their own made here whose names are the paths yauzl gave, flagged UTF-8 (so
// 7-Zip writes each under the path judged, whatever code page the seller's zipper used), and whose
// method, flags (LZMA's end-of-stream bit, APPNOTE 4.4.4 bit 1), CRC-32 and sizes are the
// member's. 7-Zip checks each member's CRC-32 as it unpacks, and its output is capped as a 7z's is.
import type * as Yauzl from 'yauzl';
import { read7z } from './archive-7z.js';
import type { MemberSink } from './archive-tar.js';

/** APPNOTE 4.4.5's methods 7-Zip unpacks in a zip and yauzl does not. */
export const SEVEN_ZIP_METHODS = new Set([1, 6, 9, 12, 14, 93, 95, 98]);

export interface RawMember {
  /** The path yauzl's entry was judged under (archive-zip-names.ts). */
  path: string;
  entry: Yauzl.Entry;
  /** Its packed bytes, as the zip holds them. */
  raw: Buffer;
}

const UTF8_FLAG = 0x800;
const DATA_DESCRIPTOR = 0x8;
const MAX32 = 0xffffffff;

/** One member of a zip written by `zipOfPacked`: its packed bytes and the local header's fields. */
export interface PackedMember {
  /** Its path, written in UTF-8 (flag bit 11 is the caller's). */
  path: string;
  version: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  /** Unpacked size. */
  size: number;
  raw: Buffer;
}

/**
 * A zip of `members`, their packed bytes as given: a local header and the bytes for each, then
 * the central directory and its end record (APPNOTE 4.3.7, 4.3.12, 4.3.16). The sizes are in the
 * local headers: no data descriptor follows the bytes.
 */
export function zipOfPacked(members: PackedMember[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.path, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(member.version, 4);
    local.writeUInt16LE(member.flags, 6);
    local.writeUInt16LE(member.method, 8);
    local.writeUInt16LE(member.time, 10);
    local.writeUInt16LE(member.date, 12);
    local.writeUInt32LE(member.crc32, 14);
    local.writeUInt32LE(member.raw.length, 18);
    local.writeUInt32LE(member.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(member.version, 6);
    local.copy(header, 8, 6, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    parts.push(local, name, member.raw);
    offset += local.length + name.length + member.raw.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/**
 * A zip of `members` alone, their packed bytes as they were, under the paths yauzl judged,
 * flagged UTF-8; method, flags, times, CRC-32 and sizes the member's own.
 */
function rezip(members: RawMember[]): Buffer {
  return zipOfPacked(members.map(({ path, entry, raw }) => ({
    path,
    version: entry.versionNeededToExtract,
    // The sizes are in the local header: no data descriptor follows the bytes.
    flags: (entry.generalPurposeBitFlag & ~DATA_DESCRIPTOR) | UTF8_FLAG,
    method: entry.compressionMethod,
    time: entry.lastModFileTime,
    date: entry.lastModFileDate,
    crc32: entry.crc32,
    size: entry.uncompressedSize,
    raw,
  })));
}

/**
 * The unpacked bytes of `members` (already admitted by `out`: listed, judged and counted), by path.
 * Refuses through `out` what 7-Zip cannot unpack (a wrong CRC-32, a broken stream) or what passes a cap.
 */
export async function unpackWith7Zip(members: RawMember[], out: MemberSink & { limits: { maxTotal: number }; archive: string }, methodName: (method: number) => string): Promise<Map<string, Buffer>> {
  const unpacked = new Map<string, Buffer>();
  if (members.length === 0) return unpacked;
  // A zip of 4 GiB or more needs Zip64's fields; max_dump_size is far below that unless set so.
  const big = members.find(({ raw, entry }) => raw.length >= MAX32 || entry.uncompressedSize >= MAX32 || members.length >= 0xffff);
  if (big) out.refuse(`${big.path} is packed with ${methodName(big.entry.compressionMethod)} and too large for import to unpack: extract it with 7-Zip and import the files it holds`);
  await read7z(
    rezip(members),
    {
      archive: out.archive,
      limits: out.limits,
      // Each was admitted as yauzl listed it, under this very path.
      admit: () => true,
      add: (path, bytes) => void unpacked.set(path, bytes),
      refuse: (why) => out.refuse(why),
    },
    'zip',
  );
  return unpacked;
}
