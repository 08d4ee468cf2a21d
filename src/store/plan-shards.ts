// How a transaction's changes become new shard states: each touched shard's accounts in order,
// the unchanged lines reused byte for byte (so a git diff shows only the changed accounts); and,
// for a commit, their bytes, ready for the journal.
import { keyOf, type Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, shardBytes } from './shard-codec.js';
import { ShardState, type Location, type Snapshot } from './snapshot.js';
import type { Transaction } from './transaction.js';
import type { FreshAccounts } from './fresh-accounts.js';
import { FreshKeys } from './fresh-keys.js';
import { collectGarbageOnce } from '../collect-garbage.js';

/**
 * From this many new accounts as columns their keys are made through FreshKeys (fresh-keys.ts):
 * its two passes cost more than they spare while the columns' names fit the processor's cache.
 * Measured (stop 47 I): 1,000,000 new lines ~0.5 s CPU less; 100,000 ~0.07 s more, so not there.
 * Between the two not measured; 200,000 is where the importer holds a dump as columns too.
 */
export const FRESH_KEYS_FROM = 200_000;

/**
 * With that many new accounts, the garbage of the plan (each shard's keys made for the sort and the
 * merge, its order, its new line places) is collected every this many shards planned. V8 left it
 * to pile up: at 1,000,000 new accounts into a 1,000,000-account pool in use, the heap went from
 * ~33 to ~90 MB used across the plan with ~30 MB alive, and the plan was the import's peak (310-337
 * MB); collected every 64 shards it stays at ~31 MB and the plan ~276 MB, for four full
 * collections (docs/scale-log.md, stop 54 I).
 */
const COLLECT_EVERY_STATES = 64;

/** A shard as a transaction will leave it. */
export interface PlannedShard {
  state: ShardState;
  /** Its file: one buffer, or pieces (mostly runs of the file it was read from) written in order. */
  bytes: Buffer | readonly Buffer[];
}

/**
 * The shards `changes` touch, as they will be: each touched shard's accounts in order, the
 * unchanged lines kept as they were (so a git diff shows only the changed accounts). By index in
 * `snapshot.shards`. `relocateAll` moves every account to its home shard and touches every shard.
 */
export function applyChanges(
  snapshot: Snapshot,
  changes: ReadonlyMap<string, Account>,
  homeNameOf: (username: string) => string,
  relocateAll = false,
  /** `n`: the key's place in `changes` (Transaction.locate). */
  locate: (key: string, n: number) => Location | undefined = (key) => snapshot.locate(key),
  /** New accounts an import added as columns, besides `changes` (none is in the snapshot). */
  fresh?: FreshAccounts,
  /** homeNameOf by the name's keyHashOf (layout.ts): a plain new name's home found off its bytes. */
  homeNameOfHash?: (hash: number) => string,
): Map<number, ShardState> {
  const { shards } = snapshot;
  const byName = new Map(shards.map((s, i) => [s.name, i]));
  // Per dirty shard: accounts replaced in place (by index), indexes moved out, accounts moved in.
  // `addedKeys`: each added account's key, which the changes are stored by (not made again per account).
  // An added account from `fresh` is its place there in `added` (no Account made for it).
  const edits = new Map<number, { replaced: Map<number, Account>; removed: Set<number>; added: Added[]; addedKeys: string[] }>();
  const editsOf = (s: number) => {
    let e = edits.get(s);
    if (!e) edits.set(s, (e = { replaced: new Map(), removed: new Set(), added: [], addedKeys: [] }));
    return e;
  };
  const place = (account: Account, key = keyOf(account.username), n = -1) => {
    const at = n < 0 ? snapshot.locate(key) : locate(key, n);
    const home = byName.get(homeNameOf(account.username))!;
    if (at && (at.shard === home || !relocateAll)) {
      editsOf(at.shard).replaced.set(at.index, account);
      return;
    }
    if (at) editsOf(at.shard).removed.add(at.index);
    const edit = editsOf(home);
    edit.added.push(account);
    edit.addedKeys.push(key);
  };
  if (relocateAll) {
    for (const account of snapshot.accounts()) if (!changes.has(keyOf(account.username))) place(account);
    shards.forEach((_, s) => editsOf(s)); // every shard is rewritten canonically
  }
  let n = 0;
  for (const [key, account] of changes) place(account, key, n++);
  // The home shard goes by the key (layout.ts shardIndexOf), hashed off a plain name's bytes.
  const homeOf = (i: number) => {
    const hash = homeNameOfHash ? fresh!.keyHash(i) : undefined;
    return byName.get(hash === undefined ? homeNameOf(fresh!.key(i)) : homeNameOfHash!(hash))!;
  };
  let freshKeys: FreshKeys | undefined;
  if (fresh && fresh.size >= FRESH_KEYS_FROM) {
    const homes = new Int32Array(fresh.size);
    for (let i = 0; i < fresh.size; i++) homes[i] = homeOf(i);
    freshKeys = new FreshKeys(fresh, homes, shards.length);
  }
  for (let s = 0; s < shards.length; s++) if (freshKeys && freshKeys.placesOf(s).length > 0) editsOf(s);
  for (let i = 0; !freshKeys && i < (fresh?.size ?? 0); i++) {
    // The key is made when its shard is reordered, not kept: 1,000,000 new keys held at once were ~40 MB.
    const edit = editsOf(homeOf(i));
    edit.added.push(i);
    edit.addedKeys.push('');
  }

  const changed = new Map<number, ShardState>();
  for (const [s, { replaced, removed, added, addedKeys }] of edits) {
    // Each shard's edits are let go once its state is made (`edits` holds every shard's).
    edits.delete(s);
    // The columns' accounts after those of `changes`, as places, their keys made now (not kept: 1,000,000 new keys held at once were ~40 MB).
    if (freshKeys) {
      for (const n of freshKeys.placesOf(s)) added.push(n);
      for (const key of freshKeys.keysOf(s)) addedKeys.push(key);
    } else {
      for (let k = 0; k < added.length; k++) if (typeof added[k] === 'number') addedKeys[k] = fresh!.key(added[k] as number);
    }
    const shard = shards[s]!;
    const reordered = added.length > 0 || removed.size > 0 || !shard.canonical;
    let state: ShardState;
    if (!reordered) {
      const lines = shard.lines.slice() as string[];
      for (const [i, account] of replaced) lines[i] = encodeAccountLine(account);
      state = shard.withReplaced(replaced, lines);
    } else {
      state = reorder(shard, replaced, removed, new Additions(added, fresh), addedKeys);
    }
    changed.set(s, state);
    if (freshKeys && changed.size % COLLECT_EVERY_STATES === 0) collectGarbageOnce();
  }
  return changed;
}

/**
 * `shard` with accounts replaced, removed and added, in key order. Only now are keys needed. The
 * kept lines of a canonical shard are in key order already: the added accounts are sorted among
 * themselves and merged in, and no kept account is parsed (an import into a large pool touches
 * every shard, and parsing them all was most of its time).
 */
function reorder(shard: ShardState, replaced: ReadonlyMap<number, Account>, removed: ReadonlySet<number>, added: Additions, addedKeys: string[]): ShardState {
  const order = addedKeys.map((_, n) => n).sort((a, b) => compareAccountKeys(addedKeys[a]!, addedKeys[b]!));
  // Keys known strictly increasing (snapshot.ts found them so) and none removed: the kept lines,
  // replaced ones included (an account is replaced where its key is), are in order as they are.
  // Each added account goes where a binary search over the keys puts it: a few hundred keys read
  // off their lines, not a list of every key of the shard (an import touches every shard).
  if (shard.sortedKeys === true && removed.size === 0) return mergeIntoSorted(shard, replaced, added, addedKeys, order);
  const kept: number[] = [];
  const keptKeys: string[] = [];
  const keys = shard.keys();
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    if (removed.has(i)) continue;
    const next = replaced.get(i);
    const key = next ? keyOf(next.username) : keys[i]!;
    if (keptKeys.length > 0 && compareAccountKeys(keptKeys[keptKeys.length - 1]!, key) >= 0) sorted = false;
    kept.push(i);
    keptKeys.push(key);
  }
  // Each line of the new shard as the kept index (>= 0) or the added one (-1 - n).
  let from: number[];
  if (sorted) {
    from = [];
    let k = 0;
    for (const n of order) {
      while (k < kept.length && compareAccountKeys(keptKeys[k]!, addedKeys[n]!) <= 0) from.push(kept[k++]!); // kept first on a tie, as a stable sort
      from.push(-1 - n);
    }
    while (k < kept.length) from.push(kept[k++]!);
  } else {
    // A hand-edited shard: sort everything, as the first canonical write does.
    const entries = [...kept.map((e, k) => ({ e, key: keptKeys[k]! })), ...order.map((n) => ({ e: -1 - n, key: addedKeys[n]! }))];
    from = entries.sort((a, b) => compareAccountKeys(a.key, b.key)).map((entry) => entry.e);
  }
  // The new and replaced accounts by new index; their lines and the kept ones are the shard state's (reordered).
  const accounts = new Map<number, Account>();
  from.forEach((e, j) => {
    if (e < 0) added.place(-1 - e, j, accounts);
    const account = e >= 0 ? replaced.get(e) : undefined;
    if (account) accounts.set(j, account);
  });
  return shard.reordered(accounts, from.map((e) => (e >= 0 && !replaced.has(e) ? e : -1)), added.columns(from.length));
}

/**
 * `reorder` for a shard whose keys are strictly increasing, nothing removed: `added` (in
 * `order`, by key) merged in after the kept lines whose keys come first (kept first on a tie, as
 * the general path), each place found by binary search over the keys read off their lines.
 */
function mergeIntoSorted(shard: ShardState, replaced: ReadonlyMap<number, Account>, added: Additions, addedKeys: string[], order: number[]): ShardState {
  const size = shard.size;
  const from = new Array<number>(size + addedKeys.length);
  const accounts = new Map<number, Account>();
  let i = 0;
  let j = 0;
  const keepUntil = (end: number) => {
    for (; i < end; i++, j++) {
      const account = replaced.get(i);
      if (account) accounts.set(j, account);
      from[j] = account ? -1 : i;
    }
  };
  for (const n of order) {
    // The first line at or after i whose key comes after the added one.
    keepUntil(shard.upperBound(addedKeys[n]!, i));
    added.place(n, j, accounts);
    from[j++] = -1;
  }
  keepUntil(size);
  return shard.reordered(accounts, from, added.columns(from.length));
}

/** An account added to a shard: an Account, or its place among an import's columns (`fresh`). */
type Added = Account | number;

/** The accounts added to one shard, put at their new places (by index) as Accounts or as places among the columns. */
class Additions {
  /** New index, then place among the columns, for each of the columns' accounts placed. */
  private readonly placed: number[] = [];

  constructor(
    private readonly added: readonly Added[],
    private readonly fresh: FreshAccounts | undefined,
  ) {}

  /** The added account `n` is at new index `j`. */
  place(n: number, j: number, accounts: Map<number, Account>): void {
    const a = this.added[n]!;
    if (typeof a !== 'number') {
      accounts.set(j, a);
      return;
    }
    this.placed.push(j, a);
  }

  /** For ShardState.reordered of a shard of `size` lines: which new lines are the columns' accounts. */
  columns(size: number): { batch: FreshAccounts; at: Int32Array } | undefined {
    if (this.placed.length === 0) return undefined;
    const at = new Int32Array(size).fill(-1);
    for (let k = 0; k < this.placed.length; k += 2) at[this.placed[k]!] = this.placed[k + 1]!;
    return { batch: this.fresh!, at };
  }
}

/**
 * Every shard a transaction writes, as it will be: those its changes touch, and those holding
 * logged changes not yet in their file (see change-log.ts), which this commit folds in. Their
 * bytes are not made here: `newShardBytes` makes each when the commit writes it (journal.ts).
 */
export function plannedStates(tx: Transaction, homeNameOf: (username: string) => string, homeNameOfHash?: (hash: number) => string): ShardState[] {
  // Moving every account makes the columns Accounts (tx.changes) first: a rare, whole rewrite.
  const changes = tx.relocateAll ? tx.changes : tx.putChanges;
  const changed = applyChanges(tx.snapshot, changes, homeNameOf, tx.relocateAll, (key, n) => tx.locate(key, n), tx.freshAccounts, homeNameOfHash);
  tx.snapshot.shards.forEach((shard, s) => {
    if (shard.unsaved && !changed.has(s)) changed.set(s, asFolded(shard));
  });
  return [...changed.values()];
}

/** The new bytes of every shard a transaction writes (plannedStates), all made now. */
export function planShards(tx: Transaction, homeNameOf: (username: string) => string): PlannedShard[] {
  return plannedStates(tx, homeNameOf).map(planned);
}

/** `shard`, which holds changes of the change log not yet in its file, as its file will be once they are (a fold). */
export function plannedFold(shard: ShardState): PlannedShard {
  return planned(asFolded(shard));
}

/**
 * `shard` (holding logged changes) as a state of its own to write, its unchanged lines left in the
 * bytes they were read from (withLines of nothing). `withReplaced(new Map(), shard.lines)` decoded
 * every line and kept it on `shard` too: a fold of a 1,000,000-account pool with a record pending
 * in every shard held all 1,000,000 lines as strings (~200 MB, `verify --fix`'s peak).
 */
function asFolded(shard: ShardState): ShardState {
  return shard.withLines(new Map());
}

/**
 * `state`'s file, made now and kept nowhere: the bytes the untouched lines are copied from
 * stay with the shard it was read from, the new ones go once written.
 */
export function newShardBytes(state: ShardState): Buffer[] {
  return state.splicedPieces() ?? [shardBytes(state.name, state.lines as string[])];
}

function planned(state: ShardState): PlannedShard {
  const pieces = newShardBytes(state);
  state.setPieces(pieces);
  return { state, bytes: pieces.length === 1 ? pieces[0]! : pieces };
}
