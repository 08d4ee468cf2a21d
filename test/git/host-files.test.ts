// A host's own files committed with `git add -f` (the change log, which .gitignore keeps out):
// a pull brought another host's change log into this pool, where it was read as its own and
// folded again, its history lines written on both hosts. sync now takes no such remote and
// publishes no such commit, nothing changed, saying how to untrack the file. Two real clones.
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn } from './helpers.js';

describe('a change log committed with git add -f', () => {
  it('is neither taken from the remote nor published; untracked, the sync goes through', async () => {
    // A remote seeded by one pool, and two hosts cloned from it (as docs/git.md sets them up).
    const base = await testdir();
    const remote = join(base, 'remote.git');
    await gitIn(base, 'init', '-q', '--bare', remote);
    const seed = join(base, 'seed');
    expect((await cli(['init', '--pool', seed, '--shards', '2', '--git'])).code).toBe(0);
    await writeFile(join(base, 'd.txt'), 'acc1:Secret-1\nacc2:Secret-2\n');
    expect((await cli(['import', join(base, 'd.txt'), '--level', '30', '--pool', seed])).code).toBe(0);
    await gitIn(seed, 'remote', 'add', 'origin', remote);
    expect((await cli(['sync', '--pool', seed])).code).toBe(0);
    const [a, b] = [join(base, 'a'), join(base, 'b')];
    const branch = (await gitIn(seed, 'rev-parse', '--abbrev-ref', 'HEAD')).trim();
    for (const dir of [a, b]) {
      await gitIn(base, 'clone', '-q', '-b', branch, remote, dir);
      expect((await cli(['init', '--git', '--pool', dir])).code).toBe(0);
    }
    // A's change log, as a host with git.commit off (or serve) leaves it, committed by force and pushed.
    const log = join(a, '.changes.log');
    await writeFile(log, 'a change log entry of host a\n', { mode: 0o600 });
    await gitIn(a, 'add', '-f', '.changes.log');
    await gitIn(a, 'commit', '-q', '-m', 'the change log by mistake');
    await gitIn(a, 'push', '-q');
    const headB = await gitIn(b, 'rev-parse', 'HEAD');

    const taken = await cli(['sync', '--pool', b]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('tracks .changes.log');
    expect(taken.stderr).toContain('Nothing was synced or changed here');
    expect(await gitIn(b, 'rev-parse', 'HEAD')).toBe(headB);
    await expect(stat(join(b, '.changes.log'))).rejects.toThrow(/ENOENT/);

    const published = await cli(['sync', '--pool', a]);
    expect(published.code).toBe(1);
    expect(published.stderr).toContain(`rm -r -q --cached -- .changes.log`);
    // What it says to run: the file stays on A, untracked; both hosts sync again.
    await gitIn(a, 'rm', '-r', '-q', '--cached', '--', '.changes.log');
    await gitIn(a, 'commit', '-q', '-m', 'untrack host files');
    const again = await cli(['sync', '--pool', a]);
    expect(again.code, `a: ${again.stderr}`).toBe(0);
    const synced = await cli(['sync', '--pool', b]);
    expect(synced.code, `b: ${synced.stderr}`).toBe(0);
    await expect(stat(join(b, '.changes.log'))).rejects.toThrow(/ENOENT/);
  });
});
