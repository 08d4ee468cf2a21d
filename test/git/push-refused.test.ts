// A push the remote refuses for a reason that is no race: the remote's own disk full as it writes
// the branch. git's receive-pack (builtin/receive-pack.c, update()) reports any ref write it could
// not make as "failed to update ref" (newer gits: "failed to update refs" for the transaction),
// after printing the ref store's own words as `remote: error: ...`: for a lost race "cannot lock
// ref 'refs/heads/main': is at X but expected Y" (refs/files-backend.c, check_old_oid), for a full
// disk "cannot update ref 'refs/heads/main': couldn't write '.../refs/heads/main.lock'"
// (files-backend.c, write_ref_to_lockfile). Until stop 61 the reason alone decided, and a full
// disk was pulled and pushed again 8 times under the pool lock as a lost race.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { mountSkipReason, smallDisk } from '../helpers/tmpfs.js';
import { gitIn, heldBy, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe.skipIf(mountSkipReason)('a remote whose disk is full', () => {
  it('is one push, the remote\'s words quoted, the holds kept here; published once there is room', async () => {
    const { base, remote, clones } = await sharedPool(1, 30);
    const pool = clones[0]!;
    // The remote on a real 4 MiB tmpfs: the kernel answers ENOSPC, not a hook's exit code.
    const disk = await smallDisk(4096);
    const full = join(disk, 'pool.git');
    await gitIn(base, 'clone', '--bare', '--quiet', remote, full);
    await gitIn(pool, 'remote', 'set-url', 'origin', full);
    // The disk fills while the push is under way: the pushed objects are in (quarantined), the hook
    // lets the push through, and git's write of the branch's lock file is what finds no room.
    const pushes = join(base, 'pushes');
    const filler = join(disk, 'filler');
    await writeFile(join(full, 'hooks', 'pre-receive'), `#!/bin/sh\necho x >> '${pushes}'\nhead -c 64000000 /dev/zero > '${filler}' 2>/dev/null\nexit 0\n`, { mode: 0o755 });
    expect((await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', join(base, 'full.csv'), '--instance', 'f', '--pool', pool])).code).toBe(0);
    const head = await gitIn(pool, 'rev-parse', 'HEAD');
    const refused = await cli(['sync', '--pool', pool]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/origin\/main refused the push \(failed to update refs?\): "[^"]*main\.lock/);
    expect(refused.stderr).toContain('Nothing is lost');
    expect(refused.stderr).not.toContain('pulling again');
    expect((await readFile(pushes, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
    expect(await gitIn(pool, 'rev-parse', 'HEAD')).toBe(head);
    expect((await heldBy(pool)).get('f')).toHaveLength(3);
    // Room again: the next sync publishes the kept holds.
    await rm(filler);
    await rm(join(full, 'hooks', 'pre-receive'));
    expect((await cli(['sync', '--pool', pool])).code).toBe(0);
    expect(await gitIn(full, 'rev-parse', 'main')).toBe(head);
  });
});
