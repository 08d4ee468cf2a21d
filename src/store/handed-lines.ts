// The shard lines an allocation over the circle indexes read of the accounts it changed, kept so
// that the `status` right after it need not look each of them up again (pool-standings.ts
// `countWith`): per account, its home shard's name and the sha1 of the bytes the line was read
// from, the line's hash (circle-layout.ts `lineHash`, as the log's base lines are hashed) and its
// standing's summary tuple (standing-summary.ts).
//
// Why: at 1,000,000 accounts the status right after an allocation looked up each of the ~400
// accounts the allocation handed out (their records are new in the log, so nothing judged them
// yet): ~60-110 ms of its ~0.59 s CPU (scale-log.md, stop 46), though the allocation had just read
// every one of those lines.
//
// Derived, never the only record of anything: .cache/handed-lines.json, git-ignored, overwritten
// by each such allocation (only the last one's lines: a status after several looks the earlier
// ones up as before), written without the lock or fsync, sealed (cache-seal.ts: a row edited by
// hand, or a file cut short by a crash, is no file). A row states a fact about a shard's bytes,
// not about a record: a status takes it only where the home shard's bytes have that very sha1 now
// (its summary's, checked against the file by stamp or by hash) and the record's base line (from
// the log) has that very hash, so the line is the one the lookup would find; else it looks up.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';

const VERSION = 1;
const FILE = 'handed-lines.json';
/** Bigger is no note an allocation writes (~400 accounts at a time): not read. */
const MAX_BYTES = 16 * 1024 * 1024;

/** What a writer read of an account's line: its home shard, that shard's sha1, the line's hash and standing tuple. */
export interface HandedLine {
  shard: string;
  sha1: string;
  lineHash: string;
  tuple: unknown[];
}

interface Saved {
  version: number;
  shardCount: number;
  /** Parallel columns, one entry per account; `shas` indexed by `shaOf`, `tuples` by `tupleOf`. */
  keys: string[];
  shards: string[];
  shas: string[];
  shaOf: number[];
  hashes: string[];
  tuples: unknown[][];
  tupleOf: number[];
}

/** The lines noted, by account key. */
export type HandedLines = ReadonlyMap<string, HandedLine>;

function fileIn(cacheDir: string): string {
  return join(cacheDir, FILE);
}

/** Writes the note (a read-only pool or a full disk only loses the shortcut). */
export async function saveHandedLines(cacheDir: string, shardCount: number, lines: ReadonlyMap<string, HandedLine>): Promise<void> {
  if (!sealsLast()) return; // a keyed process's file is left for it (seal-key.ts)
  const saved: Saved = { version: VERSION, shardCount, keys: [], shards: [], shas: [], shaOf: [], hashes: [], tuples: [], tupleOf: [] };
  const shaIds = new Map<string, number>();
  const tupleIds = new Map<string, number>();
  for (const [key, line] of lines) {
    let sha = shaIds.get(line.sha1);
    if (sha === undefined) shaIds.set(line.sha1, (sha = saved.shas.push(line.sha1) - 1));
    const id = JSON.stringify(line.tuple);
    let tuple = tupleIds.get(id);
    if (tuple === undefined) tupleIds.set(id, (tuple = saved.tuples.push(line.tuple) - 1));
    saved.keys.push(key);
    saved.shards.push(line.shard);
    saved.shaOf.push(sha);
    saved.hashes.push(line.lineHash);
    saved.tupleOf.push(tuple);
  }
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(fileIn(cacheDir), sealText(`${JSON.stringify(saved)}\n`), 0o600, { durable: false });
  } catch {
    // Only a shortcut for the next status.
  }
}

/** The note as the last allocation wrote it for a pool of `shardCount` shards; empty where it is missing, garbled, unsealed or of another shard count. */
export async function loadHandedLines(cacheDir: string, shardCount: number): Promise<HandedLines> {
  const lines = new Map<string, HandedLine>();
  try {
    const text = unsealText(await readOwnFile(fileIn(cacheDir), MAX_BYTES));
    if (text === undefined) return lines;
    const saved = JSON.parse(text) as Saved;
    if (saved.version !== VERSION || saved.shardCount !== shardCount) return lines;
    const n = saved.keys?.length;
    const columns = [saved.shards, saved.shaOf, saved.hashes, saved.tupleOf];
    if (!Array.isArray(saved.keys) || !columns.every((c) => Array.isArray(c) && c.length === n) || !Array.isArray(saved.shas) || !Array.isArray(saved.tuples)) return lines;
    for (let i = 0; i < n; i++) {
      const [key, shard, sha1, lineHash, tuple] = [saved.keys[i], saved.shards[i], saved.shas[saved.shaOf[i]!], saved.hashes[i], saved.tuples[saved.tupleOf[i]!]];
      if (typeof key !== 'string' || typeof shard !== 'string' || typeof sha1 !== 'string' || typeof lineHash !== 'string' || !Array.isArray(tuple)) return new Map();
      lines.set(key, { shard, sha1, lineHash, tuple });
    }
  } catch {
    return new Map();
  }
  return lines;
}
