// A pool on a shared host: a shard file that belongs to another user (copied in with `cp -a` from
// their pool, put there while the folder was open to them) stays theirs to rewrite in place
// whenever they like, and a shard with another name outside the pool (a hard link, made while
// the folder was open or by root) lets whoever reads that name read the shard's passwords. Every
// write replaces a shard by rename, so neither is written through (shard-hard-link.test.ts); but
// until that shard is written again nothing said so. `verify` now names both, and `verify --fix`
// gives each shard a file of the pool owner's with one name; the other name keeps its old bytes.
import { describe, expect, it } from 'vitest';
import { chown, cp, link, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

const NOBODY = 65534;
const root = process.getuid?.() === 0;

describe('shards another user owns or shares a name of', () => {
  it.skipIf(!root)('verify names them; verify --fix gives each a file of its own, the outside name left as it was', async () => {
    const pool = await poolWithAccounts(40);
    const names = (await readdir(join(pool.dir, 'shards'))).filter((n) => n.endsWith('.yaml')).sort();
    const owned = join(pool.dir, 'shards', names[0]!);
    const linked = join(pool.dir, 'shards', names[1]!);
    await chown(owned, NOBODY, NOBODY);
    const outside = join(pool.base, 'elsewhere.yaml');
    await cp(linked, outside);
    await rm(linked);
    await link(outside, linked);
    const outsideBytes = await readFile(outside);

    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    const said = verify.stdout + verify.stderr;
    expect(said).toContain(`${owned}: owned by user ${NOBODY}, not by the pool's owner`);
    expect(said).toContain(`${linked}: has 1 other name (a hard link)`);
    expect(said).not.toContain('secret-');

    const fixed = await cli(['verify', '--fix', ...pool.args]);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    const owner = (await stat(pool.dir)).uid;
    expect((await stat(owned)).uid).toBe(owner);
    expect((await stat(linked)).nlink).toBe(1);
    expect(await readFile(outside)).toEqual(outsideBytes);
    expect((await stat(outside)).uid).toBe(owner); // never chowned or chmodded through the shard's name
    const again = await cli(['verify', ...pool.args]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const status = await cli(['status', ...pool.args]);
    expect(status.stdout).toContain(': 40 accounts in');
  });
});
