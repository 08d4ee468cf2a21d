// A full disk at every point of a command on a `git.commit` pool (stop 65 X): the sweep of
// test/helpers/full-disk-sweep.ts, where the room can also run out in git's own objects and index
// after the pool's commit point. The pool is then whole (the holds and the accounts file) and the
// change waits in the working tree; the next command, with room, commits it: nothing left
// uncommitted, HEAD's shards the working tree's.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { mountSkipReason } from '../helpers/tmpfs.js';
import { holdings, listed, stage, sweep, verified } from '../helpers/full-disk-sweep.js';
import { gitIn, useGitEnv } from './helpers.js';

useGitEnv();

describe.skipIf(mountSkipReason)('a full disk at every point of a command on a git.commit pool', () => {
  it('allocate: the holds and the accounts file both or neither, and committed by the next command', async () => {
    const s = await stage(40, ['--git']);
    const head = await gitIn(s.dir, 'rev-parse', 'HEAD');
    const seen = await sweep(s, () => cli(['allocate', '--count', '5', '--no-check', '--instance', 'east', '--accountcsv', s.file, ...s.args]), async () => {
      const held = (await holdings(s.dir)).split('\n').filter((l) => l.split(' ')[1] === 'east').map((l) => l.split(' ')[0]).sort();
      expect(held).toHaveLength(5);
      expect(await listed(s.file)).toEqual(held);
      await verified(s.dir);
      // A change git could not take is committed by the next command that takes the pool.
      expect((await cli(['release', '--instance', 'nobody', ...s.args])).code).toBe(0);
      expect(await gitIn(s.dir, 'status', '--porcelain', '--ignored=no')).toBe('');
      expect(await gitIn(s.dir, 'rev-parse', 'HEAD')).not.toBe(head);
    });
    // Met before the pool's commit point (its journal) and after it (the shards, the accounts file, git's record of a pending commit).
    expect(new Set(seen.flatMap((l) => /could not write (\S+):/.exec(l)?.[1] ?? [])).size, seen.join('\n')).toBeGreaterThanOrEqual(3);
  });
});
