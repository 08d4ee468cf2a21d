// A peer commits a .gitattributes that changes the bytes git checks the pool's files out as, not
// how it merges them: `working-tree-encoding=UTF-16LE` (git re-encodes the blob on checkout,
// gitattributes(5) "working-tree-encoding"), `eol=crlf` (CRLF line ends in the work tree, "eol"),
// `ident` ($Id$ expanded, "ident"). Taken by a sync, git rewrote every shard on this host into bytes
// the store never wrote. sync now asks git (`git check-attr --cached`, the same process that asks for
// `merge`) and refuses before anything is taken. Two real clones and a bare remote.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

const plants: { name: string; file: string; write: (peer: string) => Promise<void>; attribute: string }[] = [
  { name: 'shards/*.yaml working-tree-encoding=UTF-16LE', file: '.gitattributes', attribute: 'working-tree-encoding', write: (peer) => appendFile(join(peer, '.gitattributes'), 'shards/*.yaml working-tree-encoding=UTF-16LE\n') },
  { name: 'shards/.gitattributes with * text eol=crlf', file: 'shards/.gitattributes', attribute: 'eol', write: (peer) => writeFile(join(peer, 'shards', '.gitattributes'), '* text eol=crlf\n') },
  {
    name: 'history/.gitattributes with *.txt ident',
    file: 'history/.gitattributes',
    attribute: 'ident',
    write: async (peer) => {
      await mkdir(join(peer, 'history'), { recursive: true });
      await writeFile(join(peer, 'history', '.gitattributes'), '*.txt ident\n');
    },
  },
];

describe('a peer commits .gitattributes that changes how the pool is checked out', () => {
  for (const { name, file, write, attribute } of plants) {
    it(`${name}: sync refuses before taking it, naming the file and the attribute; the pool here works on`, async () => {
      const { base, clones } = await sharedPool(2, 30);
      const [here, peer] = clones as [string, string];
      await write(peer);
      await gitIn(peer, 'add', file);
      await gitIn(peer, 'commit', '-q', '-m', 'tidy attributes');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD:main');
      const head = (await gitIn(here, 'rev-parse', 'HEAD')).trim();

      const refused = await cli(['sync', '--pool', here]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stderr).toContain(attribute);
      expect(refused.stderr).toContain(file === '.gitattributes' ? 'shards/' : file.split('/')[0]!);
      expect(refused.stderr).toContain('Nothing was synced or changed here');
      expect((await gitIn(here, 'rev-parse', 'HEAD')).trim()).toBe(head);
      const allocated = await cli(['allocate', '--count', '3', '--no-check', '--instance', 'h', '--accountcsv', join(base, 'h.csv'), '--pool', here]);
      expect(allocated.code, allocated.stderr).toBe(0);
      expect((await cli(['verify', '--pool', here])).code).toBe(0);
    }, 120_000);
  }
});
