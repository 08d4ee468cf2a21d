// How a transaction's changes become new shard files: each touched shard's accounts in order,
// the unchanged lines reused byte for byte (so a git diff shows only the changed accounts), and
// its bytes, ready for the journal.
import { keyOf, type Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, encodeShard } from './shard-codec.js';
import { ShardState, type Snapshot } from './snapshot.js';
import type { Transaction } from './transaction.js';

/** A shard as a transaction will leave it. */
export interface PlannedShard {
  state: ShardState;
  bytes: Buffer;
}

/** A shard after some changes, and (when they only replaced accounts in place) which. */
export interface ChangedShard {
  before: ShardState;
  state: ShardState;
  /** Accounts replaced in place, by index; undefined when the shard was reordered. */
  inPlace?: Map<number, Account>;
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
): Map<number, ChangedShard> {
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

  const changed = new Map<number, ChangedShard>();
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
    changed.set(s, { before: shard, state, inPlace: reordered ? undefined : replaced });
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
    if (shard.unsaved && !changed.has(s)) changed.set(s, { before: shard, state: shard.withReplaced(new Map(), shard.lines as string[]) });
  });
  const planned: PlannedShard[] = [];
  for (const { before, state, inPlace } of changed.values()) {
    const lines = state.lines as string[];
    state.bytes = (inPlace && spliced(before, inPlace, lines)) || Buffer.from(encodeShard(state.name, lines));
    planned.push({ state, bytes: state.bytes });
  }
  return planned;
}

/** Where each account line of a canonical shard starts (after the header), and the file's end. */
function lineStartsOf(shard: ShardState): Int32Array | undefined {
  const bytes = shard.bytes!;
  if (!shard.lineStarts) {
    const starts = new Int32Array(shard.lines.length + 1);
    let at = bytes.indexOf(10) + 1; // the header is one line
    for (let i = 0; i < shard.lines.length; i++) {
      starts[i] = at;
      at = bytes.indexOf(10, at) + 1;
      if (at === 0) return undefined; // not the file its lines say: encode it whole instead
    }
    starts[shard.lines.length] = at;
    if (at !== bytes.length) return undefined;
    shard.lineStarts = starts;
  }
  return shard.lineStarts;
}

/**
 * The new bytes of a shard whose accounts were only replaced in place: the old file with the
 * replaced lines swapped, copied as bytes. Encoding a whole shard to UTF-8 again (300 KB at
 * 100,000 accounts) was most of a small transaction's work. Returns undefined when the old
 * bytes are not at hand.
 */
function spliced(shard: ShardState, replaced: Map<number, Account>, lines: string[]): Buffer | undefined {
  if (!shard.bytes || replaced.size === 0) return undefined;
  const starts = lineStartsOf(shard);
  if (!starts) return undefined;
  const pieces: Buffer[] = [];
  let copiedTo = 0;
  for (const i of [...replaced.keys()].sort((a, b) => a - b)) {
    pieces.push(shard.bytes.subarray(copiedTo, starts[i]!), Buffer.from(`${lines[i]!}\n`));
    copiedTo = starts[i + 1]!;
  }
  pieces.push(shard.bytes.subarray(copiedTo));
  return Buffer.concat(pieces);
}
