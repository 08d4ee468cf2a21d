// .cache/canonical.json names the sha1 of each shard text the store wrote itself, so a read of
// such a shard skips re-encoding its lines (canonical-cache.ts). It is derived, git-ignored and
// written without the lock: anyone who can write the pool's folder (or a bad copy of it) can
// put any shard's sha1 there. A 4 MB line, added to a shard whose sha1 was then written into
// the cache, was read by `status` and `allocate` as our own output: the 64 KB bound of an account
// (shard-codec.ts MAX_ACCOUNT_TEXT) was checked only on the verifying path. Every read now checks
// it, trusted or not; the cache only spares the re-encoding. Format: src/store/canonical-cache.ts.
// The cache is sealed (src/cache-seal.ts): the forger here writes the seal again, as one who
// read our source would, so that what the cache is trusted for is what is tested.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts, shardLine } from '../helpers/pool.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';
import { canonicalEntry } from '../../src/store/canonical-cache.js';

describe('a shard named canonical by a forged .cache/canonical.json', () => {
  it('still has each account checked against the 64 KB bound: status and allocate refuse naming file and line, nothing handed out', async () => {
    const pool = await poolWithAccounts(40);
    const { file, line } = await shardLine(pool.dir, 'acc3');
    const text = await readFile(file, 'utf8');
    const edited = text.replace(line, `${line.slice(0, -1)}, "note": "${'n'.repeat(4_000_000)}"}`);
    await writeFile(file, edited);
    const cacheFile = join(pool.dir, '.cache', 'canonical.json');
    await mkdir(join(pool.dir, '.cache'), { recursive: true });
    const known = existsSync(cacheFile) ? await readSealed<Record<string, string>>(cacheFile) : {};
    known[basename(file, '.yaml')] = canonicalEntry(createHash('sha1').update(edited).digest('hex'));
    await writeSealed(cacheFile, known);
    const number = edited.split('\n').findIndex((l) => l.startsWith('"acc3"')) + 1;

    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(`${file}:${number}: an account over 64 KB`);
    const out = join(pool.base, 'accounts.csv');
    const allocate = await cli(['allocate', '--count', '5', '--no-check', '--accountcsv', out, ...pool.args]);
    expect(allocate.code).toBe(1);
    expect(allocate.stderr).toContain(`${file}:${number}: an account over 64 KB`);
    expect(existsSync(out)).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });
});
