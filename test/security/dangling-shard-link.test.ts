// A shard that is a symbolic link to nothing (its target moved, a disk not mounted): stat follows
// the link and says ENOENT, which used to read as a missing shard, with `verify --fix
// --accept-loss` as the advice and an empty shard for the next write to put in its place. It is
// named for what it is: every command stops, nothing is written, no account is counted lost.
import { describe, expect, it } from 'vitest';
import { lstat, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('a shard that is a link to nothing', () => {
  it('is named as such by every command, never as missing; nothing is written, and with its file back the pool is whole', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 40 }, (_, i) => `linkuser${i}:pw${i}`).join('\n') + '\n');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const shard = join(pool.dir, 'shards', (await readdir(join(pool.dir, 'shards'))).find((n) => n.endsWith('.yaml'))!);
    const away = join(pool.base, 'moved-away.yaml');
    await rename(shard, away);
    await symlink(away, shard);
    await rename(away, `${away}.elsewhere`); // the link now points at nothing

    const more = join(pool.base, 'more.txt');
    await writeFile(more, 'newuser:pw1\n');
    await writeFile(join(pool.base, 'inbox', 'inboxed.txt'), 'inboxuser:pw1\n');
    const runs = [
      ['status'],
      ['verify'],
      ['import', more, '--level', '30'],
      ['allocate', '--count', '3', '--no-check', '--accountcsv', join(pool.base, 'accounts.csv')],
      ['watch', '--once', '--settle', '0s'],
    ];
    for (const args of runs) {
      const result = await cli([...args, ...pool.args]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stdout + result.stderr, args.join(' ')).toContain(`${shard}: the shard is a symbolic link to ${away}, which is not there`);
      expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(/missing|accept-loss/);
    }
    expect((await lstat(shard)).isSymbolicLink()).toBe(true); // never written over
    expect(await readlink(shard)).toBe(away);
    expect(await readdir(join(pool.base, 'inbox'))).toContain('inboxed.txt'); // stays, to be tried again

    await rename(`${away}.elsewhere`, away); // the disk is back: still a link, never read through (linked-shards.test.ts)
    const linked = await cli(['verify', ...pool.args]);
    expect(linked.code).toBe(1);
    expect(linked.stdout + linked.stderr).toContain(`${shard}: the shard is a symbolic link to ${away}, not the pool's own file`);
    await rm(shard);
    await rename(away, shard); // the file itself in its place, as the message says
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect((await (await pool.open()).read()).size).toBe(40);
  });
});
