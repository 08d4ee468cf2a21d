// A peer's accountpool.yaml that every command here would refuse (src/git/peer-settings.ts): a
// host with nothing unpublished fast-forwarded to it, and from then on `status`, `allocate` and
// every other command refused the pool's config until a hand reverted it. Now `sync` and
// `allocate --sync` refuse the commit, naming commit, line and key, with the parser every command
// uses: HEAD, the settings and the shards as they were, the pool still working.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe("a peer's settings this host's commands would refuse", () => {
  it.each([
    ['a value no setting takes', (t: string) => t.replace(/^lock_wait:.*$/m, 'lock_wait: soon'), 'lock_wait', false, 'sync'],
    ['a setting this version does not know', (t: string) => `${t}lease_minutes: 30\n`, 'unknown setting lease_minutes', false, 'sync'],
    ['a nested key', (t: string) => t.replace(/^  commit:.*$/m, '  commit: maybe'), 'git.commit', true, 'sync'],
    ['a YAML error', (t: string) => `${t}alerts: [unclosed\n`, 'line', false, 'allocate --sync'],
    // One megabyte of `[`: the YAML library took 18.8 s and 877 MB, then the next parse killed the process (src/yaml-shape.ts).
    ['a megabyte of nested lists', (t: string) => `${t}alerts: ${'['.repeat(1024 * 1024)}\n`, 'nests [ and { more than 64 deep', false, 'sync'],
  ])('%s is refused before it is taken', async (_what, edit, named, unpublished, command) => {
    const { base, clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    const config = join(peer, 'accountpool.yaml');
    await writeFile(config, edit(await readFile(config, 'utf8')));
    await gitIn(peer, 'commit', '-qam', 'settings');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const commit = (await gitIn(peer, 'rev-parse', 'HEAD')).trim().slice(0, 12);
    const allocate = (extra: string[]) => cli(['allocate', '--count', '3', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'a.csv'), ...extra, '--pool', host]);
    if (unpublished) expect((await allocate([])).code).toBe(0);
    const head = await gitIn(host, 'rev-parse', 'HEAD');
    const settings = await readFile(join(host, 'accountpool.yaml'), 'utf8');

    const synced = command === 'sync' ? await cli(['sync', '--pool', host]) : await allocate(['--sync']);
    expect(synced.code, synced.stderr).toBe(1);
    expect(synced.stderr).toContain(`accountpool.yaml of origin/main's commit ${commit}, line `);
    expect(synced.stderr).toContain(named);
    expect(synced.stderr).toContain('nothing was synced or changed here');
    expect(await gitIn(host, 'rev-parse', 'HEAD')).toBe(head);
    expect(await readFile(join(host, 'accountpool.yaml'), 'utf8')).toBe(settings);
    // The pool here still works: the refused settings never reached it.
    const status = await cli(['status', '--pool', host]);
    expect(status.code, status.stderr).toBe(0);
    const verify = await cli(['verify', '--pool', host]);
    expect(verify.stdout, verify.stderr).toContain('is sound: 30 accounts');
  }, 180_000);

  it('settings every command accepts are taken as before', async () => {
    const { clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    const config = join(peer, 'accountpool.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^lock_wait:.*$/m, 'lock_wait: 45s'));
    await gitIn(peer, 'commit', '-qam', 'settings');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const synced = await cli(['sync', '--pool', host]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(await readFile(join(host, 'accountpool.yaml'), 'utf8')).toContain('lock_wait: 45s');
  }, 180_000);
});
