// The checked settings are cached in .cache/config.json under the hash of accountpool.yaml's text
// (src/config-file.ts): derived, git-ignored, written without the lock. A cache whose settings were
// edited with that key kept (by hand, by whoever can write the cache) was believed over the file:
// a lease of 1 ms there, and two `allocate`s one after the other put 20 accounts into both
// instances' files. The cache is sealed now (src/cache-seal.ts): an edit reads as no cache, and
// the settings are read from accountpool.yaml again.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

const usernames = async (file: string) => (await readFile(file, 'utf8')).split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]!);

describe('checked settings edited in their cache', () => {
  for (const how of ['its seal line kept', 'without a seal, as an older version wrote it'] as const) {
    it(`a lease of 1 ms under accountpool.yaml's own key (${how}) is not believed: no account in two instances' files`, async () => {
      const pool = await poolWithAccounts(40);
      const file = join(pool.dir, '.cache', 'config.json');
      const text = await readFile(file, 'utf8');
      const [seal, body] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
      const cached = JSON.parse(body) as { key: string; config: { lease: number } };
      expect(cached.config.lease).toBe(12 * 3600 * 1000);
      cached.config.lease = 1;
      await writeFile(file, how === 'its seal line kept' ? `${seal}\n${JSON.stringify(cached)}\n` : JSON.stringify(cached));

      const [east, west] = [join(pool.base, 'east.csv'), join(pool.base, 'west.csv')];
      expect((await cli(['allocate', '--count', '30', '--no-check', '--instance', 'east', '--accountcsv', east, ...pool.args])).code).toBe(0);
      const second = await cli(['allocate', '--count', '30', '--no-check', '--instance', 'west', '--accountcsv', west, ...pool.args]);
      const taken = new Set(await usernames(east));
      expect(taken.size).toBe(30);
      // Only 10 are free, east's 30 held for 12 hours: west is refused and given none of them
      // (believing the cache, it got 30 accounts, 20 of them east's).
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/only 10 of 30/);
      expect(existsSync(west)).toBe(false);
      const status = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout) as { holders: { instance: string; held_until: string }[] };
      const lease = Date.parse(status.holders.find((h) => h.instance === 'east')!.held_until) - Date.now();
      expect(lease).toBeGreaterThan(11 * 3600 * 1000);
    });
  }
});
