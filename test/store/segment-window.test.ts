// segment-window.ts: the change log's active segment read past its note only, the part the note
// vouches for read through a small window where a reader asks for it (docs/scale-log.md, stop 49 A1).
import { describe, expect, it } from 'vitest';
import { readdirSync, readlinkSync } from 'node:fs';
import { readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSegments, homesOf, previousSegmentOf, readLog, type LoggedChanges } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { shardIndexOf } from '../../src/store/layout.js';
import { Pool } from '../../src/store/pool.js';
import { keyOf } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';
import { settledRead } from '../helpers/log-note.js';
import { changedNs, readFsClock } from '../../src/store/fs-clock.js';
import { waitFor } from '../helpers/testdir.js';
import { openFilledPool } from '../helpers/pool.js';

/** The descriptors this process holds open on `file` (a window keeps its own: segment-window.ts). */
function descriptorsOn(file: string): Set<string> {
  return new Set(
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false; // closed meanwhile (the listing's own descriptor)
      }
    }),
  );
}

/** How many descriptors this process holds open on `file`. */
const heldOn = (file: string) => descriptorsOn(file).size;

/**
 * The descriptors on `file` opened since `before` (`descriptorsOn` then): a read that opened a
 * window. Counted as new numbers, not as a total: the process keeps at most four windows open
 * (segment-window.ts OPEN_AT_MOST), so a new one may push an older one on the same file out, and
 * how many reads before took a window hangs on garbage collection (a sealed segment's bytes taken
 * again while alive, sealed-bytes.ts, open none). The new descriptor is opened before the oldest
 * goes, so its number is never one of `before`'s.
 */
const openedOn = (file: string, before: Set<string>) => [...descriptorsOn(file)].filter((fd) => !before.has(fd)).length;

const COUNT = 4;
const { names } = homesOf(COUNT);
const home = (key: string) => names[shardIndexOf(key, COUNT)]!;
/** Usernames the selection cannot place by their bytes alone (not plain ASCII), beside the pool's plain ones. */
const ODD = ['pokémon4', 'ÄRGER5', 'we"ird6', 'back\\slash7', 'User2'];

/** Everything a reader over the circle indexes takes of the log, as plain values. */
function seen(log: LoggedChanges) {
  const pending = log.pendingIn(home, names, homesOf(COUNT));
  const usernames = [...ODD, 'user000007', 'user000100'];
  return {
    lines: log.lines,
    keys: log.keys,
    positions: log.positions,
    events: log.events,
    counts: [log.recordCount, log.entries, log.currentStart, log.nextPosition, log.validBytes, log.totalBytes],
    pending: [pending.lines, pending.keys, pending.positions, pending.recordKeys, pending.recordPositions, [...pending.homeCounts(home)!]],
    lineAt: pending.keys.map((_, i) => pending.lineAt(i)),
    facts: pending.keys.map((_, i) => [pending.standingOf(i), pending.seqOf(i)]),
    bases: usernames.map((u) => [pending.baseAfter(keyOf(u), log.markOf(home(keyOf(u)))), pending.baseHashAfter(keyOf(u), log.markOf(home(keyOf(u))))?.toString('hex')]),
  };
}

/** The log decoded from its files' bytes read whole, no digest. */
async function whole(log: string) {
  return seen(decodeSegments(log, [await readFile(previousSegmentOf(log)).catch(() => Buffer.alloc(0)), await readFile(log)]));
}

/** A pool whose active segment is ~150 KB of logged transactions (no fold), its last bytes noted. */
async function loggedPool() {
  const filled = await openFilledPool(COUNT, 400);
  const dir = filled.layout.dir;
  const pool = await Pool.open(dir, { folds: { capacity: 100_000 } });
  await pool.transaction((tx) => {
    for (const [n, username] of ODD.entries()) tx.put(makeAccount(1000 + n, { username }));
  });
  const log = pool.layout.changeLog;
  for (let round = 1; ((await stat(log).catch(() => undefined))?.size ?? 0) < 150_000; round++) {
    await pool.transaction((tx) => {
      for (let n = 0; n < 40; n++) {
        const username = n < ODD.length && round % 3 === 0 ? ODD[n]! : `user${String((round * 13 + n * 7) % 400).padStart(6, '0')}`;
        tx.put({ ...tx.get(username)!, level: 1 + ((round + n) % 40) });
      }
    });
  }
  await settledRead(dir, log);
  return { dir, log, digestDir: pool.layout.logDigestDir, digests: new LogDigests(pool.layout.logDigestDir) };
}

describe('the active segment read past its note', () => {
  it('gives what reading the log whole gives, the noted part read through a window; with no digest over that part, it is read whole; a read kept for a whole transaction, through a window too', { timeout: 60_000 }, async () => {
    const { log, digests, digestDir } = await loggedPool();
    // A pool read after it: what this process holds of a segment (active-bytes.ts) is of another one now, as in a fresh process.
    await loggedPool();
    const read = await readLog(log, digests);
    expect(heldOn(log)).toBe(1); // read through a window, which keeps a descriptor
    expect(seen(read)).toEqual(await whole(log));
    // Without the segment's digest the unread part is read after all, and decoded: no window kept.
    await unlink(join(digestDir, `${(await stat(log)).ino}.digest`));
    const again = await readLog(log, digests);
    expect(heldOn(log)).toBe(1);
    expect(seen(again)).toEqual(await whole(log));
    // A read kept under the lock for a whole transaction (pool.ts finishInterrupted) lets the bytes it
    // read whole go: the text is read again through a window of its own (stop 54 I2: ~71 MB at 1,000,000).
    const kept = await readLog(log, undefined, { make: false, windowed: true });
    expect(heldOn(log)).toBe(2);
    expect(seen(kept)).toEqual(await whole(log));
  });

  it('reads the lines of its segment after a fold renamed it and its window let the descriptor go', { timeout: 90_000 }, async () => {
    const [ours, others] = [await loggedPool(), await loggedPool()];
    await loggedPool(); // what this process holds of a segment (active-bytes.ts) is of a third one
    const expected = await whole(ours.log);
    const read = await readLog(ours.log, ours.digests);
    expect(heldOn(ours.log)).toBe(1);
    // As a fold that turns the log renames the segment (change-log.ts); then the windows of other
    // reads push this one's descriptor out (a long-lived serve keeps only a few open).
    await rename(ours.log, previousSegmentOf(ours.log));
    for (let n = 0; n < 5; n++) await readLog(others.log, others.digests);
    expect(heldOn(others.log)).toBe(4);
    expect(heldOn(previousSegmentOf(ours.log))).toBe(0);
    expect(seen(read)).toEqual(expected);
    expect(heldOn(previousSegmentOf(ours.log))).toBe(1); // opened again on its inode, under the name it has now
  });

  it("lets go of a window whose segment a fold removed, at the next read or transaction: the disk's bytes freed, not held until pushed out", { timeout: 90_000 }, async () => {
    const [ours, others] = [await loggedPool(), await loggedPool()];
    await loggedPool(); // what this process holds of a segment (active-bytes.ts) is of a third one
    const gone = `${previousSegmentOf(ours.log)} (deleted)`;
    await readLog(ours.log, ours.digests);
    expect(heldOn(ours.log)).toBe(1);
    // As a fold's turn renames the active segment over the previous one, twice: its inode linked nowhere.
    await rename(ours.log, previousSegmentOf(ours.log));
    await unlink(previousSegmentOf(ours.log));
    expect(heldOn(gone)).toBe(1);
    // Another read's window (one of at most four) lets it go: until stop 50 it was held until pushed out.
    await readLog(others.log, others.digests);
    expect(heldOn(gone)).toBe(0);
    expect(heldOn(others.log)).toBeGreaterThanOrEqual(1);
    // And a transaction's end does (serve's fold turns the log, then may sit idle): a second read of ours, its segment removed.
    await readLog(others.log, others.digests);
    await unlink(others.log);
    const pool = await Pool.open(ours.dir, { folds: { capacity: 100_000 } });
    await pool.transaction((tx) => tx.put({ ...tx.get('user000007')!, level: 44 }));
    expect(heldOn(`${others.log} (deleted)`)).toBe(0);
  });
  it('an entry appended past the note (an allocation since, the note carried) is decoded from its own bytes: the same log, and the next read over the digest it made too', { timeout: 90_000 }, async () => {
    const { dir, log, digests } = await loggedPool();
    const before = await digests.beforeAppend(log);
    expect(before).toBeDefined();
    const sizeBefore = (await stat(log)).size;
    const pool = await Pool.open(dir, { folds: { capacity: 100_000 } });
    await pool.transaction((tx) => {
      for (let n = 0; n < 40; n++) tx.put({ ...tx.get(`user${String(n * 9).padStart(6, '0')}`)!, level: 41 });
      tx.put({ ...tx.get(ODD[1]!)!, level: 42 });
    });
    // The note carried past the append as a writer carries it (log-digest.ts afterAppend), once the
    // file system's clock has passed the append (a deadline on the clock, not a sleep).
    await waitFor(async () => (readFsClock(join(dir, '.cache', 'probe'))?.ns ?? 0n) > changedNs(await stat(log, { bigint: true })), { what: 'the file system clock to pass the append' });
    await digests.afterAppend(log, before!, (await stat(log)).size - sizeBefore);
    expect((await digests.noteOf(String((await stat(log)).ino)))?.length).toBe(before!.seen.length);
    await loggedPool(); // what this process holds of a segment (active-bytes.ts) is of another one
    const held = descriptorsOn(log);
    const read = await readLog(log, digests);
    expect(openedOn(log, held)).toBe(1); // its noted part read through a window
    const expected = await whole(log);
    expect(seen(read)).toEqual(expected);
    expect(read.lines.some((line) => line.includes('"level": 42'))).toBe(true);
    // That read's digest chunk of the appended entry, taken by the next reader (this process still
    // holds another segment's bytes: a read through a window is not remembered, active-bytes.ts).
    expect(seen(await readLog(log, digests))).toEqual(expected);
  });
});

describe('the previous segment read through a window', () => {
  it('where its note holds for all of it (a reader after the turn noted it): what reading the log whole gives; its note gone, read whole', { timeout: 90_000 }, async () => {
    const [ours, other] = [await loggedPool(), await loggedPool()];
    const previous = previousSegmentOf(ours.log);
    // As a fold's turn makes the active segment the previous one; then an allocation logs anew.
    for (const { dir, log } of [ours, other]) {
      await rename(log, previousSegmentOf(log));
      const pool = await Pool.open(dir, { folds: { capacity: 100_000 } });
      await pool.transaction((tx) => tx.put({ ...tx.get('user000007')!, level: 43 }));
      // A reader once the file system's clock has passed the rename notes the sealed segment at the stamp it has now.
      await waitFor(async () => (readFsClock(join(dir, '.cache', 'probe'))?.ns ?? 0n) > changedNs(await stat(previousSegmentOf(log), { bigint: true })), { what: 'the file system clock to pass the rename' });
      await readLog(log, new LogDigests(join(dir, '.cache', 'log')));
    }
    // The other pool's sealed segment is the one this process remembers now (sealed-bytes.ts).
    await readLog(other.log, other.digests);
    const noted = (await ours.digests.noteOf(String((await stat(previous)).ino)))?.length;
    expect(noted).toBe((await stat(previous)).size);
    const held = descriptorsOn(previous);
    const read = await readLog(ours.log, ours.digests);
    expect(openedOn(previous, held)).toBe(1); // read through a window, which keeps a descriptor
    const expected = await whole(ours.log);
    expect(seen(read)).toEqual(expected);
    // Without its note the sealed segment is read whole, as before: no window kept.
    await unlink(join(ours.digestDir, `${(await stat(previous)).ino}.seen`));
    await readLog(other.log, other.digests);
    const windows = descriptorsOn(previous);
    const again = await readLog(ours.log, ours.digests);
    expect(openedOn(previous, windows)).toBe(0);
    expect(seen(again)).toEqual(expected);
  });
});
