// A peer's commit that leaves the pool as no write accepts, or with fewer accounts than this host
// held: a shard cut short (fewer accounts than its record says), a shard that does not parse, a
// shard cut with its record lowered to match (passes the store's check: the accounts were simply
// gone here for good). Taken by sync, the first three left every host that synced refusing every
// write until a hand repaired the shards; the last lost accounts silently. The store never
// removes an account, so sync now checks the pool the pull leaves as every write will and
// against what HEAD held, and undoes the pull on a finding, naming the commit and the shard: the
// pool here is exactly as before and still writes. A shard grown with new accounts (a peer's
// import, or lines added by hand) is taken. Two real clones and a bare remote.
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

/** The account lines of a shard file (`"acc7": {...}`), and the file's other lines. */
function accountLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('"'));
}

/** Drops the first `count` accounts of `shard` in `peer`; returns their usernames. */
async function cut(peer: string, shard: string, count: number): Promise<string[]> {
  const file = join(peer, 'shards', shard);
  const text = await readFile(file, 'utf8');
  const dropped = accountLines(text).slice(0, count);
  await writeFile(file, text.split('\n').filter((line) => !dropped.includes(line)).join('\n'));
  return dropped.map((line) => JSON.parse(line.slice(0, line.indexOf('": ') + 1)) as string);
}

async function setRecord(peer: string, shard: string, by: number): Promise<void> {
  const file = join(peer, 'shards', '.manifest');
  const name = shard.replace(/\.yaml$/, '');
  const text = (await readFile(file, 'utf8')).split('\n').map((line) => (line.startsWith(`${name} `) ? `${name} ${Number(line.split(' ')[1]) + by}` : line));
  await writeFile(file, text.join('\n'));
}

describe("a peer's commit that cuts a shard, breaks one or drops accounts", () => {
  const cases: { name: string; plant: (peer: string, shard: string) => Promise<string[]> }[] = [
    { name: 'a shard cut short, its record kept', plant: async (peer, shard) => (await cut(peer, shard, 3), ['fewer than the']) },
    {
      name: 'a shard that does not parse',
      plant: async (peer, shard) => {
        await appendFile(join(peer, 'shards', shard), '"broken": {"password": [unclosed\n');
        return [];
      },
    },
    {
      name: 'a shard cut with its record lowered to match',
      plant: async (peer, shard) => {
        const gone = await cut(peer, shard, 3);
        await setRecord(peer, shard, -3);
        return ['are in no shard after the pull', ...gone];
      },
    },
  ];

  for (const { name, plant } of cases) {
    it(`${name}: sync and allocate --sync undo the pull naming commit and shard; the pool keeps every account and still writes`, async () => {
      const { base, clones } = await sharedPool(2, 30);
      const [host, peer] = clones as [string, string];
      const shard = (await readdir(join(peer, 'shards'))).filter((n) => n.endsWith('.yaml')).sort()[0]!;
      const expected = await plant(peer, shard);
      await gitIn(peer, 'commit', '-qam', 'peer: tidy a shard');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
      const pushed = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
      // A local commit of this host's own, unpublished: the rebase has something to merge, and it is kept.
      const own = await cli(['allocate', '--instance', 'here', '--count', '2', '--no-check', '--accountcsv', join(base, 'here.csv'), '--pool', host]);
      expect(own.code, own.stderr).toBe(0);
      const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();
      const shardBefore = await readFile(join(host, 'shards', shard));

      for (const args of [['sync'], ['allocate', '--sync', '--instance', 'w1', '--count', '2', '--no-check', '--accountcsv', join(base, 'w1.csv')]]) {
        const run = await cli([...args, '--pool', host]);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stderr).toContain(join(host, 'shards', shard));
        expect(run.stderr).toContain(pushed.slice(0, 12));
        expect(run.stderr).toContain('The pull was undone');
        for (const text of expected) expect(run.stderr).toContain(text);
        expect(run.stderr).not.toContain('Secret-');
        expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
        expect(await readFile(join(host, 'shards', shard))).toEqual(shardBefore);
        expect((await gitIn(host, 'status', '--porcelain', '--', 'shards')).trim()).toBe('');
      }
      // Never wedged: it still writes (an allocation without sync) and counts every account.
      const allocate = await cli(['allocate', '--instance', 'w2', '--count', '3', '--no-check', '--accountcsv', join(base, 'w2.csv'), '--pool', host]);
      expect(allocate.code, allocate.stderr).toBe(0);
      const verify = await cli(['verify', '--pool', host]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      const status = await cli(['status', '--pool', host]);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain(': 30 accounts in');
    });
  }

  it('a shard grown with new accounts (by hand, and by an import) is taken', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [host, peer] = clones as [string, string];
    const shard = (await readdir(join(peer, 'shards'))).filter((n) => n.endsWith('.yaml')).sort()[0]!;
    const file = join(peer, 'shards', shard);
    const line = accountLines(await readFile(file, 'utf8'))[0]!;
    await appendFile(file, `${line.replace(/^"[^"]+"/, '"handmade1"')}\n`);
    await gitIn(peer, 'commit', '-qam', 'peer: one account added by hand');
    const dump = join(base, 'more.txt');
    await writeFile(dump, 'fresh1:Pw-1\nfresh2:Pw-2\n');
    const imported = await cli(['import', dump, '--level', '30', '--pool', peer]);
    expect(imported.code, imported.stderr).toBe(0);
    const published = await cli(['sync', '--pool', peer]);
    expect(published.code, published.stderr).toBe(0);

    const run = await cli(['sync', '--pool', host]);
    expect(run.code, run.stderr).toBe(0);
    const shown = await cli(['show', 'handmade1', '--pool', host]);
    expect(shown.code, shown.stderr).toBe(0);
    const status = await cli(['status', '--pool', host]);
    expect(status.stdout).toContain(': 33 accounts in');
  });
});
