// A shard that is a hard link to a file elsewhere (`ln /srv/elsewhere.yaml shards/0.yaml`, made by
// hand; git never checks one out) is no link to see: it reads as the shard. What must hold is that
// no write goes through it to the other file: every write replaces a shard by rename, so the hold
// an allocate logs and the fold that writes it into the shard leave the other file as it was.
import { describe, expect, it } from 'vitest';
import { cp, link, lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

describe('a shard that is a hard link to a file outside the pool', () => {
  it('is never written through: a hold and a fold leave the outside file as it was', async () => {
    const pool = await poolWithAccounts(40);
    const shards = (await readdir(join(pool.dir, 'shards'))).filter((n) => n.endsWith('.yaml'));
    const outside = join(pool.base, 'outside.yaml');
    const shard = join(pool.dir, 'shards', shards[0]!);
    await cp(shard, outside);
    await rm(shard);
    await link(outside, shard);
    const before = await readFile(outside, 'utf8');
    expect((await cli(['allocate', '--count', '40', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'east.csv'), ...pool.args])).code).toBe(0);
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
    expect(await readFile(outside, 'utf8')).toBe(before);
    expect((await lstat(outside)).nlink).toBe(1); // the shard is a file of its own now
    expect(await readFile(shard, 'utf8')).toContain('east');
  });
});
