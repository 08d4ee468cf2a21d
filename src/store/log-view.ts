// The pool as this process last saw it through the change log (change-log.ts): the shards with
// the log's records applied. Kept while neither the log nor the shard files under it change, so
// a long-running `serve` applies each batch once, when it appends it, and never reads its own log.
// A record whose shard line was edited by hand since it was logged is merged with the edit (hand-edits.ts).
import { keyOf, type Account } from '../model.js';
import { applyChanges } from './plan-shards.js';
import { logStamp, readLog } from './change-log.js';
import { Snapshot, type ShardState } from './snapshot.js';
import { lineOf, overHandEdits } from './hand-edits.js';
import type { HistoryLine } from './history-files.js';

interface View {
  /** The log file as it was when read or last appended to (inode, size, times). */
  stamp: string;
  /** No torn entry at its end: it was read whole, or this process wrote it. */
  whole: boolean;
  /** The shards as read from their files; `shards` is them with the log applied. */
  bases: ShardState[];
  shards: ShardState[];
  records: number;
  /** The keys of the accounts with a record in the log: their base lines are in it already. */
  logged: Set<string>;
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
    if (view?.stamp === stamp && view.bases.length === bases.length && view.bases.every((b, i) => b === bases[i])) return view.shards;
    const log = await readLog(this.path);
    const onDisk = new Snapshot(bases, homeOf);
    const latest = new Map<string, Account>();
    const logged = new Set<string>();
    for (const record of log.records) {
      const key = keyOf(record.username);
      logged.add(key);
      const account = overHandEdits(record, log.bases.get(key), onDisk, this.path);
      if (account) latest.set(key, account);
    }
    const shards = withChanges(onDisk, latest, this.homeNameOf);
    this.view =
      log.stamp === undefined ? undefined : { stamp: log.stamp, whole: log.validBytes === log.totalBytes, bases, shards, records: log.recordCount, logged, events: log.events };
    return shards;
  }

  /**
   * The base lines a new entry holding `changes` carries: the shard line (`onDisk`, the files) of
   * each account not in the log yet, as of the last `apply` under the lock (change-log.ts).
   */
  baseLines(changes: Iterable<Account>, onDisk: Snapshot): string[] {
    const logged = this.view?.logged;
    const lines: string[] = [];
    for (const account of changes) {
      if (logged?.has(keyOf(account.username))) continue;
      const line = lineOf(onDisk, account.username);
      if (line !== undefined) lines.push(line);
    }
    return lines;
  }

  /** This process appended `changes` and `events` to the log, which is now at `stamp`, over `snapshot`. */
  appended(stamp: string, snapshot: Snapshot, changes: ReadonlyMap<string, Account>, events: readonly HistoryLine[]): void {
    // Added to in place: copying the lines of every earlier entry on each append made serve's
    // appends cost more the longer the log grew. Nobody keeps the array (the fold copies it).
    const kept = this.view?.events ?? [];
    for (const event of events) kept.push(event);
    const logged = this.view?.logged ?? new Set<string>();
    for (const key of changes.keys()) logged.add(key);
    this.view = {
      stamp,
      whole: true,
      bases: this.view?.bases ?? snapshot.shards,
      shards: withChanges(snapshot, changes, this.homeNameOf),
      records: this.records + changes.size,
      logged,
      events: kept,
    };
  }

  /** The log was folded into the shards and removed. */
  folded(): void {
    this.view = undefined;
  }
}
