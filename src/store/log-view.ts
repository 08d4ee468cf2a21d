// The pool as this process last saw it through the change log (change-log.ts): the shards with
// the log's records applied. Kept while neither the log nor the shard files under it change, so
// a long-running `serve` applies each batch once, when it appends it, and never reads its own log.
// A record whose shard line was edited by hand since it was logged is merged with the edit (hand-edits.ts).
import { keyOf, type Account } from '../model.js';
import { applyChanges } from './plan-shards.js';
import { logStamp, readLog } from './change-log.js';
import { parseTrustedLines, trustedLineKey } from './shard-codec.js';
import { Snapshot, type ShardState } from './snapshot.js';
import { lineOf, overHandEdits } from './hand-edits.js';
import type { HistoryLine } from './history-files.js';

interface View {
  /** The log file as it was when read or last appended to (inode, size, times). */
  stamp: string;
  /** No torn entry at its end: it was read whole, or this process wrote it. */
  whole: boolean;
  /**
   * The shards as read from their files; `shards` gives them with the log applied (worked out on
   * first use: a command that appends its entry and exits never asks).
   */
  bases: ShardState[];
  shards: () => ShardState[];
  records: number;
  /** The keys of the accounts with a record in the log: their base lines are in it already. */
  logged: Set<string>;
  /** The latest base line in the log of each logged account that has one, by key (change-log.ts). */
  baseOf: Map<string, string>;
  /** The log's history lines, oldest first: the fold moves them into the month files. */
  events: HistoryLine[];
}

/** `snapshot`'s shards with `changes` applied; those changed are marked as not yet in their files. */
export function withChanges(snapshot: Snapshot, changes: ReadonlyMap<string, Account>, homeNameOf: (username: string) => string): ShardState[] {
  const changed = applyChanges(snapshot, changes, homeNameOf);
  return snapshot.shards.map((shard, s) => {
    const next = changed.get(s);
    if (!next) return shard;
    next.unsaved = true;
    return next;
  });
}

export class LogView {
  private view: View | undefined;

  constructor(
    private readonly path: string,
    private readonly homeNameOf: (username: string) => string,
  ) {}

  /** Records in the log as last seen (0: no log). */
  get records(): number {
    return this.view?.records ?? 0;
  }

  /** The history lines in the log as last seen (none: no log). */
  get events(): readonly HistoryLine[] {
    return this.view?.events ?? [];
  }

  /** Whether there was a log at the last look. */
  get present(): boolean {
    return this.view !== undefined;
  }

  /** The log at `stamp` is the one last seen whole: it cannot end in a torn entry. */
  isWholeAt(stamp: string): boolean {
    return this.view?.stamp === stamp && this.view.whole;
  }

  /** The shards with the log's records applied (`bases` themselves when there is no log). */
  async apply(bases: ShardState[], homeOf: (username: string) => number | undefined): Promise<ShardState[]> {
    const stamp = await logStamp(this.path);
    if (stamp === undefined) {
      this.view = undefined;
      return bases;
    }
    const view = this.view;
    if (view?.stamp === stamp && view.bases.length === bases.length && view.bases.every((b, i) => b === bases[i])) return view.shards();
    const log = await readLog(this.path);
    const onDisk = new Snapshot(bases, homeOf);
    // A record whose account's shard line is still its base (or that has no base) is the
    // account's line from now on: it replaces that line as it is, never parsed or encoded again.
    // The others (an account edited or removed by hand since it was logged, or in a hand-edited
    // shard) are parsed and merged with the edit.
    const asLines = new Map<number, Map<number, string>>();
    const merged = new Map<string, Account>();
    const logged = new Set<string>();
    for (const line of log.lines) {
      const key = trustedLineKey(line);
      logged.add(key);
      const base = log.bases.get(key);
      const at = onDisk.locate(key);
      const current = at && bases[at.shard]!.lineAt(at.index);
      if (at && current !== undefined && (base === undefined || current === base)) {
        (asLines.get(at.shard) ?? asLines.set(at.shard, new Map()).get(at.shard)!).set(at.index, line);
        continue;
      }
      const [record] = parseTrustedLines([line], 'log', this.path);
      const account = overHandEdits(record!, base, onDisk, this.path);
      if (account) merged.set(key, account);
    }
    let shards: ShardState[] = bases.slice();
    for (const [s, replaced] of asLines) {
      shards[s] = bases[s]!.withLines(replaced);
      shards[s]!.unsaved = true;
    }
    if (merged.size > 0) shards = withChanges(new Snapshot(shards, homeOf), merged, this.homeNameOf);
    this.view =
      log.stamp === undefined ? undefined : { stamp: log.stamp, whole: log.validBytes === log.totalBytes, bases, shards: () => shards, records: log.recordCount, logged, baseOf: log.bases, events: log.events };
    return shards;
  }

  /**
   * The base lines a new entry holding `changes` carries: the shard line (`onDisk`, the files, as
   * of the last `apply` under the lock) of each account not in the log yet, or whose line was
   * edited by hand since its base was logged (change-log.ts).
   */
  baseLines(changes: Iterable<Account>, onDisk: Snapshot): string[] {
    const lines: string[] = [];
    for (const account of changes) {
      const line = lineOf(onDisk, account.username);
      if (line === undefined) continue;
      const key = keyOf(account.username);
      if (!this.view?.logged.has(key) || this.view.baseOf.get(key) !== line) lines.push(line);
    }
    return lines;
  }

  /** This process appended `changes` and `events` to the log, which is now at `stamp`, over `snapshot`. */
  appended(stamp: string, snapshot: Snapshot, changes: ReadonlyMap<string, Account>, events: readonly HistoryLine[], bases: readonly string[] = []): void {
    // Added to in place: copying the lines of every earlier entry on each append made serve's
    // appends cost more the longer the log grew. Nobody keeps the array (the fold copies it).
    const kept = this.view?.events ?? [];
    for (const event of events) kept.push(event);
    const logged = this.view?.logged ?? new Set<string>();
    for (const key of changes.keys()) logged.add(key);
    const baseOf = this.view?.baseOf ?? new Map<string, string>();
    for (const line of bases) baseOf.set(trustedLineKey(line), line);
    let applied: ShardState[] | undefined;
    this.view = {
      stamp,
      whole: true,
      bases: this.view?.bases ?? snapshot.shards,
      shards: () => (applied ??= withChanges(snapshot, changes, this.homeNameOf)),
      records: this.records + changes.size,
      logged,
      baseOf,
      events: kept,
    };
  }

  /** Read the log again at the next look (a transaction appended to it without this view: circle-view.ts). */
  forget(): void {
    this.view = undefined;
  }

  /** The log was folded into the shards and removed. */
  folded(): void {
    this.view = undefined;
  }
}
