// What the watcher does with a file once it is done with it: a file the pool refuses outright is
// set aside at once, never retried forever (issue 13, item 7); what is filed is the watcher's
// alone, files 0600 and folders 0700 (item 10).
import { describe, expect, it } from 'vitest';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { dayFolder } from '../../src/watch/move.js';
import { drop, dumpText, failedNames, importedNames, makeInboxPool, poolSize, waiting } from './helpers.js';

const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

describe('filing inbox files', () => {
  it('a file with an account the pool refuses (a control character in a username) leaves the inbox on its first try, never retried', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/bel.txt', 'good1:pw-good1\nbad\u0007user:pw-bad\n');
    await drop(pool.inbox, 'level-30/esc.json', JSON.stringify([{ username: 'fine', password: 'pw-fine' }, { username: 'esc\u001buser', password: 'pw-esc' }]));
    const run = await cli(['watch', '--once', ...pool.args]);
    // Only the pool's and the machine's trouble keeps a file waiting: not these.
    expect(run.stderr).not.toContain('stays in the inbox');
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(run.stderr + run.stdout).not.toContain('pw-');
    // Set aside with the line to look at, or (where a reader rejects the line itself) imported
    // with that line rejected: either way done with, and the bad account never in the pool.
    for (const [name, line] of [['bel.txt', 2], ['esc.json', 1]] as const) {
      if ((await failedNames(pool.inbox)).includes(name)) {
        expect(await readFile(join(pool.inbox, 'failed', `${name}.error.txt`), 'utf8')).toContain(`reason: level-30/${name}:${line}: `);
      } else {
        expect(await importedNames(pool.inbox)).toContain(name);
        expect(run.stdout).toMatch(new RegExp(`imported level-30/${name.replace('.', '\\.')}: .*1 rejected`));
      }
    }
    const snapshot = await (await pool.open()).read();
    expect(snapshot.get('bad\u0007user')).toBeUndefined();
    expect(snapshot.get('esc\u001buser')).toBeUndefined();
  });

  it('files filed into imported/ and failed/ get mode 0600, with their notes; the folders 0700', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/good.txt', dumpText('good', 2));
    await drop(pool.inbox, 'nolevel.txt', dumpText('nolevel', 2));
    await chmod(join(pool.inbox, 'nolevel.txt'), 0o666); // even a file anyone may write
    expect(await modeOf(join(pool.inbox, 'level-30/good.txt'))).toBe('644');
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.stdout).toBe('imported level-30/good.txt: 2 added, 0 updated, 0 rejected\n');
    expect(await poolSize(pool)).toBe(2);
    const day = join(pool.inbox, 'imported', dayFolder(new Date()));
    expect(await modeOf(join(day, 'good.txt'))).toBe('600');
    for (const name of ['nolevel.txt', 'nolevel.txt.error.txt']) expect(await modeOf(join(pool.inbox, 'failed', name)), name).toBe('600');
    for (const dir of [join(pool.inbox, 'imported'), day, join(pool.inbox, 'failed')]) expect(await modeOf(dir), dir).toBe('700');
  });
});
