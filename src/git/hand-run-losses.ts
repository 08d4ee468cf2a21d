// The leases a hand-run git (`git pull`, `merge`, `rebase`) took from this host's instances,
// recorded for `status` as `sync` records its own (lost-lease-record.ts). git runs the merge
// driver, which finds them (lost-holds.ts) and prints them to whoever ran git; but the driver runs
// in the middle of the merge: the merge may still stop or be aborted, a rebase's later commit may
// give the hold back, and an accountpool command may hold the pool lock meanwhile. So the driver
// of a git that accountpool did not start (no OWN_GIT_ENV) only appends its lines to a pending
// file in .git, and the post-merge and post-rewrite hooks `init --git` installs (git-hooks.ts)
// record them once git is done (and `sync`, for a git that ran neither hook: a cherry-pick, a
// merge finished by `git commit` after a conflict): under the pool lock, checked against this host's commits before
// the merge (ORIG_HEAD: a hold they gave back was no scanner's) and against the pool as it
// stands (a hold it still has was not lost), the pending file taken by a rename first and removed after. Derived, never the
// record of a hold (the shards are): a crash before the removal only records the same losses again.
import { rename, stat, unlink } from 'node:fs/promises';
import type { Pool } from '../store/pool.js';
import { readOwnFile } from '../store/own-file.js';
import { gitPath } from './repo.js';
import { gitTest } from './run-git.js';
import { PENDING_LOSSES_FILE } from './pending-losses.js';
import { underPoolLock } from './pool-lock.js';
import { lostHoldsIn, stillHeldAt, type LostHold } from './lost-holds.js';
import { recordLostLeases, type SeenBy } from './lost-lease-record.js';

/** Far beyond the driver lines of any merge (~200 bytes an account); a larger file is not read. */
const MAX_BYTES = 64 * 1024 * 1024;

/** The pending file, renamed while it is recorded (see recordPendingLosses). */
const TAKEN = '.taken';

/**
 * Records the pending losses (see above) and removes the pending file; returns what was recorded.
 * `by`: what records them (the hook that ran, or `pending`: a sync); `before`: this host's commit
 * before the git that lost them (ORIG_HEAD), when known. The caller has checked that no hand-run
 * git is still under way (git-in-progress.ts; a rebase's own post-rewrite hook runs before it ends).
 */
export async function recordPendingLosses(pool: Pool, by: Exclude<SeenBy, 'sync'>, before: string | undefined): Promise<LostHold[]> {
  const dir = pool.layout.dir;
  const path = await gitPath(dir, PENDING_LOSSES_FILE);
  const taken = `${path}${TAKEN}`;
  // Nearly always none (a sync asks after every run): no lock taken for nothing.
  if (!(await hasPendingLosses(dir))) return [];
  return underPoolLock(pool, async () => {
    const recorded: LostHold[] = [];
    // Taken by a rename before it is read: a hand-run git's driver appending meanwhile (a sync
    // beside an operator's git pull: reading the pool takes seconds at 1,000,000 accounts) starts
    // a new pending file, left for its hook, where removing the one read lost its lines unread.
    // A file taken by a recorder that crashed is recorded first (again: harmless), then the pending one.
    for (let pass = 0; pass < 2; pass++) {
      if (!(await exists(taken))) {
        try {
          await rename(path, taken);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
          throw error;
        }
      }
      const text = await readOwnFile(taken, MAX_BYTES);
      if (text === undefined) break;
      let lost = lostHoldsIn(text.split('\n'));
      // Its shard files unreadable at that commit (another layout): kept as told, as sync does.
      // The file may hold an earlier git's lines too (a cherry-pick runs no hook), lost before
      // `before`: kept where `before` has the account held by the other host the line names.
      if (before !== undefined) lost = await stillHeldAt(dir, before, lost, true).catch(() => lost);
      recorded.push(...(await recordLostLeases(pool, lost, by)));
      await unlink(taken).catch(() => {});
    }
    return recorded;
  });
}

const exists = async (file: string) => Boolean(await stat(file).catch(() => undefined));

/** Whether a hand-run git's driver left lines pending (or a recording that crashed left them taken). */
export async function hasPendingLosses(dir: string): Promise<boolean> {
  const path = await gitPath(dir, PENDING_LOSSES_FILE);
  return (await exists(path)) || exists(`${path}${TAKEN}`);
}

/** ORIG_HEAD: where HEAD was before the last merge or rebase, if git recorded it. */
export async function origHead(dir: string): Promise<string | undefined> {
  return (await gitTest(['rev-parse', '--verify', '--quiet', 'ORIG_HEAD^{commit}'], { cwd: dir }))?.stdout.trim() || undefined;
}
