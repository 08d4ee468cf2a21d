// A peer's commit that holds one of the pool's accounts in a second shard (a line copied by hand
// into another shard file, a merge across a change of the shard count): git merges the two files
// without a conflict, since each side changed another file. `sync` pulled it and said nothing
// (exit 0); every writer then refused. Then it named both places at the pull, exit 1, but kept
// the pull: every write on every host that synced still refused. Now sync and allocate --sync
// name both places and the commit and undo the pull (taken-check.ts): nothing is handed out
// twice, and the pool here still writes.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, readdir, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe("a peer's account copied into another shard", () => {
  it('sync names both shards and lines and undoes the pull, exit 1; allocate --sync likewise; plain allocate still writes', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    const shards = join(peer, 'shards');
    const names = (await readdir(shards)).filter((f) => f.endsWith('.yaml'));
    let home = '';
    let line = '';
    for (const name of names) {
      const found = (await readFile(join(shards, name), 'utf8')).split('\n').find((l) => l.startsWith('"acc7": '));
      if (found) (home = name), (line = found);
    }
    const other = names.find((n) => n !== home)!;
    await appendFile(join(shards, other), `${line}\n`);
    await gitIn(peer, 'commit', '-qam', 'acc7 copied into another shard');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');

    const synced = await cli(['sync', '--pool', host]);
    expect(synced.code).toBe(1);
    const lines = (await readFile(join(peer, 'shards', other), 'utf8')).split('\n').length - 1;
    expect(synced.stderr).toContain(`account acc7 is in ${join(host, 'shards', home)}:`);
    expect(synced.stderr).toContain(`and in ${join(host, 'shards', other)}:${lines}`);
    expect(synced.stderr).not.toContain('Secret-7');

    expect(synced.stderr).toContain('The pull was undone');
    expect((await readFile(join(host, 'shards', other), 'utf8')).split('\n')).not.toContain(line);

    const out = join(base, 'accounts-sync.csv');
    const allocateSync = await cli(['allocate', '--sync', '--count', '30', '--no-check', '--instance', 'east', '--accountcsv', out, '--pool', host]);
    expect(allocateSync.code).toBe(1);
    expect(allocateSync.stderr).toContain('account acc7 is in');
    expect(existsSync(out)).toBe(false);
    const plain = await cli(['allocate', '--count', '30', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'accounts.csv'), '--pool', host]);
    expect(plain.code, plain.stderr).toBe(0);
  });
});
