// `sync` across any number of reshards on either side: the cases reshard-replay.ts's step by step
// replay cannot take (the remote resharded twice, 1 -> 16 -> 64; this host committed after its own
// reshard; both) and this host's own unpublished reshard with the peers' commits on the old layout.
//
// Resharding is a pure function of the accounts (every account's home is a hash of its name, every
// shard written canonically), so any two commits resharded to one count compare account by
// account, whatever layouts lay between. With B the commit where HEAD and the remote parted, and T
// the count the replay leaves (the remote's when it resharded: this host's reshard gives way, as
// in reshard-replay.ts; else HEAD's, this host's reshard made again on top):
//   1. the remote's head R, resharded to T when it is not on T already (a commit on R: the push
//      stays a fast-forward);
//   2. B and HEAD resharded to T: their difference is everything this host's commits changed,
//      account by account, in the new layout;
//   3. that difference put on step 1's commit through the merge driver, as one commit (pickOnto).
// All of it off the pool's folder, in a scratch worktree (reshard-scratch.ts): the caller moves the
// branch and the files once, to a whole result. A sync killed at any step before leaves HEAD, its
// layout and every commit of this host as they were, and the next sync does it all again: no step
// is left pending (until stop 48 this host's reshard was taken off in the pool's folder and made
// again only after the rebase: a kill between left the pool on the old layout with no reshard).
import type { HoldRule } from './merge-accounts.js';
import { commitTree, shardsAt, treeOf } from './reshard-commits.js';
import { pickOnto, reshardedTree, type Picked } from './reshard-scratch.js';

export interface AcrossChange {
  by: 'across';
  /** Where HEAD and the remote parted. */
  base: string;
  /** The count the replay leaves: the remote's head's when it resharded, else HEAD's. */
  to: number;
  /** Each side's reshards since `base`, as said to the operator (`1 -> 16, then 16 -> 64`; empty: none). */
  theirs: string;
  ours: string;
}

/** `commit`'s tree with its pool on `count` shards: its own tree when it is on that count already. */
async function treeOn(dir: string, commit: string, count: number): Promise<string> {
  return (await shardsAt(dir, commit)) === count ? treeOf(dir, commit) : reshardedTree(dir, commit, count);
}

/** Steps 1 to 3: the commit the branch moves to (a descendant of `remoteHead`); throws, nothing changed, when git cannot merge a file. */
export async function replayAcross(dir: string, change: AcrossChange, remoteHead: string, replayed: number, holds: HoldRule, now: Date): Promise<Picked> {
  const from = await shardsAt(dir, remoteHead);
  const onto = from === change.to ? remoteHead : await commitTree(dir, await reshardedTree(dir, remoteHead, change.to), remoteHead, `reshard the pool: ${from} -> ${change.to} shards (this host's reshard, made again on the commits other hosts published)`);
  const [base, ours] = [await treeOn(dir, change.base, change.to), await treeOn(dir, 'HEAD', change.to)];
  const message = `replay ${replayed} commits made here across reshards (${[change.ours && `here ${change.ours}`, change.theirs && `remote ${change.theirs}`].filter(Boolean).join('; ')}) onto the pool on ${change.to} shards`;
  // Nothing of the remote's since B but the layout: our resharded pool is the result's very tree.
  if (base === (await treeOf(dir, onto))) return { commit: await commitTree(dir, ours, onto, message), lost: [] };
  const parent = await commitTree(dir, base, change.base, `${change.base.slice(0, 12)} resharded to ${change.to} shards, nothing else`);
  return pickOnto(dir, onto, await commitTree(dir, ours, parent, message), holds, now);
}

