// 7z archives (`stock.7z`): what 7-Zip on Windows makes by default, and what account shops and
// forums of 2017-2018 delivered often. Read in memory by 7-Zip itself: use-strict/7z-wasm, 7-Zip
// 24.09's `7zz` compiled to WebAssembly (its .wasm beside its JavaScript in the package: nothing is
// fetched), run on an in-memory file system that lives as long as this one archive. The same 7-Zip
// reads a rar (`stock.rar`, RAR 4 and RAR 5, as WinRAR made them), judged the same way; a RAR 4 made
// on Unix lists no Unix mode, so its links are found in its own headers (archive-rar4-modes.ts), and
// one volume of a multi-volume rar (`stock.part1.rar`, `stock.r00`) is refused naming the others.
//
// First `7zz l -slt` lists the entries (its technical listing: a `Path = ` block per entry with
// `Size`, `Attributes` and `Encrypted`, as 7-Zip 24.09 prints them), and each is judged as a tar's member is: a
// folder passed over; a symbolic link (its Unix mode's `l`, stored by `7zz a -snl`), a device, a
// FIFO or a socket refused, as is a path out of the archive and an encrypted member or an
// archive whose very list is encrypted (`-mhe`; the password is the seller's to give, never ours to
// guess: every command gets an empty `-p`, so 7-Zip asks nothing). The bytes are capped from the
// sizes that list declares, before anything is unpacked (max_dump_size in all, MAX_RATIO times a
// member's packed size, a solid 7z's block judged whole), and again as `7zz x` writes them
// (archive-7z-written.ts): a RAR 5 may declare its size unknown, and a listing is the archive's
// word. `7zz x` checks each file's CRC; any error refuses the archive whole.
import type { SevenZipModule, SevenZipModuleFactory } from '7z-wasm';
import { lazily } from '../../lazy-require.js';
import { leadsOutside, shown, tidyPath } from './archive-paths.js';
import { rar4Special } from './archive-rar4-modes.js';
import { capWritten, type PackedGroup, stopPrinting } from './archive-7z-written.js';
import type { MemberSink } from './archive-tar.js';
import { MAX_MEMBERS, MAX_RATIO, RATIO_FROM } from './archive-unpacked-cap.js';
import { limitText } from '../../byte-size.js';

const factory = lazily<{ default: SevenZipModuleFactory }>('7z-wasm');

interface Listed {
  path: string;
  size: number;
  /** `Packed Size`: a member's own, or in a solid 7z its block's, listed on the block's first member. */
  packed: number;
  /** `Block`: a 7z's folder (its solid block), whose members are packed together. */
  block: string;
  attributes: string;
  encrypted: boolean;
  /** A link's target as 7-Zip lists it (`Symbolic Link = `, `Hard Link = `: a RAR 5's links). */
  link: string;
}

const KINDS: Record<string, string> = { l: 'a symbolic link', c: 'a character device', b: 'a block device', p: 'a FIFO', s: 'a socket' };

/** 7-Zip's names for the formats it is told to read (`-t`): RAR 5's signature goes on `\x01\x00`, RAR 4's `\x00`; a zip's members yauzl cannot unpack (archive-zip-methods.ts). */
const TYPES = { '7z': '7z', rar: 'Rar', rar5: 'Rar5', zip: 'zip' } as const;

/** Reads the 7z or rar `bytes` into `out`; throws (through out.refuse) what refuses it. */
export async function read7z(bytes: Buffer, out: MemberSink & { limits: { maxTotal: number }; archive: string }, kind: '7z' | 'rar' | 'zip' = '7z'): Promise<void> {
  const type = kind === 'rar' && bytes[6] === 1 ? TYPES.rar5 : TYPES[kind];
  const lines: string[] = [];
  const errors: string[] = [];
  // Entries as the listing prints them, the archive's own `Path = ` block first. A folder is an
  // entry as a file is, listed and made alike, and packs to a bit or two: 200,000 of them in 100 KB
  // cost 7 s to list and 34 s to unpack. Past MAX_MEMBERS no line is kept, 7-Zip is stopped at its
  // next write (archive-7z-written.ts) and nothing is unpacked.
  let paths = 0;
  let tooMany = false;
  const sz: SevenZipModule = await factory().default({
    print: (line: string) => {
      if (tooMany) return;
      if (line.startsWith('Path = ') && ++paths > MAX_MEMBERS + 1) tooMany = true;
      else lines.push(line);
    },
    printErr: (line: string) => line.trim() && errors.push(line.trim()),
    stdin: () => null,
  } as never);
  const run = (args: string[]) => {
    lines.length = 0;
    errors.length = 0;
    let stopped: string[] = [];
    // Emscripten's exit sets process.exitCode to 7-Zip's own (2 for a corrupt archive) as if 7-Zip
    // were the process: put back, so a refused archive does not become the exit code of a command
    // that ends without setting its own (run.ts's exit on a closed stdout).
    const exitCode = process.exitCode;
    try {
      sz.callMain([...args, '-p', `-t${type}`, '-bd', '/archive']);
    } catch {
      // 7-Zip's C++ exceptions reach JavaScript as a bare number: what it printed before says why.
      stopped = ['7-Zip stopped'];
    } finally {
      process.exitCode = exitCode;
    }
    return [...errors, ...lines.filter((l) => /^(?:ERROR|WARNING|Can(?:no|')?t |Data Error|CRC Failed|Unexpected end)/i.test(l)), ...stopped];
  };
  if (kind === '7z' && listEncrypted(bytes)) out.refuse("is a 7z archive whose list of files is password-protected; extract it with the seller's password and import the files it holds");
  sz.FS.writeFile('/archive', bytes);
  let listing: string[] = [];
  stopPrinting(sz, () => tooMany, () => (listing = run(['l', '-slt'])));
  if (tooMany) out.refuse(`holds more than ${MAX_MEMBERS} members, folders counted (an archive bomb's shape): extract it and import the files it holds`);
  if (kind === 'rar' && isVolume(lines)) out.refuse(otherVolumes(out.archive));
  if (listing.length > 0) refuseFor(out, listing, kind);
  const entries = parseList(lines);
  const special = type === TYPES.rar ? rar4Special(bytes) : undefined;
  if (special) out.refuse(`${shown(tidyPath(special.path.replace(/\\/g, '/')))} is ${special.kind}, not a file; links and devices are not followed`);
  let total = 0;
  const read: string[] = [];
  const groups = packedGroups(entries);
  const unpacked = new Map<string, number>();
  for (const entry of entries) {
    if (leadsOutside(entry.path)) out.refuse(`holds a member whose path leads outside it (${shown(entry.path)}); links and such paths are never followed`);
    const path = tidyPath(entry.path.replace(/\\/g, '/'));
    const [dos = '', unix = ''] = entry.attributes.split(' ');
    const special = KINDS[unix[0] ?? ''];
    if (special) out.refuse(`${shown(path)} is ${special}, not a file; links and devices are not followed`);
    if (entry.link) out.refuse(`${shown(path)} is a link (to ${shown(entry.link)}), not a file; links are not followed`);
    if (dos.includes('D') || unix.startsWith('d')) continue;
    if (entry.encrypted) out.refuse(`${shown(path)} is password-protected; extract it with the seller's password and import the files it holds`);
    // Every file counts, read or passed over: all are unpacked.
    total += entry.size;
    if (total > out.limits.maxTotal) out.refuse(`unpacks to over ${limitText(out.limits.maxTotal)} at ${shown(path)}, over max_dump_size (an archive bomb, or a dump to split)`);
    const group = groups.get(entry.path)!;
    const sum = (unpacked.get(group.key) ?? 0) + entry.size;
    unpacked.set(group.key, sum);
    overRatio(out, path, group.packed, sum);
    if (out.admit(path, group.packed, entry.size)) read.push(entry.path);
  }
  if (read.length === 0) return;
  let unpacking: string[] = [];
  // A file 7-Zip writes under a name its listing did not give (it makes some names fit the file
  // system) is judged against the whole archive's packed bytes: never refused for a ratio it may not have.
  const unlisted = (path: string): PackedGroup => ({ key: `file ${path}`, packed: bytes.length });
  const over = capWritten(sz, '/out/', out.limits.maxTotal, (path) => groups.get(path) ?? unlisted(path), () => (unpacking = run(['x', '-o/out', '-y', '-snl'])));
  if (over?.cap === 'total') out.refuse(`unpacks to over ${limitText(out.limits.maxTotal)} at ${shown(tidyPath(over.path))}, over max_dump_size (an archive bomb, or a dump to split)`);
  if (over) overRatio(out, tidyPath(over.path), over.packed, over.written);
  if (unpacking.length > 0) out.refuse(`is a ${kind} archive that cannot be unpacked (${shown(unpacking.join('; '))}): corrupt or cut short`);
  for (const path of read) {
    let data: Uint8Array;
    try {
      data = sz.FS.readFile(`/out/${path}`);
    } catch {
      // Listed but not unpacked under that name (a name holding a line break breaks the list).
      out.refuse(`is a ${kind} archive whose member ${shown(path)} was listed but not unpacked: extract it with 7-Zip and import the files it holds`);
    }
    out.add(tidyPath(path.replace(/\\/g, '/')), Buffer.from(data));
  }
}

/** Refuses a member (or its 7z block) that unpacks over MAX_RATIO times its packed bytes, from RATIO_FROM up, as archive-members.ts does a zip's. */
function overRatio(out: MemberSink, path: string, packed: number, unpacked: number): void {
  if (unpacked >= RATIO_FROM && unpacked > packed * MAX_RATIO) out.refuse(`${shown(path)} unpacks ${unpacked} bytes from ${packed} (over ${MAX_RATIO} times: an archive bomb's ratio)`);
}

/**
 * Each listed entry's packed group, by the path 7-Zip lists (and writes it under): its 7z block
 * (`Block = `, its `Packed Size` listed on the block's first member alone), else its own.
 */
function packedGroups(entries: Listed[]): Map<string, PackedGroup> {
  const blocks = new Map<string, PackedGroup>();
  const groups = new Map<string, PackedGroup>();
  for (const entry of entries) {
    let group: PackedGroup | undefined = entry.block ? blocks.get(entry.block) : undefined;
    if (!group) {
      group = { key: entry.block ? `block ${entry.block}` : `file ${entry.path}`, packed: 0 };
      if (entry.block) blocks.set(entry.block, group);
    }
    group.packed += entry.packed;
    groups.set(entry.path, group);
  }
  return groups;
}

function refuseFor(out: MemberSink, problems: string[], kind: string): never {
  const said = problems.join('; ');
  if (/encrypted|password/i.test(said)) out.refuse(`is a ${kind} archive whose list of files is password-protected; extract it with the seller's password and import the files it holds`);
  out.refuse(`is a ${kind} archive that cannot be read (${shown(said)}): corrupt or cut short`);
}

/**
 * Whether the rar 7-Zip listed is one volume of several: the archive's `Multivolume = +` (its
 * main header's volume flag), or a member split across volumes (`Split Before = +`, `Split After = +`).
 */
function isVolume(lines: string[]): boolean {
  return lines.some((l) => l === 'Multivolume = +' || l === 'Split Before = +' || l === 'Split After = +');
}

/**
 * What to tell of one volume of a multi-volume rar: its other volumes, by the names WinRAR gives
 * them (RAR 3 on, `stock.part1.rar`, `stock.part2.rar`, ...; before, `stock.rar`, `stock.r00`,
 * `stock.r01`, ...). Only all together they hold the files, and an inbox takes one file at a time.
 */
function otherVolumes(archive: string): string {
  const base = archive.split(/[\\/]/).pop() ?? archive;
  const part = /^(.*\.part)(\d+)(\.rar)$/i.exec(base);
  let others: string;
  if (part) {
    const [, stem, digits, rar] = part as unknown as [string, string, string, string];
    const width = digits.length;
    const n = Number(digits);
    const named = (i: number) => `${stem}${String(i).padStart(width, '0')}${rar}`;
    others = n === 1 ? `${named(2)} and on` : `${named(1)}${n > 2 ? ` to ${named(n - 1)}` : ''}, ${named(n + 1)} and on, if any`;
  } else {
    const stem = base.replace(/\.(?:rar|r\d\d)$/i, '');
    others = `${stem}.rar, ${stem}.r00, ${stem}.r01 and on`;
  }
  return `is one volume of a multi-volume rar archive (its other volumes: ${shown(others)}); 7-Zip or WinRAR extracts them together, from the first: extract them and import the files they hold`;
}

/** The entries of `7zz l -slt`'s output: the blocks after its `----------` line. */
function parseList(lines: string[]): Listed[] {
  const start = lines.indexOf('----------');
  const entries: Listed[] = [];
  let current: Partial<Listed> | undefined;
  for (const line of lines.slice(start + 1)) {
    const m = /^(Path|Size|Packed Size|Block|Attributes|Encrypted|Symbolic Link|Hard Link) = (.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'Path') entries.push((current = { path: m[2]!, size: 0, packed: 0, block: '', attributes: '', encrypted: false, link: '' }) as Listed);
    else if (current && (m[1] === 'Symbolic Link' || m[1] === 'Hard Link') && m[2]) current.link = m[2];
    else if (current && m[1] === 'Size') current.size = Number(m[2]) || 0;
    else if (current && m[1] === 'Packed Size') current.packed = Number(m[2]) || 0;
    else if (current && m[1] === 'Block') current.block = m[2]!;
    else if (current && m[1] === 'Attributes') current.attributes = m[2]!;
    else if (current && m[1] === 'Encrypted') current.encrypted = m[2] === '+';
  }
  return entries;
}

const AES = Buffer.from([0x06, 0xf1, 0x07, 0x01]);

/**
 * Whether the 7z's list of files is itself encrypted (`7zz a -p -mhe=on`): 7-Zip's 7zHeader.h and DOC/7zFormat.txt,
 * the start header's next-header offset (at 12, from 32) and size (at 20) point at a header that
 * is a kEncodedHeader (NID 23, 0x17) whose coder is 7zAES (DOC/Methods.txt: 06 F1 07 01). 7-Zip itself, asked to list one
 * with no password, stops with a C++ exception that reaches JavaScript without its words.
 */
function listEncrypted(bytes: Buffer): boolean {
  if (bytes.length < 32) return false;
  const at = 32 + Number(bytes.readBigUInt64LE(12));
  const size = Number(bytes.readBigUInt64LE(20));
  if (at >= bytes.length || bytes[at] !== 0x17) return false;
  return bytes.subarray(at, Math.min(bytes.length, at + size)).includes(AES);
}
