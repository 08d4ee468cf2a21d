// Whether the change log's active segment ends whole, told from its note and the bytes after the
// length the note vouches for (src/store/log-tail.ts), without reading it whole: a lock holder
// that skips the whole read on that answer must never leave a torn tail under its append (the
// append would be glued to it and lost to every reader), whatever the note says.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeLog, encodeEntry, encodeFoldEntry, readLog, wholeEntriesEnd } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { endsWhole } from '../../src/store/log-tail.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { changedNs, readFsClock } from '../../src/store/fs-clock.js';
import { Pool } from '../../src/store/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { openFilledPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

function entryText(n: number): string {
  if (n % 4 === 3) return encodeFoldEntry([`00${n % 2}`], `fold ${n}`);
  const accounts = [makeAccount(n, { level: 1 + (n % 40) }), makeAccount(n + 1, { holder: 'east', allocated_at: '2026-12-01T10:00:00.000Z' })];
  return encodeEntry(accounts, `tx ${n}`, [{ month: '2026-12', line: `event ${n}` }], [`"user${n}": {"level": 0}`]);
}

/** A note for `log` as it is now, vouching for its first `length` bytes, settled by a clock just past its change (as a reader writes one). */
async function noteNow(digestDir: string, log: string, length: number, clock: 'settled' | 'tie' = 'settled'): Promise<void> {
  const info = await stat(log, { bigint: true });
  const ns = changedNs(info) + (clock === 'settled' ? 1n : 0n);
  await writeFile(join(digestDir, `${info.ino}.seen`), JSON.stringify({ stamp: stampOf(info), clock: `${info.dev}:${ns}`, length, sha256: 'x' }));
}

describe('the change log told whole off its note and tail', () => {
  it('answers whole exactly where a whole read does, for a note at any entry boundary; never whole for a torn tail, wherever the note says it ends', async () => {
    const dir = await testdir();
    const digestDir = join(dir, 'log');
    await mkdir(digestDir);
    let run = 0;
    await fc.assert(
      // `window`: the first window looked back in for the last entry's head, here often shorter than an entry (the larger one read then).
      // `step`: the bytes read at a time while looking back, here often fewer than a line (a `\n#` split across two reads).
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.nat(6), fc.nat(400), fc.integer({ min: -400, max: 400 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 300 }), async (entries, noted, tornAt, shift, window, step) => {
        const texts = Array.from({ length: entries }, (_, n) => entryText(n));
        const next = entryText(entries);
        // A torn tail: the first bytes of one more entry (none where tornAt cuts nothing of it).
        const torn = next.slice(0, tornAt % next.length);
        const log = join(dir, `log-${run++}`);
        await writeFile(log, texts.join('') + torn);
        const boundary = Buffer.byteLength(texts.slice(0, Math.min(noted, entries)).join(''));
        const whole = await readLog(log);
        const wholeEnd = whole.validBytes === whole.totalBytes;
        const digests = new LogDigests(digestDir);
        await noteNow(digestDir, log, boundary);
        expect(await endsWhole(log, digests)).toBe(wholeEnd);
        expect(await endsWhole(log, digests, window)).toBe(wholeEnd);
        expect(await endsWhole(log, digests, window, step)).toBe(wholeEnd);
        // A note that lies about its length (off a boundary, or past the end): never "whole" where the log is torn.
        await noteNow(digestDir, log, Math.max(0, boundary + shift));
        if (!wholeEnd) expect(await endsWhole(log, digests)).toBe(false);
        if (!wholeEnd) expect(await endsWhole(log, digests, window)).toBe(false);
        if (!wholeEnd) expect(await endsWhole(log, digests, window, step)).toBe(false);
        // A note not settled by its clock (a tie), or for another stamp (appended to since): not told.
        await noteNow(digestDir, log, boundary, 'tie');
        expect(await endsWhole(log, digests)).toBe(false);
        await noteNow(digestDir, log, boundary);
        await appendFile(log, next);
        expect(await endsWhole(log, digests)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('counts as many whole bytes as the decode does, for entries cut, changed or followed by garbage at any byte', () => {
    const texts = Array.from({ length: 6 }, (_, n) => entryText(n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.nat(5000), fc.nat(255), fc.boolean(), (entries, at, byte, cut) => {
        const bytes = Buffer.from(texts.slice(0, entries).join(''));
        const changed = bytes.length === 0 ? bytes : cut ? bytes.subarray(0, at % bytes.length) : Buffer.from(bytes);
        if (!cut && changed.length > 0) changed[at % changed.length] = byte;
        expect(wholeEntriesEnd(changed)).toBe(decodeLog('log', changed).validBytes);
        // A view into a larger buffer (as the tail check passes it) reads only its own bytes.
        const inside = Buffer.concat([Buffer.from('#tx x\n'), changed, Buffer.from('x')]).subarray(6, 6 + changed.length);
        expect(wholeEntriesEnd(inside)).toBe(decodeLog('log', changed).validBytes);
      }),
      { numRuns: 200 },
    );
  });

  it('an allocation-like transaction over the indexes after a torn tail a reader noted: the tail is cut, its entry and every earlier one are read', async () => {
    const pool = await openFilledPool(4, 400);
    const dir = pool.layout.dir;
    const log = pool.layout.changeLog;
    const setLevel = (p: Pool, username: string, level: number) => p.transaction((tx) => tx.put({ ...tx.get(username)!, level }), { lean: true });
    await setLevel(pool, 'user000001', 5);
    await setLevel(pool, 'user000002', 6);
    // A writer killed mid-append, then a lock-free reader that reads the log (and notes it, torn as it is).
    const half = encodeEntry([makeAccount(3, { level: 9 })], 'killed');
    await appendFile(log, half.slice(0, half.length >> 1));
    const probe = join(dir, '.cache', 'probe');
    const deadline = Date.now() + 5000;
    while ((readFsClock(probe)?.ns ?? 0n) <= changedNs(await stat(log, { bigint: true }))) if (Date.now() > deadline) throw new Error('the file system clock did not move');
    await (await Pool.open(dir)).read();
    const info = await stat(log, { bigint: true });
    const note = JSON.parse(await readFile(join(pool.layout.logDigestDir, `${info.ino}.seen`), 'utf8')) as { stamp: string; length: number };
    expect(note.stamp).toBe(stampOf(info)); // the note holds for the torn segment: the tail past it is what tells
    expect(await endsWhole(log, new LogDigests(pool.layout.logDigestDir))).toBe(false);
    await setLevel(await Pool.open(dir), 'user000004', 7);
    const after = await readLog(log);
    expect(after.validBytes).toBe(after.totalBytes);
    const read = await (await Pool.open(dir)).read();
    expect(['user000001', 'user000002', 'user000003', 'user000004'].map((u) => read.get(u)?.level)).toEqual([5, 6, 30, 7]);
  });
});
