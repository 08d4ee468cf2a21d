// `sync` across a reshard: another host resharded the pool (src/store/reshard.ts) and pushed,
// while this host has commits on the old layout that it has not published.
//
// git cannot rebase those commits onto the remote: each changes an old shard file the reshard
// deleted (a modify/delete conflict, which no merge driver sees). But resharding is a pure
// function of the accounts (every account's home is a hash of its name, every shard is written
// canonically), so this host can make the same step itself:
//   1. rebase our commits onto the remote's last commit before its reshard commit X (same layout
//      as ours: shard files merge through the merge driver as in any sync);
//   2. reshard that state to X's count, and X's parent the same way (in a scratch worktree:
//      reshard-scratch.ts; the pool's folder is not touched until the result is whole);
//   3. one commit on X whose difference from X is exactly what our commits changed, account by
//      account, in the new layout: our resharded tree itself when X changed the layout only, else
//      our change from X's parent resharded, put on X through the merge driver (replayOnto);
//   4. sync as usual: that one commit rebases onto the remote through the merge driver.
// `verify --fix` makes X change the layout only (it writes the change log into the shards, and
// commits, before it reshards); a reshard committed with an import (`git.commit` off) is replayed
// as well, none of its accounts lost.
// Both hosts resharded once, this host's reshard its last unpublished commit: it is taken off (what
// else that commit changed kept, on the old layout: takeOffReshard) and the remote's replayed onto.
// Any other mix (one side resharded twice, this host committed after its own reshard, this host's
// reshard alone with the peers' commits on the old layout) is replayed as one change across the
// reshards (reshard-across.ts).
import { CONFIG_FILE } from '../store/layout.js';
import { git } from './run-git.js';
import { commitTree, shardsAt, treeOf } from './reshard-commits.js';
import type { HoldRule } from './merge-accounts.js';
import { pickOnto, reshardedTree, type Picked } from './reshard-scratch.js';
import type { AcrossChange } from './reshard-across.js';

export interface LayoutChange {
  /** The commit that changed the shard count. */
  commit: string;
  from: number;
  to: number;
  /** Another host resharded: ours replayed onto it. */
  by: 'remote';
  /** With `remote`: this host resharded too, its last unpublished commit; taken off first (takeOffReshard), the remote's layout kept. */
  own?: Omit<LayoutChange, 'by' | 'own'>;
}

/** The commits of `base..head` (first parent) that changed the shard count, oldest first. */
async function reshardsIn(dir: string, base: string, head: string): Promise<Omit<LayoutChange, 'by'>[]> {
  const touching = (await git(['rev-list', '--reverse', '--first-parent', `${base}..${head}`, '--', CONFIG_FILE], { cwd: dir })).stdout.split('\n').filter(Boolean);
  if (touching.length === 0) return [];
  const changes: Omit<LayoutChange, 'by'>[] = [];
  let before = await shardsAt(dir, base);
  for (const commit of touching) {
    const count = await shardsAt(dir, commit);
    if (count !== before) changes.push({ commit, from: before, to: count });
    before = count;
  }
  return changes;
}

/**
 * Whether the shard count changed on either side since HEAD and the remote parted, while this host
 * has `outgoing` unpublished commits (none: a fast-forward takes any layout), and how it is
 * replayed: the remote's one reshard step by step (`remote`, this host's own reshard, its last
 * commit, taken off first: `own`); any other mix of reshards on either side, this host's own alone
 * included, as one change across them (reshard-across.ts).
 */
export async function layoutChange(dir: string, remoteHead: string, outgoing: number): Promise<LayoutChange | AcrossChange | undefined> {
  if (outgoing === 0) return undefined;
  // Nearly always: neither side touched accountpool.yaml. One git process tells (sync runs this at every pull).
  if ((await git(['rev-list', '--max-count=1', `HEAD...${remoteHead}`, '--', CONFIG_FILE], { cwd: dir })).stdout.trim() === '') return undefined;
  const base = (await git(['merge-base', 'HEAD', remoteHead], { cwd: dir })).stdout.trim();
  const [theirs, ours] = await Promise.all([reshardsIn(dir, base, remoteHead), reshardsIn(dir, base, 'HEAD')]);
  if (theirs.length === 0 && ours.length === 0) return undefined;
  const head = (await git(['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
  // Two hosts ran `verify --fix` before they synced: ours (its last commit) gives way, what else it changed kept.
  if (theirs.length === 1 && ours.length <= 1 && (ours.length === 0 || ours[0]!.commit === head)) return { ...theirs[0]!, by: 'remote', ...(ours.length === 1 ? { own: ours[0]! } : {}) };
  const said = (changes: typeof ours) => changes.map((c) => `${c.from} -> ${c.to}`).join(', then ');
  return { by: 'across', base, to: (theirs.length > 0 ? theirs : ours).at(-1)!.to, theirs: said(theirs), ours: said(ours) };
}

/**
 * Steps 2 and 3, off the pool's folder (reshard-scratch.ts): HEAD (our commits, rebased onto the
 * commit before the remote's reshard X) resharded to X's count, made one commit on X. Returns it;
 * the caller moves the branch there.
 *
 * What that commit changes from X must be exactly what our commits changed. X's parent resharded
 * the same way here is what X would be had it changed the layout and nothing else: when it is X's
 * very tree, our resharded tree is the commit's tree (X's parent and our work, in the new layout).
 * When X changed accounts too (an import committed with the reshard: `git.commit` off, a hand's
 * `git commit -a`), that tree lacked them and the commit took them back: stop 46 lost accounts so.
 * Then our work, as the change from X's parent resharded, is put on X through the merge driver.
 * `ownReshard`: the commit's tree is our resharded tree itself (the store read that pool whole,
 * found it sound and wrote it canonically); else X's accounts reach it unread here.
 */
export async function replayOnto(dir: string, reshard: LayoutChange, replayed: number, holds: HoldRule, now: Date): Promise<Picked & { ownReshard: boolean }> {
  const message = `replay ${replayed} commits made on the ${reshard.from}-shard layout onto the pool resharded to ${reshard.to} shards by ${reshard.commit.slice(0, 12)}`;
  const ours = await reshardedTree(dir, 'HEAD', reshard.to);
  const layoutOnly = await reshardedTree(dir, `${reshard.commit}^`, reshard.to);
  if (layoutOnly === (await treeOf(dir, reshard.commit))) return { commit: await commitTree(dir, ours, reshard.commit, message), lost: [], ownReshard: true };
  const base = await commitTree(dir, layoutOnly, `${reshard.commit}^`, `${reshard.commit.slice(0, 12)}'s parent resharded to ${reshard.to} shards, nothing else`);
  return { ...(await pickOnto(dir, reshard.commit, await commitTree(dir, ours, base, message), holds, now)), ownReshard: false };
}

/**
 * The mirror case's first step: this host's unpublished reshard (HEAD) taken off so the peers'
 * commits on the old layout can be taken, and made again after. Whatever else that commit changed
 * (accounts imported with it) stays, as a commit on the old layout: HEAD's pool resharded back to
 * the old count. Only when that is HEAD's parent's very tree is the commit dropped whole.
 */
export async function takeOffReshard(dir: string, reshard: Pick<LayoutChange, 'commit' | 'from' | 'to'>): Promise<void> {
  const back = await reshardedTree(dir, 'HEAD', reshard.from);
  const parent = `${reshard.commit}^`;
  const to = back === (await treeOf(dir, parent)) ? parent : await commitTree(dir, back, parent, `what ${reshard.commit.slice(0, 12)} changed besides resharding the pool (${reshard.from} -> ${reshard.to} shards), on the ${reshard.from}-shard layout`);
  await git(['reset', '--quiet', '--hard', to], { cwd: dir });
}
