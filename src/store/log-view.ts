// The pool as this process last saw it through the change log (change-log.ts): the shards with
// the log's records applied. Kept while neither the log nor the shard files under it change, so
// a long-running `serve` applies each batch once, when it appends it, and never reads its own log.
import { keyOf, type Account } from '../model.js';
import { applyChanges } from './plan-shards.js';
import { logStamp, readLog } from './change-log.js';
import { Snapshot, type ShardState } from './snapshot.js';
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
    const latest = new Map<string, Account>();
    for (const record of log.records) latest.set(keyOf(record.username), record);
    const shards = withChanges(new Snapshot(bases, homeOf), latest, this.homeNameOf);
    this.view = log.stamp === undefined ? undefined : { stamp: log.stamp, whole: log.validBytes === log.totalBytes, bases, shards, records: log.recordCount, events: log.events };
    return shards;
  }

  /** This process appended `changes` and `events` to the log, which is now at `stamp`, over `snapshot`. */
  appended(stamp: string, snapshot: Snapshot, changes: ReadonlyMap<string, Account>, events: readonly HistoryLine[]): void {
    // Added to in place: copying the lines of every earlier entry on each append made serve's
    // appends cost more the longer the log grew. Nobody keeps the array (the fold copies it).
    const kept = this.view?.events ?? [];
    for (const event of events) kept.push(event);
    this.view = {
      stamp,
      whole: true,
      bases: this.view?.bases ?? snapshot.shards,
      shards: withChanges(snapshot, changes, this.homeNameOf),
      records: this.records + changes.size,
      events: kept,
    };
  }

  /** The log was folded into the shards and removed. */
  folded(): void {
    this.view = undefined;
  }
}
