// The leases this host's instances lost at a sync or a hand-run git (lost-holds.ts, hand-run-losses.ts), kept until the operator acts,
// so that `status` names them after the sync's warning scrolled away (or a cron job swallowed
// it): which instance lost which accounts, by username only. The shards are the record of every
// hold; this is only what a sync saw taken from this host, derived from it and checked against
// the pool:
//   - written by `sync` (and `allocate --sync`'s syncs) once the sync is over, whether it ended
//     well or not, and only for the holds the pool as it stands no longer has (a rebase or a
//     replay that was undone lost nothing);
//   - an instance's accounts leave it when it is allocated again (its accounts file is written
//     anew; an account the new file lists again is kept), when it is released, or when the
//     operator says its scanner no longer uses them (`status --ack-lost NAME`);
//   - read by `status`, which leaves out any account the instance holds again.
// Kept in .git (this host's alone, never pushed), written whole under the pool lock, atomically.
import type { Pool } from '../store/pool.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { gitPath } from './repo.js';
import { isRecordText as isText, readHostRecord } from './host-record.js';
import { underPoolLock } from './pool-lock.js';
import type { LostHold } from './lost-holds.js';

export const LOST_LEASES_FILE = 'accountpool-lost-leases.json';

/** One account an instance of this host lost, and when (this host's clock) the sync saw it. */
export interface LostLease {
  instance: string;
  username: string;
  /** Who holds it now, as the sync saw it; unset: the other host gave it back. */
  holder?: string;
  /** The lost hold's hand-out. */
  allocated_at?: string;
  seen_at: string;
  /** What saw it (unset in records made before stop 52: a sync or a hook). */
  seen_by?: SeenBy;
}

/**
 * What recorded a loss: a `sync` (its own pull), the post-merge or post-rewrite hook after a
 * hand-run git pull, merge or rebase, or a sync recording what a hand-run git left pending with
 * neither hook run (a cherry-pick, a merge finished by `git commit`): status words each truly.
 */
export type SeenBy = 'sync' | 'post-merge' | 'post-rewrite' | 'pending';
const SEEN_BY: readonly string[] = ['sync', 'post-merge', 'post-rewrite', 'pending'] satisfies SeenBy[];

/** Past this many accounts the oldest are dropped (an attacker's push cannot grow this file without end). */
const MAX_LEASES = 100_000;
const MAX_BYTES = 64 * 1024 * 1024;

function valid(entry: unknown): LostLease | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (!isText(e.instance) || !isText(e.username) || !isText(e.seen_at)) return undefined;
  if ((e.holder !== undefined && !isText(e.holder)) || (e.allocated_at !== undefined && !isText(e.allocated_at))) return undefined;
  // An unknown word (a newer accountpool's, or edited by hand) reads as unknown, the loss kept.
  const by = typeof e.seen_by === 'string' && SEEN_BY.includes(e.seen_by) ? { seen_by: e.seen_by as SeenBy } : {};
  return { instance: e.instance, username: e.username, ...(e.holder !== undefined ? { holder: e.holder as string } : {}), ...(e.allocated_at !== undefined ? { allocated_at: e.allocated_at as string } : {}), seen_at: e.seen_at, ...by };
}

async function readRecord(path: string): Promise<LostLease[]> {
  // Torn by hand or missing: nothing to name (the shards still say who holds what).
  const record = await readHostRecord(path, MAX_BYTES);
  const lost = typeof record === 'object' && record !== null ? (record as { lost?: unknown }).lost : undefined;
  return Array.isArray(lost) ? lost.map(valid).filter((l): l is LostLease => l !== undefined) : [];
}

async function writeRecord(path: string, lost: readonly LostLease[]): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify({ lost: lost.slice(-MAX_LEASES) })}\n`, 0o600);
}

const keyOf = (l: { instance: string; username: string }) => `${l.instance}\n${l.username}`;

/** The lost leases recorded on this host, oldest first. */
export async function lostLeases(dir: string): Promise<LostLease[]> {
  return readRecord(await gitPath(dir, LOST_LEASES_FILE));
}

/**
 * Records what a sync reports lost (`lost`), once the sync is over: those the pool as it stands
 * still holds for the same instance by the same hand-out (the sync was undone) are not lost.
 */
export async function noteLostLeases(pool: Pool, lost: readonly LostHold[]): Promise<void> {
  if (lost.length === 0) return;
  await underPoolLock(pool, () => recordLostLeases(pool, lost, 'sync'));
}

/** noteLostLeases under the pool lock the caller holds (`by`: what saw them); returns those recorded (lost indeed). */
export async function recordLostLeases(pool: Pool, lost: readonly LostHold[], by: SeenBy): Promise<LostHold[]> {
  if (lost.length === 0) return [];
  // Only the lost accounts looked up (a paged read): the whole read held every account to check
  // ~100, the sync's peak at 1,000,000 accounts (709-717 MB, docs/scale-log.md stop 53 Y).
  const now = await pool.lookUp(lost.map((l) => l.username));
  const seen = pool.now().toISOString();
  const really = lost.filter((l) => {
    const account = now.get(l.username);
    return !(account?.holder === l.instance && account.allocated_at === l.allocated_at);
  });
  if (really.length === 0) return [];
  const path = await gitPath(pool.layout.dir, LOST_LEASES_FILE);
  const fresh = new Map<string, LostLease>(really.map((l) => [keyOf(l), { instance: l.instance, username: l.username, ...(l.holder !== undefined ? { holder: l.holder } : {}), ...(l.allocated_at !== undefined ? { allocated_at: l.allocated_at } : {}), seen_at: seenAt(l, seen), seen_by: by }]));
  const recorded = await readRecord(path);
  // The same hand-out seen lost again (a sync, then the pending lines of a hand-run git) keeps its
  // first sighting: when, and by what, it was first seen.
  for (const l of recorded) if (fresh.get(keyOf(l))?.allocated_at === l.allocated_at) fresh.set(keyOf(l), l);
  const kept = recorded.filter((l) => !fresh.has(keyOf(l)));
  await writeRecord(path, [...kept, ...fresh.values()]);
  return really;
}

/**
 * When a loss was seen: the time of the merge that took it, as its driver told it (lost-holds.ts
 * \`at\`), else `recorded` (now): a hand-run merge's loss is recorded later, by its hook or a sync.
 */
function seenAt(lost: LostHold, recorded: string): string {
  const at = lost.at === undefined ? NaN : Date.parse(lost.at);
  return Number.isFinite(at) ? new Date(at).toISOString() : recorded;
}

/**
 * Forgets `instance`'s lost leases but those in `keep` (the accounts its new accounts file lists
 * again). Returns how many were forgotten. The caller holds the pool lock.
 */
export async function forgetLostLeases(dir: string, instance: string, keep: ReadonlySet<string> = new Set()): Promise<number> {
  const path = await gitPath(dir, LOST_LEASES_FILE);
  const all = await readRecord(path);
  const kept = all.filter((l) => l.instance !== instance || keep.has(l.username));
  if (kept.length !== all.length) await writeRecord(path, kept);
  return all.length - kept.length;
}

/** forgetLostLeases of all `instance`'s, under the pool lock (release, status --ack-lost). */
export function forgetLostLeasesLocked(pool: Pool, instance: string): Promise<number> {
  return underPoolLock(pool, () => forgetLostLeases(pool.layout.dir, instance));
}
