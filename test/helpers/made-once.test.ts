// The run's shared templates (made-once.ts): one make however many ask at once, never a half-made
// folder at the final name, and a failed or abandoned make never blocks the next to ask.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { madeOnce } from './made-once.js';
import { testdir } from './testdir.js';

/** Above Linux's largest pid_max (2^22): no process has it. */
const NO_SUCH_PID = 2 ** 22 + 1;

describe('madeOnce', () => {
  it('makes the folder once for callers asking together; none sees it before it is whole', async () => {
    const dir = join(await testdir(), 'template');
    let makes = 0;
    const make = async (into: string) => {
      makes++;
      expect(existsSync(dir)).toBe(false);
      await writeFile(join(into, 'a'), 'first');
      await new Promise((resolve) => setImmediate(resolve));
      await writeFile(join(into, 'b'), 'second');
    };
    const got = await Promise.all([madeOnce(dir, make), madeOnce(dir, make), madeOnce(dir, make)]);
    expect(got).toEqual([dir, dir, dir]);
    expect(makes).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['a', 'b']);
    expect(await madeOnce(dir, make)).toBe(dir);
    expect(makes).toBe(1);
    expect(await readdir(join(dir, '..'))).toEqual(['template']); // no lock, no half-made folder left
  });

  it('a make that fails leaves nothing, and the next caller makes it; a dead maker\'s lock is taken over', async () => {
    const base = await testdir();
    const dir = join(base, 'template');
    await expect(madeOnce(dir, async (into) => {
      await writeFile(join(into, 'half'), '');
      throw new Error('git failed');
    })).rejects.toThrow('git failed');
    expect(await readdir(base)).toEqual([]);

    // A worker ended mid-make: its lock and its half-made folder are still there.
    await writeFile(`${dir}.lock`, String(NO_SUCH_PID));
    await mkdir(`${dir}.making`);
    await writeFile(join(`${dir}.making`, 'half'), '');
    await madeOnce(join(base, 'other'), async () => {}); // unrelated: not held up by it
    expect(await madeOnce(dir, async (into) => writeFile(join(into, 'whole'), 'yes'))).toBe(dir);
    expect(await readFile(join(dir, 'whole'), 'utf8')).toBe('yes');
    expect((await readdir(base)).sort()).toEqual(['other', 'template']);
  });
});
