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
import { onDisk, placeOf, readRecord } from '../store/integrity.js';
import { describeLoss, lossesOf } from '../store/manifest.js';
import type { ShardState } from '../store/shard-state.js';
import { keyOf } from '../model.js';
import { git } from './run-git.js';
import { tightenModes } from './pool-lock.js';
import type { PulledShards } from './pulled-shards.js';

/** Accounts named per shard whose accounts vanished: enough to find them, never a password. */
const NAMED = 5;

/**
 * The shards a pull changed, read as every write reads them, and the accounts' home shards they
 * are looked up in: a pull of an allocation reads a few shards, never the whole pool (a whole
 * read of 1,000,000 accounts: 9 s CPU, 860 MB).
 */
class ChangedShards {
  private readonly states = new Map<string, ShardState>();
  /** Each read shard's keys to their first index (ShardState.indexOfKey answers for paged files only). */
  private readonly indexes = new Map<string, Map<string, number>>();
  constructor(private readonly pool: Pool) {}

  async state(name: string): Promise<ShardState> {
    let state = this.states.get(name);
    if (!state) this.states.set(name, (state = await this.pool.readShard(name, { verify: true })));
    return state;
  }

  /** Where the account is in `name`'s shard, as file:line; undefined when not there. */
  async placeIn(name: string, key: string): Promise<string | undefined> {
    const state = await this.state(name);
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      if (!state.absent) state.keys().forEach((k, i) => index!.has(k) || index!.set(k, i));
      this.indexes.set(name, index);
    }
    const at = index.get(key);
    return at === undefined ? undefined : placeOf(state, at);
  }
}

/** Losses against the record, unreadable shards, accounts twice: among the shards `names` and the homes of their accounts. */
async function writeProblems(pool: Pool, shards: ChangedShards, names: readonly string[]): Promise<string[]> {
  const recorded = await readRecord(pool.layout.manifest);
  const problems = recorded.error ? [recorded.error.message] : [];
  const states = await Promise.all(names.map((name) => shards.state(name)));
  if (recorded.record) {
    const record = recorded.record.manifest;
    const of = new Map(names.filter((name) => record.has(name)).map((name) => [name, record.get(name)]));
    problems.push(...lossesOf(of, onDisk(states)).map(describeLoss));
  }
  // The untouched shards' accounts held away from home: a changed shard's account one of them holds is held twice,
  // wherever the pull put it (its home included, where no other lookup would find the first). Off the shards'
  // indexes (1,000,000 accounts in 64 shards: 0.08-0.10 s CPU, 100 MB; 6.7 s once where no index was made yet,
  // as the next allocation would make them).
  const changed = new Set(names);
  const strays = await pool.strayPlaces((await pool.shardNames(recorded.record?.manifest.keys())).filter((name) => !changed.has(name)));
  const first = new Map<string, { name: string; index: number }>();
  for (const [s, state] of states.entries()) {
    if (state.absent) continue;
    for (let index = 0; index < state.size; index++) {
      const key = state.keyAt(index);
      const earlier = first.get(key);
      const home = pool.shardNameOf(key);
      let there: string | undefined;
      if (earlier) there = await placeOf(await shards.state(earlier.name), earlier.index);
      else if (home !== names[s] && !changed.has(home)) there = await shards.placeIn(home, key);
      if (!earlier && !there) for (const away of strays.get(key) ?? []) there ??= await shards.placeIn(away, key);
      if (!earlier) first.set(key, { name: names[s]!, index });
      if (there) problems.push(`account ${state.accountAt(index).username} is in ${there} and in ${await placeOf(state, index)} (usernames are one account however they are capitalised): keep one`);
    }
  }
  return problems;
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
  const shards = new ChangedShards(pool);
  let problems: string[];
  try {
    problems = await writeProblems(pool, shards, names);
    const present = async (key: string) => {
      for (const name of names) if ((await shards.placeIn(name, key)) !== undefined) return true;
      return (await shards.placeIn(pool.shardNameOf(key), key)) !== undefined;
    };
    for (const path of held) {
      const gone = await vanished(pulled, path, present);
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
