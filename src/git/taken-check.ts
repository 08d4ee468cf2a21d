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
// driver combines both sides), read as every write reads it, but only the shards the pull changed
// and the home shards of their accounts.
// On a finding the rebase is undone (`reset --keep` to HEAD as it was before it, which keeps an
// operator's uncommitted edit of accountpool.yaml): the pool is exactly as before the sync.
import { basename, join } from 'node:path';
import type { Pool } from '../store/pool.js';
import { AppError, FileError } from '../errors.js';
import { placeOf, readRecord } from '../store/integrity.js';
import { describeLoss, lossesOf, type ShardOnDisk } from '../store/manifest.js';
import type { ShardState } from '../store/shard-state.js';
import { keyOf } from '../model.js';
import { git } from './run-git.js';
import { tightenModes } from './pool-lock.js';
import type { PulledShards } from './pulled-shards.js';

/** Accounts named per shard whose accounts vanished: enough to find them, never a password. */
const NAMED = 5;
/** Accounts held twice named with both places (a shard read again for each): the refusal shows ten problems. */
const PLACED = 10;

/**
 * The shards a pull changed, each read as every write reads it (verified) once, one at a time,
 * and let go: kept are each account's key and place, to look accounts up in and to find one held
 * twice. Held whole, a pull that touched every shard (an allocation of a few hundred at 64
 * shards, a reshard) held every account decoded at once (stop 49: 850-960 MB at 1,000,000
 * accounts; the keys and places: ~60 MB). A shard is read again only to name a finding.
 */
class ChangedShards {
  /** Every changed shard's accounts by key, to the first one's place: its shard's start + its index. */
  private readonly places = new Map<string, number>();
  /** Where each changed shard's accounts start among the places, in `names` order. */
  private readonly starts: number[] = [];
  /** The accounts of the changed shards read so far. */
  private total = 0;
  /** Shards the pull left alone that a lookup read (the homes of strays), by key to their first index. */
  private readonly others = new Map<string, Map<string, number>>();
  readonly changed: ReadonlySet<string>;

  constructor(
    private readonly pool: Pool,
    readonly names: readonly string[],
  ) {
    this.changed = new Set(names);
  }

  /** Reads changed shard `names[s]` (verified), in order; `start`: its accounts' first place. Not kept. */
  async read(s: number): Promise<{ state: ShardState; start: number }> {
    const state = await this.pool.readShard(this.names[s]!, { verify: true });
    const start = this.total;
    this.starts.push(start);
    this.total += state.absent ? 0 : state.size;
    return { state, start };
  }

  /** The place of changed account `key` seen first (its shard's start + index), noting `at` where it is the first. */
  firstOf(key: string, at: number): number | undefined {
    const earlier = this.places.get(key);
    if (earlier === undefined) this.places.set(key, at);
    return earlier;
  }

  /** Where place `at` of the changed shards is, as file:line (its shard read again). */
  async placeAt(at: number): Promise<string> {
    let s = this.starts.length - 1;
    while (this.starts[s]! > at) s--;
    return placeOf(await this.pool.readShard(this.names[s]!, { verify: true }), at - this.starts[s]!);
  }

  /** Where `key` is in unchanged shard `name` (its index; undefined when not there): its keys read once, then kept. */
  async indexIn(name: string, key: string): Promise<number | undefined> {
    let index = this.others.get(name);
    if (!index) {
      const state = await this.pool.readShard(name, { verify: true });
      index = new Map();
      for (let i = 0; i < (state.absent ? 0 : state.size); i++) if (!index.has(state.keyAt(i))) index.set(state.keyAt(i), i);
      this.others.set(name, index);
    }
    return index.get(key);
  }

  /** Unchanged shard `name`'s account at `index`, as file:line (read again). */
  async placeIn(name: string, index: number): Promise<string> {
    return placeOf(await this.pool.readShard(name, { verify: true }), index);
  }

  /** Whether `key` is anywhere the pull left it: a changed shard, or its home. */
  async present(key: string): Promise<boolean> {
    if (this.places.has(key)) return true;
    const home = this.pool.shardNameOf(key);
    return !this.changed.has(home) && (await this.indexIn(home, key)) !== undefined;
  }
}

/**
 * Losses against the record, unreadable shards, accounts twice: among the changed shard files
 * `paths` (each shown to `pulled`'s watchers as read: the clock sightings) and the homes of their accounts.
 */
async function writeProblems(pool: Pool, pulled: PulledShards, shards: ChangedShards, paths: readonly string[]): Promise<string[]> {
  const names = shards.names;
  const recorded = await readRecord(pool.layout.manifest);
  // The untouched shards' accounts held away from home: a changed shard's account one of them holds is held twice,
  // wherever the pull put it (its home included, where no other lookup would find the first). Off the shards'
  // indexes (1,000,000 accounts in 64 shards: 0.08-0.10 s CPU, 100 MB; 6.7 s once where no index was made yet,
  // as the next allocation would make them).
  const { changed } = shards;
  const strays = await pool.strayPlaces((await pool.shardNames(recorded.record?.manifest.keys())).filter((name) => !changed.has(name)));
  const found: ShardOnDisk[] = [];
  const twice: string[] = [];
  for (let s = 0; s < names.length; s++) {
    const { state, start } = await shards.read(s);
    found.push({ name: state.name, file: state.file, size: state.absent ? undefined : state.size });
    if (state.absent) continue;
    pulled.sawAfter(paths[s]!, Array.from({ length: state.size }, (_, index) => state.accountOnceAt(index)));
    for (let index = 0; index < state.size; index++) {
      const key = state.keyAt(index);
      const earlier = shards.firstOf(key, start + index);
      const home = pool.shardNameOf(key);
      let there: (() => Promise<string>) | undefined;
      if (earlier !== undefined) there = () => shards.placeAt(earlier);
      else if (home !== names[s] && !changed.has(home)) {
        const at = await shards.indexIn(home, key);
        if (at !== undefined) there = () => shards.placeIn(home, at);
      }
      if (earlier === undefined && !there) {
        for (const away of strays.get(key) ?? []) {
          const at: number | undefined = await shards.indexIn(away, key);
          if (at !== undefined) {
            there = () => shards.placeIn(away, at);
            break;
          }
        }
      }
      if (!there) continue;
      const { username } = state.accountOnceAt(index);
      // Past the few the refusal shows, not placed: each place named reads a shard again, and a peer's shard of copies holds thousands.
      twice.push(
        twice.length < PLACED
          ? `account ${username} is in ${await there()} and in ${await placeOf(state, index)} (usernames are one account however they are capitalised): keep one`
          : `account ${username} is held twice`,
      );
    }
  }
  const problems = recorded.error ? [recorded.error.message] : [];
  if (recorded.record) {
    const record = recorded.record.manifest;
    const of = new Map(names.filter((name) => record.has(name)).map((name) => [name, record.get(name)]));
    problems.push(...lossesOf(of, found).map(describeLoss));
  }
  return [...problems, ...twice];
}

/** What a shard's accounts were before the pull and are no longer anywhere in the pool. */
async function vanished(pulled: PulledShards, path: string, present: (key: string) => Promise<boolean>): Promise<string | undefined> {
  // This host's own shard (every write here read it whole; undefined: it did not read, every write here refused it already).
  const accounts = await pulled.accountsBefore(path);
  if (accounts === undefined) return undefined;
  const gone: string[] = [];
  for (const { username } of accounts) if (!(await present(keyOf(username)))) gone.push(username);
  if (gone.length === 0) return undefined;
  const names = gone.slice(0, NAMED).join(', ') + (gone.length > NAMED ? `, and ${gone.length - NAMED} more` : '');
  return `${join(pulled.dir, path)}: ${gone.length} of the accounts it held here are in no shard after the pull (${names})`;
}

/**
 * Throws, having put HEAD and the work tree back to `pulled.before`, when the shards the rebase onto
 * `remoteHead` changed (`pulled`, read once for this check and the clock sightings: pulled-shards.ts)
 * are ones no write here accepts (cut short of their record, unreadable, an account held twice) or
 * lack an account HEAD held before it. Names the remote's commits that changed the shards at fault
 * and what was found.
 */
export async function refuseDamageTaken(pool: Pool, pulled: PulledShards, remote: string, remoteHead: string): Promise<void> {
  const { dir, before } = pulled;
  // A shard added since held nothing here, one deleted is tree-record.ts's.
  const { paths: changed, before: held, after } = await pulled.changes();
  const names = after.map((path) => basename(path, '.yaml'));
  if (changed.length === 0) return; // nothing of the shards or their record taken: the pool is as every write here left it
  await pool.followShardCount(); // the homes by the count the pull left (a reshard taken, one of this host's undone)
  const shards = new ChangedShards(pool, names);
  let problems: string[];
  try {
    problems = await writeProblems(pool, pulled, shards, after);
    for (const path of held) {
      const gone = await vanished(pulled, path, (key) => shards.present(key));
      if (gone) problems.push(gone);
    }
  } catch (error) {
    if (!(error instanceof FileError) && !(error instanceof AppError)) throw error;
    problems = [error.message];
  }
  if (problems.length === 0) return;
  const refusal = await damageRefusal(dir, remote, before, remoteHead, problems, changed);
  await undo(dir, before);
  throw refusal;
}

/** The refusal of a pull whose `problems` no write here accepts, naming the remote's commits since `before` that changed `paths` (the sync puts the pool back itself). */
export async function damageRefusal(dir: string, remote: string, before: string, remoteHead: string, problems: readonly string[], paths: readonly string[]): Promise<AppError> {
  const commits = (await git(['log', '--format=%h %s', '-n', '5', `${before}..${remoteHead}`, '--', ...paths], { cwd: dir })).stdout.trim().split('\n').filter(Boolean);
  return new AppError(
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
