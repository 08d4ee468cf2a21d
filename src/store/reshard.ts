// Resharding: when the pool has outgrown its shard count, and what one resharding commit writes.
//
// Why the pool reshards at all: an account's shard is a hash of its name, so a transaction that
// touches 400 accounts touches up to 400 shards, and each shard it touches is written whole. The
// smaller the shards, the fewer bytes an allocation writes (and a git pool stores); the more
// shards, the more files every read opens. The count is chosen once at `init` for the pool as it
// was then; a pool that grows from thousands to a million accounts must not keep 64 shards of
// 16,000 accounts (2.5 MB each) for ever, nor need its operator to notice.
//
// The commit (Pool.transaction with `reshardTo`): every account goes to its home among the new
// count, every new shard file, the record of the shards (manifest.ts) and accountpool.yaml's new
// `shards:` line are written by one journaled commit, which also removes the old shard files. So
// a kill leaves the old pool or the new one, never a mix; and the record names the new files
// only, so the old files going away is not taken for a loss, while a new file missing later is.
import { keyOf, type Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, shardBytes } from './shard-codec.js';
import { encodeManifest, manifestOf } from './manifest.js';
import { shardFile, shardIndexOf, shardName, type PoolLayout } from './layout.js';
import type { Transaction } from './transaction.js';

/**
 * Accounts per shard, on average, above which the pool reshards. Why 8,000: a canonical account
 * line is ~160 bytes, so a shard stays under ~1.3 MB, which a reader parses in ~10 ms and an
 * allocation that touches it rewrites in about as long; below a few thousand per shard the pool
 * would open (and a git pool would track) more files than it gains.
 */
export const RESHARD_ABOVE = 8_000;
/**
 * How much the count grows. ×4, not ×2: growing is a full rewrite of the pool, so it should be
 * rare (64 → 256 at 512,000 accounts, → 1,024 at 2,048,000); and a multiple of the old count,
 * so each new shard takes its accounts from exactly one old shard (h % 4S % S = h % S).
 */
export const RESHARD_FACTOR = 4;
/** The most shards a pool may have (the config's limit): one folder of a few thousand files. */
export const MAX_SHARDS = 4096;

/** The count a pool of `accounts` in `shards` shards should reshard to, or undefined when it fits. */
export function reshardTarget(accounts: number, shards: number, above = RESHARD_ABOVE): number | undefined {
  if (accounts <= shards * above || shards >= MAX_SHARDS) return undefined;
  let next = shards;
  while (accounts > next * above && next < MAX_SHARDS) next = Math.min(next * RESHARD_FACTOR, MAX_SHARDS);
  return next;
}

/** A new shard of a resharding commit: its file made only when the commit writes it (`make`). */
export interface ReshardedFile {
  name: string;
  file: string;
  /** The file's bytes, made now from the old shard's lines and the changes (not kept here). */
  make(): Buffer;
}

/** What a resharding commit writes and removes. */
export interface ReshardPlan {
  shards: ReshardedFile[];
  /** The record of the new shards (manifest.ts). */
  record: string;
  /** Shard files of the old set that are not in the new one. */
  removes: string[];
}

/**
 * Every account of `tx` (its snapshot with its changes) placed in its home among `count` shards,
 * each new shard sorted as the canonical form wants. Lines already canonical are moved as they
 * are, so no account is parsed that was not parsed already.
 *
 * Each new file is made only as the commit writes it (PendingWrite.data), from the rows going to
 * it: here only where each row goes is decided (8 bytes a row). Made all at once, every line of
 * the pool as a string, its place and every new file's bytes were alive together: a reshard of
 * 1,000,000 accounts 256 -> 1,024 went from 222 MB after its read to 614 MB (stop 39).
 */
export function planReshard(tx: Transaction, count: number, layout: PoolLayout): ReshardPlan {
  const shards = tx.snapshot.shards;
  // The changes not to an account of the snapshot: added.
  const changed = new Map<string, Account>(tx.changes);
  const olds: string[] = [];
  // Rows by new shard (a counting sort): the old shard and line of each, the changes beside.
  let total = 0;
  for (const shard of shards) total += shard.size;
  const target = new Uint32Array(total);
  const sizes = new Uint32Array(count);
  let n = 0;
  for (const shard of shards) {
    if (!shard.absent) olds.push(shard.file);
    for (let i = 0; i < shard.size; i++, n++) {
      const key = shard.keyAt(i);
      if (changed.size > 0) changed.delete(key);
      target[n] = shardIndexOf(key, count);
      sizes[target[n]!]!++;
    }
  }
  const starts = new Uint32Array(count + 1);
  for (let j = 0; j < count; j++) starts[j + 1] = starts[j]! + sizes[j]!;
  const fill = starts.slice(0, count);
  const fromShard = new Uint32Array(total);
  const fromLine = new Uint32Array(total);
  n = 0;
  shards.forEach((shard, s) => {
    for (let i = 0; i < shard.size; i++, n++) {
      const at = fill[target[n]!]!++;
      fromShard[at] = s;
      fromLine[at] = i;
    }
  });
  // Changes to accounts of the snapshot are taken where the account is (make); the others are added.
  const added: Account[][] = Array.from({ length: count }, () => []);
  for (const [key, account] of changed) added[shardIndexOf(key, count)]!.push(account);
  const sizeOf = (j: number) => sizes[j]! + added[j]!.length;
  const whole = count % shards.length === 0;
  const files = Array.from({ length: count }, (_, j): ReshardedFile => {
    const name = shardName(j, count);
    return {
      name,
      file: shardFile(layout, name),
      make: () => {
        const rows: { key: string; line: string | Buffer }[] = [];
        // An old shard's untouched lines are copied as the bytes they were read from, not decoded
        // first: its file read once for this new file (a paged one is read again at each ask). Only
        // when the count grows by a whole factor, each new shard then drawing on one old shard (see
        // RESHARD_FACTOR): another count would read each old file whole for every new one.
        const fileLines = new Map<number, ((index: number) => Buffer | undefined) | undefined>();
        for (let at = starts[j]!; at < starts[j + 1]!; at++) {
          const s = fromShard[at]!;
          const shard = shards[s]!;
          const i = fromLine[at]!;
          const key = shard.keyAt(i);
          const change = tx.changes.get(key);
          if (change) {
            rows.push({ key, line: encodeAccountLine(change) });
            continue;
          }
          if (!fileLines.has(s)) fileLines.set(s, whole ? shard.fileLines() : undefined);
          const line = fileLines.get(s)?.(i) ?? shard.lineAt(i) ?? encodeAccountLine(shard.accountAt(i));
          rows.push({ key, line });
        }
        for (const account of added[j]!) rows.push({ key: keyOf(account.username), line: encodeAccountLine(account) });
        rows.sort((a, b) => compareAccountKeys(a.key, b.key));
        // Written line by line into one buffer of the exact size (shardBytes), never joined into one
        // text and encoded: that, and decoding each line first, was ~3.6 s of the 26 s profile of a
        // 1,000,000-line import into an empty pool, which reshards it 64 -> 256 (stop 45).
        return shardBytes(name, rows.map((r) => r.line));
      },
    };
  });
  const kept = new Set(files.map((f) => f.file));
  const record = encodeManifest(manifestOf(files.map((f, j) => ({ name: f.name, file: f.file, size: sizeOf(j) }))));
  return { shards: files, record, removes: olds.filter((file) => !kept.has(file)) };
}
