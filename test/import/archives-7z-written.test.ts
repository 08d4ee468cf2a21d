// What 7-Zip (7z-wasm) writes as it unpacks is counted and stopped at the caps (archive-7z-written.ts),
// whatever its listing said: run here on a real 7z made by `7zz` (3 MB of one account line), the
// caps given below what it holds, as a listing that understated its sizes would leave them.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SevenZipModule } from '7z-wasm';
import { describe, expect, it } from 'vitest';
import { capWritten } from '../../src/formats/archive-7z-written.js';
import { testdir } from '../helpers/testdir.js';

const SIZE = 170_000 * 'ratio1:Pw#ratio-1\n'.length;

async function sevenZipOf(): Promise<{ sz: SevenZipModule; errors: string[] }> {
  const dir = await testdir({ 'b.txt': 'ratio1:Pw#ratio-1\n'.repeat(170_000) });
  const run = spawnSync('7zz', ['a', '-bd', 'b.7z', 'b.txt'], { cwd: dir, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const errors: string[] = [];
  const factory = (await import('7z-wasm')).default as unknown as (o: object) => Promise<SevenZipModule>;
  const sz = await factory({ print: () => {}, printErr: (l: string) => errors.push(l), stdin: () => null });
  sz.FS.writeFile('/archive', await readFile(join(dir, 'b.7z')));
  return { sz, errors };
}

const unpack = (sz: SevenZipModule) => () => {
  try {
    sz.callMain(['x', '-o/out', '-y', '-p', '-bd', '/archive']);
  } catch {
    // 7-Zip stops with a C++ exception on a failed write: archive-7z.ts refuses on what capWritten returns.
  }
};

describe('7-Zip stopped as it writes past a cap', () => {
  it('max_dump_size: stopped within one output buffer (1 MiB) of it, naming the member', async () => {
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
