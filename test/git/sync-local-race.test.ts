// `allocate --sync` (pull, allocate, commit, push) racing plain `allocate` processes on the same
// clone, while another host allocates with --sync at the same time (other levels, so no two
// allocations may rightly want the same account: a plain allocate racing another host for one
// account is the limit docs/git.md states). The local commands' commits must survive the sync's
// pulls, rebases and pushes: every instance holds exactly its file's accounts on both clones, no
// account is in two files, and every clone ends sound, clean and at the remote's head.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli } from '../helpers/cli.js';
import { GIT_ENV, gitIn, heldBy, sharedPool, useGitEnv, usernames } from './helpers.js';

beforeAll(useGitEnv);

/** Each instance's hand-out: 3 x COUNT, all 30 at level 30 on host a (20 until stop 49; the race is the same). */
const COUNT = 10;

describe('allocate --sync beside a local allocate on one clone', () => {
  it('no hold lost, no account in two files, both clones sound and clean', async () => {
    // The 30-account template (level 30) most git files use, copied (until stop 49 one of 200 made
    // for this file, 40 until stop 50): just room for a's three hand-outs of COUNT at level 30, b's
    // at 31 imported.
    const { base, remote, clones } = await sharedPool(2, 30);
    const [a, b] = clones as [string, string];
    const more = join(base, 'more.txt');
    await writeFile(more, Array.from({ length: 20 }, (_, i) => `high${i}:Secret-${i}`).join('\n'));
    expect((await cli(['import', more, '--level', '31', '--pool', a])).code).toBe(0);
    for (const dir of [a, b]) expect((await cli(['sync', '--pool', dir])).code).toBe(0);
    const file = (instance: string) => join(base, `${instance}.csv`);
    const run = (dir: string, instance: string, level: number, sync: boolean) =>
      runCli(['allocate', ...(sync ? ['--sync'] : []), '--count', String(COUNT), '--min-level', String(level), '--max-level', String(level), '--no-check', '--accountcsv', file(instance), '--instance', instance, '--pool', dir], { env: GIT_ENV });
    for (let round = 0; round < 1; round++) {
      const results = await Promise.all([run(a, 'a-sync', 30, true), run(a, 'a-local0', 30, false), run(a, 'a-local1', 30, false), run(b, 'b-sync', 31, true)]);
      for (const r of results) expect(r.code, `round ${round}: ${r.stderr}`).toBe(0);
    }
    for (let pass = 0; pass < 2; pass++) for (const dir of clones) expect((await cli(['sync', '--pool', dir])).code).toBe(0);
    const head = await gitIn(remote, 'rev-parse', 'main');
    const instances = ['a-sync', 'a-local0', 'a-local1', 'b-sync'];
    const files = await Promise.all(instances.map((i) => usernames(file(i))));
    const seen = new Map<string, string>();
    for (const [n, names] of files.entries()) {
      expect(names).toHaveLength(COUNT);
      for (const name of names) {
        expect(seen.get(name), `${name} in ${seen.get(name)} and ${instances[n]}`).toBeUndefined();
        seen.set(name, instances[n]!);
      }
    }
    for (const dir of clones) {
      expect(await gitIn(dir, 'rev-parse', 'HEAD')).toBe(head);
      expect(await gitIn(dir, 'status', '--porcelain')).toBe('');
      const verify = await cli(['verify', '--pool', dir]);
      expect(verify.code, verify.stdout).toBe(0);
      expect(verify.stdout).toContain('50 accounts');
      const held = await heldBy(dir);
      for (const [n, instance] of instances.entries()) expect([...(held.get(instance) ?? [])].sort(), `${instance} on ${dir}`).toEqual([...files[n]!].sort());
    }
  }, 180_000);
});
