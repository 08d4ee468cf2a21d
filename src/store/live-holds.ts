// The live holds this host's writers made, remembered so that an older copy of a shard put back
// (`git checkout HEAD~1 -- shards/`, a backup of `shards/` copied over the pool after a fold, one
// shard file from a backup) cannot silently free them: the record of the shards (manifest.ts)
// counts accounts, and such a copy holds as many, so every check passed while the next `allocate`
// handed the held accounts to a second scanner (docs/scale-log.md, stop 55 R and H).
//
// Per hold: the account's name, its holder, the hold's `allocated_at` and `held_until`, and `prev`,
// the `allocated_at` the account had before this hold (null: not known, the hold was found already
// made). A hold passes while its account is held by anyone (a merge that gave it to the host that
// published first: src/git/lost-holds.ts names that loss) or is free with an `allocated_at` after
// `prev` (a release by `release`, `serve`, a peer, or by hand with the time kept, all keep or move
// the time forward); free with none, or one at or before `prev`, is the hold gone back in time.
// A hold whose `held_until` has passed is not live: nothing to check.
//
// Derived, never the only record of anything (the hold itself is in the shard or the change log;
// this only remembers it was made): .cache/live-holds.json, git-ignored, sealed (cache-seal.ts),
// written under the pool lock after each commit that made or ended a hold. Missing or not
// sealed: no check that time, made again from the next hold on. Beside the holds, each shard
// file's stamp (file-stamp.ts) as the last writer left it: while every shard has that stamp,
// nothing was put back and nothing is looked up (no cost on an unchanged pool). A reader that found
// every hold where it was (`status` after a pull) leaves a note of the shards' stamps it looked at
// with the record's own stamp (live-holds.checked): the next reader of those very files looks
// nothing up either (at 1,000,000 accounts the lookup is a paged read of every shard).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { statStamp } from './file-stamp.js';
import { counted } from '../counted-noun.js';
import { keyOf, type Account } from '../model.js';

const VERSION = 1;
const FILE = 'live-holds.json';
const CHECKED = 'live-holds.checked';
const MAX_BYTES = 64 * 1024 * 1024;

export interface LiveHold {
  username: string;
  holder: string;
  /** The hold's `allocated_at`. */
  at: string;
  until: string;
  /** The account's `allocated_at` before this hold; null: not known (none, or the hold found made). */
  prev: string | null;
}

export interface LiveHolds {
  /** Shard name → its file's stamp after the last write noted. */
  stamps: Record<string, string>;
  /** By key (lower-cased username). */
  holds: Map<string, LiveHold>;
}

function fileIn(cacheDir: string): string {
  return join(cacheDir, FILE);
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The record's file stamp, taken before it is read (a record replaced meanwhile then matches no note). */
export function liveHoldsStamp(cacheDir: string): Promise<string> {
  return statStamp(fileIn(cacheDir));
}

/** Whether a reader found every hold of the record of stamp `record` where it was, over shards of exactly these stamps. */
export async function checkedBefore(cacheDir: string, record: string, stamps: Record<string, string>): Promise<boolean> {
  try {
    const text = unsealText(await readOwnFile(join(cacheDir, CHECKED), 1024 * 1024));
    if (text === undefined) return false;
    const note = JSON.parse(text) as { record: string; stamps: Record<string, string> };
    if (note.record !== record || typeof note.stamps !== 'object' || note.stamps === null) return false;
    const names = Object.keys(stamps);
    return names.length === Object.keys(note.stamps).length && names.every((name) => note.stamps[name] === stamps[name]);
  } catch {
    return false;
  }
}

/** The note that the record of stamp `record` was found whole over shards of these stamps (best effort, no lock: a note only spares a lookup). */
export async function noteChecked(cacheDir: string, record: string, stamps: Record<string, string>): Promise<void> {
  if (!sealsLast() || record === 'none') return;
  try {
    await writeFileAtomic(join(cacheDir, CHECKED), sealText(`${JSON.stringify({ record, stamps })}\n`), 0o600, { durable: false });
  } catch {
    // the next reader looks up again
  }
}

/** The record, or undefined where there is none or it does not read as one (no check then). */
export async function loadLiveHolds(cacheDir: string): Promise<LiveHolds | undefined> {
  try {
    const text = unsealText(await readOwnFile(fileIn(cacheDir), MAX_BYTES));
    if (text === undefined) return undefined;
    const saved = JSON.parse(text) as { version: number; stamps: Record<string, string>; holds: unknown[][] };
    if (saved.version !== VERSION || typeof saved.stamps !== 'object' || saved.stamps === null || !Array.isArray(saved.holds)) return undefined;
    const holds = new Map<string, LiveHold>();
    for (const row of saved.holds) {
      const [username, holder, at, until, prev] = row;
      if (!isText(username) || !isText(holder) || !isText(at) || !isText(until) || !(prev === null || isText(prev))) return undefined;
      holds.set(keyOf(username), { username, holder, at, until, prev });
    }
    return { stamps: { ...saved.stamps }, holds };
  } catch {
    return undefined;
  }
}

/** Saves the record (not fsynced: a record lost to a crash only means no check until the next hold). */
export async function saveLiveHolds(cacheDir: string, record: LiveHolds): Promise<void> {
  if (!sealsLast()) return; // a keyless process leaves the file to a keyed one (seal-key.ts)
  const holds = [...record.holds.values()].map((h) => [h.username, h.holder, h.at, h.until, h.prev]);
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(fileIn(cacheDir), sealText(`${JSON.stringify({ version: VERSION, stamps: record.stamps, holds })}\n`), 0o600, { durable: false });
}

/** Whether `account` is held now (a holder and an end still to come). */
function heldNow(account: Account, now: string): boolean {
  return account.holder !== undefined && account.held_until !== undefined && account.held_until > now;
}

/**
 * The record after a commit: each account put with a live hold noted (its `prev`, the time it had
 * before the transaction, kept from the record where the same hold is there already), each put
 * without one forgotten, those over by `now` dropped. `prevs`: key → the account's `allocated_at`
 * before the transaction, for each key put with a hold (Transaction.holdPrevs).
 */
export function noteCommitted(record: LiveHolds, changes: ReadonlyMap<string, Account>, prevs: ReadonlyMap<string, string | null>, now: string): boolean {
  let changed = false;
  for (const [key, account] of changes) {
    const old = record.holds.get(key);
    if (!heldNow(account, now)) {
      if (old) changed = record.holds.delete(key);
      continue;
    }
    const at = account.allocated_at ?? '';
    const same = old !== undefined && old.at === at && old.holder === account.holder;
    let prev = same ? old.prev : (prevs.get(key) ?? null);
    if (prev !== null && prev >= at) prev = null; // a time not before the hold says nothing of it
    const hold: LiveHold = { username: account.username, holder: account.holder!, at, until: account.held_until!, prev };
    if (old && old.until === hold.until && old.prev === hold.prev && same) continue;
    record.holds.set(key, hold);
    changed = true;
  }
  return changed;
}

/** Drops the holds over by `now`; whether any was. */
export function dropEnded(record: LiveHolds, now: string): boolean {
  let changed = false;
  for (const [key, hold] of record.holds) if (hold.until <= now) changed = record.holds.delete(key);
  return changed;
}

/**
 * The recorded holds still live at `now` that the pool as it is (`found`: each account as read,
 * undefined where the pool lacks it) no longer has: free, with no `allocated_at` or one at or
 * before `prev` (not known: before the hold's own). An account gone from the pool is the record of
 * the shards' concern (manifest.ts), not this one's.
 */
export function goneBack(holds: Iterable<LiveHold>, found: ReadonlyMap<string, Account | undefined>, now: string): LiveHold[] {
  const back: LiveHold[] = [];
  for (const hold of holds) {
    if (hold.until <= now) continue;
    const account = found.get(hold.username);
    if (!account || heldNow(account, now)) continue;
    const since = account.allocated_at;
    const before = since === undefined || (hold.prev !== null ? since <= hold.prev : since < hold.at);
    if (before) back.push(hold);
  }
  return back;
}

/** What the operator is told to do about holds gone back. */
export const GONE_BACK_ADVICE = 'put them back as recorded with `accountpool verify --fix`, or, if they were ended on purpose, record the pool as it is with `accountpool verify --fix --accept-loss`';

/** The shard files holding holds gone back, in name order (each once). */
export function goneBackFiles(back: readonly LiveHold[], fileOf: (username: string) => string): string[] {
  return [...new Set(back.map((hold) => fileOf(hold.username)))].sort();
}

/** How many shard files a message names before "and N more". */
const NAMED_FILES = 3;

/**
 * Holds gone back, said once whatever the number of shards (a backup of all 64 put back was 64
 * copies of one sentence, ~20 KB on a line): how many holds, in how many shard files (a few named,
 * "and N more"), what happened. Never a username or password. Empty: none.
 */
export function goneBackSummary(back: readonly LiveHold[], fileOf: (username: string) => string): string {
  if (back.length === 0) return '';
  const files = goneBackFiles(back, fileOf);
  const named = files.slice(0, NAMED_FILES).join(', ');
  const where = files.length === 1 ? named : `${counted(files.length, 'shard file')} (${named}${files.length > NAMED_FILES ? ` and ${files.length - NAMED_FILES} more` : ''})`;
  const one = back.length === 1;
  return `${counted(back.length, 'live hold')} ${one ? 'is' : 'are'} gone from ${where}: an older copy of ${files.length === 1 ? 'the shard' : 'the shards'} was put back, and ${one ? 'its account reads' : 'their accounts read'} as free while ${one ? 'its holder still holds it' : 'their holders still hold them'}`;
}
