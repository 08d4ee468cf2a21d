// The files of clocks/ arrive from every peer of a pool shared through git, and every command that
// judges the clocks (status, allocate, serve, sync, on every host) parses all of them as YAML,
// which costs ~2 s of CPU a MB. Five 1 MB files of leads a peer pushed (a few KB once git packs
// them) made each `allocate` on every host take 9.3 s of CPU instead of 0.3 s, and `status` 10 s.
// A host's file holds one lead of ~60 bytes per other host ahead of it: a file over 32 KB is no
// clock file, and one command reads 128 KB of clocks/ at most, in name order (each file counting
// 256 bytes more, so empty ones count too). Nothing is lost by skipping: any peer may already
// write, forge or remove any of these files.
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLOCKS_DIR, readClockFiles, renderClockFile, type ClockFile } from '../../src/git/clock-files.js';
import { testdir } from '../helpers/testdir.js';

/** A host's file with `leads` other hosts ahead of it. */
const fileOf = (host: string, leads: number): ClockFile => ({
  host,
  checked_at: '2026-12-02T10:00:00.000Z',
  ahead: Array.from({ length: leads }, (_, i) => ({ host: `peer-${i}`, seconds: 3600, commit: 'abcdef012345' })),
});

async function clocks(files: ClockFile[]): Promise<string> {
  const dir = await testdir();
  await mkdir(join(dir, CLOCKS_DIR));
  for (const file of files) await writeFile(join(dir, CLOCKS_DIR, `${file.host}.yaml`), renderClockFile(file));
  return dir;
}

describe('clocks/ files of a size no host writes', () => {
  it('a 100 KB file of leads is no clock file; a host naming 300 others still is', async () => {
    const big = fileOf('big', 2_000);
    const many = fileOf('many', 300);
    const dir = await clocks([big, many, fileOf('east', 1)]);
    expect(renderClockFile(big).length).toBeGreaterThan(100 * 1024);
    expect((await readClockFiles(dir)).map((f) => f.host)).toEqual(['east', 'many']);
  });

  it('100 files of 30 KB each: a few read, in name order, never all of them', async () => {
    const files = Array.from({ length: 100 }, (_, i) => fileOf(`h${String(i).padStart(3, '0')}`, 400));
    expect(renderClockFile(files[0]!).length).toBeLessThan(32 * 1024);
    const read = await readClockFiles(await clocks(files));
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(10);
    expect(read.map((f) => f.host)).toEqual(files.slice(0, read.length).map((f) => f.host));
  });

  it('2,000 empty files count too: a real file behind them is past what a command reads', async () => {
    const dir = await testdir();
    await mkdir(join(dir, CLOCKS_DIR));
    await Promise.all(Array.from({ length: 2000 }, (_, i) => writeFile(join(dir, CLOCKS_DIR, `e${String(i).padStart(5, '0')}.yaml`), '')));
    await writeFile(join(dir, CLOCKS_DIR, 'zz-real.yaml'), renderClockFile(fileOf('zz-real', 1)));
    // Behind 2,000 empty files (512 KB of budget): skipped, as one past any budget is.
    expect(await readClockFiles(dir)).toEqual([]);
  });
});
