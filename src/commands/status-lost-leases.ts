// What `status` says of the leases this host's instances lost at a sync (src/git/lost-lease-record.ts),
// until the operator acts: one line per instance, by username only, with the exact command that
// writes its accounts file again where this host recorded its last allocate (last-allocations.ts).
import type { Pool } from '../store/pool.js';
import type { Snapshot } from '../store/snapshot.js';
import { shellWord } from '../shell-word.js';
import { describeLostHolds } from '../git/lost-holds.js';
import { lostLeases, type LostLease, type SeenBy } from '../git/lost-lease-record.js';
import { lastAllocations, recordedAdvice, refreshCommand } from '../git/last-allocations.js';

/** One instance's lost leases as `status --json` lists them. */
export interface LostLeasesOf {
  instance: string;
  usernames: string[];
  /** When the first of them was seen (this host's clock). */
  since: string;
  /** What saw that one (lost-lease-record.ts SeenBy); unset in a record from before stop 52. */
  seenBy?: SeenBy;
  /** Its accounts file and the command that writes it again, where this host recorded its last allocate. */
  accountsFile?: string;
  refresh?: string;
}

/**
 * The recorded lost leases that still stand: an account the instance holds again (allocated to
 * it anew, or the sync that lost it undone) is its scanner's by right, and not named. `read`:
 * the pool as the caller already read it whole (status counts a git pool by every account), asked
 * instead of a paged lookup, which read and proved every shard again (~1.3 s of CPU at 1,000,000
 * accounts: docs/scale-log.md, stop 54 Y).
 */
export async function standingLostLeases(pool: Pool, read?: Snapshot): Promise<LostLease[]> {
  const recorded = await lostLeases(pool.layout.dir);
  if (recorded.length === 0) return [];
  // Else only the recorded accounts looked up (a paged read): the whole read was every account at once.
  const now = read ? { get: (username: string) => read.get(username) } : await pool.lookUp(recorded.map((l) => l.username));
  return recorded.filter((l) => now.get(l.username)?.holder !== l.instance);
}

/** `status`'s lines: one per instance, the advice, and how to clear it once the scanner no longer uses them. */
export async function lostLeaseLines(pool: Pool, lost: readonly LostLease[]): Promise<string[]> {
  if (lost.length === 0) return [];
  const dir = pool.layout.dir;
  const advice = await recordedAdvice(dir);
  const since = sinceBy(lost);
  return describeLostHolds(lost, (instance) => `${advice(instance)}. ${seenWords(since.get(instance)!)}; once its scanner no longer uses them, \`accountpool status --ack-lost ${shellWord(instance)} --pool ${shellWord(dir)}\` clears this line`);
}

/** `status --json`'s `lostLeases`. */
export async function lostLeasesJson(pool: Pool, lost: readonly LostLease[]): Promise<LostLeasesOf[]> {
  const recorded = await lastAllocations(pool.layout.dir);
  const since = sinceBy(lost);
  return [...since.keys()].map((instance) => {
    const last = recorded.get(instance);
    const usernames = lost.filter((l) => l.instance === instance).map((l) => l.username).sort();
    const first = since.get(instance)!;
    return { instance, usernames, since: first.seen_at, ...(first.seen_by ? { seenBy: first.seen_by } : {}), ...(last ? { accountsFile: last.file, refresh: refreshCommand(instance, last, pool.layout.dir) } : {}) };
  });
}

/**
 * When and by what the first loss was seen, truly: a hook records after a hand-run git ended, and
 * a sync records what a git that ran no hook left. The time is the merge's (its driver's clock,
 * since stop 53), not the recording's: a merge finished by `git commit` an hour later, a hook that
 * waited on the pool lock, still say when the lease was taken.
 */
function seenWords({ seen_at: at, seen_by: by }: LostLease): string {
  switch (by) {
    case 'sync':
      return `Seen by the sync of ${at}`;
    case 'post-merge':
      return `Seen at ${at}, after a hand-run git pull or merge (recorded by its post-merge hook)`;
    case 'post-rewrite':
      return `Seen at ${at}, after a hand-run git rebase or pull --rebase (recorded by its post-rewrite hook)`;
    case 'pending':
      return `Seen at ${at} by a hand-run git that ran no hook (a cherry-pick, or a merge finished by git commit), recorded by a later sync`;
    default:
      return `Seen at ${at}`; // a record from before stop 52 says not by what
  }
}

/** Each instance's earliest sighting, in the order the instances were first seen. */
function sinceBy(lost: readonly LostLease[]): Map<string, LostLease> {
  const since = new Map<string, LostLease>();
  for (const l of lost) {
    const before = since.get(l.instance);
    if (before === undefined || l.seen_at < before.seen_at) since.set(l.instance, l);
  }
  return since;
}
