// Holds from other hosts, timed on this host's own clock.
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
// Which holds came from elsewhere: `sync` notes the holds the pool has before a rebase that takes
// other hosts' commits (this host's own), and records every other hold after it. Holds this host
// writes itself are never recorded and end at their held_until. A record that is missing (a
// fresh clone, a pool from before this) or a rebase that was cut short (`pending_since`) makes
// every hold not recorded count as first seen then; the next transaction records them so.
import { readFile, stat } from 'node:fs/promises';
import type { Account } from '../model.js';
import type { Config } from '../config.js';
import type { HoldEnds } from '../availability.js';
import type { HoldView, Pool } from '../store/pool.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { reservationOf } from '../allocate/select.js';
import { gitPath } from './repo.js';

const SIGHTINGS_FILE = 'accountpool-holds-seen.json';
const CHECKING = reservationOf('');

interface Sightings {
  /** A rebase started then and did not record what it brought. */
  pending_since?: string;
  /** First seen (this host's clock), by holdKey. */
  seen: Record<string, string>;
}

/** One hold, as written: the same holder, allocation and end is the same hold. Undefined: no hold that can end. */
export function holdKey(account: Account): string | undefined {
  if (account.holder === undefined || account.held_until === undefined) return undefined;
  return JSON.stringify([account.holder, account.allocated_at ?? null, account.held_until]);
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

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

/** The ends: recorded holds run from first sight; others, when `unseenAt` is set, from then; the rest end at held_until. */
export function holdEndsFrom(seen: Readonly<Record<string, string>>, unseenAt: string | undefined, config: Config): HoldEnds {
  const ends = new Map<string, string>();
  return (account) => {
    const key = holdKey(account);
    if (key === undefined) return account.held_until;
    let end = ends.get(key);
    if (end === undefined) {
      const first = seen[key] ?? unseenAt;
      end = first === undefined ? account.held_until! : laterOf(account.held_until!, new Date(Date.parse(first) + holdLength(account, config)).toISOString());
      ends.set(key, end);
    }
    return end;
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

/** Records every hold in `accounts` not yet recorded as first seen at `at`, and forgets holds no longer there. */
function recordAll(previous: Readonly<Record<string, string>>, accounts: Iterable<Account>, at: string, except?: ReadonlySet<string>): Sightings {
  const seen: Record<string, string> = {};
  for (const account of accounts) {
    const key = holdKey(account);
    if (key === undefined) continue;
    const first = previous[key] ?? (except?.has(key) ? undefined : at);
    if (first !== undefined) seen[key] = first;
  }
  return { seen };
}

/** The pool's holdView for a clone: reads the record (again only when it changed) and settles it under the lock. */
export function holdViewFor(dir: string, config: Config): HoldView {
  let cached: { stamp: string; sightings: Sightings | undefined } | undefined;
  return async (accounts, now, locked) => {
    const file = await sightingsPath(dir);
    const info = await stat(file).catch(() => undefined);
    const stamp = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
    if (cached?.stamp !== stamp) cached = { stamp, sightings: info ? await readSightings(file) : undefined };
    const { sightings } = cached;
    const unseenAt = sightings === undefined ? now.toISOString() : sightings.pending_since;
    if (unseenAt === undefined) return holdEndsFrom(sightings!.seen, undefined, config);
    if (!locked) return holdEndsFrom(sightings?.seen ?? {}, unseenAt, config);
    const settled = recordAll(sightings?.seen ?? {}, await accounts(), unseenAt);
    await writeSightings(file, settled);
    return holdEndsFrom(settled.seen, undefined, config);
  };
}

/** What `sync` does around a rebase that takes other hosts' commits (under the pool lock). */
export interface RebaseSighting {
  /** The rebase is done: record the holds it brought as first seen when it started. */
  done(): Promise<void>;
  /** The rebase was aborted and the pool is as before. */
  undone(): Promise<void>;
}

export async function beforeRebase(pool: Pool): Promise<RebaseSighting> {
  const file = await sightingsPath(pool.layout.dir);
  const snapshot = await pool.read();
  await holdViewFor(pool.layout.dir, pool.config)(() => snapshot.accounts(), pool.now(), true); // a missing record, a cut-short rebase
  const settled = (await readSightings(file))!;
  const ours = new Set<string>();
  for (const account of snapshot.accounts()) {
    const key = holdKey(account);
    if (key !== undefined && settled.seen[key] === undefined) ours.add(key);
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
