// A self-extracting archive (`stock.exe`): a program (the SFX module) with a 7z or rar archive
// appended, which sellers shipped so a buyer without 7-Zip or WinRAR could unpack it. 7-Zip's own
// docs make one by `copy /b 7z.sfx + archive.7z archive.exe`, and WinRAR's stub is followed by the
// rar as it is; 7-Zip lists both, telling the archive's `Offset =` in the program. Here the archive
// is found after the program's headers by its signature, and kept only where the header after it
// passes its own CRC (the stub's code may hold the signature bytes: 7-Zip's SFX module searches
// for them too): a 7z's start header (7-Zip's DOC/7zFormat.txt: the CRC of the 20 bytes after it),
// a RAR 4 main header (unrar's technote.txt: HEAD_CRC, the low 16 bits of the CRC32 from HEAD_TYPE
// on), a RAR 5 main header (rarlab's "RAR 5.0 archive format": the CRC32 of the size and the
// header). The archive's offsets count from its own signature, so it is read from there as a loose
// one. A zip after the program (Info-ZIP's unzipsfx, WinZip's and WinRAR's zip SFX) is found from
// its end, as every zip reader finds a zip: its end-of-central-directory record (APPNOTE 4.3.16) in
// the last 64 KiB, whose central directory's offset counts from the file's start where the maker
// adjusted it (Info-ZIP's `zip -A`, "adjust the entry offsets ... to take into account this
// preamble"), else from the zip's own start (a stub and a zip put together as they were, which
// 7-Zip's ZipIn.cpp reads too, its ArcInfo.Base): either is kept where a central directory header's
// signature stands there. A program that holds none is no dump, and is said to be one, not read as text.
import { lazily } from '../../lazy-require.js';

const zlib = lazily<typeof import('node:zlib')>('node:zlib');

export interface Embedded {
  kind: '7z' | 'rar' | 'zip';
  /** Where the archive starts in the program's bytes: its signature, or where a zip's offsets count from. */
  at: number;
}

/** A Windows program (`MZ`, then `PE\0\0` where its DOS header's e_lfanew points) or a Linux one (7-Zip's 7zCon.sfx for Linux is an ELF). */
export function isProgram(bytes: Buffer): boolean {
  if (bytes.length >= 0x40 && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const pe = bytes.readUInt32LE(0x3c);
    return pe + 4 <= bytes.length && bytes.readUInt32BE(pe) === 0x50450000;
  }
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x7f454c46;
}

const SEVEN_Z = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
const RAR = Buffer.from('Rar!\x1a\x07', 'latin1');

/** The first 7z or rar archive in the program `bytes` whose header checks, else a zip at its end, or undefined. */
export function embeddedArchive(bytes: Buffer): Embedded | undefined {
  return embedded7zOrRar(bytes) ?? embeddedZip(bytes);
}

const EOCD = Buffer.from('PK\x05\x06', 'latin1');
const CENTRAL = 0x02014b50;

/** A zip ending the program `bytes`: where its offsets count from, by its end record (22 bytes, then a comment of up to 65,535). */
function embeddedZip(bytes: Buffer): Embedded | undefined {
  for (let end = bytes.lastIndexOf(EOCD); end >= 0 && end >= bytes.length - 22 - 0xffff; end = end > 0 ? bytes.lastIndexOf(EOCD, end - 1) : -1) {
    if (end + 22 > bytes.length || end + 22 + bytes.readUInt16LE(end + 20) !== bytes.length) continue;
    const zip64 = embeddedZip64(bytes, end);
    if (zip64) return zip64;
    const size = bytes.readUInt32LE(end + 12);
    const offset = bytes.readUInt32LE(end + 16);
    for (const base of [0, end - size - offset]) {
      if (base >= 0 && base + offset + 4 <= end && bytes.readUInt32LE(base + offset) === CENTRAL) return { kind: 'zip', at: base };
    }
  }
  return undefined;
}

const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;

/**
 * A zip64 (APPNOTE 4.3.14-4.3.15: Info-ZIP's `zip -fz`, any zip past 4 GiB or 65,535 members)
 * whose end record `end` has the zip64 end locator before it: the locator gives the zip64 end
 * record's offset, and that record the central directory's (8 bytes each). Counted from the file's
 * start, or from the zip's own where the stub was put before it as it was (Info-ZIP's `zip -A`
 * refuses to adjust a zip64: "Zip file structure invalid"). The record lies right before the
 * locator unless it carries extensible data, which no zipper writes.
 */
function embeddedZip64(bytes: Buffer, end: number): Embedded | undefined {
  const locator = end - 20;
  if (locator < 56 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) return undefined;
  const record = Number(bytes.readBigUInt64LE(locator + 8));
  for (const base of [0, locator - 56 - record]) {
    const at = base + record;
    if (base < 0 || at + 56 > locator || bytes.readUInt32LE(at) !== ZIP64_END) continue;
    const central = base + Number(bytes.readBigUInt64LE(at + 48));
    if (central + 4 <= at && bytes.readUInt32LE(central) === CENTRAL) return { kind: 'zip', at: base };
  }
  return undefined;
}

function embedded7zOrRar(bytes: Buffer): Embedded | undefined {
  let found: Embedded | undefined;
  for (const [kind, signature, checks] of [
    ['7z', SEVEN_Z, sevenZipAt],
    ['rar', RAR, rarAt],
  ] as const) {
    for (let at = bytes.indexOf(signature, 1); at > 0 && (!found || at < found.at); at = bytes.indexOf(signature, at + 1)) {
      if (checks(bytes, at)) {
        found = { kind, at };
        break;
      }
    }
  }
  return found;
}

const crc32 = (bytes: Buffer) => zlib().crc32(bytes);

/** 7zFormat.txt's SignatureHeader: signature, version (major 0), StartHeaderCRC over the next 20 bytes. */
function sevenZipAt(bytes: Buffer, at: number): boolean {
  return at + 32 <= bytes.length && bytes[at + 6] === 0 && bytes.readUInt32LE(at + 8) === crc32(bytes.subarray(at + 12, at + 32));
}

function rarAt(bytes: Buffer, at: number): boolean {
  const version = bytes[at + 6];
  if (version === 0) {
    // RAR 4: the marker block, then the main header (HEAD_TYPE 0x73) of HEAD_SIZE bytes.
    const head = at + 7;
    if (head + 7 > bytes.length || bytes[head + 2] !== 0x73) return false;
    const size = bytes.readUInt16LE(head + 5);
    return size >= 7 && head + size <= bytes.length && bytes.readUInt16LE(head) === (crc32(bytes.subarray(head + 2, head + size)) & 0xffff);
  }
  if (version === 1 && bytes[at + 7] === 0) {
    // RAR 5: after the 8-byte signature, a header's CRC32, then its size as a vint and the header.
    const head = at + 8;
    let size = 0;
    let i = head + 4;
    for (let shift = 0; i < bytes.length && shift < 28; shift += 7) {
      const b = bytes[i++]!;
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return size > 0 && i + size <= bytes.length && bytes.readUInt32LE(head) === crc32(bytes.subarray(head + 4, i + size));
    }
  }
  return false;
}
