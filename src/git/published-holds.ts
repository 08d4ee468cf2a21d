// The holds other hosts published, as the record of live holds learns them (src/store/live-holds.ts,
// PublishedHolds): until stop 57 the record knew only the holds this host's writers made, so after
// a pull (`sync`, `allocate --sync`, a hand-run `git pull`, fast-forward or merged) an older shard
// put back (`git checkout HEAD~1 -- shards/`, a backup copied over) freed a peer's hold unseen and
// the next allocate handed the account to a second scanner (docs/scale-log.md, stop 57 R).
//
// Learned from HEAD, not from what a pull brought: HEAD is what every way of taking a peer's
// commits ends at (our sync's rebase, the merge driver under a hand-run merge, a fast-forward that
// runs no driver at all), and an older shard put back by hand leaves it where it was. Read only
// where the shards are not the files the last write here left (a pull changed them), and then only
// the shards changed between the commit the record last learned from and HEAD (`git diff
// --name-only`), of whose lines only those naming `held_until` (`git grep` over HEAD's blobs:
// git reads them, node sees a held account's line, never the rest of a 1,000,000-account pool).
// With no such commit (a fresh clone, the record lost with `.cache`, gc'd after a reset) every
// shard is grepped: the record is made again from every hold HEAD has. The shards read are named
// too: a hold learned before whose account is in one of them with no held line is free at HEAD
// (a peer's release, by hand too), and is ended in the record rather than taken as put back, unless
// HEAD no longer keeps the commit that published it (stop 58 R): a reset to before it, or a forced
// push that dropped it, taken by a hand-run `git pull --rebase` or `git reset --hard origin/main`,
// shows the account free without anyone releasing it (until stop 58 that was taken as a release,
// and the next allocate handed the peer's held accounts to a second scanner).
import { heldOn, type LiveHold, type Published } from '../store/live-holds.js';
import { keyOf } from '../model.js';
import { git, gitTest } from './run-git.js';
import { droppedAt, noteDroppedAt } from './dropped-holds-cache.js';

/**
 * The most bytes of held lines read at once (~250 bytes a line: ~130,000 live holds; git's output
 * is held whole, twice while joined, under issue 16's 300 MB): past it nothing is learned that time,
 * as before stop 57 (a peer's commit of a million held lines cannot cost this host its memory).
 */
const MAX_BYTES = 32 * 1024 * 1024;

/** The PublishedHolds of the git pool in `dir` (src/cli/open-pool.ts sets it on a pool shared through git). */
export function publishedHoldsIn(dir: string) {
  return async (since: string | undefined, now: string): Promise<Published | undefined> => {
    const head = (await gitTest(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: dir }))?.stdout.trim();
    if (!head) return undefined; // no commit yet: nothing published
    if (head === since) return { source: head, holds: [] };
    let paths = ['shards/*.yaml'];
    let shards: string[] | undefined; // the shards read (names); undefined: every one
    if (since !== undefined && /^[0-9a-f]{40,64}$/.test(since)) {
      // A commit git no longer has (gc'd after a reset) fails the diff: every shard is read instead.
      const changed = await git(['diff', '--name-only', '--no-renames', '-z', since, head, '--', 'shards/'], { cwd: dir }).then(
        (result) => result.stdout.split('\0'),
        () => undefined,
      );
      if (changed) {
        paths = changed.filter((path) => /^shards\/[^/]+\.yaml$/.test(path));
        if (paths.length === 0) return { source: head, holds: [], shards: [] };
        shards = paths.map((path) => path.slice('shards/'.length, -'.yaml'.length));
      }
    }
    // `-h`: no `HEAD:path:` before each line; exit 1 (no line matched): no hold.
    const found = await gitTest(['grep', '-h', '-F', '--no-color', '-I', '-e', '"held_until"', head, '--', ...paths], { cwd: dir, maxBytes: MAX_BYTES });
    const holds: LiveHold[] = [];
    for (const line of (found?.stdout ?? '').split('\n')) {
      const hold = line.startsWith('"') ? heldOn(line, now) : undefined;
      if (hold) holds.push(hold);
    }
    const dropped = since !== undefined ? (ending: readonly { hold: LiveHold; shard: string }[]) => droppedFrom(dir, head, since, ending) : undefined;
    return { source: head, holds, shards, dropped };
  };
}

const isCommit = (text: string | undefined): text is string => text !== undefined && /^[0-9a-f]{40,64}$/.test(text);

/**
 * Of the learned holds HEAD shows free, the keys of those HEAD does not show released: each was
 * learned at a commit (`from`, else `since`) that held it; a release is a commit made on top of
 * one that held it, so HEAD keeps that commit, or (where this host's own commits were rebased
 * since: `sync`, `git pull --rebase`) shares with it an older one that held it too. Neither (a
 * forced push dropped the peer's commit, a reset moved HEAD back before it, a commit git no longer
 * has): dropped, not released. Asked only where a learned hold would be ended: one `git rev-list`
 * (which of the commits learned from HEAD does not keep), and for each it does not keep a
 * `merge-base` and a `grep` of the shards of its holds.
 */
async function droppedFrom(dir: string, head: string, since: string, ending: readonly { hold: LiveHold; shard: string }[]): Promise<Set<string>> {
  const dropped = new Set<string>();
  const byFrom = new Map<string, { hold: LiveHold; shard: string }[]>();
  for (const end of ending) {
    const from = end.hold.from ?? since;
    if (!isCommit(from)) dropped.add(keyOf(end.hold.username));
    else byFrom.set(from, [...(byFrom.get(from) ?? []), end]);
  }
  if (byFrom.size === 0) return dropped;
  // Commits reachable from those learned from but not from HEAD: where none of them is listed, HEAD keeps them all (the usual pull).
  const unkept = await gitTest(['rev-list', ...byFrom.keys(), '--not', head], { cwd: dir, maxBytes: 16 * 1024 * 1024 }).catch(() => undefined);
  const listed = unkept === undefined ? undefined : new Set(unkept.stdout.split('\n'));
  // Learned at a commit git no longer has (this host's own, rebased since by `sync` or a hand-run
  // `git pull --rebase`, then pruned by `git gc`): asked of HEAD's own history instead (keptInHistory).
  const pruned: { hold: LiveHold; shard: string }[] = [];
  for (const [from, ends] of byFrom) {
    if (listed && !listed.has(from)) continue;
    // A commit git no longer has fails here too.
    const base = (await gitTest(['merge-base', from, head], { cwd: dir }).catch(() => undefined))?.stdout.trim();
    if (!isCommit(base) && !(await hasCommit(dir, from))) {
      pruned.push(...ends);
      continue;
    }
    const heldThere = new Set<string>();
    if (isCommit(base)) {
      const paths = [...new Set(ends.map((end) => `shards/${end.shard}.yaml`))];
      const found = await gitTest(['grep', '-h', '-F', '--no-color', '-I', '-e', '"held_until"', base, '--', ...paths], { cwd: dir, maxBytes: MAX_BYTES }).catch(() => undefined);
      for (const line of (found?.stdout ?? '').split('\n')) {
        const hold = line.startsWith('"') ? heldOn(line, '') : undefined; // any end: the same hold (holder, time) is what is asked
        if (hold) heldThere.add(holdId(hold));
      }
    }
    for (const { hold } of ends) if (!heldThere.has(holdId(hold))) dropped.add(keyOf(hold.username));
  }
  if (pruned.length > 0) {
    const kept = await keptInHistory(dir, head, pruned);
    for (const { hold } of pruned) if (!kept.has(holdId(hold))) dropped.add(keyOf(hold.username));
  }
  return dropped;
}

/** The same hold (account, holder, time), whatever its end. */
const holdId = (hold: LiveHold) => `${keyOf(hold.username)}\0${hold.holder}\0${hold.at}`;

/** Whether git has `commit` (a pruned one fails `cat-file -e`). */
async function hasCommit(dir: string, commit: string): Promise<boolean> {
  return git(['cat-file', '-e', `${commit}^{commit}`], { cwd: dir }).then(
    () => true,
    () => false,
  );
}

/**
 * How far before a hold's `allocated_at` the commit that ended it may be dated: the commits are
 * dated by each host's clock, and clocks up to two days apart are what holds are timed for
 * (docs/guarantees.md, "Clocks that disagree"). Further apart: not found, the hold stays named.
 */
const CLOCKS_APART_MS = 2 * 24 * 60 * 60 * 1000;

/** Usernames asked of `git log -G` at once (an alternation of that many JSON keys). */
const PER_SEARCH = 500;

/**
 * Of `ends` (learned at a commit git no longer has: stop 59 R), the holds HEAD's own history
 * shows held and then changed: a commit HEAD keeps took a line holding exactly that hold (name,
 * holder, time) away, so its parent, also kept, held it, and HEAD showing it free is that
 * commit's release (the rule a kept commit gives, above). A hold HEAD's history never held (a
 * forced push dropped the commit that published it) is found nowhere: it stays dropped. One
 * `git log -G` of the shards concerned, over the commits dated since the oldest hold (less the
 * clocks' two days), printing only those whose diff adds or removes one of the accounts' lines
 * (`-U0`); past MAX_BYTES of that, nothing is found (every hold stays named).
 */
async function keptInHistory(dir: string, head: string, ends: readonly { hold: LiveHold; shard: string }[]): Promise<Set<string>> {
  const kept = new Set<string>();
  // Found not kept at this very HEAD by an earlier command: not asked again (dropped-holds-cache.ts).
  const known = await droppedAt(dir, head);
  const asked = ends.filter(({ hold }) => !known.has(holdId(hold)));
  const wanted = new Set(asked.map(({ hold }) => holdId(hold)));
  let searched = true;
  for (let i = 0; i < asked.length; i += PER_SEARCH) {
    const some = asked.slice(i, i + PER_SEARCH);
    const times = some.map(({ hold }) => Date.parse(hold.at));
    const since = times.every(Number.isFinite) ? Math.min(...times) - CLOCKS_APART_MS : undefined;
    // A POSIX extended regular expression (git's -G): each account's line opens with its name as JSON.
    const names = [...new Set(some.map(({ hold }) => JSON.stringify(hold.username).replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')))];
    const paths = [...new Set(some.map(({ shard }) => `shards/${shard}.yaml`))];
    const args = ['log', '--no-color', '--no-renames', '--no-ext-diff', '--no-textconv', '-U0', '--format=', '-p', `-G(${names.join('|')}): \\{`, ...(since !== undefined ? [`--since=${new Date(since).toISOString()}`] : []), head, '--', ...paths];
    const found = await git(args, { cwd: dir, maxBytes: MAX_BYTES }).catch(() => undefined);
    if (found === undefined) searched = false;
    for (const line of (found?.stdout ?? '').split('\n')) {
      if (!line.startsWith('-"')) continue;
      const hold = heldOn(line.slice(1).replace(/,\s*$/, ''), '');
      if (hold && wanted.has(holdId(hold))) kept.add(holdId(hold));
    }
  }
  // A search that failed (past MAX_BYTES, git refused) found nothing: not noted, asked again next time.
  if (asked.length > 0 && searched) await noteDroppedAt(dir, head, new Set(ends.map(({ hold }) => holdId(hold)).filter((id) => !kept.has(id))));
  return kept;
}
