// What 7-Zip (7z-wasm) writes as it unpacks is counted and stopped at the caps (archive-7z-written.ts),
// whatever its listing said: run here on a real 7z made by `7zz` (3 MB of one account line), the
// caps given below what it holds, as a listing that understated its sizes would leave them. And its
// listing of a 7z of 12,000 folders is stopped where the reader has seen enough, 7-Zip left at once.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SevenZipModule } from '7z-wasm';
import { describe, expect, it } from 'vitest';
import { capWritten, stopPrinting } from '../../src/formats/archives/archive-7z-written.js';
import { testdir } from '../helpers/testdir.js';

const SIZE = 170_000 * 'ratio1:Pw#ratio-1\n'.length;

async function sevenZipOf(made?: string, print: (line: string) => void = () => {}): Promise<{ sz: SevenZipModule }> {
  let file = made;
  if (!file) {
    const dir = await testdir({ 'b.txt': 'ratio1:Pw#ratio-1\n'.repeat(170_000) });
    const run = spawnSync('7zz', ['a', '-bd', 'b.7z', 'b.txt'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    file = join(dir, 'b.7z');
  }
  const factory = (await import('7z-wasm')).default as unknown as (o: object) => Promise<SevenZipModule>;
  const sz = await factory({ print, printErr: () => {}, stdin: () => null });
  sz.FS.writeFile('/archive', await readFile(file));
  return { sz };
}

const unpack = (sz: SevenZipModule) => () => {
  try {
    sz.callMain(['x', '-o/out', '-y', '-p', '-bd', '/archive']);
  } catch {
    // 7-Zip stops with a C++ exception on a failed write: archive-7z.ts refuses on what capWritten returns.
  }
};

describe('7-Zip stopped as it writes past a cap', () => {
  it('max_dump_size: stopped at it, the write that passes it not made, naming the member', async () => {
    const { sz } = await sevenZipOf();
    const over = capWritten(sz, '/out/', 1_500_000, () => ({ key: 'block 0', packed: 1_000_000 }), unpack(sz));
    expect(over).toMatchObject({ path: 'b.txt', cap: 'total' });
    expect(over!.written).toBeGreaterThan(1_500_000);
    const kept = sz.FS.readFile('/out/b.txt').length;
    expect(kept).toBeLessThan(SIZE);
    expect(kept).toBeLessThanOrEqual(1_500_000);
  });

  it('the ratio: a member written past 200 times the packed bytes its group was given, from 1 MB up', async () => {
    const { sz } = await sevenZipOf();
    const over = capWritten(sz, '/out/', 64 * 1024 * 1024, (path) => (path === 'b.txt' ? { key: 'block 0', packed: 5000 } : undefined), unpack(sz));
    expect(over).toMatchObject({ path: 'b.txt', cap: 'ratio', packed: 5000 });
    expect(over!.written).toBeGreaterThan(1_000_000);
    expect(sz.FS.readFile('/out/b.txt').length).toBeLessThan(SIZE);
  });

  it('under the caps: all written, nothing said', async () => {
    const { sz } = await sevenZipOf();
    expect(capWritten(sz, '/out/', 64 * 1024 * 1024, () => ({ key: 'block 0', packed: 1_000_000 }), unpack(sz))).toBeUndefined();
    expect(sz.FS.readFile('/out/b.txt').length).toBe(SIZE);
  });
});

describe("7-Zip's listing stopped", () => {
  it('at its next write once enough entries were seen: no line printed after, 7-Zip left', async () => {
    const dir = await testdir({ 'stock/a.txt': 'a:b\n' });
    for (let i = 0; i < 12_000; i++) mkdirSync(join(dir, 'stock', `f${i}`));
    const made = spawnSync('7zz', ['a', '-bd', 'folders.7z', 'stock'], { cwd: dir, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    let paths = 0;
    let after = 0;
    const { sz } = await sevenZipOf(join(dir, 'folders.7z'), (line) => {
      if (paths > 100) after++;
      if (line.startsWith('Path = ')) paths++;
    });
    let left: unknown;
    stopPrinting(sz, () => paths > 100, () => {
      try {
        sz.callMain(['l', '-slt', '-p', '-bd', '/archive']);
      } catch (error) {
        left = error;
      }
    });
    expect(paths).toBe(101);
    expect(after).toBe(0);
    expect(String(left)).toContain('7-Zip stopped printing');
  }, 60_000);
});
