// A peer's accountpool.yaml whose shard count no pool may have (`shards: 5000`, over the 4,096
// config-file.ts allows; `shards: many`, no count): sync read the count off the commit by itself
// (reshard-replay.ts, so a setting this version does not know never stops a sync) and took it
// for a reshard: a host with unpublished commits resharded its own pool into 5,000 files on the
// peer's word, and its next command refused its own accountpool.yaml; a count that did not read
// was taken for the default 64, another reshard no host made. Now sync refuses such a commit,
// naming the commit and the value: nothing synced or changed here. A host with nothing unpublished
// fast-forwarded to it, and every command there refused its accountpool.yaml: refused too.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe("a peer's shard count no pool may have", () => {
  it.each([
    ['5000', true],
    ['many', true],
    ['-4', true],
    ['5000', false],
  ])('shards: %s is refused (unpublished commits here: %s), nothing changed', async (value, unpublished) => {
    const { base, clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    const config = join(peer, 'accountpool.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^shards:.*$/m, `shards: ${value}`));
    await gitIn(peer, 'commit', '-qam', `shards: ${value}`);
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    if (unpublished) expect((await cli(['allocate', '--count', '3', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'a.csv'), '--pool', host])).code).toBe(0);
    const head = await gitIn(host, 'rev-parse', 'HEAD');

    const synced = await cli(['sync', '--pool', host]);
    expect(synced.code, synced.stderr).toBe(1);
    expect(synced.stderr).toContain(`shards: ${value}`);
    expect(synced.stderr).toContain('Nothing was synced or changed here');
    expect(await gitIn(host, 'rev-parse', 'HEAD')).toBe(head);
    expect((await readdir(join(host, 'shards'))).filter((f) => f.endsWith('.yaml'))).toHaveLength(4);
    const verify = await cli(['verify', '--pool', host]);
    expect(verify.stdout, verify.stderr).toContain('is sound: 30 accounts');
  }, 180_000);
});
