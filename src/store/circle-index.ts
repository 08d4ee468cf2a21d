// One shard's accounts as allocate's selection reads them: per line its key, standing (model.ts
// STANDING_FIELDS, the password reduced to whether there is one), allocated_at, import number,
// where the line starts in the file and a hash of it, and the lines in circle order
// (src/circle-order.ts). With it an allocation chooses the least recently used accounts without
// reading, hashing or decoding a shard that has not changed since (circle-view.ts), and reads
// only the lines of the accounts it takes.
//
// Derived, never the only record of anything: .cache/circle/<shard>.json, git-ignored, written
// without the lock or fsync. It names the sha1 of the shard bytes it was made from, their stat
// stamp and when that stamp was last seen with them (checked as the standings summaries are:
// pool-standings.ts `settled`), and the shard count (which decides the strays). Missing, garbled,
// of another version or stale: made again from the shard. Passwords never go into it.
import { mkdir, readFile } from 'node:fs/promises';
import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { CircleStanding, Standing } from '../model.js';
import { byKey, circleOrder } from '../circle-order.js';
import { trustedLineSeq } from './shard-codec.js';
import type { ShardState } from './shard-state.js';
import { writeFileAtomic } from './atomic-write.js';

const VERSION = 1;

/** [has a password (1/0), level, state, available_at, holder, held_until], null where absent. */
export type CircleTuple = [number, unknown, unknown, unknown, unknown, unknown];

export interface ShardCircle {
  version: number;
  name: string;
  /** sha1 of the shard's bytes (shardHash) and the shard count of the pool it was made in. */
  sha1: string;
  shards: number;
  /** The shard file's stat stamp (file-stamp.ts) when those bytes were read, and when (ms) that stamp was last seen with them. */
  stamp: string;
  checkedAt: number;
  /**
   * Every line is the canonical encoding of its account, in strictly increasing key order. When
   * not (a hand-edited shard), the columns are empty and only the whole read can choose.
   */
  sortedLines: boolean;
  /** Keys on lines whose name hashes to another shard (moved by hand), with their line index. */
  strays: [string, number][];
  tuples: CircleTuple[];
  /** By line, in file order: */
  keys: string[];
  tuple: number[];
  allocated: (string | null)[];
  seq: number[];
  /** Byte offset of each line in the file, then the file's length. */
  starts: number[];
  /** 16 hex digits of each line's sha1, run together: tells a logged record's base line from a hand edit. */
  hashes: string;
  /** Line indexes in circle order. */
  order: number[];
}

export function tupleOfStanding(s: Standing): CircleTuple {
  return [s.password === undefined ? 0 : 1, s.level, s.state, s.available_at ?? null, s.holder ?? null, s.held_until ?? null];
}

/** The standing a tuple stands for (an empty password where there is one: only its presence counts), with `allocated_at`. */
export function circleStandingOf([password, level, state, available_at, holder, held_until]: CircleTuple, allocated: string | null): CircleStanding {
  const s = { level, state } as CircleStanding;
  if (password) s.password = '';
  if (available_at !== null) s.available_at = available_at as string;
  if (allocated !== null) s.allocated_at = allocated;
  if (holder !== null) s.holder = holder as string;
  if (held_until !== null) s.held_until = held_until as string;
  return s;
}

/** The 16 hex digits `hashes` holds for a line. */
export function lineHash(line: string): string {
  return hash('sha1', line, 'hex').slice(0, 16);
}

type Made = Pick<ShardCircle, 'sha1' | 'shards' | 'stamp' | 'checkedAt'>;

/** The index of `shard` as read from `bytes` (whose sha1 and stamp `made` gives). */
export function indexShard(shard: ShardState, bytes: Buffer, made: Made, isStray: (key: string) => boolean): ShardCircle {
  const index: ShardCircle = { version: VERSION, name: shard.name, ...made, sortedLines: false, strays: [], tuples: [], keys: [], tuple: [], allocated: [], seq: [], starts: [], hashes: '', order: [] };
  const n = shard.size;
  const keys: string[] = new Array(n);
  let at = n === 0 ? bytes.length : bytes.indexOf(10) + 1; // after the header line
  const starts: number[] = new Array(n + 1);
  for (let i = 0; i < n; i++) {
    const line = shard.lines[i];
    keys[i] = shard.keyAt(i);
    if (line === undefined || (i > 0 && keys[i]! <= keys[i - 1]!)) return index;
    starts[i] = at;
    at += Buffer.byteLength(line) + 1;
    if (bytes[at - 1] !== 10) return index; // not the file its lines say
  }
  if (at !== bytes.length) return index;
  starts[n] = at;
  const ids = new Map<string, number>();
  const hashes: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const circle = shard.circleAt(i);
    const tuple = tupleOfStanding(circle);
    const id = JSON.stringify(tuple);
    let t = ids.get(id);
    if (t === undefined) {
      ids.set(id, (t = index.tuples.length));
      index.tuples.push(tuple);
    }
    index.tuple.push(t);
    index.allocated.push(circle.allocated_at ?? null);
    index.seq.push(trustedLineSeq(shard.lines[i]!) ?? shard.accountAt(i).seq);
    hashes[i] = lineHash(shard.lines[i]!);
    if (isStray(keys[i]!)) index.strays.push([keys[i]!, i]);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const inCircle = (i: number) => ({ allocated_at: index.allocated[i] ?? undefined, seq: index.seq[i]! });
  order.sort((a, b) => circleOrder(inCircle(a), inCircle(b)) || byKey(keys[a]!, keys[b]!));
  return { ...index, sortedLines: true, keys, starts, hashes: hashes.join(''), order };
}

/** Made by indexShard: anything else is a garbled file, never used. */
function wellFormed(index: ShardCircle): boolean {
  const { keys, tuple, allocated, seq, starts, order, tuples, strays } = index;
  if (![keys, tuple, allocated, seq, starts, order, tuples, strays].every(Array.isArray) || typeof index.hashes !== 'string') return false;
  const n = keys.length;
  if (!index.sortedLines) return n === 0;
  if (tuple.length !== n || allocated.length !== n || seq.length !== n || order.length !== n || starts.length !== n + 1 || index.hashes.length !== 16 * n) return false;
  if (!tuples.every((t) => Array.isArray(t) && t.length === 6)) return false;
  for (let i = 0; i < n; i++) {
    if (typeof keys[i] !== 'string' || !(tuple[i]! >= 0 && tuple[i]! < tuples.length) || typeof seq[i] !== 'number' || !(starts[i]! < starts[i + 1]!)) return false;
    if (allocated[i] !== null && typeof allocated[i] !== 'string') return false;
    if (!(order[i]! >= 0 && order[i]! < n)) return false;
  }
  return true;
}

/** Where the indexes live (.cache/circle), and how one is read and saved. */
export class CircleStore {
  constructor(private readonly dir: string) {}

  private fileOf(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  /** The saved index of shard `name` made in a pool of `shards`, if there is one that is not garbled. */
  async load(name: string, shards: number): Promise<ShardCircle | undefined> {
    try {
      const index = JSON.parse(await readFile(this.fileOf(name), 'utf8')) as ShardCircle;
      if (index.version !== VERSION || index.name !== name || index.shards !== shards || typeof index.sha1 !== 'string' || typeof index.stamp !== 'string' || typeof index.checkedAt !== 'number') return undefined;
      return wellFormed(index) ? index : undefined;
    } catch {
      return undefined;
    }
  }

  async save(index: ShardCircle): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.fileOf(index.name), JSON.stringify(index), 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}
