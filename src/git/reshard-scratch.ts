// A commit's pool resharded, or one commit put on another, away from the pool's own folder: in a
// git worktree of the pool's repository inside .git (the 0700 pool folder: the shards hold
// passwords, never /tmp). A sync's replay across a reshard (reshard-replay.ts) builds its result
// there, so the pool's HEAD and files stay as they were until the result is whole: a sync killed
// midway leaves them untouched, and the next sync removes the leftover worktree and starts again.
import { lstat, rm, symlink } from 'node:fs/promises';
import { Pool } from '../store/pool.js';
import { CONFIG_FILE } from '../store/layout.js';
import { AppError } from '../errors.js';
import { git, GitError } from './run-git.js';
import { gitPath } from './repo.js';
import { tightenModes } from './pool-lock.js';
import type { HoldRule } from './merge-accounts.js';
import { driverEnv } from './merge-clock.js';
import { lostHoldsIn, stillHeldAt, type LostHold } from './lost-holds.js';

/** A replay's commit, and the holds of this host's commits the pick gave to the remote's (lost-holds.ts). */
export interface Picked {
  commit: string;
  lost: LostHold[];
}

const SCRATCH = 'accountpool-replay';

/** Removes the worktree at `scratch` and what git knows of it (a killed sync's too). */
async function removeScratch(dir: string, scratch: string): Promise<void> {
  await rm(scratch, { recursive: true, force: true });
  await git(['worktree', 'prune'], { cwd: dir });
}

/**
 * An encrypted pool's git-crypt keys made the scratch worktree's too, before anything is checked
 * out: git-crypt (0.7) looks for them in the worktree's own git folder (`rev-parse --git-dir`),
 * so its smudge filter failed the checkout and every replay of an encrypted pool was refused.
 */
async function shareCryptKeys(dir: string, scratch: string): Promise<void> {
  const keys = await gitPath(dir, 'git-crypt');
  if (!(await lstat(keys).then(() => true, () => false))) return;
  const link = await gitPath(scratch, 'git-crypt');
  await rm(link, { force: true }); // a killed sync's link, were its worktree's folder left behind
  await symlink(keys, link);
}

/** Runs `work` in a worktree of `dir`'s repository with `commit` checked out (no branch), removed after. */
async function inScratch<T>(dir: string, commit: string, work: (scratch: string) => Promise<T>): Promise<T> {
  const scratch = await gitPath(dir, SCRATCH);
  await removeScratch(dir, scratch);
  await git(['worktree', 'add', '--quiet', '--no-checkout', '--detach', scratch, commit], { cwd: dir });
  try {
    await shareCryptKeys(dir, scratch);
    await git(['reset', '--quiet', '--hard'], { cwd: scratch });
    await tightenModes(scratch); // git wrote the files by its umask
    return await work(scratch);
  } finally {
    await removeScratch(dir, scratch);
  }
}

/** `commit`'s pool refused by the store's reshard (an account in two shards, a shard cut short of its record): what it found, its files named as `commit:path`. */
export class ScratchRefused extends AppError {
  readonly problems: string;
  constructor(
    readonly commit: string,
    scratch: string,
    message: string,
  ) {
    // The store's advice (edit the shards here, `verify --fix`) is for a pool's own folder, not a commit's.
    const problems = message.split(`${scratch}/`).join(`${commit.slice(0, 12)}:`).replace(/\. Nothing was written: [^]*$/, '');
    super(`the pool of commit ${commit.slice(0, 12)} does not reshard here: ${problems}`);
    this.problems = problems;
  }
}

/**
 * The tree of `commit`'s pool with every account moved to its home among `count` shards (the
 * store's own reshard: one canonical result for the same accounts, on any host), and
 * accountpool.yaml saying that count.
 */
export async function reshardedTree(dir: string, commit: string, count: number): Promise<string> {
  return inScratch(dir, commit, async (scratch) => {
    const pool = await Pool.open(scratch); // no afterCommit: only the tree is wanted here, no commit
    await pool.reshard(count).catch((error: unknown) => {
      throw error instanceof AppError && !(error instanceof GitError) ? new ScratchRefused(commit, scratch, error.message) : error;
    });
    await git(['add', '--all', '--force', '--', 'shards', CONFIG_FILE], { cwd: scratch });
    return (await git(['write-tree'], { cwd: scratch })).stdout.trim();
  });
}

/**
 * `change` (one commit) put on `onto` as a rebase would: each shard changed on both sides merged
 * account by account by the merge driver. Returns the new commit and the holds lost in the merge
 * that `change` (this host's work, in the new layout: its last word) still had, as a plain
 * rebase names them; refuses, nothing made, when git cannot merge a file (accountpool.yaml edited
 * on both sides).
 */
export async function pickOnto(dir: string, onto: string, change: string, holds: HoldRule, now: Date): Promise<Picked> {
  const picked = await inScratch(dir, onto, async (scratch) => {
    let stderr: string;
    try {
      ({ stderr } = await git(['cherry-pick', '--keep-redundant-commits', change], { cwd: scratch, env: driverEnv(holds, now) }));
    } catch (error) {
      const unmerged = (await git(['diff', '--name-only', '--diff-filter=U'], { cwd: scratch }).catch(() => undefined))?.stdout.split('\n').filter(Boolean) ?? [];
      throw new AppError(
        `could not put this host's commits on the resharded pool of ${onto.slice(0, 12)}${unmerged.length > 0 ? `: ${unmerged.join(', ')} could not be merged` : ''} (${error instanceof GitError ? error.stderr.trim().split('\n')[0] : (error as Error).message}). Nothing was synced or changed here`,
      );
    }
    return { commit: (await git(['rev-parse', 'HEAD'], { cwd: scratch })).stdout.trim(), lost: lostHoldsIn(stderr.split('\n')) };
  });
  // The driver named the shard files of the new layout, which `change`'s tree is on.
  return { commit: picked.commit, lost: await stillHeldAt(dir, change, picked.lost) };
}
