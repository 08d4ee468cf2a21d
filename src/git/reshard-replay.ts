// `sync` across a reshard: another host resharded the pool (src/store/reshard.ts) and pushed,
// while this host has commits on the old layout that it has not published.
//
// git cannot rebase those commits onto the remote: each changes an old shard file the reshard
// deleted (a modify/delete conflict, which no merge driver sees). But resharding is a pure
// function of the accounts (every account's home is a hash of its name, every shard is written
// canonically), so this host can make the same step itself:
//   1. rebase our commits onto the remote's last commit before its reshard commit X (same layout
//      as ours: shard files merge through the merge driver as in any sync);
//   2. reshard our pool to X's count (one journaled transaction, committed with accountpool.yaml);
//   3. give that state X as its parent instead: one commit whose difference from X is exactly
//      what our commits changed, account by account, now in the new layout (same tree, so only
//      the branch moves, no file);
//   4. sync as usual: that one commit rebases onto the remote through the merge driver.
// X must be the other host's reshard of X's parent and nothing else; `verify --fix` makes it so
// (it writes the change log into the shards, and commits, before it reshards).
// Anything else (both hosts resharded, the remote resharded twice) is refused with the way out.
import { parseConfig } from '../config-file.js';
import { CONFIG_FILE } from '../store/layout.js';
import { AppError } from '../errors.js';
import { git, gitTest } from './run-git.js';
import { HOST_TRAILER, hostNameOf } from './clock-host.js';

/** The shard count accountpool.yaml says at `commit` (the default when the file or key is absent). */
async function shardsAt(dir: string, commit: string): Promise<number> {
  const shown = await gitTest(['show', `${commit}:${CONFIG_FILE}`], { cwd: dir });
  return parseConfig(`${CONFIG_FILE} at ${commit.slice(0, 12)}`, shown?.stdout ?? '').shards;
}

export interface RemoteReshard {
  /** The remote's commit that changed the shard count. */
  commit: string;
  from: number;
  to: number;
}

/**
 * When the remote changed the shard count since it and HEAD parted (the merge base): the commit
 * that did, once. Throws (nothing changed) when the layouts cannot be replayed: this host
 * resharded too, or the remote did more than once.
 */
export async function remoteReshard(dir: string, remoteHead: string, outgoing: number): Promise<RemoteReshard | undefined> {
  const base = (await git(['merge-base', 'HEAD', remoteHead], { cwd: dir })).stdout.trim();
  const [atBase, atRemote, atHead] = await Promise.all([shardsAt(dir, base), shardsAt(dir, remoteHead), shardsAt(dir, 'HEAD')]);
  if (atBase === atRemote || outgoing === 0) return undefined; // nothing to replay: a plain rebase (or fast-forward) takes it
  const touching = (await git(['rev-list', '--reverse', '--first-parent', `${base}..${remoteHead}`, '--', CONFIG_FILE], { cwd: dir })).stdout.split('\n').filter(Boolean);
  const changes: RemoteReshard[] = [];
  let before = atBase;
  for (const commit of touching) {
    const count = await shardsAt(dir, commit);
    if (count !== before) changes.push({ commit, from: before, to: count });
    before = count;
  }
  const way = `The pool is as it was before the sync. See "Resharding a shared pool" in docs/git.md`;
  if (atHead !== atBase) {
    throw new AppError(
      `both this host (${atBase} -> ${atHead} shards) and the remote (${atBase} -> ${atRemote}) resharded the pool since they last synced, and this host has ${outgoing} unpublished commits: they cannot be merged. ${way}`,
    );
  }
  if (changes.length !== 1) {
    throw new AppError(`the remote resharded the pool ${changes.length} times (${atBase} -> ${atRemote} shards) since this host last synced, and this host has ${outgoing} unpublished commits on the ${atBase}-shard layout: they cannot be replayed. ${way}`);
  }
  return changes[0];
}

/**
 * Step 3: the commits since `reshard`'s parent (ours, rebased, and our own reshard) become one
 * commit whose parent is the remote's reshard commit, with the same tree: the branch moves, the
 * working tree does not.
 */
export async function reparentOnto(dir: string, reshard: RemoteReshard, replayed: number): Promise<void> {
  const tree = (await git(['rev-parse', 'HEAD^{tree}'], { cwd: dir })).stdout.trim();
  const message = `replay ${replayed} commits made on the ${reshard.from}-shard layout onto the pool resharded to ${reshard.to} shards by ${reshard.commit.slice(0, 12)}`;
  const trailer = `${HOST_TRAILER}: ${await hostNameOf(dir)}`;
  const commit = (await git(['commit-tree', tree, '-p', reshard.commit, '-m', message, '-m', trailer], { cwd: dir })).stdout.trim();
  await git(['reset', '--soft', commit], { cwd: dir });
}
