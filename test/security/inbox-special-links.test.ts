// An attacker's or an unlucky operator's odd entries in the inbox: links to /dev/zero, to a FIFO,
// to the root folder, to nothing, and a FIFO itself. None is followed or opened for reading (a
// FIFO would hang the watcher, /dev/zero never ends): each is set aside with its reason, and the
// real dump beside them is imported.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('odd entries in the inbox', () => {
  it('links to /dev/zero, a FIFO, / and nothing, and a FIFO itself: set aside with their reason, never read; the dump beside them imported', async () => {
    const pool = await makePool(4);
    const level = join(pool.base, 'inbox', 'level-30');
    await mkdir(level);
    const fifoOutside = join(pool.base, 'outside.fifo');
    execFileSync('mkfifo', [fifoOutside, join(level, 'pipe.txt')]);
    await symlink('/dev/zero', join(level, 'zero.txt'));
    await symlink(fifoOutside, join(level, 'to-pipe.txt'));
    await symlink('/', join(level, 'root'));
    await symlink(join(pool.base, 'nothing-here'), join(level, 'dangling.txt'));
    await writeFile(join(level, 'real.txt'), 'realuser:pw1\n');
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.code).toBe(1); // files were set aside
    expect(result.stdout).toMatch(/^imported level-30\/real\.txt: 1 added/m);
    const failed = join(pool.base, 'inbox', 'failed');
    const reasons: Record<string, RegExp> = {
      'zero.txt': /symbolic link \(to \/dev\/zero\)/,
      'to-pipe.txt': /symbolic link \(to .*outside\.fifo\)/,
      root: /symbolic link \(to \/\)/,
      'dangling.txt': /symbolic link \(to .*nothing-here\)/,
      'pipe.txt': /is a FIFO, not a file/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      expect(await readFile(join(failed, `${name}.error.txt`), 'utf8'), name).toMatch(reason);
      expect(result.stderr).toContain(`failed level-30/${name}:`);
    }
    expect((await lstat(join(failed, 'zero.txt'))).isSymbolicLink()).toBe(true); // the link itself moved
    expect((await lstat(join(failed, 'pipe.txt'))).isFIFO()).toBe(true);
    expect(await readdir(level)).toEqual([]);
    expect((await (await pool.open()).read()).size).toBe(1);
  });
});
