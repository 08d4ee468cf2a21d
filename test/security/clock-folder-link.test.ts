// The clocks/ folder of a pool shared through git, committed by a peer as a link to a folder
// outside the pool (git checks a committed link out as a link: `clocks -> ../outside`). Followed,
// the sync that had something to say about the clocks wrote this host's file wherever the link
// led (`mkdir -p` and the rename both go through it), and every command took the files found
// there for the hosts' own. Now such a folder is neither read nor written: writing this host's
// file is refused naming the link, and the files behind it are no clock files.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { CLOCKS_DIR, readClockFiles, renderClockFile } from '../../src/git/clock-files.js';
import { publishLeads } from '../../src/git/clock-claims.js';
import { hostNameOf } from '../../src/git/clock-host.js';
import { gitIn, makeGitPool, sharedPool, useGitEnv } from '../git/helpers.js';

useGitEnv();

/** A fresh clock file of host `west` saying `named`'s clock is two hours behind (names it). */
const naming = (named: string) => renderClockFile({ host: 'west', checked_at: new Date().toISOString(), ahead: [{ host: named, seconds: 7200, commit: 'abc' }] });

describe('clocks/ committed as a link to a folder outside the pool', () => {
  it('this host never writes its clock file there: refused naming the link; the files there are no clock files', async () => {
    const pool = await makeGitPool(2);
    const outside = join(pool.base, 'outside');
    await mkdir(outside);
    const self = await hostNameOf(pool.dir);
    await writeFile(join(outside, 'west.yaml'), naming(self));
    await symlink('../outside', join(pool.dir, CLOCKS_DIR));
    expect(await readClockFiles(pool.dir)).toEqual([]);
    const lead = { host: 'west', seconds: 7200, commit: 'abc' };
    await expect(publishLeads(pool.dir, [lead], new Date(), false)).rejects.toThrow(`${join(pool.dir, CLOCKS_DIR)} is a link (to ../outside), not the pool's own folder`);
    expect(await readdir(outside)).toEqual(['west.yaml']);
  });

  it('a real sync on the host it names writes nothing outside, and status judges no file from there', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [a, b] = clones as [string, string];
    const outside = join(base, 'outside');
    await mkdir(outside);
    // The peer b commits clocks/ as a link out of the pool and pushes it.
    await symlink('../outside', join(b, CLOCKS_DIR));
    await gitIn(b, 'add', CLOCKS_DIR);
    await gitIn(b, 'commit', '-q', '-m', 'clocks');
    await gitIn(b, 'push', '-q', 'origin', 'HEAD');
    const nameA = await hostNameOf(a);
    const west = naming(nameA);
    await writeFile(join(outside, 'west.yaml'), west);
    const synced = await cli(['sync', '--pool', a]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(await readdir(outside)).toEqual(['west.yaml']);
    expect(await readFile(join(outside, 'west.yaml'), 'utf8')).toBe(west);
    const status = await cli(['status', '--pool', a]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).not.toContain('west');
  }, 60_000);
});
