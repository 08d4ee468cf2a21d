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
// On a pool shared through git, the holds other hosts published are learned too (PublishedHolds,
// set by the command's layer: HEAD's shards, src/git/published-holds.ts), where the shards changed:
// a peer's hold pulled is then checked as this host's own are, and a record lost with `.cache` is
// made again from them (stop 57 R).
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
import { appendFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { statStamp } from './file-stamp.js';
import { counted } from '../counted-noun.js';
import { keyOf, type Account } from '../model.js';

const VERSION = 1;
const FILE = 'live-holds.json';
/** The changes since the whole record was last written, one sealed line a transaction (chained to that record's seal). */
const LOG = 'live-holds.log';
const CHECKED = 'live-holds.checked';
/** The log is folded into a whole record once it outgrows this and the record itself (a reader replays at most about the record's size again). */
const LOG_FOLD_BYTES = 64 * 1024;
const MAX_BYTES = 64 * 1024 * 1024;

export interface LiveHold {
  username: string;
  holder: string;
  /** The hold's `allocated_at`. */
  at: string;
  until: string;
  /** The account's `allocated_at` before this hold; null: not known (none, or the hold found made). */
  prev: string | null;
  /** Learned from what other hosts published (learnHolds), not made here: ended where HEAD shows its account free. */
  peer?: boolean;
  /**
   * A learned hold's source when it was learned (a git pool's HEAD then, which held it): ended only
   * where the source now descends from it, or shares with it a commit that held it (a rebase of
   * this host's commits), never where that commit was dropped (a forced push, a reset). Undefined
   * (a record of stop 57): the record's source.
   */
  from?: string;
}

export interface LiveHolds {
  /** Shard name → its file's stamp after the last write noted. */
  stamps: Record<string, string>;
  /** By key (lower-cased username). */
  holds: Map<string, LiveHold>;
  /**
   * Where the holds other hosts made were last learned from (`PublishedHolds`: a git pool's HEAD
   * commit); undefined: never (a pool not shared, a record of before stop 57, or none yet).
   */
  source?: string;
}

/**
 * The holds published where this pool is shared (a git pool: its HEAD commit's shards), asked
 * where the shards are not the files the last write here left: `since`, the source the record last
 * learned from. Gives the source now and the holds live at `now` in what changed since (all of it
 * where `since` is unknown: a fresh clone, the record lost with `.cache`), or undefined where
 * there is nothing to ask (no commit). Set by the command's layer (the store knows no git).
 */
export type PublishedHolds = (since: string | undefined, now: string) => Promise<Published | undefined>;

/**
 * What PublishedHolds gives: the source now, the holds live there, the shards read (undefined:
 * every one), and `dropped`: of the learned holds the source now shows free (each with its shard),
 * the keys of those whose publication the source does not keep (a forced push or a reset threw the
 * commit away: not a release); asked only where a learned hold would be ended.
 */
export interface Published {
  source: string;
  holds: LiveHold[];
  shards?: string[];
  dropped?: (ending: readonly { hold: LiveHold; shard: string }[]) => Promise<Set<string>>;
}

/**
 * `record` (undefined: none) with the published holds learned from `source` added, as a new record
 * (the one read stays as the files hold it until a writer saves this one): a hold is added where
 * the record has none of its account or an older one; the keys added. Its `prev` is not known:
 * the hold is gone back where its account reads free with no `allocated_at` or one before it.
 * A hold learned before whose account is in a shard read now (`shards`: their names; undefined:
 * every shard) with no hold there is ended, as a hand release here is: the source itself shows it
 * free (a peer's release, by hand too, with its `allocated_at` removed), not a copy put back.
 * Only learned holds: this host's own may not be committed yet, or thrown away by a reset. `ended`:
 * the keys so ended, but for those in `keep` (their publication dropped: a forced push, a reset).
 * Each hold added notes `source` as where it was learned (`from`).
 */
export function learnHolds(
  record: LiveHolds | undefined,
  learned: readonly LiveHold[],
  source: string,
  shards?: readonly string[],
  shardOf?: (username: string) => string,
  keep?: ReadonlySet<string>,
): { record: LiveHolds; keys: string[]; ended: string[] } {
  const next: LiveHolds = { stamps: { ...(record?.stamps ?? {}) }, holds: new Map(record?.holds ?? []), source };
  const keys: string[] = [];
  const ended: string[] = [];
  const heldNow = new Set(learned.map((hold) => keyOf(hold.username)));
  const read = shards === undefined ? undefined : new Set(shards);
  for (const [key, hold] of next.holds) {
    if (!hold.peer || heldNow.has(key)) continue;
    if (keep?.has(key)) {
      // Kept: judged again, next time, against the commit it was learned at (a record of stop 57 has none: the last source).
      if (hold.from === undefined && record?.source !== undefined) {
        next.holds.set(key, { ...hold, from: record.source });
        keys.push(key);
      }
      continue;
    }
    if (read && (!shardOf || !read.has(shardOf(hold.username)))) continue;
    next.holds.delete(key);
    ended.push(key);
  }
  for (const hold of learned) {
    const key = keyOf(hold.username);
    const old = next.holds.get(key);
    if (old && old.at === hold.at && old.peer && old.holder === hold.holder && old.from !== source) {
      // Seen held again here: judged from now on against this source (one a forced push dropped, after `verify --fix` gave it back, is no anchor).
      next.holds.set(key, { ...old, from: source });
      keys.push(key);
      continue;
    }
    if (old && old.at >= hold.at) continue;
    next.holds.set(key, { ...hold, prev: null, peer: true, from: source });
    keys.push(key);
  }
  return { record: next, keys: [...ended, ...keys], ended };
}

/** The live hold a shard's line holds as the store writes it (`"name": {...}`, held past `now`), or undefined where it holds none or is another shape (hand-written YAML). */
export function heldOn(line: string, now: string): LiveHold | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(`{${line}}`);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [username, account] = entries[0]!;
  if (typeof account !== 'object' || account === null) return undefined;
  const { holder, held_until: until, allocated_at: at } = account as Record<string, unknown>;
  if (typeof holder !== 'string' || typeof until !== 'string' || until <= now) return undefined;
  return { username, holder, at: typeof at === 'string' ? at : '', until, prev: null };
}

/** The live holds in a shard file's bytes: only the lines naming `held_until` are parsed (a byte search, as `git grep` does for a git pool). */
export function heldInBytes(bytes: Buffer, now: string): LiveHold[] {
  const holds: LiveHold[] = [];
  const needle = Buffer.from('"held_until"');
  let at = bytes.indexOf(needle);
  while (at >= 0) {
    const start = bytes.lastIndexOf(10, at) + 1;
    let end = bytes.indexOf(10, at);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', start, end).replace(/,\s*$/, '');
    const hold = line.startsWith('"') ? heldOn(line, now) : undefined;
    if (hold) holds.push(hold);
    at = bytes.indexOf(needle, end);
  }
  return holds;
}

function fileIn(cacheDir: string): string {
  return join(cacheDir, FILE);
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The stamp of the record's two files, the whole record and the log of changes since (a reader's note names it). */
export async function liveHoldsStamp(cacheDir: string): Promise<string> {
  return `${await statStamp(fileIn(cacheDir))}|${await statStamp(join(cacheDir, LOG))}`;
}

/** Whether two sets of shard stamps name the same files, each the same. */
export function sameStamps(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

/** Whether a reader found every hold of the record of stamp `record` where it was, over shards of exactly these stamps. */
export async function checkedBefore(cacheDir: string, record: string, stamps: Record<string, string>): Promise<boolean> {
  try {
    const text = unsealText(await readOwnFile(join(cacheDir, CHECKED), 1024 * 1024));
    if (text === undefined) return false;
    const note = JSON.parse(text) as { record: string; stamps: Record<string, string> };
    if (note.record !== record || typeof note.stamps !== 'object' || note.stamps === null) return false;
    return sameStamps(stamps, note.stamps);
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

/**
 * The record as read (or as this process last left it), with what an append to it needs: both
 * files' stamp when read, the whole record's seal (each logged line is sealed with it: a log left
 * beside a newer whole record is no part of it), the log's bytes read and whether it ended cleanly.
 */
export interface LiveHoldsFiles {
  stamp: string;
  record: LiveHolds;
  seal: string;
  logBytes: number;
  /** The log ended with a whole sealed line (else the next write writes the whole record). */
  clean: boolean;
  /** The whole record's bytes: the log is folded into it once it is as large. */
  wholeBytes: number;
}

/** One transaction's changes to the record: stamps changed (or all of them, `all`), holds set, keys forgotten. */
export interface LiveHoldsDelta {
  stamps: Record<string, string>;
  all: boolean;
  set: LiveHold[];
  forget: string[];
}

const rowOf = (h: LiveHold) => (h.peer ? [h.username, h.holder, h.at, h.until, h.prev, 1, ...(h.from !== undefined ? [h.from] : [])] : [h.username, h.holder, h.at, h.until, h.prev]);

/** A row of the record as a hold, or undefined where it is not one. */
function holdOf(row: unknown): LiveHold | undefined {
  if (!Array.isArray(row)) return undefined;
  const [username, holder, at, until, prev, peer, from] = row as unknown[];
  if (!isText(username) || !isText(holder) || !isText(at) || !isText(until) || !(prev === null || isText(prev))) return undefined;
  return peer === 1 ? { username, holder, at, until, prev, peer: true, ...(isText(from) ? { from } : {}) } : { username, holder, at, until, prev };
}

/** A logged line's seal: the whole record's seal chained in, so it holds only over that record. */
function lineSeal(seal: string, json: string): string {
  return sealText(`${seal}\n${json}`).slice(0, 64);
}

/** Applies the logged lines sealed over `seal` to `record`; the bytes of whole valid lines applied, and whether that is all of `text`. */
function replay(record: LiveHolds, seal: string, text: string): { bytes: number; clean: boolean } {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    const line = text.slice(at, end);
    const json = line.slice(65);
    if (line[64] !== ' ' || line.slice(0, 64) !== lineSeal(seal, json)) break;
    let delta: { s?: Record<string, string>; a?: boolean; h?: unknown[]; f?: unknown[]; src?: unknown };
    try {
      delta = JSON.parse(json) as typeof delta;
    } catch {
      break;
    }
    if (delta.s && typeof delta.s === 'object') record.stamps = delta.a ? { ...delta.s } : { ...record.stamps, ...delta.s };
    for (const row of delta.h ?? []) {
      const hold = holdOf(row);
      if (hold) record.holds.set(keyOf(hold.username), hold);
    }
    for (const key of delta.f ?? []) if (isText(key)) record.holds.delete(key);
    if (isText(delta.src)) record.source = delta.src;
    at = end + 1;
  }
  return { bytes: Buffer.byteLength(text.slice(0, at)), clean: at === text.length };
}

/**
 * The record, or undefined where there is none or it does not read as one (no check then).
 * `known`: as this process last read or wrote it; returned as it is (nothing read) while neither
 * file changed since (serve's transactions, one after another: the record is not read again).
 */
export async function loadLiveHolds(cacheDir: string, known?: LiveHoldsFiles): Promise<LiveHoldsFiles | undefined> {
  try {
    const stamp = await liveHoldsStamp(cacheDir);
    if (known && known.stamp === stamp) return known;
    const whole = await readOwnFile(fileIn(cacheDir), MAX_BYTES);
    const text = unsealText(whole);
    if (text === undefined) return undefined;
    const saved = JSON.parse(text) as { version: number; stamps: Record<string, string>; holds: unknown[][]; source?: unknown };
    if (saved.version !== VERSION || typeof saved.stamps !== 'object' || saved.stamps === null || !Array.isArray(saved.holds)) return undefined;
    const holds = new Map<string, LiveHold>();
    for (const row of saved.holds) {
      const hold = holdOf(row);
      if (!hold) return undefined;
      holds.set(keyOf(hold.username), hold);
    }
    const record: LiveHolds = { stamps: { ...saved.stamps }, holds, ...(isText(saved.source) ? { source: saved.source } : {}) };
    const seal = whole!.slice(0, 64);
    const { bytes, clean } = replay(record, seal, (await readOwnFile(join(cacheDir, LOG), MAX_BYTES)) ?? '');
    return { stamp, record, seal, logBytes: bytes, clean, wholeBytes: whole!.length };
  } catch {
    return undefined;
  }
}

/**
 * Saves the record (not fsynced: a record lost to a crash only means no check until the next
 * hold): `delta` appended as one sealed line to the log where `known` is the record as the files
 * hold it and the log is still small, else the whole record written and the log removed. A
 * transaction then writes its own changes (~100 bytes a hold), not the whole record (240-800 KB at
 * 3,000-10,000 live holds). Returns the files as left (undefined: a keyless process writes none).
 */
export async function saveLiveHolds(cacheDir: string, record: LiveHolds, delta?: LiveHoldsDelta, known?: LiveHoldsFiles): Promise<LiveHoldsFiles | undefined> {
  // A record with holds learned (learnHolds) is a new object, never `known.record`: written whole, its source with it.
  if (!sealsLast()) return undefined; // a keyless process leaves the file to a keyed one (seal-key.ts)
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const log = join(cacheDir, LOG);
  if (delta && known && known.record === record && known.clean && known.logBytes < Math.max(LOG_FOLD_BYTES, known.wholeBytes) && (await liveHoldsStamp(cacheDir)) === known.stamp) {
    const json = JSON.stringify({ s: delta.stamps, ...(delta.all ? { a: true } : {}), h: delta.set.map(rowOf), f: delta.forget });
    const line = `${lineSeal(known.seal, json)} ${json}\n`;
    await appendFile(log, line, { mode: 0o600 });
    return { ...known, stamp: await liveHoldsStamp(cacheDir), logBytes: known.logBytes + Buffer.byteLength(line) };
  }
  const holds = [...record.holds.values()].map(rowOf);
  const text = sealText(`${JSON.stringify({ version: VERSION, stamps: record.stamps, holds, ...(record.source !== undefined ? { source: record.source } : {}) })}\n`);
  await writeFileAtomic(fileIn(cacheDir), text, 0o600, { durable: false });
  await rm(log, { force: true }); // sealed over the record replaced: no part of the new one, even if left
  return { stamp: await liveHoldsStamp(cacheDir), record, seal: text.slice(0, 64), logBytes: 0, clean: true, wholeBytes: text.length };
}

/** What a logged line says of `keys`: the holds the record has for them, and the keys it no longer holds. */
export function changesOf(record: LiveHolds, keys: Iterable<string>): { set: LiveHold[]; forget: string[] } {
  const set: LiveHold[] = [];
  const forget: string[] = [];
  for (const key of keys) {
    const hold = record.holds.get(key);
    if (hold) set.push(hold);
    else forget.push(key);
  }
  return { set, forget };
}

/**
 * What a reader (`status`, `verify`) learned from what is published (learnHolds: holds added,
 * learned holds ended, the new source) appended to the record's log as one sealed line, so the next
 * command does not learn it again (until stop 58 each `status` after a pull ran git and read the
 * held lines again until a writer saved them). Lock-free and best effort: only where the files are
 * still as `known` read them and the log is small; a writer that appends meanwhile finds the stamp
 * moved and writes its whole record (this line then no part of it: learned again), one that
 * writes its whole record after this removes the line with the log. Returns the files as left.
 */
export async function appendLearned(cacheDir: string, known: LiveHoldsFiles, record: LiveHolds, keys: readonly string[]): Promise<LiveHoldsFiles | undefined> {
  if (!sealsLast() || !known.clean || known.logBytes >= Math.max(LOG_FOLD_BYTES, known.wholeBytes) || record.source === undefined) return undefined;
  try {
    if ((await liveHoldsStamp(cacheDir)) !== known.stamp) return undefined;
    const { set, forget } = changesOf(record, keys);
    const json = JSON.stringify({ s: {}, h: set.map(rowOf), f: forget, src: record.source });
    const line = `${lineSeal(known.seal, json)} ${json}\n`;
    await appendFile(join(cacheDir, LOG), line, { mode: 0o600 });
    return { ...known, record, stamp: await liveHoldsStamp(cacheDir), logBytes: known.logBytes + Buffer.byteLength(line) };
  } catch {
    return undefined;
  }
}

/**
 * A record a reader made again where there was none (`.cache` lost, a fresh clone: learned from
 * what is published), kept for the next command so that it is made once, not by every `status`:
 * linked into place, never over a record a writer left meanwhile (that one stands). Best effort.
 */
export async function keepMadeAgain(cacheDir: string, record: LiveHolds): Promise<void> {
  if (!sealsLast()) return;
  const file = fileIn(cacheDir);
  const temp = `${file}.${process.pid}.made`;
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    const holds = [...record.holds.values()].map(rowOf);
    await writeFile(temp, sealText(`${JSON.stringify({ version: VERSION, stamps: record.stamps, holds, ...(record.source !== undefined ? { source: record.source } : {}) })}\n`), { mode: 0o600 });
    await link(temp, file); // EEXIST: a writer's record is there
  } catch {
    // the next command makes it again
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
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
export function noteCommitted(record: LiveHolds, changes: ReadonlyMap<string, Account>, prevs: ReadonlyMap<string, string | null>, now: string, touched?: Set<string>): boolean {
  let changed = false;
  for (const [key, account] of changes) {
    const old = record.holds.get(key);
    if (!heldNow(account, now)) {
      if (old) {
        changed = record.holds.delete(key);
        touched?.add(key);
      }
      continue;
    }
    const at = account.allocated_at ?? '';
    const same = old !== undefined && old.at === at && old.holder === account.holder;
    let prev = same ? old.prev : (prevs.get(key) ?? null);
    if (prev !== null && prev >= at) prev = null; // a time not before the hold says nothing of it
    const hold: LiveHold = { username: account.username, holder: account.holder!, at, until: account.held_until!, prev };
    if (same && old.peer) Object.assign(hold, { peer: true }, old.from !== undefined ? { from: old.from } : {}); // still the hold learned from a peer, only written here again
    if (old && old.until === hold.until && old.prev === hold.prev && same) continue;
    record.holds.set(key, hold);
    touched?.add(key);
    changed = true;
  }
  return changed;
}

/** Drops the holds over by `now`; whether any was. */
export function dropEnded(record: LiveHolds, now: string, touched?: Set<string>): boolean {
  let changed = false;
  for (const [key, hold] of record.holds) {
    if (hold.until > now) continue;
    changed = record.holds.delete(key);
    touched?.add(key);
  }
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
