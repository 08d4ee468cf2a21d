// The pool as this process last saw it through the change log (change-log.ts): the shards with
// the log's records applied. Kept while neither the log nor the shard files under it change, so
// a long-running `serve` applies each batch once, when it appends it, and never reads its own log.
// A record whose shard line was edited by hand since it was logged is merged with the edit (hand-edits.ts).
import { keyOf, type Account } from '../model.js';
import { applyChanges } from './plan-shards.js';
import { logStamp, readLog, type LoggedChanges } from './change-log.js';
import type { LogDigests } from './log-digest.js';
import { parseTrustedLines, trustedLineKey } from './shard-codec.js';
import { Snapshot, type Location, type ShardState } from './snapshot.js';
import { lineOf, overHandEdits } from './hand-edits.js';
import type { HistoryLine } from './history-files.js';

interface View {
  /** The log as it was when read or last appended to (both segments' inode, size, times). */
  stamp: string;
  /** No torn entry at its end: it was read whole, or this process wrote it. */
  whole: boolean;
  /**
   * The shards as read from their files; `shards` gives them with the log applied (worked out on
   * first use: a command that appends its entry and exits never asks).
   */
  bases: ShardState[];
  shards: () => ShardState[];
  /** Record lines not yet in their shard's file (superseded ones included), by shard name. */
  pending: Map<string, number>;
  /** Their sum. */
  records: number;
  /** Record lines in the log, folded ones included (what reading it costs). */
  lines: number;
  /** The accounts with a record not yet in their shard's file, and that shard: their base lines are in the log already. */
  logged: Map<string, string>;
  /** The base line that counts (change-log.ts `baseAfter`) of each of `logged` that has one, by key. */
  baseOf: Map<string, string>;
  /** The log's history lines, oldest first: they go into the month files with the segment holding them. */
  events: HistoryLine[];
  /** How many of `events` are in the previous segment, and of `lines`. */
  previousEvents: number;
  previousLines: number;
  /** Where each shard was last folded (the position of the fold entry; absent: not since the oldest segment began). */
  marks: Map<string, number>;
  /** The first position of the current segment, and the position of the next entry. */
  currentStart: number;
  nextPosition: number;
  /** Whether there is a previous segment. */
  previous: boolean;
}

/** What a fold step needs to know of the log (pool.ts `foldStep`). */
export interface FoldState {
  bases: ShardState[];
  shards: ShardState[];
  pending: ReadonlyMap<string, number>;
  records: number;
  lines: number;
  events: readonly HistoryLine[];
  previousEvents: number;
  /** How many of `lines` are in the previous segment. */
  previousLines: number;
  marks: ReadonlyMap<string, number>;
  currentStart: number;
  previous: boolean;
}

/**
 * Where each logged account's line is in `onDisk` (the files), looked up once per key: `apply`
 * asks for a record's target shard and then for its line, and a fold's `pendingOf` for the target
 * again (two or three binary searches per pending record, ~5,000 at 100,000 accounts).
 */
export function placesIn(onDisk: Snapshot, homeNameOf: (username: string) => string): { locate: (key: string) => Location | undefined; targetOf: (key: string) => string } {
  const located = new Map<string, Location | null>();
  const locate = (key: string) => {
    let at = located.get(key);
    if (at === undefined) located.set(key, (at = onDisk.locate(key) ?? null));
    return at ?? undefined;
  };
  const targetOf = (key: string) => {
    const at = locate(key);
    return at ? onDisk.shards[at.shard]!.name : homeNameOf(key);
  };
  return { locate, targetOf };
}

/**
 * The shard (by name) a logged account's records apply to, by key: the shard of `onDisk` (the
 * files) holding its line, else its home shard. With `LoggedChanges.isFolded` it says whether a
 * record is in its shard's file already (change-log.ts, "Partial folds").
 */
export function targetsOf(onDisk: Snapshot, homeNameOf: (username: string) => string): (key: string) => string {
  return placesIn(onDisk, homeNameOf).targetOf;
}

/** The record lines of `log` (superseded ones included) not yet in the file of the shard they apply to, by shard name. */
export function pendingOf(log: LoggedChanges, targetOf: (key: string) => string): Map<string, number> {
  const counted = log.homeCounts(targetOf);
  if (counted) return counted;
  const pending = new Map<string, number>();
  log.recordKeys.forEach((key, i) => {
    const target = targetOf(key);
    if (!log.isFolded(log.recordPositions[i]!, target)) pending.set(target, (pending.get(target) ?? 0) + 1);
  });
  return pending;
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

/**
 * `value`, as a function made outside the caller's scope: an arrow made in `apply` would keep
 * every variable its other closures use alive with it (V8 shares one context among them), the
 * log read whole among them (~100 MB at a million accounts) for as long as the view lives.
 */
function constant<T>(value: T): () => T {
  return () => value;
}

export class LogView {
  private view: View | undefined;

  constructor(
    private readonly path: string,
    private readonly homeNameOf: (username: string) => string,
    /** The segments' digests (log-digest.ts), where the pool keeps them. */
    private readonly digests?: LogDigests,
  ) {}

  /** Record lines not yet in their shards' files, as last seen (0: no log). */
  get records(): number {
    return this.view?.records ?? 0;
  }

  /** Record lines in the log as last seen, folded ones included (0: no log). */
  get lines(): number {
    return this.view?.lines ?? 0;
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

  /** The log as last seen, for a fold step (undefined: no log). */
  foldState(): FoldState | undefined {
    const view = this.view;
    if (!view) return undefined;
    const { bases, pending, records, lines, events, previousEvents, previousLines, marks, currentStart, previous } = view;
    return { bases, shards: view.shards(), pending, records, lines, events, previousEvents, previousLines, marks, currentStart, previous };
  }

  /**
   * The shards with the log's records applied (`bases` themselves when there is no log). `known`:
   * the log as just read under the same lock (pool.ts `finishInterrupted`), taken where its stamp
   * is the log's now, instead of reading it again. `homeOfHash`: homeOf by a plain name's
   * keyHashOf (Snapshot's), so that the sorted check of each shard a record is looked up in reads
   * its held bytes, no key made a string: without it a log of 400 allocations over 64 shards made
   * every key of the pool a string, even for an import of one line (docs/scale-log.md, stop 55 J).
   */
  async apply(
    bases: ShardState[],
    homeOf: (username: string) => number | undefined,
    known?: LoggedChanges & { stamp: string | undefined },
    homeOfHash?: (keyHash: number) => number | undefined,
  ): Promise<ShardState[]> {
    const stamp = await logStamp(this.path);
    if (stamp === undefined) {
      this.view = undefined;
      return bases;
    }
    const view = this.view;
    if (view?.stamp === stamp && view.bases.length === bases.length && view.bases.every((b, i) => b === bases[i])) return view.shards();
    const read = known?.stamp === stamp ? known : await readLog(this.path, this.digests);
    const onDisk = new Snapshot(bases, homeOf, homeOfHash);
    // Every record's account is located below: where that many lookups would switch a shard to
    // its map of keys anyway (past an eighth of its size), the map is made first, so its keys are
    // read off their lines once, not also by the sorted check and the binary searches before it.
    onDisk.expectLookups(read.recordCount);
    const { locate, targetOf } = placesIn(onDisk, this.homeNameOf);
    const log = read.pendingIn(targetOf, bases.map((shard) => shard.name));
    // A record whose account's shard line is still its base (or that has no base) is the
    // account's line from now on: it replaces that line as it is, never parsed or encoded again.
    // The others (an account edited or removed by hand since it was logged, or in a hand-edited
    // shard) are parsed and merged with the edit. A record a fold already wrote into its shard
    // is not applied again.
    const asLines = new Map<number, Map<number, string>>();
    const merged = new Map<string, Account>();
    const logged = new Map<string, string>();
    const baseOf = new Map<string, string>();
    log.lines.forEach((line, n) => {
      const key = trustedLineKey(line);
      const target = targetOf(key);
      if (log.isFolded(log.positions[n]!, target)) return;
      logged.set(key, target);
      const base = log.baseAfter(key, log.markOf(target));
      if (base !== undefined) baseOf.set(key, base);
      const at = locate(key);
      const current = at && bases[at.shard]!.lineAt(at.index);
      if (at && current !== undefined && (base === undefined || current === base)) {
        (asLines.get(at.shard) ?? asLines.set(at.shard, new Map()).get(at.shard)!).set(at.index, line);
        return;
      }
      const [record] = parseTrustedLines([line], 'log', this.path);
      const account = overHandEdits(record!, base, onDisk, this.path);
      if (account) merged.set(key, account);
    });
    const pending = pendingOf(log, targetOf);
    let records = 0;
    for (const n of pending.values()) records += n;
    let shards: ShardState[] = bases.slice();
    for (const [s, replaced] of asLines) {
      shards[s] = bases[s]!.withLines(replaced);
      shards[s]!.unsaved = true;
    }
    if (merged.size > 0) shards = withChanges(new Snapshot(shards, homeOf), merged, this.homeNameOf);
    const marks = new Map<string, number>();
    for (const shard of bases) if (log.markOf(shard.name) >= 0) marks.set(shard.name, log.markOf(shard.name));
    this.view =
      read.stamp === undefined
        ? undefined
        : {
            stamp: read.stamp,
            whole: log.validBytes === log.totalBytes,
            bases,
            shards: constant(shards),
            pending,
            records,
            lines: log.recordCount,
            logged,
            baseOf,
            events: log.events,
            previousEvents: log.previousEvents,
            previousLines: log.previousRecords,
            marks,
            currentStart: log.currentStart,
            nextPosition: log.nextPosition,
            previous: !read.stamp.startsWith('-|'),
          };
    return shards;
  }

  /**
   * The base lines a new entry holding `changes` carries: the shard line (`onDisk`, the files, as
   * of the last `apply` under the lock) of each account with no record in the log since its shard
   * was last folded, or whose line was edited by hand since its base was logged (change-log.ts).
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
    const view = this.view;
    // Added to in place: copying the lines of every earlier entry on each append made serve's
    // appends cost more the longer the log grew. Nobody keeps the arrays (the fold copies them).
    const kept = view?.events ?? [];
    for (const event of events) kept.push(event);
    const logged = view?.logged ?? new Map<string, string>();
    const pending = view?.pending ?? new Map<string, number>();
    for (const [key, account] of changes) {
      const at = snapshot.locate(account.username);
      const target = at ? snapshot.shards[at.shard]!.name : this.homeNameOf(key);
      logged.set(key, target);
      pending.set(target, (pending.get(target) ?? 0) + 1);
    }
    const baseOf = view?.baseOf ?? new Map<string, string>();
    for (const line of bases) baseOf.set(trustedLineKey(line), line);
    let applied: ShardState[] | undefined;
    this.view = {
      stamp,
      whole: true,
      bases: view?.bases ?? snapshot.shards,
      shards: () => (applied ??= withChanges(snapshot, changes, this.homeNameOf)),
      pending,
      records: this.records + changes.size,
      lines: (view?.lines ?? 0) + changes.size,
      logged,
      baseOf,
      events: kept,
      previousEvents: view?.previousEvents ?? 0,
      previousLines: view?.previousLines ?? 0,
      marks: view?.marks ?? new Map(),
      currentStart: view?.currentStart ?? 0,
      nextPosition: (view?.nextPosition ?? 0) + 1,
      previous: view?.previous ?? false,
    };
  }

  /** Read the log again at the next look (a transaction appended to it without this view: circle-view.ts). */
  forget(): void {
    this.view = undefined;
  }

  /**
   * This process folded the shards `names` (appending their fold entry; the log is now at
   * `stamp`), writing `written` (by shard name) over the files.
   */
  partlyFolded(stamp: string, names: readonly string[], written: ReadonlyMap<string, ShardState>): void {
    const view = this.view!;
    const folding = new Set(names);
    const swap = (states: ShardState[]) => states.map((state) => written.get(state.name) ?? state);
    const shards = swap(view.shards());
    for (const name of names) {
      view.records -= view.pending.get(name) ?? 0;
      view.pending.delete(name);
      view.marks.set(name, view.nextPosition);
    }
    for (const [key, target] of view.logged) {
      if (!folding.has(target)) continue;
      view.logged.delete(key);
      view.baseOf.delete(key);
    }
    this.view = { ...view, stamp, bases: swap(view.bases), shards: () => shards, nextPosition: view.nextPosition + 1 };
  }

  /**
   * This process made the current segment the previous one (at `stamp`), the previous one's
   * history lines going into the month files. Positions go on as they were: they are this
   * view's own, compared only with each other.
   */
  rotated(stamp: string): void {
    const view = this.view!;
    const events = view.events.slice(view.previousEvents);
    const lines = view.lines - view.previousLines;
    this.view = { ...view, stamp, events, previousEvents: events.length, lines, previousLines: lines, currentStart: view.nextPosition, previous: true };
  }

  /** The log was folded into the shards and removed, or changed in a way best read again (a new segment). */
  folded(): void {
    this.view = undefined;
  }
}
