// Every shard's circle index header in one small file (.cache/circle/heads.json), so that an
// allocation opens only the indexes its choice reaches. The view (circle-view.ts) needs of each
// shard its header (tallies by tuple, holders, strays, odd spellings, sizes) and, for the merge
// in circle order, only a lower bound of its first line; the index file itself (its front block
// and parts) is read when the choice, a lookup or a fold reaches the shard. At 100,000 accounts
// in 64 shards the 400 least recently used lie in one or two shards (docs/scale-log.md, stop 65
// S2), and reading 64 sightings and 64 index prefixes cost ~25-60 ms of CPU a process.
//
// Derived, never the only record: each entry holds the sighting its header was read under
// (circle-index.ts `Sighting`: the shard's sha1, stat stamp, when it was seen) and is trusted
// exactly as that sighting is, by the shard file's stat (circle-view.ts `loadShard`); the index
// loaded later must hold the very header and first line the entry says (else StaleCircle, the
// file is removed and made again). Missing, garbled, of another version or shard count: not used,
// each shard read as before and the file written again. Written without the lock or fsync (a
// stale file costs the per-shard read, never a wrong answer: a shard changed since has another
// stamp). Passwords never go into it.
import { join } from 'node:path';
import { unlinkSync } from 'node:fs';
import { readOwnBytes } from './own-file.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { VERSION, type Head } from './circle-layout.js';
import type { Sighting } from './circle-index.js';

/** Bumped when an entry's shape changes: an older file is then not used. */
const HEADS_VERSION = 1;

/** The first line of a shard's circle (allocated_at, import number, key); null where it holds none. */
export type FirstLine = [allocatedAt: string | null, seq: number, key: string] | null;

/** What the view keeps of a shard whose index it has not read. */
export interface HeadEntry {
  sighting: Sighting;
  head: Head;
  /** The index file's length (what a fold of the shard writes of it). */
  fileBytes: number;
  first: FirstLine;
}

export function headsFile(circleDir: string): string {
  return join(circleDir, 'heads.json');
}

function isEntry(e: unknown, name: string, shards: number): e is HeadEntry {
  if (typeof e !== 'object' || e === null) return false;
  const { sighting: s, head: h, fileBytes, first } = e as Partial<HeadEntry>;
  const sightingFine = typeof s === 'object' && s !== null && s.version === VERSION && s.name === name && s.shards === shards && typeof s.sha1 === 'string' && typeof s.stamp === 'string' && typeof s.checkedAt === 'number' && (s.clock === undefined || typeof s.clock === 'string');
  const headFine = typeof h === 'object' && h !== null && h.version === VERSION && h.name === name && h.sha1 === s!.sha1 && Number.isSafeInteger(h.size) && Array.isArray(h.tuples) && Array.isArray(h.counts) && h.counts.length === h.tuples.length && Array.isArray(h.strays) && typeof h.odd === 'string';
  const firstFine = first === null || (Array.isArray(first) && first.length === 3 && (first[0] === null || typeof first[0] === 'string') && typeof first[1] === 'number' && typeof first[2] === 'string');
  return sightingFine && headFine && Number.isSafeInteger(fileBytes) && firstFine && (first === null) === (h!.size === 0);
}

/** The entries of the file, by shard name, where it is there, whole, and of this version and shard count; else an empty map. */
export async function readHeads(circleDir: string, shards: number): Promise<Map<string, HeadEntry>> {
  const heads = new Map<string, HeadEntry>();
  try {
    const bytes = await readOwnBytes(headsFile(circleDir));
    if (!bytes) return heads;
    const file = JSON.parse(bytes.toString('utf8')) as { version?: unknown; shards?: unknown; entries?: unknown };
    if (file.version !== HEADS_VERSION || file.shards !== shards || typeof file.entries !== 'object' || file.entries === null) return heads;
    for (const [name, entry] of Object.entries(file.entries as Record<string, unknown>)) {
      if (!isEntry(entry, name, shards)) return new Map(); // one garbled entry: the whole file is suspect
      heads.set(name, entry);
    }
  } catch {
    return new Map();
  }
  return heads;
}

/** Writes the file (atomic rename, no fsync); a read-only pool or a full disk only loses the shortcut. */
export function saveHeads(circleDir: string, shards: number, entries: ReadonlyMap<string, HeadEntry>): void {
  try {
    writeFileAtomicSync(headsFile(circleDir), JSON.stringify({ version: HEADS_VERSION, shards, entries: Object.fromEntries(entries) }));
  } catch {
    // As every cache here: the next reader reads the shards' own sightings and indexes.
  }
}

/** An index did not hold what the file said of it: gone, so that the next reader makes it again. */
export function dropHeads(circleDir: string): void {
  try {
    unlinkSync(headsFile(circleDir));
  } catch {
    // Gone already, or a read-only pool.
  }
}
