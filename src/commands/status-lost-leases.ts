// What `status` says of the leases this host's instances lost at a sync (src/git/lost-lease-record.ts),
// until the operator acts: one line per instance, by username only, with the exact command that
// writes its accounts file again where this host recorded its last allocate (last-allocations.ts).
import type { Pool } from '../store/pool.js';
import { shellWord } from '../shell-word.js';
import { describeLostHolds } from '../git/lost-holds.js';
import { lostLeases, type LostLease } from '../git/lost-lease-record.js';
import { lastAllocations, recordedAdvice, refreshCommand } from '../git/last-allocations.js';

/** One instance's lost leases as `status --json` lists them. */
export interface LostLeasesOf {
  instance: string;
  usernames: string[];
  /** The first sync that saw one of them (this host's clock). */
  since: string;
  /** Its accounts file and the command that writes it again, where this host recorded its last allocate. */
  accountsFile?: string;
  refresh?: string;
}

/**
 * The recorded lost leases that still stand: an account the instance holds again (allocated to
 * it anew, or the sync that lost it undone) is its scanner's by right, and not named.
 */
export async function standingLostLeases(pool: Pool): Promise<LostLease[]> {
  const recorded = await lostLeases(pool.layout.dir);
  if (recorded.length === 0) return [];
  const snapshot = await pool.read();
  return recorded.filter((l) => snapshot.get(l.username)?.holder !== l.instance);
}

/** `status`'s lines: one per instance, the advice, and how to clear it once the scanner no longer uses them. */
export async function lostLeaseLines(pool: Pool, lost: readonly LostLease[]): Promise<string[]> {
  if (lost.length === 0) return [];
  const dir = pool.layout.dir;
  const advice = await recordedAdvice(dir);
  const since = sinceBy(lost);
  return describeLostHolds(lost, (instance) => `${advice(instance)}. Seen by the sync of ${since.get(instance)}; once its scanner no longer uses them, \`accountpool status --ack-lost ${shellWord(instance)} --pool ${shellWord(dir)}\` clears this line`);
}

/** `status --json`'s `lostLeases`. */
export async function lostLeasesJson(pool: Pool, lost: readonly LostLease[]): Promise<LostLeasesOf[]> {
  const recorded = await lastAllocations(pool.layout.dir);
  const since = sinceBy(lost);
  return [...since.keys()].map((instance) => {
    const last = recorded.get(instance);
    const usernames = lost.filter((l) => l.instance === instance).map((l) => l.username).sort();
    return { instance, usernames, since: since.get(instance)!, ...(last ? { accountsFile: last.file, refresh: refreshCommand(instance, last, pool.layout.dir) } : {}) };
  });
}

/** Each instance's earliest sighting, in the order the instances were first seen. */
function sinceBy(lost: readonly LostLease[]): Map<string, string> {
  const since = new Map<string, string>();
  for (const l of lost) {
    const before = since.get(l.instance);
    if (before === undefined || l.seen_at < before) since.set(l.instance, l.seen_at);
  }
  return since;
}
