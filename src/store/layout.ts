// Where everything of a pool lives, and which shard an account belongs to.
import { join, resolve } from 'node:path';
import { keyOf } from '../model.js';

export const CONFIG_FILE = 'accountpool.yaml';
/** In the shard folder, so it is committed with the shards; hidden, so no tool takes it for one. */
export const MANIFEST_FILE = '.manifest';

export interface PoolLayout {
  dir: string;
  config: string;
  shardsDir: string;
  /** proper-lockfile's lock (a folder), kept apart from the data files. */
  lock: string;
  /** Present only while a transaction commits (from its "prepared" step to the end of its renames). */
  journal: string;
  /** Changes committed but not yet written into the shards (see change-log.ts). */
  changeLog: string;
  /** Hashes of shard texts known to be canonical (a cache; see canonical-cache.ts). */
  canonicalCache: string;
  /** Each shard's standings, summarised for `status` (a cache; see standing-summary.ts). */
  standingsDir: string;
  /** Each shard's accounts in circle order, for allocate's selection (a cache; see circle-index.ts). */
  circleDir: string;
  /** Each change-log segment's digest, for the readers of the log (a cache; see log-digest.ts). */
  logDigestDir: string;
  /** This host's last reading of its wall and boot clocks, to tell a jump of the wall clock (see clock-jump.ts). */
  clockMarker: string;
  /** A commit whose afterCommit hook (git's commit) has not finished (see after-commit-pending.ts). */
  pendingCommit: string;
  /** The record of the shard files and their accounts at the last write (see manifest.ts). */
  manifest: string;
  /** The pool's history: one append-only file of event lines per month (see history-files.ts). */
  historyDir: string;
}

/** `--pool DIR`, else `ACCOUNTPOOL_DIR`, else `./pool`. */
export function resolvePoolDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, flag ?? env.ACCOUNTPOOL_DIR ?? 'pool');
}

export function layoutOf(dir: string): PoolLayout {
  return {
    dir,
    config: join(dir, CONFIG_FILE),
    shardsDir: join(dir, 'shards'),
    lock: join(dir, '.lock'),
    journal: join(dir, '.journal.json'),
    changeLog: join(dir, '.changes.log'),
    canonicalCache: join(dir, '.cache', 'canonical.json'),
    standingsDir: join(dir, '.cache', 'standings'),
    circleDir: join(dir, '.cache', 'circle'),
    logDigestDir: join(dir, '.cache', 'log'),
    clockMarker: join(dir, '.cache', 'clock.json'),
    pendingCommit: join(dir, '.cache', 'pending-commit.json'),
    manifest: join(dir, 'shards', MANIFEST_FILE),
    historyDir: join(dir, 'history'),
  };
}

export function shardName(index: number, count: number): string {
  return String(index).padStart(String(count - 1).length, '0');
}

export function shardFile(layout: PoolLayout, name: string): string {
  return join(layout.shardsDir, `${name}.yaml`);
}

/**
 * FNV-1a over the lower-cased username's UTF-16 code units: stable across platforms and versions,
 * so an account stays in the same shard forever (for a given shard count).
 */
export function shardIndexOf(username: string, count: number): number {
  return keyHashOf(username) % count;
}

/** The FNV-1a hash shardIndexOf takes modulo the shard count; keyHashOfBytes gives the same off a plain name's bytes. */
export function keyHashOf(username: string): number {
  const key = keyOf(username);
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * shardIndexOf for a username read off bytes: `bytes[from..to)` is the inside of its JSON string
 * (as a shard or log line writes it). Undefined where that is not plain ASCII free of escapes
 * (then decode it and ask shardIndexOf): only there do bytes and code units agree and is lower
 * casing A-Z alone.
 */
export function shardIndexOfBytes(bytes: Uint8Array, from: number, to: number, count: number): number | undefined {
  const hash = keyHashOfBytes(bytes, from, to);
  return hash === undefined ? undefined : hash % count;
}

/** The FNV-1a hash shardIndexOfBytes takes modulo the shard count (whatever the count: log-digest.ts keeps it). */
export function keyHashOfBytes(bytes: Uint8Array, from: number, to: number): number | undefined {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    let c = bytes[i]!;
    if (c >= 0x80 || c === 0x5c) return undefined;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    hash ^= c;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
