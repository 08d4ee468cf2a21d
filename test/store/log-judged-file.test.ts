// A segment's judged rows (src/store/log-judged.ts), saved chunk by chunk as allocations append them
// and read back: what the next reader over the circle indexes takes instead of looking each pending
// record up. Read back in the file's own memory since stop 48 (the bodies moved over the heads), so
// these hold that the rows come back in order across chunks, and that a garbled or cut chunk ends
// them there, never giving its rows or any after it.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JUDGED, JudgedFile, judgeAppended, LINE, ROW, SHARD } from '../../src/store/log-judged.js';
import { encodeEntry } from '../../src/store/change-log.js';
import { testdir } from '../helpers/testdir.js';
import { makeAccount } from '../helpers/accounts.js';

/** `count` rows of made-up numbers, row `first` onwards (distinct per row and column). */
function rows(first: number, count: number): Uint32Array {
  return Uint32Array.from({ length: ROW * count }, (_, i) => 1000 * (first + Math.floor(i / ROW)) + (i % ROW));
}

function joined(...parts: Uint32Array[]): Uint32Array {
  const all = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** A judged file for inode `7` in a new folder, saved as three allocations would: 3 rows, then 2 appended, then 4. */
async function threeChunks(): Promise<{ dir: string; file: string; all: Uint32Array; firstTwo: number }> {
  const dir = await testdir();
  const a = rows(0, 3);
  const b = rows(3, 2);
  const c = rows(5, 4);
  await (await JudgedFile.load(dir, '7')).save(a);
  await (await JudgedFile.load(dir, '7')).save(joined(a, b));
  const file = join(dir, `7${JUDGED}`);
  const firstTwo = readFileSync(file).length;
  await (await JudgedFile.load(dir, '7')).save(joined(a, b, c));
  return { dir, file, all: joined(a, b, c), firstTwo };
}

describe('judged rows file', () => {
  it('gives back every row saved, in order, across the chunks appended', async () => {
    const { dir, file, all, firstTwo } = await threeChunks();
    expect(readFileSync(file).length).toBeGreaterThan(firstTwo); // appended, not written whole
    const read = await JudgedFile.load(dir, '7');
    expect(Array.from(read.rows)).toEqual(Array.from(all));
  });

  it('ends the rows at a garbled or cut chunk: its rows and those after it are not given', async () => {
    const { dir, file, all, firstTwo } = await threeChunks();
    const bytes = readFileSync(file);
    // A byte of the third chunk's body changed: its check fails, the first two chunks' 5 rows stand.
    const garbled = Buffer.from(bytes);
    garbled[garbled.length - 3]! ^= 0xff;
    writeFileSync(file, garbled);
    expect(Array.from((await JudgedFile.load(dir, '7')).rows)).toEqual(Array.from(all.subarray(0, 5 * ROW)));
    // The second chunk's body garbled: only the first chunk's 3 rows, though the third is whole.
    const second = Buffer.from(bytes);
    second[firstTwo - 5]! ^= 0xff;
    writeFileSync(file, second);
    expect(Array.from((await JudgedFile.load(dir, '7')).rows)).toEqual(Array.from(all.subarray(0, 3 * ROW)));
    // Cut inside the last chunk (a writer killed mid-append): the first two chunks' rows.
    writeFileSync(file, bytes);
    truncateSync(file, bytes.length - 6);
    expect(Array.from((await JudgedFile.load(dir, '7')).rows)).toEqual(Array.from(all.subarray(0, 5 * ROW)));
  });

  // judgeAppended: the writer's rows for its own entry, appended as a chunk where the file's chunks
  // follow one another up to its end and cover exactly the rows before it (their heads read alone).
  it("appends a writer's rows for its entry where the file's chunks cover exactly the rows before; after a chunk whose head does not follow, writes nothing", async () => {
    const { dir, file, all } = await threeChunks(); // 9 rows
    const log = join(dir, 'changes.log');
    writeFileSync(log, encodeEntry([makeAccount(1), makeAccount(2)], 'allocate'));
    const inode = String(statSync(log).ino);
    const judgedFile = join(dir, `${inode}${JUDGED}`);
    writeFileSync(judgedFile, readFileSync(file));
    const place = [3, 17, 1, 5, 6] as const;
    await judgeAppended(log, dir, 0, 9, () => place);
    const rows = (await JudgedFile.load(dir, inode)).rows;
    expect(Array.from(rows.subarray(0, 9 * ROW))).toEqual(Array.from(all));
    expect(rows.length).toBe(11 * ROW);
    expect([rows[9 * ROW + SHARD], rows[9 * ROW + LINE], rows[10 * ROW + LINE]]).toEqual([3, 17, 17]);
    // Told 8 rows before (the file holds 11): nothing written.
    const before = readFileSync(judgedFile);
    await judgeAppended(log, dir, 0, 8, () => place);
    expect(readFileSync(judgedFile).equals(before)).toBe(true);
    // The second chunk's head names another first row: the file's rows end after the first chunk, nothing appended.
    const bytes = readFileSync(file);
    const second = 20 + 3 * ROW * 4;
    bytes.writeUInt32LE(4, second + 4);
    writeFileSync(judgedFile, bytes);
    await judgeAppended(log, dir, 0, 9, () => place);
    expect(readFileSync(judgedFile).equals(bytes)).toBe(true);
  });
});

