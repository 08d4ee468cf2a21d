// How a transaction's changes become new shard states: each touched shard's accounts in order,
// the unchanged lines reused byte for byte (so a git diff shows only the changed accounts); and,
// for a commit, their bytes, ready for the journal.
import { keyOf, type Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, encodeShard } from './shard-codec.js';
import { ShardState, type Snapshot } from './snapshot.js';
import type { Transaction } from './transaction.js';

/** A shard as a transaction will leave it. */
export interface PlannedShard {
  state: ShardState;
  bytes: Buffer;
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
): Map<number, ShardState> {
  const { shards } = snapshot;
  const byName = new Map(shards.map((s, i) => [s.name, i]));
  // Per dirty shard: accounts replaced in place (by index), indexes moved out, accounts moved in.
  const edits = new Map<number, { replaced: Map<number, Account>; removed: Set<number>; added: Account[] }>();
  const editsOf = (s: number) => {
    let e = edits.get(s);
    if (!e) edits.set(s, (e = { replaced: new Map(), removed: new Set(), added: [] }));
    return e;
  };
  const place = (account: Account) => {
    const at = snapshot.locate(account.username);
    const home = byName.get(homeNameOf(account.username))!;
    if (at && (at.shard === home || !relocateAll)) {
      editsOf(at.shard).replaced.set(at.index, account);
      return;
    }
    if (at) editsOf(at.shard).removed.add(at.index);
    editsOf(home).added.push(account);
  };
  if (relocateAll) {
    for (const account of snapshot.accounts()) if (!changes.has(keyOf(account.username))) place(account);
    shards.forEach((_, s) => editsOf(s)); // every shard is rewritten canonically
  }
  for (const account of changes.values()) place(account);

  const changed = new Map<number, ShardState>();
  for (const [s, { replaced, removed, added }] of edits) {
    const shard = shards[s]!;
    const reordered = added.length > 0 || removed.size > 0 || shard.lines.some((l) => l === undefined);
    let state: ShardState;
    if (!reordered) {
      const lines = shard.lines.slice() as string[];
      for (const [i, account] of replaced) lines[i] = encodeAccountLine(account);
      state = shard.withReplaced(replaced, lines);
    } else {
      // Only now are keys needed: a canonical shard is already sorted, so most writes never sort.
      const rows: { key: string; account: Account; line: string }[] = [];
      shard.accounts.forEach((account, i) => {
        if (removed.has(i)) return;
        const next = replaced.get(i);
        rows.push({ key: keyOf((next ?? account).username), account: next ?? account, line: next ? encodeAccountLine(next) : (shard.lines[i] ?? encodeAccountLine(account)) });
      });
      for (const account of added) rows.push({ key: keyOf(account.username), account, line: encodeAccountLine(account) });
      rows.sort((a, b) => compareAccountKeys(a.key, b.key));
      state = new ShardState(shard.name, shard.file, rows.map((r) => r.line), rows.map((r) => r.account));
    }
    changed.set(s, state);
  }
  return changed;
}

/**
 * The new bytes of every shard a transaction writes: those its changes touch, and those holding
 * logged changes not yet in their file (see change-log.ts), which this commit folds in.
 */
export function planShards(tx: Transaction, homeNameOf: (username: string) => string): PlannedShard[] {
  const changed = applyChanges(tx.snapshot, tx.changes, homeNameOf, tx.relocateAll);
  tx.snapshot.shards.forEach((shard, s) => {
    if (shard.unsaved && !changed.has(s)) changed.set(s, shard.withReplaced(new Map(), shard.lines as string[]));
  });
  const planned: PlannedShard[] = [];
  for (const state of changed.values()) {
    state.bytes = state.splicedBytes() ?? Buffer.from(encodeShard(state.name, state.lines as string[]));
    planned.push({ state, bytes: state.bytes });
  }
  return planned;
}
