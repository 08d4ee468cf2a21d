// Archives of dumps: a seller's `accounts.zip`, a generator's output gzipped (`accounts.txt.gz`)
// for transfer. Opened in memory, one level deep, and each member handed to the same readers as a
// loose file (import-archive.ts, eml.ts), named `accounts.zip!stock/level30.txt`.
//
// An archive is one file: it is read whole or refused whole, naming the member at fault, and never
// half-read. Refused: a corrupt or truncated archive; a member that is password-protected (sellers
// do send those: the password is theirs to give, and we never guess it), a link, or an archive
// itself (one level is opened: an archive in an archive is extracted by hand); a path outside the
// archive (`../`, `/etc/...`, `C:\...`: refused by yauzl as it lists the entries); the same path
// twice (which of the two is meant is not ours to choose); and the shapes of an archive bomb: more
// bytes unpacked than max_dump_size, a member unpacking to over MAX_RATIO times its packed size,
// more than MAX_MEMBERS members. Passed over, and said: folders, a Mac's `__MACOSX/` and `._*`
// metadata, `.DS_Store`, `Thumbs.db`, `desktop.ini`, images and PDFs (a seller's logo or receipt), Windows shortcuts (`.lnk`, `.url`).
//
// zip through yauzl (thejoshwolfe/yauzl: it decodes CP437 names, as zip's APPNOTE says names
// without the UTF-8 flag are, but a Mac's UTF-8 names without the flag as UTF-8: archive-zip-names.ts; and checks each member's bytes against its declared size),
// its members packed with PPMd, LZMA, bzip2, Deflate64 or xz unpacked by 7-Zip (archive-zip-methods.ts); gzip
// through node's own zlib, bzip2 through seek-bzip (archive-bzip2.ts), xz through xz-decompress
// (archive-xz.ts; with a BCJ or delta filter or a dictionary over 64 MiB, 7-Zip: archive-xz-7zip.ts), each capped as it unpacks; tar (and a compressed tar, `.tar.gz`, `.tgz`,
// `.tar.bz2`, `.tbz2`, `.tar.xz`, `.txz`) through node-tar's parser (archive-tar.ts). All loaded on
// first use (lazy-require.ts); 7z and rar (RAR 4 and 5) through 7-Zip's own code in WebAssembly
// (archive-7z.ts); each also when self-extracting (`stock.exe`: archive-sfx.ts).
import type * as Yauzl from 'yauzl';
import { lazily } from '../../lazy-require.js';
import { read7z } from './archive-7z.js';
import { bunzip2 } from './archive-bzip2.js';
import { passStreams, typedStream } from './archive-ntfs-streams.js';
import { shown } from './archive-paths.js';
import { embeddedArchive, isProgram } from './archive-sfx.js';
import { readTar } from './archive-tar.js';
import { MAX_MEMBERS, MAX_RATIO, RATIO_FROM, TooLarge } from './archive-unpacked-cap.js';
import { unxz, XzUnsupported } from './archive-xz.js';
import { unxzWith7Zip } from './archive-xz-7zip.js';
import { SEVEN_ZIP_METHODS, unpackWith7Zip, type RawMember } from './archive-zip-methods.js';
import { ZipNames, type NameUnsure } from './archive-zip-names.js';
import { nextEntry } from './zip-entries.js';
import { levelFromName } from '../stated-level.js';
import { isOfficeContainer, officeKind, readableSheet } from '../office-files.js';
import { readSpreadsheet, type SheetKind } from '../sheets/spreadsheets.js';
import { DumpError } from '../types.js';
import { limitText } from '../../byte-size.js';

const yauzl = lazily<typeof Yauzl>('yauzl');
const zlib = lazily<typeof import('node:zlib')>('node:zlib');


/** `program`: an .exe (or ELF) holding no 7z or rar (archive-sfx.ts), refused by what it is, never read as text. */
export type ArchiveKind = 'zip' | 'gzip' | 'rar' | '7z' | 'bzip2' | 'xz' | 'tar' | 'program';

export interface ArchiveMember {
  /** The member's path inside the archive (`stock/level30.txt`), control characters shown as `?`. */
  path: string;
  /** `accounts.zip!stock/level30.txt`: what reports and messages call it. */
  name: string;
  bytes: Buffer;
  /**
   * A zip's name in no code page read with confidence (archive-zip-names.ts): shown as read, marked
   * so, and no level or verdict is taken from the part unsure (a Japanese name read as CP437 may
   * spell `l30`): none from its folders, and with `path` none from its own name.
   */
  nameUnsure?: NameUnsure;
}

export interface OpenedArchive {
  /** What was opened: a gzip holding a tar is a `tar.gz`, one archive (so `tar.bz2`, `tar.xz`); a workbook (`xlsx`, `ods`) its sheets. */
  kind: ArchiveKind | `tar.${Compressed}` | `self-extracting ${'7z' | 'rar' | 'zip'}` | SheetKind;
  members: ArchiveMember[];
  /** Members not read, and why (`__MACOSX/._a.txt`: macOS metadata). */
  passed: { name: string; why: string }[];
}

const has = (b: Buffer, at: number, magic: number[]) => b.length >= at + magic.length && magic.every((x, i) => b[at + i] === x);

/** The kind of archive these bytes are, by their magic numbers (never by the file's name), or undefined. */
export function archiveKindOf(bytes: Buffer): ArchiveKind | undefined {
  // PK\3\4 a member's header; PK\5\6 an empty zip's end record; PK\7\8 a split zip's first part.
  if (has(bytes, 0, [0x50, 0x4b]) && (has(bytes, 2, [3, 4]) || has(bytes, 2, [5, 6]) || has(bytes, 2, [7, 8]))) return 'zip';
  if (has(bytes, 0, [0x1f, 0x8b, 8])) return 'gzip';
  if (has(bytes, 0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (has(bytes, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (has(bytes, 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  // BZh, a block size 1-9, then the first block's magic (pi), or the end of a stream with no block
  // (sqrt(pi): bzip2's compress.c, BZ2_compressBlock; what `bzip2 </dev/null` writes, first of a
  // `cat empty.bz2 stock.bz2`): no text starts so.
  if (has(bytes, 0, [0x42, 0x5a, 0x68]) && bytes[3]! >= 0x31 && bytes[3]! <= 0x39 && (has(bytes, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || has(bytes, 4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))) return 'bzip2';
  // POSIX ustar and GNU tar headers say so at 257 (GNU tar's src/tar.h: TMAGIC "ustar").
  if (has(bytes, 257, [0x75, 0x73, 0x74, 0x61, 0x72])) return 'tar';
  // A self-extracting 7z, rar or zip (`stock.exe`): the archive after the program (archive-sfx.ts).
  if (isProgram(bytes)) return embeddedArchive(bytes)?.kind ?? 'program';
  return undefined;
}

const OPENED = new Set(['zip', '7z', 'rar', 'gzip', 'gz', 'tar', 'tgz', 'tar.gz', 'bzip2', 'bz2', 'tbz2', 'tbz', 'tar.bz2', 'xz', 'txz', 'tar.xz']);

/**
 * What an operator does with an archive import does not open: one text for a loose file and a
 * mail's attachment (archive-attachments.ts), whose kind may come from its name or declared type
 * alone (`stock.rar`, `application/x-7z-compressed`, `accounts.tar.bz2`).
 */
export function unopenedReason(kind: string): string {
  if (OPENED.has(kind)) return `named a ${kind} archive, but it is none (corrupt, or another kind of file): extract it and import the files it holds`;
  return `a ${kind} archive, which import does not open (zip, 7z, rar, gzip, bzip2, xz and tar it does; ${kind} needs a program): extract it and import the files it holds`;
}

const PASSED: [RegExp, string][] = [
  [/(?:^|\/)__MACOSX\//, 'macOS metadata'],
  [/(?:^|\/)\._[^/]*$/, 'macOS metadata'],
  [/(?:^|\/)(?:\.DS_Store|Thumbs\.db|desktop\.ini)$/i, 'folder metadata'],
  [/\.(?:png|jpe?g|gif|bmp|webp|ico|pdf)$/i, 'an image or PDF, not a dump'],
  // WinRAR on Windows stores a shortcut as the file it is (libarchive's test_read_format_rar_sfx.exe holds `testshortcut.lnk`).
  [/\.(?:lnk|url)$/i, 'a Windows shortcut, not a dump'],
];

function passedWhy(path: string): string | undefined {
  return PASSED.find(([re]) => re.test(path))?.[1];
}

export interface ArchiveLimits {
  /** Bytes unpacked in all (the pool's max_dump_size: as much as one loose file may be). */
  maxTotal: number;
  /** Rows a workbook's sheets may hold in all, repeated ones counted (the pool's max_dump_lines; line-limit.ts's default without). */
  maxLines?: number;
}

class Unpacked {
  total = 0;
  kind: OpenedArchive['kind'] | undefined;
  readonly members: ArchiveMember[] = [];
  readonly passed: { name: string; why: string }[] = [];
  /** Members that are workbooks (.xlsx, .ods), to be read as their sheets once the archive is unpacked (withSheets). */
  readonly workbooks = new Map<ArchiveMember, SheetKind>();
  private readonly paths = new Set<string>();
  constructor(
    readonly archive: string,
    readonly limits: ArchiveLimits,
  ) {}

  refuse(why: string): never {
    throw new DumpError(`${why}; nothing was imported from it`, this.archive);
  }

  /** Whether the member at `path` is to be read; refuses what must not be. */
  admit(path: string, packed: number, unpacked: number): boolean {
    const name = `${this.archive}!${shown(path)}`;
    if (this.paths.has(path)) this.refuse(`holds ${shown(path)} twice (which of the two is meant is not clear): extract it and import the right one`);
    this.paths.add(path);
    const typed = typedStream(path);
    if (typed) this.refuse(typed);
    if (this.members.length + this.passed.length >= MAX_MEMBERS) this.refuse(`holds more than ${MAX_MEMBERS} members (an archive bomb's shape): extract it and import the files it holds`);
    const why = passedWhy(path);
    if (why) {
      this.passed.push({ name, why });
      return false;
    }
    this.count(path, packed, unpacked);
    return true;
  }

  /** Adds a member's unpacked bytes, refusing a bomb's. */
  count(path: string, packed: number, unpacked: number): void {
    this.total += unpacked;
    if (this.total > this.limits.maxTotal) this.refuse(`unpacks to over ${limitText(this.limits.maxTotal)} at ${shown(path)}, over max_dump_size (an archive bomb, or a dump to split)`);
    this.ratio(path, packed, unpacked);
  }

  ratio(path: string, packed: number, unpacked: number): void {
    if (unpacked >= RATIO_FROM && unpacked > packed * MAX_RATIO) this.refuse(`${shown(path)} unpacks ${unpacked} bytes from ${packed} (over ${MAX_RATIO} times: an archive bomb's ratio)`);
  }

  add(path: string, bytes: Buffer, nameUnsure?: NameUnsure): void {
    // A workbook member (.xlsx, .ods) is read as its sheets, as when dropped alone (sheets/spreadsheets.ts).
    const sheet = readableSheet(bytes);
    if (sheet) {
      const member: ArchiveMember = { path: shown(path), name: `${this.archive}!${shown(path)}`, bytes, ...(nameUnsure ? { nameUnsure } : {}) };
      this.members.push(member);
      this.workbooks.set(member, sheet);
      return;
    }
    // An .xls or .msg member is named for what it is, as when dropped alone (office-files.ts):
    // never "itself an archive (zip)", never read as the bytes it is.
    // Only a zip or a compound file (a web shop's text "Excel export" named .xls is read as the text it is).
    const office = isOfficeContainer(bytes) ? officeKind(path, bytes) : undefined;
    if (office) this.refuse(`its member ${shown(path)}: is ${office.what}, ${office.way} (or extract the archive to import its other files alone)`);
    const nested = archiveKindOf(bytes);
    if (nested === 'program') {
      this.passed.push({ name: `${this.archive}!${shown(path)}`, why: 'a program, not a dump' });
      return;
    }
    if (nested) this.refuse(`${shown(path)} is itself an archive (${nested}); one level is opened: extract it and import the files it holds`);
    if (bytes.length === 0) this.passed.push({ name: `${this.archive}!${shown(path)}`, why: 'empty' });
    else this.members.push({ path: shown(path), name: `${this.archive}!${shown(path)}`, bytes, ...(nameUnsure ? { nameUnsure } : {}) });
  }
}

/**
 * The members of the archive `name` (the bytes' kind from archiveKindOf). Throws DumpError naming
 * the archive, and the member when one is at fault; nothing is returned from a refused archive.
 */
export async function openArchive(name: string, bytes: Buffer, kind: ArchiveKind, limits: ArchiveLimits): Promise<OpenedArchive> {
  const out: Unpacked = new Unpacked(name, limits);
  if (isProgram(bytes)) {
    const embedded = embeddedArchive(bytes);
    if (!embedded) out.refuse('is a program (an .exe), not a dump, and no 7z, rar or zip archive follows its code as one self-extracting would: ask the seller for the accounts as a file');
    bytes = bytes.subarray(embedded.at);
    kind = embedded.kind;
    out.kind = `self-extracting ${kind}`;
  }
  const sheet = kind === 'zip' ? readableSheet(bytes) : undefined;
  if (sheet) {
    // A workbook dropped alone: its sheets are its members (`stock.xlsx!Sheet1`).
    out.kind = sheet;
    const member: ArchiveMember = { path: '', name, bytes };
    out.members.push(member);
    out.workbooks.set(member, sheet);
  } else if (kind === 'zip') await unzip(out, bytes);
  else if (kind === 'gzip' || kind === 'bzip2' || kind === 'xz') await unpackStream(out, name, bytes, kind);
  else if (kind === 'tar') readTar(bytes, out);
  else if (kind === '7z' || kind === 'rar') await read7z(bytes, out, kind);
  else throw new DumpError(unopenedReason(kind), name);
  await withSheets(out);
  passStreams(out.members, out.passed);
  if (out.members.length === 0 && sheet) out.refuse('holds no cell in any of its sheets');
  if (out.members.length === 0) out.refuse(`holds no file to read${out.passed.length > 0 ? ` (passed over: ${out.passed.map((p) => `${p.name.slice(name.length + 1)}, ${p.why}`).join('; ')})` : ''}`);
  return { kind: out.kind ?? kind, members: out.members, passed: out.passed };
}

/**
 * The archive's workbooks replaced by their sheets, in place: `stock.xlsx!Sheet1` (a workbook
 * dropped alone), `accounts.zip!stock.xlsx!Sheet1` (one inside an archive). A sheet without a cell
 * is passed over, said. A workbook that cannot be read refuses the archive, naming it.
 */
async function withSheets(out: Unpacked): Promise<void> {
  if (out.workbooks.size === 0) return;
  const members = out.members.splice(0);
  for (const member of members) {
    const kind = out.workbooks.get(member);
    if (!kind) {
      out.members.push(member);
      continue;
    }
    const sheets = await readSpreadsheet(member.name, member.bytes, kind, out.limits.maxTotal, out.limits.maxLines);
    if (member.path !== '' && sheets.every((s) => s.text === undefined)) out.passed.push({ name: member.name, why: 'a spreadsheet without a cell' });
    for (const { name, text } of sheets) {
      const path = member.path === '' ? shown(name) : `${member.path}!${shown(name)}`;
      if (text === undefined) out.passed.push({ name: `${out.archive}!${path}`, why: 'an empty sheet' });
      else out.members.push({ path, name: `${out.archive}!${path}`, bytes: Buffer.from(text, 'utf8'), ...(member.nameUnsure ? { nameUnsure: member.nameUnsure } : {}) });
    }
  }
}

/** The compressors of one stream (one file, or a tar), and what their files are named. */
type Compressed = 'gz' | 'bz2' | 'xz';
const STREAMS = {
  gzip: { short: 'gz', ends: /\.(?:gz|tgz)$/i },
  bzip2: { short: 'bz2', ends: /\.(?:bz2|tbz2|tbz)$/i },
  xz: { short: 'xz', ends: /\.(?:xz|txz)$/i },
} as const;

/** Unpacks the gzip, bzip2 or xz `bytes`, capped as they unpack: a bomb stops at the limit, it is never held whole. */
async function unpack(bytes: Buffer, kind: keyof typeof STREAMS, cap: number): Promise<Buffer> {
  if (kind === 'bzip2') return bunzip2(bytes, cap);
  if (kind === 'xz') {
    try {
      return await unxz(bytes, cap);
    } catch (error) {
      if (!(error instanceof XzUnsupported)) throw error;
      // A BCJ or delta filter, a dictionary over 64 MiB: 7-Zip unpacks those (archive-xz-7zip.ts).
      try {
        return await unxzWith7Zip(bytes, cap);
      } catch (by7Zip) {
        if (by7Zip instanceof TooLarge) throw by7Zip;
        throw new XzUnsupported(`${error.message}, which 7-Zip could not unpack either (${(by7Zip as Error).message})`);
      }
    }
  }
  try {
    return zlib().gunzipSync(bytes, { maxOutputLength: cap });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw new TooLarge();
    throw error;
  }
}

async function unpackStream(out: Unpacked, name: string, bytes: Buffer, kind: keyof typeof STREAMS): Promise<void> {
  let text: Buffer;
  try {
    text = await unpack(bytes, kind, out.limits.maxTotal);
  } catch (error) {
    if (error instanceof TooLarge) out.refuse(`unpacks to over ${limitText(out.limits.maxTotal)}, over max_dump_size (an archive bomb, or a dump to split)`);
    if (error instanceof XzUnsupported) out.refuse(`is an xz file ${error.message}: unpack it with xz -d (or 7-Zip) and import what it holds`);
    out.refuse(`is a ${kind} file that cannot be unpacked (${shown((error as Error).message)}): corrupt or cut short`);
  }
  const { short, ends } = STREAMS[kind];
  // The name gzip stored (RFC 1952 FNAME; bzip2 and xz store none), else this file's name without
  // its `.gz`, `.bz2`, `.xz` (`.tgz`, `.tbz2`, `.txz`: `.tar`).
  const base = name.split(/[\\/]/).pop() ?? name;
  const path = (kind === 'gzip' ? storedName(bytes) : undefined) ?? base.replace(ends, (m) => (/^\.t(?:gz|bz2?|xz)$/i.test(m) ? '.tar' : ''));
  // A .tar.gz is one archive, not a gzip holding an archive: its members read as a tar's, their
  // bytes counted against max_dump_size, the gzip's ratio judged whole.
  if (archiveKindOf(text) === 'tar') {
    out.ratio(path, bytes.length, text.length);
    out.kind = `tar.${short}`;
    readTar(text, out);
    return;
  }
  out.count(path, bytes.length, text.length);
  out.add(path, text);
}

/** RFC 1952: FLG bit 3 (FNAME) says a zero-ended original name follows the 10-byte header (after FEXTRA). */
function storedName(bytes: Buffer): string | undefined {
  const flags = bytes[3]!;
  if (!(flags & 8)) return undefined;
  let at = 10;
  if (flags & 4) at += 2 + bytes.readUInt16LE(at);
  const end = bytes.indexOf(0, at);
  if (end <= at) return undefined;
  const base = bytes.subarray(at, end).toString('latin1').split(/[\\/]/).pop();
  return base || undefined;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

async function unzip(out: Unpacked, bytes: Buffer): Promise<void> {
  let zip: Yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    out.refuse(zipProblem(error));
  }
  // The names of a zip are read in one code page (archive-zip-names.ts): its names without a mark
  // of their own are listed first, then the zip read again. Holding the entries themselves instead
  // cost ~25 MB more for a zip of 9,000 files (scale-log.md, stop 37).
  const names = new ZipNames();
  try {
    for (let files = 0; ; ) {
      const entry = await nextZipEntry(out, zip);
      if (!entry) break;
      if (!entry.fileName.endsWith('/') && ++files > MAX_MEMBERS) out.refuse(`holds more than ${MAX_MEMBERS} members (an archive bomb's shape): extract it and import the files it holds`);
      names.list(entry);
    }
  } finally {
    zip.close();
  }
  names.decide();
  try {
    zip = await openZip(bytes);
  } catch (error) {
    out.refuse(zipProblem(error));
  }
  await readZipEntries(out, zip, names);
}

/** The zip's next entry (undefined at its end), the archive refused where yauzl cannot read it. */
async function nextZipEntry(out: Unpacked, zip: Yauzl.ZipFile): Promise<Yauzl.Entry | undefined> {
  try {
    return await nextEntry(zip);
  } catch (error) {
    out.refuse(zipProblem(error));
  }
}

async function readZipEntries(out: Unpacked, zip: Yauzl.ZipFile, names: ZipNames): Promise<void> {
  // Each member's bytes in the zip's order; those packed by a method only 7-Zip unpacks (a path
  // here, its bytes after) all go to 7-Zip at once, once the zip is read (archive-zip-methods.ts).
  const read: { path: string; unsure: NameUnsure | undefined; data?: Buffer }[] = [];
  const raws: RawMember[] = [];
  try {
    for (;;) {
      const entry = await nextZipEntry(out, zip);
      if (!entry) break;
      // yauzl checked the name as it decoded it (CP437 or UTF-8): the same bytes either way for `/` and `..`.
      const { path, unsure } = names.of(entry);
      if (path.endsWith('/')) continue; // a folder
      // The Unix mode a zip made on Unix keeps in the external attributes' high half (APPNOTE 4.4.15).
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) out.refuse(`${shown(path)} is a symbolic link; links are not followed`);
      if (entry.isEncrypted()) out.refuse(`${shown(path)} is password-protected; extract it with the seller's password and import the files it holds`);
      const by7Zip = SEVEN_ZIP_METHODS.has(entry.compressionMethod);
      if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED && !by7Zip) out.refuse(`${shown(path)} ${unreadMethod(entry.compressionMethod)}`);
      if (!out.admit(path, entry.compressedSize, entry.uncompressedSize)) continue;
      let data: Buffer;
      try {
        data = await readEntry(zip, entry, by7Zip);
      } catch (error) {
        out.refuse(`${shown(path)} cannot be unpacked (${(error as Error).message}): corrupt or cut short`);
      }
      if (by7Zip) {
        raws.push({ path, entry, raw: data });
        read.push({ path, unsure });
      } else read.push({ path, unsure, data });
    }
  } finally {
    zip.close();
  }
  const unpacked = await unpackWith7Zip(raws, out, methodName);
  for (const { path, unsure, data } of read) {
    const bytes = data ?? unpacked.get(path);
    if (!bytes) out.refuse(`${shown(path)} was listed but not unpacked by 7-Zip: extract it with 7-Zip and import the files it holds`);
    out.add(path, bytes, unsure);
  }
}

const STORED = 0;
const DEFLATED = 8;
/** APPNOTE 4.4.5's compression methods that 7-Zip, WinZip and PKZIP write and yauzl does not unpack (stored and deflated only). */
const METHODS: Record<number, string> = {
  1: 'Shrink',
  2: 'Reduce',
  3: 'Reduce',
  4: 'Reduce',
  5: 'Reduce',
  6: 'Implode',
  9: 'Deflate64',
  10: 'PKWARE DCL Implode',
  12: 'bzip2',
  14: 'LZMA',
  18: 'IBM TERSE',
  19: 'IBM LZ77',
  20: 'Zstandard, by its first number',
  93: 'Zstandard',
  94: 'MP3',
  95: 'xz',
  96: 'JPEG',
  97: 'WavPack',
  98: 'PPMd',
};

/** `PPMd (zip method 98)`: how a message names a zip's method. */
function methodName(method: number): string {
  return METHODS[method] ? `${METHODS[method]} (zip method ${method})` : `zip method ${method}`;
}

/**
 * A member packed by a method neither yauzl nor 7-Zip's zip handler unpacks (WinZip's JPEG and
 * WavPack, PKZIP's Reduce, a method APPNOTE names that no zipper in use writes): the zip is sound,
 * not corrupt; its files come out with the zipper that made it.
 */
function unreadMethod(method: number): string {
  return `is packed with ${methodName(method)}, which import does not unpack (stored, deflated, Deflate64, bzip2, LZMA, Zstandard, xz, PPMd, Shrink and Implode it does): extract it with the program that made it and import the files it holds`;
}

function zipProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(message)) return `holds a member whose path leads outside it (${shown(message)}); links and such paths are never followed`;
  return `is a zip archive that cannot be read (${shown(message)}): corrupt or cut short`;
}

function openZip(bytes: Buffer): Promise<Yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // lazyEntries: one entry at a time, as we ask; validateEntrySizes: a member's bytes must be what
    // its header says, so a bomb lying about its size stops at the size it declared.
    yauzl().fromBuffer(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

/** The member's bytes, unpacked, or as packed (`raw`: for 7-Zip to unpack). */
function readEntry(zip: Yauzl.ZipFile, entry: Yauzl.Entry, raw = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, raw ? ({ decodeFileData: false } as Yauzl.ZipFileOptions) : {}, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * The level a member's folders state (`level30/`, `L25/`, `lvl-30/`), the nearest first: for its
 * accounts whose content and own name state none, as a loose file's name does.
 */
export function memberFolderLevel(path: string): number | undefined {
  const folders = path.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const level = levelFromName(folders[i]!);
    if (level !== undefined) return level;
  }
  return undefined;
}
