// .gitattributes comes with every pull of a pool shared through git, and git checks a committed
// link out as a link. Made a link to a FIFO (or /dev/zero), `sync` hung for ever reading it, and
// so did `init --git`, the fix its message names. Git itself reads no .gitattributes that is a
// link; now neither do we: sync says the merge driver's lines are missing, and init --git names
// the FIFO it would have to write into.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { lstat, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cliWithin } from '../helpers/cli.js';
import { GIT_ENV, makeGitPool, useGitEnv } from '../git/helpers.js';

useGitEnv();

/** A real process, killed at a 20 s deadline that bounds a hang (each ends in a second or two). */
const run = (args: string[]) => cliWithin(args, 20_000, { env: GIT_ENV });

describe('a .gitattributes that is a link to a FIFO', () => {
  it('sync refuses at once naming init --git; init --git names the FIFO, and once the link is gone writes the driver lines', async () => {
    const pool = await makeGitPool(2);
    const attributes = join(pool.dir, '.gitattributes');
    const fifo = join(pool.base, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await rm(attributes);
    await symlink(fifo, attributes);
    const synced = await run(['sync', ...pool.args]);
    expect(synced.signal).toBeNull();
    expect(synced.code).toBe(1);
    expect(synced.stderr).toContain('accountpool init --git');
    // init --git writes through a link as every file we write does (the operator's own link to
    // a regular file is kept), and names the FIFO it leads to rather than wait on it.
    const refused = await run(['init', '--git', ...pool.args]);
    expect(refused.signal).toBeNull();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${attributes} is a FIFO`);
    await rm(attributes);
    const fixed = await run(['init', '--git', ...pool.args]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await lstat(attributes)).isFile()).toBe(true);
    expect(await readFile(attributes, 'utf8')).toContain('history/*.txt merge=');
  }, 60_000);
});
