// The file system's own clock, read by writing a byte to a file of ours and reading back the time
// the kernel stamped on it: what tells, without hashing a shard, that its stamp can no longer hide
// a change (git's racy-timestamp problem, see pool-standings.ts `settled`).
//
// Why: a stamp (inode, size, mtime, ctime) says a file is unchanged only once the file system's
// clock has moved past the file's times: a write in the same tick of its timestamps (1 ns to 2 s,
// by file system) can leave every part of the stamp as it was. `settled` waits out the coarsest
// tick on the wall clock (RACY_MS, 2.5 s after the stamp's times), so every shard a fold wrote was
// read and hashed again by every process for 2.5 s: the next allocations, and on a quiet machine
// that is four or five of them. The probe asks the file system instead: a file written before the
// stat and stamped later than the shard's times means any later change of the shard gets a time
// at least the probe's (the kernel's file times never go back between two writes in one file
// system), so the stamp seen then, with the bytes hashed after it, holds until the stamp moves.
// A probe that cannot be written (a read-only pool, another file system) falls back to RACY_MS.
import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';

/** A time of the file system's clock (ns) reached before a stat, and the file system it holds for. */
export interface FsClock {
  dev: bigint;
  ns: bigint;
}

const BYTE = Buffer.from('.');

/** Writes a byte to `file` (made if missing) and reads the time stamped on it; undefined when it cannot. */
export function readFsClock(file: string): FsClock | undefined {
  let fd: number | undefined;
  try {
    // Never through a link, never waiting on a FIFO; and only a regular file is written to (a
    // device put there by hand gets no byte).
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
    if (!fstatSync(fd).isFile()) return undefined;
    writeSync(fd, BYTE, 0, 1, 0); // any write moves mtime and ctime, even of the same byte
    const info = fstatSync(fd, { bigint: true });
    return { dev: info.dev, ns: changedNs(info) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The later of a file's mtime and ctime (ns): its last change as the file system stamped it. */
export function changedNs(info: Pick<BigIntStats, 'mtimeNs' | 'ctimeNs'>): bigint {
  return info.ctimeNs > info.mtimeNs ? info.ctimeNs : info.mtimeNs;
}

/** `clock` as a sighting keeps it (JSON has no bigint). */
export function clockText(clock: FsClock | undefined): string | undefined {
  return clock && `${clock.dev}:${clock.ns}`;
}

/**
 * Whether the file whose stat is `info` was last changed before `clock` (kept as `clockText`
 * gives it): read before that stat, on the same file system, and strictly later than the
 * file's times. Equal times are a tie the tick may hide: not settled.
 */
export function settledByClock(info: Pick<BigIntStats, 'dev' | 'mtimeNs' | 'ctimeNs'>, clock: string | undefined): boolean {
  if (clock === undefined) return false;
  const colon = clock.indexOf(':');
  if (colon < 0) return false;
  try {
    return BigInt(clock.slice(0, colon)) === info.dev && changedNs(info) < BigInt(clock.slice(colon + 1));
  } catch {
    return false; // garbled: not trusted
  }
}

/** How long a probe is reused (`SharedFsClock`): about one transaction. */
const SHARED_MS = 1000;

/**
 * One probe for the readers of one pool (its circle indexes and its change log's digests), reused
 * while it is recent: each reader probing on its own wrote two files per process. A clock read
 * earlier is as safe as one read later (it settles fewer stamps, never more: `settledByClock`
 * wants a file's times strictly before it), so reusing it is a matter of cost only; past
 * SHARED_MS it is read again, so that a process that runs for hours (serve) keeps settling what
 * it sees. Each reader names its own file, written where no recent probe is at hand.
 */
export class SharedFsClock {
  private last: { at: number; text: string } | undefined;

  constructor(private readonly reuseMs = SHARED_MS) {}

  /**
   * The file system's clock read now in `file`, whatever the last reading (kept as the shared one
   * from then on): what settles files written since that reading (the shards a fold just renamed
   * into place, pool.ts `leanFolded`), which a reused, earlier one never does.
   */
  fresh(file: string): string | undefined {
    this.last = undefined;
    return this.now(file);
  }

  /**
   * The last reading if it is recent, else undefined: nothing written. For a reader that may not
   * make a file of its own (a process with no seal key leaves the cache folder as it found it).
   */
  recent(): string | undefined {
    const at = Number(process.hrtime.bigint() / 1000n) / 1000;
    return this.last && at - this.last.at < this.reuseMs ? this.last.text : undefined;
  }

  /** The file system's clock as `clockText` gives it, read in `file` unless read recently; undefined where it cannot be. */
  now(file: string): string | undefined {
    // process.hrtime, not performance.now: the global `performance` loads node's perf_hooks on first
    // use (~2 ms of CPU), in every command that reads a pool, for this one reading.
    const kept = this.recent();
    if (kept !== undefined) return kept;
    const at = Number(process.hrtime.bigint() / 1000n) / 1000;
    const text = clockText(readFsClock(file));
    this.last = text === undefined ? undefined : { at, text };
    return text;
  }
}
