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
import type { Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, encodeShard } from './shard-codec.js';
import { encodeManifest, manifestOf } from './manifest.js';
import { shardFile, shardIndexOf, shardName, type PoolLayout } from './layout.js';
import { ShardState } from './shard-state.js';
import type { PlannedShard } from './plan-shards.js';
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

/** What a resharding commit writes and removes. */
export interface ReshardPlan {
  shards: PlannedShard[];
  /** The record of the new shards (manifest.ts). */
  record: string;
  /** Shard files of the old set that are not in the new one. */
  removes: string[];
}

/**
 * Every account of `tx` (its snapshot with its changes) placed in its home among `count` shards,
 * each new shard sorted as the canonical form wants. Lines already canonical are moved as they
 * are, so no account is parsed that was not parsed already.
 */
export function planReshard(tx: Transaction, count: number, layout: PoolLayout): ReshardPlan {
  const groups: { key: string; line: string }[][] = Array.from({ length: count }, () => []);
  const place = (key: string, line: string) => groups[shardIndexOf(key, count)]!.push({ key, line });
  const changed = new Map<string, Account>(tx.changes);
  const olds: string[] = [];
  for (const shard of tx.snapshot.shards) {
    if (!shard.absent) olds.push(shard.file);
    for (let i = 0; i < shard.size; i++) {
      const key = shard.keyAt(i);
      const change = changed.get(key);
      changed.delete(key);
      place(key, change ? encodeAccountLine(change) : (shard.lineAt(i) ?? encodeAccountLine(shard.accountAt(i))));
    }
  }
  for (const [key, account] of changed) place(key, encodeAccountLine(account));
  const shards = groups.map((rows, index) => {
    rows.sort((a, b) => compareAccountKeys(a.key, b.key));
    const name = shardName(index, count);
    const lines = rows.map((r) => r.line);
    const state = new ShardState(name, shardFile(layout, name), lines);
    state.bytes = Buffer.from(encodeShard(name, lines));
    return { state, bytes: state.bytes };
  });
  const kept = new Set(shards.map((s) => s.state.file));
  const record = encodeManifest(manifestOf(shards.map(({ state }) => ({ name: state.name, file: state.file, size: state.size }))));
  return { shards, record, removes: olds.filter((file) => !kept.has(file)) };
}
