// The pool after a rebase took a peer's commits, checked as every write here will check it.
//
// A peer's commit that cut a shard short (fewer accounts than its record says), left a shard that
// does not parse, or put an account into a second shard was taken by sync, and then every write
// on every host that synced refused the pool (integrity.ts) until a hand repaired it: one push
// stopped every host. A commit that cut a shard and lowered its record to match passed that check
// and dropped the accounts here for good. The store never removes an account (no transaction
// deletes one), so a sync that leaves fewer of them than HEAD held is a peer's damage, never a
// change to take.
//
// Checked after the rebase, not before: what matters is the pool the merge leaves (the merge
// driver combines both sides), and the check is the store's own read, the one every write makes.
// On a finding the rebase is undone (`reset --keep` to HEAD as it was before it, which keeps an
// operator's uncommitted edit of accountpool.yaml): the pool is exactly as before the sync.
import { basename, join } from 'node:path';
import type { Pool } from '../store/pool.js';
import { AppError, FileError } from '../errors.js';
import { decodeShard } from '../store/shard-codec.js';
import { git } from './run-git.js';
import { tightenModes } from './pool-lock.js';
import { blobText } from './blob-read.js';

/** Accounts named per shard whose accounts vanished: enough to find them, never a password. */
const NAMED = 5;

/** What a shard's accounts were at `before` and are no longer anywhere in `snapshot`'s pool. */
async function vanished(dir: string, before: string, path: string, present: (username: string) => boolean): Promise<string | undefined> {
  const text = await blobText(dir, before, path);
  let usernames: string[];
  try {
    usernames = decodeShard(basename(path, '.yaml'), path, text).accounts.map((a) => a.username);
  } catch {
    return undefined; // HEAD's own shard did not read: every write here refused it already
  }
  const gone = usernames.filter((username) => !present(username));
  if (gone.length === 0) return undefined;
  const names = gone.slice(0, NAMED).join(', ') + (gone.length > NAMED ? `, and ${gone.length - NAMED} more` : '');
  return `${join(dir, path)}: ${gone.length} of the accounts it held here are in no shard after the pull (${names})`;
}

/**
 * Throws, having put HEAD and the work tree back to `before`, when the pool the rebase onto
 * `remoteHead` left is one no write here accepts (a shard cut short or unreadable, an account
 * held twice) or lacks an account HEAD held at `before`. Names the remote's commits that changed
 * the shards at fault and what was found.
 */
export async function refuseDamageTaken(pool: Pool, dir: string, before: string, remote: string, remoteHead: string): Promise<void> {
  // `STATUS\0PATH\0` pairs; a shard added since held nothing here.
  const fields = (await git(['diff', '--name-status', '-z', '--no-renames', before, 'HEAD', '--', 'shards/'], { cwd: dir })).stdout.split('\0');
  const changed: string[] = [];
  const held: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    changed.push(fields[i + 1]!);
    if (fields[i] !== 'A' && fields[i + 1]!.endsWith('.yaml')) held.push(fields[i + 1]!);
  }
  if (changed.length === 0) return; // nothing of the shards or their record taken: the pool is as every write here left it
  let problems: string[];
  try {
    const { snapshot, lost, twice } = await pool.readWithLosses();
    problems = [...lost, ...twice];
    for (const path of held) {
      const gone = await vanished(dir, before, path, (username) => snapshot.get(username) !== undefined);
      if (gone) problems.push(gone);
    }
  } catch (error) {
    if (!(error instanceof FileError) && !(error instanceof AppError)) throw error;
    problems = [error.message];
  }
  if (problems.length === 0) return;
  const commits = (await git(['log', '--format=%h %s', '-n', '5', `${before}..${remoteHead}`, '--', ...changed], { cwd: dir })).stdout.trim().split('\n').filter(Boolean);
  await undo(dir, before);
  throw new AppError(
    `${remote} (commit ${remoteHead.slice(0, 12)}) leaves the pool as no write here accepts: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}. ` +
      `Its commits that changed those shards, newest first: ${commits.join('; ') || 'none found'}. ` +
      `The pull was undone: nothing was synced or changed here, and the pool still writes. ` +
      `Whoever committed it puts the accounts back (\`git revert\`, or the shard from the commit before), then sync here again`,
  );
}

/** HEAD and the work tree back to `before`; an uncommitted edit of a file the pull did not change is kept. */
async function undo(dir: string, before: string): Promise<void> {
  await git(['reset', '--quiet', '--keep', before], { cwd: dir }).catch(() => git(['reset', '--quiet', '--hard', before], { cwd: dir }));
  await tightenModes(dir);
}
