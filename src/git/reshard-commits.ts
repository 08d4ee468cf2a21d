// The commits a sync's replay across a reshard reads and makes (reshard-replay.ts, reshard-across.ts):
// a commit's shard count and tree, and a commit made of a tree built off the pool's folder.
import { git } from './run-git.js';
import { settingsTextAt, shardCountIn } from './peer-settings.js';
import { HOST_TRAILER, hostNameOf } from './clock-host.js';

/** The shard count accountpool.yaml says at `commit` (the default when the file or key is absent). */
export async function shardsAt(dir: string, commit: string): Promise<number> {
  return shardCountIn(commit, await settingsTextAt(dir, commit));
}

/** The commit's tree (one git process). */
export async function treeOf(dir: string, commit: string): Promise<string> {
  return (await git(['rev-parse', `${commit}^{tree}`], { cwd: dir })).stdout.trim();
}

/** A commit of `tree` on `parent`, with this host's trailer as every commit of the pool has it. */
export async function commitTree(dir: string, tree: string, parent: string, message: string): Promise<string> {
  const trailer = `${HOST_TRAILER}: ${await hostNameOf(dir)}`;
  return (await git(['commit-tree', tree, '-p', parent, '-m', message, '-m', trailer], { cwd: dir })).stdout.trim();
}
