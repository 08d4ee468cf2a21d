// A peer's commit that turns a pool file into a folder (src/git/files-as-folders.ts): a shard the
// record does not count (a new name, an empty shard) made a folder (`shards/9.yaml/x.yaml`) passed
// every check before the pull; git checked the folder out, and every command here refused the
// pool as holding a shard that is a folder, on every host that synced. Now sync refuses the
// commit off its tree, naming the path: nothing taken, the pool writes on.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe('a pool file a peer turned into a folder', () => {
  it.each([
    ['a shard the record does not count', 'shards/9.yaml', async (peer: string) => {
      await mkdir(join(peer, 'shards', '9.yaml'));
      await writeFile(join(peer, 'shards', '9.yaml', 'x.yaml'), '"acc0": {password: "pw"}\n');
    }],
    ['a shard the record counts, its file kept inside', 'shards/1.yaml', async (peer: string) => {
      const text = await readFile(join(peer, 'shards', '1.yaml'));
      await rm(join(peer, 'shards', '1.yaml'));
      await mkdir(join(peer, 'shards', '1.yaml'));
      await writeFile(join(peer, 'shards', '1.yaml', '1.yaml'), text);
    }],
    ['the history folder a file', 'history', async (peer: string) => {
      await rm(join(peer, 'history'), { recursive: true, force: true });
      await writeFile(join(peer, 'history'), 'not a folder\n');
    }],
  ])('%s: sync refuses naming %s, HEAD unchanged, the pool writes', async (_, path, turn) => {
    const { base, clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    await turn(peer);
    await gitIn(peer, 'add', '-A', '.');
    await gitIn(peer, 'commit', '-qm', `${path} turned`);
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const head = await gitIn(host, 'rev-parse', 'HEAD');

    const synced = await cli(['sync', '--pool', host]);
    expect(synced.code, synced.stderr).toBe(1);
    expect(synced.stderr).toMatch(new RegExp(`${path.replace('.', '\\.')} is a (folder|file)`));
    expect(synced.stderr).toContain('Nothing was synced or changed here');
    expect(await gitIn(host, 'rev-parse', 'HEAD')).toBe(head);
    expect(await gitIn(host, 'status', '--porcelain')).toBe('');
    const allocated = await cli(['allocate', '--sync', '--count', '3', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'a.csv'), '--pool', host]);
    expect(allocated.code).toBe(1);
    expect(allocated.stderr).toContain(`${path} is a`);
    const plain = await cli(['allocate', '--count', '3', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'a.csv'), '--pool', host]);
    expect(plain.code, plain.stderr).toBe(0);
  }, 120_000);
});
