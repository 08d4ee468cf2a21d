// A peer of a shared pool commits a .gitattributes that merges the pool's files by another driver
// than accountpool's: `shards/.gitattributes` with `*.yaml merge=union`, or a later line of the root
// file (`shards/*.yaml binary`). gitattributes(5): the last matching line decides and a folder's
// own file wins over the root's, so the root's `merge=accountpool` lines stayed and sync's check of
// them passed. Taken by a sync, the union merge kept both hosts' lines for every account allocated on
// both sides: every command on that host then refused the pool ("the account of line 2 again")
// until a hand repaired it. Now sync asks git (`git check-attr`, over the incoming commit's tree)
// how it would merge each pool file, and refuses before anything is merged. Two real clones and a
// bare remote.
import { join } from 'node:path';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gitIn, heldBy, sharedPool, stateForFile, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

/**
 * What every test starts from, made once for the file and copied: two hosts that each allocated
 * 25 of the same least-recently-used accounts, neither synced. One shard of 600 accounts (the
 * 1-shard template of many-hosts and the reshard files): git runs the merge driver, a node
 * process, once per shard changed on both sides, and the hand-outs of a 4-shard pool touch all four.
 */
const bothAllocated = stateForFile(async () => {
  const { clones, base } = await sharedPool(2, 600, 1);
  for (const [dir, instance] of [[clones[1]!, 'P'], [clones[0]!, 'H']] as const) {
    const result = await cli(['allocate', '--count', '25', '--allow-partial', '--no-check', '--instance', instance, '--accountcsv', join(base, `${instance}.csv`), '--pool', dir]);
    expect(result.code, result.stderr).toBe(0);
  }
  return base;
});

const plants: { name: string; plant: (peer: string) => Promise<string> }[] = [
  {
    name: 'shards/.gitattributes with *.yaml merge=union',
    plant: async (peer) => {
      await writeFile(join(peer, 'shards', '.gitattributes'), '*.yaml merge=union\n');
      return 'shards/.gitattributes';
    },
  },
  {
    name: 'a later line of the root .gitattributes: shards/*.yaml binary, history/*.txt -merge',
    plant: async (peer) => {
      await appendFile(join(peer, '.gitattributes'), 'shards/*.yaml binary\nhistory/*.txt -merge\n');
      return '.gitattributes';
    },
  },
  {
    name: 'history/.gitattributes with *.txt merge=union',
    plant: async (peer) => {
      await mkdir(join(peer, 'history'), { recursive: true });
      await writeFile(join(peer, 'history', '.gitattributes'), '*.txt merge=union\n');
      return 'history/.gitattributes';
    },
  },
];

describe('a peer commits .gitattributes that merges the pool by another driver', () => {
  for (const { name, plant } of plants) {
    it(`${name}: sync refuses before merging, naming it; once removed, sync goes on and no account has two holders`, async () => {
      const base = await bothAllocated();
      const [here, peer] = [join(base, 'host0'), join(base, 'host1')];
      // Both hosts allocated (overlapping accounts); the peer publishes with its attributes.
      const file = await plant(peer);
      await gitIn(peer, 'add', file);
      await gitIn(peer, 'commit', '-q', '-m', 'tidy attributes');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD:main');
      const head = (await gitIn(here, 'rev-parse', 'HEAD')).trim();

      const refused = await cli(['sync', '--pool', here]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain("not by accountpool's driver");
      expect(refused.stderr).toMatch(/(shards\/\S+\.yaml|history\/\S+\.txt) by (union|binary)/);
      expect(refused.stderr).toContain('Nothing was synced or changed here');
      expect((await gitIn(here, 'rev-parse', 'HEAD')).trim()).toBe(head);
      expect((await cli(['status', '--pool', here])).code).toBe(0);

      // The peer takes it back: the sync goes through and every account has one holder.
      await gitIn(peer, 'revert', '--no-edit', 'HEAD');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD:main');
      const synced = await cli(['sync', '--pool', here]);
      // The peer's hand-outs were published first: H is told what it lost (exit 4, stop 48), the sync made all the same.
      expect(synced.code, synced.stderr).toBe(4);
      expect(synced.stderr).toContain('lost lease: instance H no longer holds');
      expect((await cli(['verify', '--pool', here])).code).toBe(0);
      const held = await heldBy(here);
      const holders = new Map<string, string>();
      for (const [holder, names] of held) for (const n of names) {
        expect(holders.get(n), n).toBeUndefined();
        holders.set(n, holder);
      }
    }, 120_000);
  }
});
