// The change log's active segment read again into the memory of this process's last read of it
// (src/store/active-bytes.ts): only where the segment's note vouches that its first bytes are the
// ones remembered; whatever the file became otherwise, a read gives exactly its bytes, and bytes a
// reader already holds never change under it.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActive, rememberActive } from '../../src/store/active-bytes.js';
import { changedNs } from '../../src/store/fs-clock.js';
import { stampOf } from '../../src/store/file-stamp.js';
import type { Seen } from '../../src/store/log-digest.js';
import { decodeSegments, previousSegmentOf, readLog } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { Pool } from '../../src/store/pool.js';
import { openFilledPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

/** The file's bytes as `readActive` reads them, with the note given for its stamp now (settled unless `clock` says otherwise). */
async function readWith(file: string, note?: Partial<Seen> & { length: number; sha256: string }): Promise<Buffer> {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd, { bigint: true });
    const seen = note && { stamp: stampOf(info), clock: `${info.dev}:${changedNs(info) + 1n}`, ...note };
    return readActive(file, fd, info, seen).bytes;
  } finally {
    closeSync(fd);
  }
}

const block = (size: number, fill: number) => Buffer.alloc(size, fill);

describe('the active segment read again', () => {
  it('takes the remembered bytes where the note vouches for them, reads only what was appended, and never changes bytes a reader holds', async () => {
    const dir = await testdir();
    const file = join(dir, '.changes.log');
    await writeFile(file, block(200_000, 0x61));
    const first = await readWith(file);
    expect(first.equals(await readFile(file))).toBe(true);
    const inode = String((await stat(file)).ino);
    rememberActive(file, inode, first, first.length, 'h1');
    await appendFile(file, block(5_000, 0x62));
    const second = await readWith(file, { length: 200_000, sha256: 'h1' });
    expect(second.equals(await readFile(file))).toBe(true);
    expect(second.buffer).toBe(first.buffer); // the same memory, grown
    expect(first.length).toBe(200_000);
    expect(first.every((b) => b === 0x61)).toBe(true);
    // Not remembered as whole since (a torn tail, say): the next read does not write past what was handed out.
    await appendFile(file, block(3_000, 0x63));
    const third = await readWith(file, { length: 200_000, sha256: 'h1' });
    expect(third.buffer).not.toBe(first.buffer);
    expect(third.equals(await readFile(file))).toBe(true);
    expect(second.subarray(200_000).every((b) => b === 0x62)).toBe(true);
  });

  it('an earlier read remembered after a later one was handed out more of the same memory (two reads interleaved) is not taken again', async () => {
    const dir = await testdir();
    const file = join(dir, '.changes.log');
    await writeFile(file, block(100_000, 0x61));
    const inode = String((await stat(file)).ino);
    const first = await readWith(file);
    rememberActive(file, inode, first, first.length, 'h1');
    await appendFile(file, block(4_000, 0x62));
    const second = await readWith(file, { length: 100_000, sha256: 'h1' });
    expect(second.buffer).toBe(first.buffer);
    rememberActive(file, inode, first, first.length, 'h1'); // the first reader, late
    await appendFile(file, block(4_000, 0x63));
    const third = await readWith(file, { length: 100_000, sha256: 'h1' });
    expect(third.equals(await readFile(file))).toBe(true);
    expect(third.buffer).not.toBe(first.buffer);
    expect(second.subarray(100_000).every((b) => b === 0x62)).toBe(true);
  });

  it('reads the file whole where the note is for another stamp, another length or hash, is not settled, or the file is another', async () => {
    const dir = await testdir();
    const file = join(dir, '.changes.log');
    await writeFile(file, block(150_000, 0x61));
    const held = await readWith(file);
    const remember = async () => rememberActive(file, String((await stat(file)).ino), held, held.length, 'h1');
    await remember();
    // A byte edited by hand in what was read, the size kept: the stamp moved, the note is the old one's.
    const before = await stat(file, { bigint: true });
    const edited = Buffer.from(held);
    edited[10] = 0x7a;
    await writeFile(file, edited);
    const old = { stamp: stampOf(before), clock: `${before.dev}:${changedNs(before) + 1n}`, length: 150_000, sha256: 'h1' };
    const fd = openSync(file, 'r');
    const read = readActive(file, fd, fstatSync(fd, { bigint: true }), old).bytes;
    closeSync(fd);
    expect(read.buffer).not.toBe(held.buffer);
    expect(read[10]).toBe(0x7a);
    expect(held[10]).toBe(0x61);
    for (const note of [
      { length: 150_000, sha256: 'another' },
      { length: 149_999, sha256: 'h1' },
      { length: 150_000, sha256: 'h1', clock: '0:1' }, // another file system's clock, or one before the file's times
    ]) {
      await remember();
      const again = await readWith(file, note);
      expect(again.buffer).not.toBe(held.buffer);
      expect(again.equals(await readFile(file))).toBe(true);
    }
    // Another file at another path, even vouched for: read whole.
    const other = join(dir, 'other.log');
    await writeFile(other, block(150_000, 0x62));
    await remember();
    const theirs = await readWith(other, { length: 150_000, sha256: 'h1' });
    expect(theirs.buffer).not.toBe(held.buffer);
    expect(theirs.every((b) => b === 0x62)).toBe(true);
  });

  it("a pool's log read again after its appends gives what decoding its files whole gives, and the first read still gives what it gave", { timeout: 120_000 }, async () => {
    const filled = await openFilledPool(4, 400);
    const dir = filled.layout.dir;
    const pool = await Pool.open(dir, { folds: { capacity: 100_000 } });
    const setLevels = (round: number) =>
      pool.transaction((tx) => {
        for (let n = 0; n < 40; n++) {
          const account = tx.get(`user${String((round * 13 + n * 7) % 400).padStart(6, '0')}`)!;
          tx.put({ ...account, level: 1 + ((round + n) % 40) });
        }
      });
    const log = pool.layout.changeLog;
    const size = async () => (await stat(log).catch(() => undefined))?.size ?? 0;
    for (let round = 1; (await size()) < 100_000; round++) await setLevels(round);
    const digests = new LogDigests(pool.layout.logDigestDir);
    const files = async () => decodeSegments(log, [await readFile(previousSegmentOf(log)).catch(() => Buffer.alloc(0)), await readFile(log)]);
    const plain = (l: { lines: string[]; positions: number[]; events: unknown[]; validBytes: number }) => JSON.stringify([l.lines, l.positions, l.events, l.validBytes]);
    const first = await readLog(log, digests);
    const firstSeen = plain(first);
    for (let round = 100; round < 106; round++) {
      await setLevels(round);
      const again = await readLog(log, digests);
      expect(plain(again)).toBe(plain(await files()));
    }
    expect(plain(first)).toBe(firstSeen);
  });
});
