// Holds and rests from other hosts, timed on this host's own clock.
//
// A hold ends at `held_until`, written by the holder's clock. Read by a clock that runs ahead of
// it (or written by one that runs behind), the hold would end early here and the account would
// have two holders. A duration measured on one clock does not suffer from skew, and a hold says
// how long it is on one clock: `held_until - allocated_at`, both written by the holder. So this
// host remembers, on its own clock, when it first saw each hold that came from elsewhere (kept in
// .git, never shared), and treats that hold as running until at least first-seen + its length.
// It saw the hold no earlier than it was written, so the hold never ends here before it ends for
// its holder, whatever the two clocks say. The price: a hold seen late (a host that syncs rarely,
// a fresh clone) lasts longer here than it should, so a dead host's accounts come back later.
//
// A verdict's rest (`available_at`, the cool-down) is timed the same way, from `state_at`. Rests
// last days (10 by default), so the longer wait a late sighting costs is bounded: a rest is moved
// at most a day past its `available_at`, which covers clocks up to a day apart.
//
// Which ones came from elsewhere: `sync` notes the holds and rests the pool has before a rebase
// that takes other hosts' commits (this host's own), and records every other one after it. Those
// this host writes itself are never recorded and end at the time written. A record that is
// missing (a fresh clone, a pool from before this) or a rebase that was cut short
// (`pending_since`) makes every one not recorded count as first seen then; the next transaction
// records them so.
import { readFile, stat } from 'node:fs/promises';
import type { Account } from '../model.js';
import type { Config } from '../config.js';
import type { SeenEnds } from '../availability.js';
import type { SeenView, Pool } from '../store/pool.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { reservationOf } from '../allocate/select.js';
import { gitPath } from './repo.js';

const SIGHTINGS_FILE = 'accountpool-holds-seen.json';
const CHECKING = reservationOf('');
/** The most a rest is moved past its available_at (see above). */
export const REST_SHIFT_MAX_MS = 86_400_000;

interface Sightings {
  /** A rebase started then and did not record what it brought. */
  pending_since?: string;
  /** First seen (this host's clock), by the key of a hold or rest. */
  seen: Record<string, string>;
}

/** One hold, as written: the same holder, allocation and end is the same hold. Undefined: no hold that can end. */
export function holdKey(account: Account): string | undefined {
  if (account.holder === undefined || account.held_until === undefined) return undefined;
  return JSON.stringify(['hold', account.holder, account.allocated_at ?? null, account.held_until]);
}

/** One rest after a verdict (or a check error), as written. */
export function restKey(account: Account): string | undefined {
  if (account.available_at === undefined) return undefined;
  return JSON.stringify(['rest', account.state, account.state_at ?? null, account.available_at]);
}

function keysOf(account: Account): string[] {
  return [holdKey(account), restKey(account)].filter((k): k is string => k !== undefined);
}

/**
 * How long the hold runs, on its holder's clock. A reservation keeps the account's previous
 * allocated_at, and a hold written by hand may have none: those count as the longest hold any
 * command writes (the lease, or serve's release timeout).
 */
export function holdLength(account: Account, config: Config): number {
  const longest = Math.max(config.lease, config.release_timeout);
  if (account.allocated_at === undefined || account.holder!.endsWith(CHECKING)) return longest;
  const length = Date.parse(account.held_until!) - Date.parse(account.allocated_at);
  return Number.isFinite(length) && length >= 0 ? length : longest;
}

/**
 * How long the rest runs, on the clock that wrote it. A verdict's rest starts at its state_at and
 * lasts that state's cool-down; a check error's wait keeps the old state_at, so a rest longer than
 * the state's cool-down (or without a state_at) is a check error's.
 */
export function restLength(account: Account, config: Config): number {
  const { check_error } = config.cooldowns;
  const cooldown = account.state === 'ok' ? 0 : config.cooldowns[account.state as Exclude<Account['state'], 'ok'>];
  const sinceVerdict = account.state_at === undefined ? Number.NaN : Date.parse(account.available_at!) - Date.parse(account.state_at);
  if (typeof cooldown === 'number' && sinceVerdict >= 0 && sinceVerdict <= cooldown + 1000) return sinceVerdict;
  return check_error === 'retired' ? 0 : check_error;
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

/** The ends: recorded holds and rests run from first sight; others, when `unseenAt` is set, from then; the rest end as written. */
export function seenEndsFrom(seen: Readonly<Record<string, string>>, unseenAt: string | undefined, config: Config): SeenEnds {
  const ends = new Map<string, string>();
  const endOf = (key: string | undefined, written: string | undefined, length: () => number, latest: () => number) => {
    if (key === undefined) return written;
    let end = ends.get(key);
    if (end === undefined) {
      const first = seen[key] ?? unseenAt;
      end = first === undefined ? written! : laterOf(written!, new Date(Math.min(Date.parse(first) + length(), latest())).toISOString());
      ends.set(key, end);
    }
    return end;
  };
  return {
    hold: (a) => endOf(holdKey(a), a.held_until, () => holdLength(a, config), () => Infinity),
    rest: (a) => endOf(restKey(a), a.available_at, () => restLength(a, config), () => Date.parse(a.available_at!) + REST_SHIFT_MAX_MS),
  };
}

const paths = new Map<string, Promise<string>>();
function sightingsPath(dir: string): Promise<string> {
  let path = paths.get(dir);
  if (!path) paths.set(dir, (path = gitPath(dir, SIGHTINGS_FILE)));
  return path;
}

async function readSightings(file: string): Promise<Sightings | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Sightings;
    if (parsed && typeof parsed.seen === 'object' && parsed.seen !== null) return parsed;
  } catch {
    // a damaged record is no record: every hold counts as first seen now, the safe side
  }
  return undefined;
}

function writeSightings(file: string, sightings: Sightings): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(sightings)}\n`, 0o600);
}

/** Records every hold and rest in `accounts` not yet recorded as first seen at `at`, and forgets those no longer there. */
function recordAll(previous: Readonly<Record<string, string>>, accounts: Iterable<Account>, at: string, except?: ReadonlySet<string>): Sightings {
  const seen: Record<string, string> = {};
  for (const account of accounts) {
    for (const key of keysOf(account)) {
      const first = previous[key] ?? (except?.has(key) ? undefined : at);
      if (first !== undefined) seen[key] = first;
    }
  }
  return { seen };
}

/** The pool's seenView for a clone: reads the record (again only when it changed) and settles it under the lock. */
export function seenViewFor(dir: string, config: Config): SeenView {
  let cached: { stamp: string; sightings: Sightings | undefined } | undefined;
  return async (accounts, now, locked) => {
    const file = await sightingsPath(dir);
    const info = await stat(file).catch(() => undefined);
    const stamp = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
    if (cached?.stamp !== stamp) cached = { stamp, sightings: info ? await readSightings(file) : undefined };
    const { sightings } = cached;
    const unseenAt = sightings === undefined ? now.toISOString() : sightings.pending_since;
    if (unseenAt === undefined) return seenEndsFrom(sightings!.seen, undefined, config);
    if (!locked) return seenEndsFrom(sightings?.seen ?? {}, unseenAt, config);
    const settled = recordAll(sightings?.seen ?? {}, await accounts(), unseenAt);
    await writeSightings(file, settled);
    return seenEndsFrom(settled.seen, undefined, config);
  };
}

/** What `sync` does around a rebase that takes other hosts' commits (under the pool lock). */
export interface RebaseSighting {
  /** The rebase is done: record the holds and rests it brought as first seen when it started. */
  done(): Promise<void>;
  /** The rebase was aborted and the pool is as before. */
  undone(): Promise<void>;
}

export async function beforeRebase(pool: Pool): Promise<RebaseSighting> {
  const file = await sightingsPath(pool.layout.dir);
  const snapshot = await pool.read();
  await seenViewFor(pool.layout.dir, pool.config)(() => snapshot.accounts(), pool.now(), true); // a missing record, a cut-short rebase
  const settled = (await readSightings(file))!;
  const ours = new Set<string>();
  for (const account of snapshot.accounts()) {
    for (const key of keysOf(account)) if (settled.seen[key] === undefined) ours.add(key);
  }
  const since = pool.now().toISOString();
  await writeSightings(file, { ...settled, pending_since: since });
  return {
    async done() {
      await writeSightings(file, recordAll(settled.seen, (await pool.read()).accounts(), since, ours));
    },
    async undone() {
      await writeSightings(file, settled);
    },
  };
}
