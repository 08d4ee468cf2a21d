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
// HEAD moved back to an ancestor of that commit (a reset throwing the peer's commit away).
import type { LiveHold, Published } from '../store/live-holds.js';
import { git, gitTest } from './run-git.js';

/**
 * The most bytes of held lines read at once (~250 bytes a line: ~130,000 live holds; git's output
 * is held whole, twice while joined, under issue 16's 300 MB): past it nothing is learned that time,
 * as before stop 57 (a peer's commit of a million held lines cannot cost this host its memory).
 */
const MAX_BYTES = 32 * 1024 * 1024;

/** The account a shard's line holds as the store writes it (`"name": {...}`), or undefined where the line is another shape (hand-written YAML). */
function heldOn(line: string, now: string): LiveHold | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(`{${line}}`);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [username, account] = entries[0]!;
  if (typeof account !== 'object' || account === null) return undefined;
  const { holder, held_until: until, allocated_at: at } = account as Record<string, unknown>;
  if (typeof holder !== 'string' || typeof until !== 'string' || until <= now) return undefined;
  return { username, holder, at: typeof at === 'string' ? at : '', until, prev: null };
}

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
    // HEAD an ancestor of the commit learned from: moved back (`git reset --hard ORIG_HEAD`), not on
    // to a peer's release. Asked only where a learned hold would be ended (one git process, rarely).
    const from = since;
    const movedBack = shards && from ? async () => (await gitTest(['merge-base', '--is-ancestor', head, from], { cwd: dir })) !== undefined : undefined;
    return { source: head, holds, shards, movedBack };
  };
}
