// clocks/HOST.yaml is written by HOST alone (src/git/clock-files.ts), but in a pool shared through
// git any peer may commit that name as something else: a folder (`clocks/HOST.yaml/x`), or a link
// (git checks out a committed link as a link: `clocks/HOST.yaml -> /dev/zero`). HOST's sync then
// failed every time it had to write its clock file ("is a folder; give the path of a regular
// file"): one commit of a peer stopped a host's syncs, and so its `allocate --sync`, until someone
// found and removed it by hand. The name is the host's own, so whatever stands there is replaced
// by its file, never followed (nothing is written where a link leads) and never read as a clock
// file; the next sync publishes the file as any other.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { CLOCKS_DIR, parseClockFile, renderClockFile } from '../../src/git/clock-files.js';
import { hostNameOf } from '../../src/git/clock-host.js';
import { gitIn, sharedPool, useGitEnv } from '../git/helpers.js';

useGitEnv();

/** A fresh clock file of host `west` saying `named`'s clock is two hours behind (names it, so `named` publishes its own file at its next sync). */
const naming = (named: string) => renderClockFile({ host: 'west', checked_at: new Date().toISOString(), ahead: [{ host: named, seconds: 7200, commit: 'abc' }] });

const taken: [string, (path: string, outside: string) => Promise<void>][] = [
  [
    'a folder',
    async (path) => {
      await mkdir(path);
      await writeFile(join(path, 'x'), 'a peer\n');
    },
  ],
  ['a link to /dev/zero', (path) => symlink('/dev/zero', path)],
  ['a link to a file outside the pool', (path, outside) => symlink(outside, path)],
  ['a link to a folder outside the pool', (path, outside) => symlink(dirname(outside), path)],
];

describe("a peer commits this host's clock file as something else", () => {
  for (const [what, make] of taken) {
    it(`${what}: this host's sync replaces it with its file, writes nothing where it leads, and publishes it`, async () => {
      const { base, clones } = await sharedPool(2, 30);
      const [a, b] = clones as [string, string];
      const nameA = await hostNameOf(a);
      await mkdir(join(base, 'outside'));
      const outside = join(base, 'outside', 'outside.txt');
      await writeFile(outside, 'not the pool\n');
      await mkdir(join(b, CLOCKS_DIR), { recursive: true });
      await make(join(b, CLOCKS_DIR, `${nameA}.yaml`), outside);
      await writeFile(join(b, CLOCKS_DIR, 'west.yaml'), naming(nameA));
      await gitIn(b, 'add', CLOCKS_DIR);
      await gitIn(b, 'commit', '-q', '-m', 'clocks');
      await gitIn(b, 'push', '-q', 'origin', 'HEAD');
      const synced = await cli(['sync', '--pool', a]);
      expect(synced.code, synced.stderr).toBe(0);
      const mine = join(a, CLOCKS_DIR, `${nameA}.yaml`);
      expect((await lstat(mine)).isFile()).toBe(true);
      expect(parseClockFile(await readFile(mine, 'utf8'))?.host).toBe(nameA);
      expect(await readFile(outside, 'utf8')).toBe('not the pool\n');
      expect(await readdir(dirname(outside))).toEqual(['outside.txt']);
      // Published: the peer pulls this host's file, the folder or link gone.
      const pulled = await cli(['sync', '--pool', b]);
      expect(pulled.code, pulled.stderr).toBe(0);
      expect(parseClockFile(await readFile(join(b, CLOCKS_DIR, `${nameA}.yaml`), 'utf8'))?.host).toBe(nameA);
    }, 60_000);
  }
});
