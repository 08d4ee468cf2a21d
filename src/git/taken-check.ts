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
import { keyOf } from '../model.js';
import { git } from './run-git.js';
import { tightenModes } from './pool-lock.js';
import type { PulledShards } from './pulled-shards.js';

/** Accounts named per shard whose accounts vanished: enough to find them, never a password. */
const NAMED = 5;
/** Accounts held twice named with both places (a shard read again for each): the refusal shows ten problems. */
const PLACED = 10;

/** An account of a changed shard held away from its home shard (a stray, as the pull left it). */
interface Away {
  name: string;
  index: number;
  username: string;
}

/**
 * The shards a pull changed, each read as every write reads it (verified) once, one at a time, and
 * let go. Held whole, a pull that touched every shard (an allocation of a few hundred at 64 shards,
 * a reshard) held every account decoded at once (stop 49: 850-960 MB at 1,000,000 accounts). What
 * later steps need is kept: the strays (an account held twice is held away from home at least
 * once), and, where an old copy has no file of its name after the pull (a reshard), every account's
 * key (~60 MB at 1,000,000). A shard is read again to look up a stray's home or to name a finding.
 */
class ChangedShards {
  /** The changed shards' strays, by key. */
  readonly away = new Map<string, Away[]>();
  /** Every changed shard's keys, when kept (`keepKeys`). */
  private readonly keys: Set<string> | undefined;
  /** Shards read again for a lookup, by key to their first index. */
  private readonly indexes = new Map<string, Map<string, number>>();
  readonly changed: ReadonlySet<string>;

  constructor(
    private readonly pool: Pool,
    readonly names: readonly string[],
    keepKeys: boolean,
  ) {
    this.changed = new Set(names);
    if (keepKeys) this.keys = new Set();
  }

  /** Notes changed shard `name`'s account at `index` (its key, a stray). */
  note(name: string, index: number, key: string, username: () => string): void {
    this.keys?.add(key);
    if (this.pool.shardNameOf(key) === name) return;
    const list = this.away.get(key);
    const away = { name, index, username: username() };
    if (list) list.push(away);
    else this.away.set(key, [away]);
  }

  /** Where `key` is in shard `name` as the pull left it (its index; undefined when not there): its keys read once, then kept. */
  async indexIn(name: string, key: string): Promise<number | undefined> {
    let index = this.indexes.get(name);
    if (!index) {
      const state = await this.pool.readShard(name, { verify: true });
      index = new Map();
      for (let i = 0; i < (state.absent ? 0 : state.size); i++) if (!index.has(state.keyAt(i))) index.set(state.keyAt(i), i);
      this.indexes.set(name, index);
    }
    return index.get(key);
  }

  /** Shard `name`'s account at `index`: its place as file:line and its name as spelled there (the shard read again). */
  async at(name: string, index: number): Promise<{ place: string; username: string }> {
    const state = await this.pool.readShard(name, { verify: true });
    return { place: await placeOf(state, index), username: state.accountOnceAt(index).username };
  }

  /** Whether `key` is anywhere the pull left it (a changed shard, or its home); `not`: a shard known not to hold it. */
  async present(key: string, not?: string): Promise<boolean> {
    if (this.keys?.has(key) || this.away.has(key)) return true;
    const home = this.pool.shardNameOf(key);
    // Kept keys answer for every changed shard.
    if (home === not || (this.keys && this.changed.has(home))) return false;
    return (await this.indexIn(home, key)) !== undefined;
  }
}

/** One account held twice: both places named while few are (the refusal shows ten problems), else only the account. */
async function twiceProblem(found: readonly string[], username: string, first: () => Promise<string>, second: () => Promise<string>): Promise<string> {
  if (found.length >= PLACED) return `account ${username} is held twice`;
  return `account ${username} is in ${await first()} and in ${await second()} (usernames are one account however they are capitalised): keep one`;
}

// Each shard is read in a function of its own, not in checkPulled's loop: an async function's
// frame (and the closures of a loop body) keep their locals across each await, so in the loop a
// new file's decoded state stayed reachable while its old copy decoded, and an old copy while the
// next shard's file decoded (two shards decoded at once, ~30 MB at 1,000,000 accounts). What the
// loop gets back is keys and usernames only.

/**
 * Changed shard `name` (file `path`) read as every write reads it (verified), shown to `pulled`'s
 * watchers, its size put in `found` and its accounts twice in `twice`, its keys and strays noted in
 * `shards`: its keys by their first index, undefined when the file is gone.
 */
async function readChanged(pool: Pool, pulled: PulledShards, shards: ChangedShards, name: string, path: string, found: ShardOnDisk[], twice: string[]): Promise<Map<string, number> | undefined> {
  const state = await pool.readShard(name, { verify: true });
  found.push({ name, file: state.file, size: state.absent ? undefined : state.size });
  if (state.absent) return undefined;
  pulled.sawAfter(path, Array.from({ length: state.size }, (_, index) => state.accountOnceAt(index)));
  const here = new Map<string, number>();
  for (let index = 0; index < state.size; index++) {
    const key = state.keyAt(index);
    const first = here.get(key);
    if (first !== undefined) {
      twice.push(await twiceProblem(twice, state.accountOnceAt(index).username, () => placeOf(state, first), () => placeOf(state, index)));
      continue;
    }
    here.set(key, index);
    shards.note(name, index, key, () => state.accountOnceAt(index).username);
  }
  return here;
}

/** The usernames old copy `path` held that are not keys of `here` (all of them without it); none when that copy did not decode, which every write here refused already. */
async function notIn(pulled: PulledShards, path: string, here?: ReadonlyMap<string, number>): Promise<string[]> {
  const before = await pulled.accountsBefore(path);
  return (before ?? []).filter(({ username }) => !here?.has(keyOf(username))).map(({ username }) => username);
}

/**
 * The pool the pull left, checked: losses against the record, unreadable shards, accounts twice
 * (among the changed shards `paths` and the homes of their accounts), and the accounts of the old
 * copies `held` that are in no shard now. Each new file is shown to `pulled`'s watchers as it is
 * read (the clock sightings), each old copy is read as its new file is, or after them where there is none.
 */
async function checkPulled(pool: Pool, pulled: PulledShards, paths: readonly string[], held: readonly string[]): Promise<string[]> {
  const names = paths.map((path) => basename(path, '.yaml'));
  const now = new Set(paths);
  const paired = new Set(held.filter((path) => now.has(path)));
  const alone = held.filter((path) => !now.has(path));
  const shards = new ChangedShards(pool, names, alone.length > 0);
  const recorded = await readRecord(pool.layout.manifest);
  // The untouched shards' accounts held away from home: a changed shard's account one of them holds is held twice,
  // wherever the pull put it (its home included, where no other lookup would find the first). Off the shards'
  // indexes (1,000,000 accounts in 64 shards: 0.08-0.10 s CPU, 100 MB; 6.7 s once where no index was made yet,
  // as the next allocation would make them).
  const { changed } = shards;
  const strays = await pool.strayPlaces((await pool.shardNames(recorded.record?.manifest.keys())).filter((name) => !changed.has(name)));
  const found: ShardOnDisk[] = [];
  const twice: string[] = [];
  /** The old copies' accounts not in the file of their name, looked for once every changed shard is read. */
  const sought: { path: string; name: string; usernames: string[] }[] = [];
  for (const [s, name] of names.entries()) {
    const here = await readChanged(pool, pulled, shards, name, paths[s]!, found, twice);
    if (!here || !paired.has(paths[s]!)) continue;
    const usernames = await notIn(pulled, paths[s]!, here);
    if (usernames.length > 0) sought.push({ path: paths[s]!, name, usernames });
  }
  // Each changed shard's stray against its home and every other place that holds it.
  for (const [key, list] of shards.away) {
    const home = pool.shardNameOf(key);
    const places: (() => Promise<string>)[] = [];
    const atHome = await shards.indexIn(home, key);
    if (atHome !== undefined) places.push(async () => (await shards.at(home, atHome)).place);
    for (const { name, index } of list) places.push(async () => (await shards.at(name, index)).place);
    for (const other of strays.get(key) ?? []) {
      const index = await shards.indexIn(other, key);
      if (index !== undefined) places.push(async () => (await shards.at(other, index)).place);
    }
    for (const place of places.slice(1)) twice.push(await twiceProblem(twice, list[0]!.username, places[0]!, place));
  }
  // An untouched shard's stray that a changed shard holds at its home.
  for (const [key, others] of strays) {
    const home = pool.shardNameOf(key);
    if (shards.away.has(key) || !changed.has(home)) continue;
    const index = await shards.indexIn(home, key);
    if (index === undefined) continue;
    const { username } = await shards.at(home, index);
    for (const other of others) {
      const at = await shards.indexIn(other, key);
      if (at !== undefined) twice.push(await twiceProblem(twice, username, async () => (await shards.at(other, at)).place, async () => (await shards.at(home, index)).place));
    }
  }
  const problems = recorded.error ? [recorded.error.message] : [];
  if (recorded.record) {
    const record = recorded.record.manifest;
    const of = new Map(names.filter((name) => record.has(name)).map((name) => [name, record.get(name)]));
    problems.push(...lossesOf(of, found).map(describeLoss));
  }
  problems.push(...twice);
  for (const { path, name, usernames } of sought) {
    const gone: string[] = [];
    for (const username of usernames) if (!(await shards.present(keyOf(username), name))) gone.push(username);
    if (gone.length > 0) problems.push(vanishedProblem(pulled, path, gone));
  }
  // The old copies with no file of their name now (a reshard), each read, checked and let go.
  for (const path of alone) {
    const gone: string[] = [];
    for (const username of await notIn(pulled, path)) if (!(await shards.present(keyOf(username)))) gone.push(username);
    if (gone.length > 0) problems.push(vanishedProblem(pulled, path, gone));
  }
  return problems;
}

/** Old copy `path`'s accounts `gone`, in no shard after the pull. */
function vanishedProblem(pulled: PulledShards, path: string, gone: readonly string[]): string {
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
  if (changed.length === 0) return; // nothing of the shards or their record taken: the pool is as every write here left it
  await pool.followShardCount(); // the homes by the count the pull left (a reshard taken, one of this host's undone)
  let problems: string[];
  try {
    problems = await checkPulled(pool, pulled, after, held);
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
