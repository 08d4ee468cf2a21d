// How a transaction's changes become new shard files: each touched shard's accounts in order,
// the unchanged lines reused byte for byte (so a git diff shows only the changed accounts), and
// its bytes, ready for the journal.
import { keyOf, type Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, encodeShard } from './shard-codec.js';
import type { ShardState } from './snapshot.js';
import type { Transaction } from './transaction.js';

/** A shard as a transaction will leave it. */
export interface PlannedShard {
  state: ShardState;
  bytes: Buffer;
}

/** The new state and bytes of every shard the transaction touched. */
export function planShards(tx: Transaction, homeNameOf: (username: string) => string): PlannedShard[] {
  const { shards } = tx.snapshot;
  const byName = new Map(shards.map((s, i) => [s.name, i]));
  // Per dirty shard: accounts replaced in place (by index), indexes moved out, accounts moved in.
  const edits = new Map<number, { replaced: Map<number, Account>; removed: Set<number>; added: Account[] }>();
  const editsOf = (s: number) => {
    let e = edits.get(s);
    if (!e) edits.set(s, (e = { replaced: new Map(), removed: new Set(), added: [] }));
    return e;
  };
  const place = (account: Account) => {
    const at = tx.snapshot.locate(account.username);
    const home = byName.get(homeNameOf(account.username))!;
    if (at && (at.shard === home || !tx.relocateAll)) {
      editsOf(at.shard).replaced.set(at.index, account);
      return;
    }
    if (at) editsOf(at.shard).removed.add(at.index);
    editsOf(home).added.push(account);
  };
  if (tx.relocateAll) {
    for (const account of tx.snapshot.accounts()) if (!tx.changes.has(keyOf(account.username))) place(account);
    shards.forEach((_, s) => editsOf(s)); // every shard is rewritten canonically
  }
  for (const account of tx.changes.values()) place(account);

  const planned: PlannedShard[] = [];
  for (const [s, { replaced, removed, added }] of edits) {
    const shard = shards[s]!;
    let accounts: Account[] = [];
    let lines: string[] = [];
    shard.accounts.forEach((account, i) => {
      if (removed.has(i)) return;
      const next = replaced.get(i);
      accounts.push(next ?? account);
      lines.push(next ? encodeAccountLine(next) : (shard.lines[i] ?? encodeAccountLine(account)));
    });
    const reordered = added.length > 0 || removed.size > 0 || shard.lines.some((l) => l === undefined);
    if (reordered) {
      // Only now are keys needed: a canonical shard is already sorted, so most writes never sort.
      const rows = accounts.map((account, i) => ({ key: keyOf(account.username), account, line: lines[i]! }));
      for (const account of added) rows.push({ key: keyOf(account.username), account, line: encodeAccountLine(account) });
      rows.sort((a, b) => compareAccountKeys(a.key, b.key));
      accounts = rows.map((r) => r.account);
      lines = rows.map((r) => r.line);
    }
    const state: ShardState = { name: shard.name, file: shard.file, accounts, lines };
    // Accounts only replaced in place keep their positions: the lookup map stays valid.
    if (!reordered) state.positions = shard.positions;
    planned.push({ state, bytes: Buffer.from(encodeShard(shard.name, lines)) });
  }
  return planned;
}
