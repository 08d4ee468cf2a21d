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
// A verdict's rest (`available_at`, the cool-down) is timed the same way, from its `state_at`.
//
// Bounded by how far apart clocks may be: holds and rests are moved at most two days past the
// time written (CLOCKS_APART_MAX_MS). Without that bound a fresh clone, or a pool's first
// command after an upgrade, would give every hold the pool ever had (most accounts keep their
// last holder after its lease) a whole new lease, and hand out nothing for 12 hours. A clock
// further off than that is named after the first sync that compares it (clock-verdict.ts).
//
// Which ones came from elsewhere: `sync` notes the holds and rests the pool has before a rebase
// that takes other hosts' commits (this host's own), and records every other one after it. Those
// this host writes itself are never recorded and end at the time written. A record that is
// missing (a fresh clone, a pool from before this) or a rebase that was cut short
// (`pending_since`) makes every one not recorded count as first seen then; the next transaction
// records them so.
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { isReservation, type TimedStanding } from '../model.js';
import type { Config } from '../config.js';
import type { SeenEnds } from '../availability.js';
import type { SeenView, Pool } from '../store/pool.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { shardFile } from '../store/layout.js';
import { gitPath } from './repo.js';
import { shardAccountsNow, type PulledShards } from './pulled-shards.js';
import { CLOCKS_APART_MAX_MS } from './merge-clock.js';

const SIGHTINGS_FILE = 'accountpool-holds-seen.json';
// Defined in merge-clock.ts, which the merge driver loads without this file.
export { CLOCKS_APART_MAX_MS };

interface Sightings {
  /** A rebase started then and did not record what it brought. */
  pending_since?: string;
  /** First seen (this host's clock), by the key of a hold or rest. */
  seen: Record<string, string>;
}

// Keys join the fields with a character no name or time holds (instance names are printable).
const SEP = '\u001f';

/**
 * What a hold and a rest are timed by: an account whole, or its timed standing read off its line
 * (model.ts TIMED_FIELDS, Snapshot.eachTimed), which gives the same verdicts without the parse.
 */
type Timing = Pick<TimedStanding, 'state' | 'state_at' | 'available_at' | 'allocated_at' | 'holder' | 'held_until'>;

/** One hold, as written: the same holder, allocation and end is the same hold. Undefined: no hold that can end. */
export function holdKey(account: Timing): string | undefined {
  if (account.holder === undefined || account.held_until === undefined) return undefined;
  return `hold${SEP}${account.holder}${SEP}${account.allocated_at ?? ''}${SEP}${account.held_until}`;
}

/** One rest after a verdict (or a check error), as written. */
export function restKey(account: Timing): string | undefined {
  if (account.available_at === undefined) return undefined;
  return `rest${SEP}${account.state}${SEP}${account.state_at ?? ''}${SEP}${account.available_at}`;
}

/**
 * How long the hold runs, on its holder's clock. A reservation keeps the account's previous
 * allocated_at, and a hold written by hand may have none: those count as the longest hold any
 * command writes (the lease, or serve's release timeout).
 */
export function holdLength(account: Timing, config: Config): number {
  const longest = Math.max(config.lease, config.release_timeout);
  if (account.allocated_at === undefined || isReservation(account.holder!)) return longest;
  const length = Date.parse(account.held_until!) - Date.parse(account.allocated_at);
  return Number.isFinite(length) && length >= 0 ? length : longest;
}

/**
 * How long the rest runs, on the clock that wrote it. A verdict's rest starts at its state_at and
 * lasts that state's cool-down; a check error's wait keeps the old state_at, so a rest longer than
 * the state's cool-down (or without a state_at) is a check error's.
 */
export function restLength(account: Timing, config: Config): number {
  const { check_error } = config.cooldowns;
  const cooldown = account.state === 'ok' ? 0 : config.cooldowns[account.state as Exclude<Timing['state'], 'ok'>];
  const sinceVerdict = account.state_at === undefined ? Number.NaN : Date.parse(account.available_at!) - Date.parse(account.state_at);
  if (typeof cooldown === 'number' && sinceVerdict >= 0 && sinceVerdict <= cooldown + 1000) return sinceVerdict;
  return check_error === 'retired' ? 0 : check_error;
}

/** A hold or a rest as written: its key, its end on the writer's clock, and its length on that clock. */
interface Timed {
  key: string;
  written: string;
  length: number;
}

function holdOf(account: Timing, config: Config): Timed | undefined {
  const key = holdKey(account);
  return key === undefined ? undefined : { key, written: account.held_until!, length: holdLength(account, config) };
}

function restOf(account: Timing, config: Config): Timed | undefined {
  const key = restKey(account);
  return key === undefined ? undefined : { key, written: account.available_at!, length: restLength(account, config) };
}

function timedOf(account: Timing, config: Config): Timed[] {
  return [holdOf(account, config), restOf(account, config)].filter((t): t is Timed => t !== undefined);
}

/** Its end here, first seen at `first` (undefined: never recorded, so this host's own: as written). */
function endFrom(timed: Timed, first: string | undefined): string {
  if (first === undefined) return timed.written;
  const bound = Date.parse(timed.written) + CLOCKS_APART_MAX_MS;
  const end = Math.min(Date.parse(first) + timed.length, Number.isNaN(bound) ? Infinity : bound);
  const iso = new Date(end).toISOString();
  return iso > timed.written ? iso : timed.written;
}

/** The ends: recorded holds and rests run from first sight; others, when `unseenAt` is set, from then; the rest end as written. */
export function seenEndsFrom(seen: Readonly<Record<string, string>>, unseenAt: string | undefined, config: Config): SeenEnds<TimedStanding> {
  // Nothing from elsewhere (a pool only this host writes): every end as written, at no cost.
  if (unseenAt === undefined && Object.keys(seen).length === 0) return { hold: (a) => a.held_until, rest: (a) => a.available_at };
  const ends = new Map<string, string>();
  const endOf = (key: string | undefined, written: string | undefined, timed: () => Timed) => {
    if (key === undefined) return written;
    // Not recorded, and nothing counts as first seen now: as written, and not kept (most accounts
    // keep their last holder after its lease: a map of every hold of the pool, read once each).
    if (unseenAt === undefined && seen[key] === undefined) return written;
    let end = ends.get(key);
    if (end === undefined) {
      end = endFrom(timed(), seen[key] ?? unseenAt);
      ends.set(key, end);
    }
    return end;
  };
  return {
    hold: (a) => endOf(holdKey(a), a.held_until, () => holdOf(a, config)!),
    rest: (a) => endOf(restKey(a), a.available_at, () => restOf(a, config)!),
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
    const valid = (t: unknown) => typeof t === 'string' && !Number.isNaN(Date.parse(t));
    if (parsed && typeof parsed.seen === 'object' && parsed.seen !== null && Object.values(parsed.seen).every(valid)) {
      if (parsed.pending_since === undefined || valid(parsed.pending_since)) return parsed;
    }
  } catch {
    // a damaged record is no record: every hold counts as first seen now, the safe side
  }
  return undefined;
}

function writeSightings(file: string, sightings: Sightings): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(sightings)}\n`, 0o600);
}

/**
 * Records into `seen` every hold and rest handed to the function returned not yet recorded as
 * first seen at `at` (`except`: this host's own, never recorded). One that has ended here by `at`
 * needs no record (unrecorded, it ends as written, earlier still): so the record stays the size of
 * what is live, and forgets what is no longer in the pool. `met` gets the key of every one looked
 * at that `previous` records (only those: a pull's every hold was ~1,000,000 keys held at 1,000,000
 * accounts). One account at a time, so a caller reading timed standings off the lines
 * (Snapshot.eachTimed) holds none of them.
 */
function recorder(seen: Record<string, string>, previous: Readonly<Record<string, string>>, at: string, config: Config, except?: ReadonlySet<string>, met?: Set<string>): (account: Timing) => void {
  const record = (timed: Timed | undefined) => {
    if (timed === undefined) return;
    if (previous[timed.key] !== undefined) met?.add(timed.key);
    const first = previous[timed.key] ?? (except?.has(timed.key) ? undefined : at);
    if (first !== undefined && endFrom(timed, first) > at) seen[timed.key] = first;
  };
  return (account) => {
    record(holdOf(account, config));
    record(restOf(account, config));
  };
}

/** `recorder` over every account of `accounts`. */
function recordInto(seen: Record<string, string>, previous: Readonly<Record<string, string>>, accounts: Iterable<Timing>, at: string, config: Config, except?: ReadonlySet<string>, met?: Set<string>): void {
  const record = recorder(seen, previous, at, config, except, met);
  for (const account of accounts) record(account);
}

/** The pool's seenView for a clone: reads the record (again only when it changed) and settles it under the lock. */
export function seenViewFor(dir: string, config: Config): SeenView {
  let cached: { stamp: string; sightings: Sightings | undefined } | undefined;
  return async (eachTimed, now, locked) => {
    const file = await sightingsPath(dir);
    const info = await stat(file).catch(() => undefined);
    const stamp = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
    if (cached?.stamp !== stamp) cached = { stamp, sightings: info ? await readSightings(file) : undefined };
    const { sightings } = cached;
    const unseenAt = sightings === undefined ? now.toISOString() : sightings.pending_since;
    if (unseenAt === undefined) return seenEndsFrom(sightings!.seen, undefined, config);
    if (!locked) return seenEndsFrom(sightings?.seen ?? {}, unseenAt, config);
    const settled: Sightings = { seen: {} };
    await eachTimed(recorder(settled.seen, sightings?.seen ?? {}, unseenAt, config));
    await writeSightings(file, settled);
    return seenEndsFrom(settled.seen, undefined, config);
  };
}

/**
 * Settles a record that is missing or was cut short (a fresh clone's first sync, a sync after one
 * killed mid-rebase) as a transaction's seenView does, but off the pool's shard files one at a time:
 * the whole read (`pool.read()`) held every account at once, 716 MB at 1,000,000 accounts, the
 * largest part of a first sync's peak. Under the pool lock, after sync folded the change log into
 * the shards; a hold logged since (by `serve` here) is this host's own, which is never recorded.
 */
export async function settleSightings(pool: Pool): Promise<void> {
  const dir = pool.layout.dir;
  const file = await sightingsPath(dir);
  const sightings = await readSightings(file);
  const unseenAt = sightings === undefined ? pool.now().toISOString() : sightings.pending_since;
  if (unseenAt === undefined) return;
  const settled: Sightings = { seen: {} };
  for (const name of await pool.shardNames()) recordInto(settled.seen, sightings?.seen ?? {}, await shardAccountsNow(dir, relative(dir, shardFile(pool.layout, name))), unseenAt, pool.config);
  await writeSightings(file, settled);
}

/** What `sync` does around a rebase that takes other hosts' commits (under the pool lock). */
export interface RebaseSighting {
  /** The rebase is done: record the holds and rests it brought as first seen when it started. */
  done(): Promise<void>;
  /** The rebase was aborted and the pool is as before. */
  undone(): Promise<void>;
}

/**
 * Whether a recorded hold or rest, not met again among the accounts read, may still end later
 * here than written: its end here is never past its written end + CLOCKS_APART_MAX_MS (endFrom),
 * so one older than that ends here as it would unrecorded, and is forgotten.
 */
function mayStillCount(key: string, at: string): boolean {
  const written = Date.parse(key.slice(key.lastIndexOf(SEP) + 1));
  return Number.isNaN(written) || written + CLOCKS_APART_MAX_MS > Date.parse(at);
}

/**
 * Before a rebase that takes other hosts' commits, whose changes `pulled` tells (pulled-shards.ts,
 * the damage check's too). Only the shards the rebase changed are read, one at a time: an unchanged
 * shard's holds and rests were this host's own or recorded before it, as the settled record says,
 * and are still so after it.
 */
export async function beforeRebase(pool: Pool, pulled: PulledShards): Promise<RebaseSighting> {
  const dir = pool.layout.dir;
  const file = await sightingsPath(dir);
  // A missing record, a cut-short rebase: settled off every shard (read only then).
  await settleSightings(pool);
  const settled = (await readSightings(file))!;
  const since = pool.now().toISOString();
  await writeSightings(file, { ...settled, pending_since: since });
  // This host's own: the holds and rests the changed shards had before the rebase that no record
  // names, noted as the damage check reads those copies (each is read out of git once). Only those
  // still running here (the others are never recorded): most accounts keep their last holder long
  // after its lease, so every hold of a pull that touched every shard was ~1,000,000 keys here.
  const ours = new Set<string>();
  pulled.watchBefore((accounts) => {
    for (const account of accounts) for (const timed of timedOf(account, pool.config)) if (settled.seen[timed.key] === undefined && endFrom(timed, since) > since) ours.add(timed.key);
  });
  // The rebase's holds and rests, recorded as the damage check reads the files it left (each
  // decoded once: the check's verified read); this host's own taken out once every copy before is
  // read (one may have moved to another shard: a reshard).
  const seen: Record<string, string> = {};
  const met = new Set<string>();
  pulled.watchAfter((accounts) => recordInto(seen, settled.seen, accounts, since, pool.config, undefined, met));
  return {
    async done() {
      await pulled.readRest();
      await pulled.readRestAfter();
      for (const key of ours) delete seen[key];
      // Recorded ones in the shards the rebase left alone (or gone from the pool): kept while they may count.
      for (const [key, first] of Object.entries(settled.seen)) if (!met.has(key) && mayStillCount(key, since)) seen[key] = first;
      await writeSightings(file, { seen });
    },
    async undone() {
      await writeSightings(file, settled);
    },
  };
}
