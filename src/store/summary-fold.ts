// A shard's standings summary (standing-summary.ts), and its timed summary (timed-summary.ts
// `foldedTimed`), carried over a lean fold or a git pool's commit of the shards it touched
// (pool.ts `leanFolded`), as circle-fold.ts carries its circle index: the fold replaces a few hundred lines
// in place and keeps every other line byte for byte, so the new file's summary is the old one's
// counts with the replaced lines' old standings taken off and their new ones put on. Without it
// the first `status` after each allocation decoded and summarised every shard that allocation
// folded (stop 39: ~0.9 s of a 1,000,000-account status, most of it `summarize`).
//
// Derived as the summary always is (never the only record): carried only from a summary made from
// exactly the bytes the fold started from (their sha1), whose lines were canonical, sorted and
// unique, and checked against the bytes the fold wrote: the old bytes with each replaced line put
// in its place must be the new file byte for byte, each replaced line must keep its key (so the
// order, the uniqueness and the strays stay what they were) and be the canonical line of the
// account it holds. Anything else gives undefined, and the next `status` makes the summary again
// from the file, as it did before. The stamp saved is the new file's: `status` still hashes the
// file while that stamp is racily clean (pool-standings.ts `settled`).
import type { Account } from '../model.js';
import { encodeAccountLine, parseTrustedLines, shardHash, trustedLineKey } from './shard-codec.js';
import { summaryTuple, type StandingSummary, type SummaryStore } from './standing-summary.js';
import { fencesOf } from './shard-lookup.js';
import { TupleTally } from './tuple-tally.js';

/** A summary's counts by tuple, as the carry reads and makes them. */
interface TupleCounts<T> {
  tuples: T[];
  counts: number[];
}

/** What FoldedLines shows of a fold: `before`'s account lines, and each replaced line's old and new account. */
interface Replacements {
  /** How many account lines `before` holds after its header. */
  size: number;
  /** Each replaced line's account before and after, by line index ascending. */
  pairs: { was: Account; now: Account }[];
}

/**
 * One fold of one shard as every summary carried over it checks it: `after`, made by writing
 * `replaced` (line text by account line index) over `before`'s lines. The check and the parse of
 * each replaced line's old and new text are made once, on first use, and shared by the standings
 * summary and the timed one (stop 67 S3: each parsed and encoded both lines again). The sha1 of
 * `before` likewise.
 */
export class FoldedLines {
  private shown: Replacements | null | undefined;
  private beforeSha1: string | undefined;

  constructor(
    readonly name: string,
    readonly before: Buffer,
    readonly after: Buffer,
    readonly replaced: ReadonlyMap<number, string>,
  ) {}

  /** The sha1 of `before`, hashed once. */
  sha1Before(): string {
    return (this.beforeSha1 ??= shardHash(this.before));
  }

  /**
   * The replaced lines' accounts, or undefined where `after` is not that: `before` is not whole
   * lines after its header, a replaced line changes its key or is not the canonical line of its
   * account (the old one's nor the new one's), or `after` is not `before` with those lines
   * replaced, byte for byte.
   */
  replacements(): Replacements | undefined {
    if (this.shown === undefined) this.shown = shown(this) ?? null;
    return this.shown ?? undefined;
  }
}

function shown({ name, before, after, replaced }: FoldedLines): Replacements | undefined {
  // The account lines' starts in `before` (after the header line); the last one is its end.
  const starts: number[] = [];
  let at = before.indexOf(10) + 1;
  if (at === 0) at = before.length; // no header line: no account lines
  while (at < before.length) {
    starts.push(at);
    const end = before.indexOf(10, at);
    if (end < 0) return undefined;
    at = end + 1;
  }
  starts.push(before.length);
  const size = starts.length - 1;

  const pairs: Replacements['pairs'] = [];
  // `after` must be `before` with those lines replaced: compared piece by piece where it is, no copy
  // made (a git pool's allocation carries ~250 shards of ~700 KB at 1,000,000 accounts).
  let from = 0;
  let out = 0;
  const follows = (piece: Buffer): boolean => {
    const same = after.subarray(out, out + piece.length).equals(piece);
    out += piece.length;
    return same;
  };
  for (const i of [...replaced.keys()].sort((a, b) => a - b)) {
    if (!Number.isInteger(i) || i < 0 || i >= size) return undefined;
    const line = replaced.get(i)!;
    const was = before.toString('utf8', starts[i]!, starts[i + 1]! - 1);
    if (line.includes('\n')) return undefined;
    let oldAccount: Account, newAccount: Account;
    try {
      if (trustedLineKey(line) !== trustedLineKey(was)) return undefined;
      [oldAccount, newAccount] = parseTrustedLines([was, line], name, 'fold') as [Account, Account];
    } catch {
      return undefined; // not an account's line (a hand-written shard): made again from the file
    }
    // Canonical both: one line is one account, and a summary's sorted lines stay so.
    if (encodeAccountLine(oldAccount) !== was || encodeAccountLine(newAccount) !== line) return undefined;
    pairs.push({ was: oldAccount, now: newAccount });
    if (!follows(before.subarray(from, starts[i])) || !follows(Buffer.from(`${line}\n`))) return undefined;
    from = starts[i + 1]!;
  }
  if (!follows(before.subarray(from)) || out !== after.length) return undefined;
  return { size, pairs };
}

/**
 * `old`'s counts (made from `folded.before`) carried to `folded.after`: the replaced lines' old
 * tuples (`tupleOf` of the account each line holds) taken off, their new ones put on. Undefined
 * where that cannot be shown: the fold's lines do not check (FoldedLines), `before` does not hold
 * one line per counted account, or the old summary did not count a replaced line's tuple. One
 * check for every kind of summary (the standings', the timed ones).
 */
export function foldedCounts<T>(old: TupleCounts<T>, folded: FoldedLines, tupleOf: (account: Account) => T): TupleCounts<T> | undefined {
  const shown = folded.replacements();
  if (!shown || shown.size !== old.counts.reduce((a, b) => a + b, 0)) return undefined;
  const tally = new TupleTally(old.tuples.slice(), old.counts.slice());
  for (const { was, now } of shown.pairs) {
    if (!tally.take(tupleOf(was))) return undefined; // the old summary did not count that line so
    tally.add(tupleOf(now));
  }
  // Only tuples still in use: a saved summary with a count of 0 is refused as garbled (SummaryFiles.load).
  const kept = tally.counts.flatMap((count, n) => (count > 0 ? [n] : []));
  return { tuples: kept.map((n) => tally.tuples[n]!), counts: kept.map((n) => tally.counts[n]!) };
}

/**
 * The summary of `folded.after`, the file a fold made from `folded.before` (the bytes `old` was
 * made from), with `made`'s sha1 (of `after`), stamp and sighting; undefined where that cannot be
 * shown (see the header).
 */
export function foldedSummary(old: StandingSummary, folded: FoldedLines, made: Pick<StandingSummary, 'sha1' | 'stamp' | 'checkedAt'>): StandingSummary | undefined {
  if (!old.sortedLines || !old.unique || old.sha1 !== folded.sha1Before()) return undefined;
  const carried = foldedCounts(old, folded, summaryTuple);
  if (!carried) return undefined;
  // The fences made again: a replaced line of another length moves every offset after it.
  const fences = fencesOf(folded.after);
  const { fences: _stale, ...rest } = old;
  return { ...rest, ...made, ...carried, ...(fences ? { fences } : {}) };
}

/**
 * Saves the summary of shard `folded.name`'s new file carried from its saved one (foldedSummary), where
 * there is a saved one: none saved (no status since), none carried.
 */
export async function carrySummary(summaries: SummaryStore, shards: number, folded: FoldedLines, made: Pick<StandingSummary, 'sha1' | 'stamp' | 'checkedAt'>): Promise<void> {
  const old = await summaries.load(folded.name, shards);
  const carried = old && foldedSummary(old, folded, made);
  if (carried) await summaries.save(carried);
}
