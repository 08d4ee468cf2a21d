// The caches' seal (src/cache-seal.ts) was no secret: the sha256 of a fixed domain string and the
// body. A forger who read the source (whoever could write into a pool's folder: a pool copied or
// restored from elsewhere, a folder shared with a group, a tar handed over) sealed an edited cache
// again and it was believed: a standings summary whose held accounts were relabelled available,
// the same total kept, made `status` show 10 accounts of `east` as free; a lease of 1 ms in the
// checked settings let a second `allocate` take the first one's accounts. The seal is keyed now
// with this host's key, kept outside every pool (src/seal-key.ts): a cache sealed by the old
// public scheme, or by another host's key, is made again from its source.
import { describe, expect, it } from 'vitest';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chmod, mkdir } from 'node:fs/promises';
import { cli, cliWithin } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { poolWithAccounts, type TestPool } from '../helpers/pool.js';
import { sealKeyFile } from '../../src/seal-key.js';

type Tuple = [number, number, string, string, string, string];

const DOMAIN = 'accountpool cache seal 1\n';

/** How a forger seals a body: by the scheme as published until stop 41, or with a key of another host. */
const forgers = {
  'the public scheme a reader of the source rebuilds': (body: string) => createHash('sha256').update(DOMAIN + body).digest('hex'),
  "another host's key (a cache that came with a copied pool)": (body: string) => createHmac('sha256', randomBytes(32)).update(DOMAIN).update(body).digest('hex'),
};

/** The body of a cache file, whatever seals it (the test reads what the program wrote). */
const bodyOf = (text: string) => text.slice(text.indexOf('\n') + 1);

async function status(pool: TestPool) {
  const run = await cli(['status', '--json', ...pool.args]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { total: number; byAvailability: { available: number; held: number }; holders: { instance: string; accounts: number }[] };
}

describe('a cache forged and sealed again by someone without this host’s key', () => {
  for (const [forger, seal] of Object.entries(forgers)) {
    it(`standings with held accounts relabelled available, sealed by ${forger}: status still counts them held`, async () => {
      const pool = await poolWithAccounts(40);
      expect((await cli(['allocate', '--count', '10', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'east.csv'), ...pool.args])).code).toBe(0);
      expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0); // the holds into the shards, so into their summaries
      expect(await status(pool)).toMatchObject({ total: 40, byAvailability: { available: 30, held: 10 } });

      const folder = join(pool.dir, '.cache', 'standings');
      let relabelled = 0;
      for (const name of (await readdir(folder)).filter((f) => f.endsWith('.json'))) {
        const summary = JSON.parse(bodyOf(await readFile(join(folder, name), 'utf8'))) as { tuples: Tuple[] };
        for (const tuple of summary.tuples) {
          if (tuple[4] !== 'east') continue;
          [tuple[4], tuple[5]] = ['', ''];
          relabelled++;
        }
        const body = `${JSON.stringify(summary)}\n`;
        await writeFile(join(folder, name), `${seal(body)}\n${body}`);
      }
      expect(relabelled).toBeGreaterThan(0);
      for (let run = 0; run < 2; run++) {
        const counted = await status(pool);
        expect(counted.byAvailability).toMatchObject({ available: 30, held: 10 });
        expect(counted.holders).toEqual([expect.objectContaining({ instance: 'east', accounts: 10 })]);
      }
    });

    it(`checked settings with a lease of 1 ms, sealed by ${forger}: a second allocate gets none of the first one's accounts`, async () => {
      const pool = await poolWithAccounts(40);
      const file = join(pool.dir, '.cache', 'config.json');
      const cached = JSON.parse(bodyOf(await readFile(file, 'utf8'))) as { key: string; config: { lease: number } };
      cached.config.lease = 1;
      const body = JSON.stringify(cached);
      await writeFile(file, `${seal(body)}\n${body}`);
      const [east, west] = [join(pool.base, 'east.csv'), join(pool.base, 'west.csv')];
      expect((await cli(['allocate', '--count', '30', '--no-check', '--instance', 'east', '--accountcsv', east, ...pool.args])).code).toBe(0);
      const second = await cli(['allocate', '--count', '30', '--no-check', '--instance', 'west', '--accountcsv', west, ...pool.args]);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/only 10 of 30/);
      expect(existsSync(west)).toBe(false);
    });
  }
});

describe("this host's seal key", () => {
  it('is kept outside the pool, readable by its user alone', async () => {
    const pool = await poolWithAccounts(4);
    const file = sealKeyFile();
    expect(file).toBeDefined();
    expect(file!.startsWith(pool.dir)).toBe(false);
    const info = statSync(file!);
    expect(info.isFile()).toBe(true);
    expect(info.mode & 0o077).toBe(0);
    expect((await readFile(file!, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    // Nothing of it in the pool's caches.
    const key = (await readFile(file!, 'utf8')).trim();
    for (const name of await readdir(join(pool.dir, '.cache'))) {
      if (name.endsWith('.json')) expect(await readFile(join(pool.dir, '.cache', name), 'utf8')).not.toContain(key);
    }
  });
});

describe('a key file that is no secret of this user', () => {
  /** A pool whose standings say 10 of east's accounts are free (sealed with `key`), read by a real `status` whose key file is `mode`. */
  async function statusWithKeyFile(mode: number) {
    const pool = await poolWithAccounts(40);
    expect((await cli(['allocate', '--count', '10', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'east.csv'), ...pool.args])).code).toBe(0);
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
    expect((await cli(['status', ...pool.args])).code).toBe(0); // summaries written
    const state = await testdir();
    const key = randomBytes(32);
    await mkdir(join(state, 'accountpool'), { mode: 0o700 });
    const keyFile = join(state, 'accountpool', 'cache-seal.key');
    await writeFile(keyFile, `${key.toString('hex')}\n`, { mode: 0o600 });
    await chmod(keyFile, mode);
    const folder = join(pool.dir, '.cache', 'standings');
    for (const name of (await readdir(folder)).filter((f) => f.endsWith('.json'))) {
      const summary = JSON.parse(bodyOf(await readFile(join(folder, name), 'utf8'))) as { tuples: Tuple[] };
      for (const tuple of summary.tuples) if (tuple[4] === 'east') [tuple[4], tuple[5]] = ['', ''];
      const body = `${JSON.stringify(summary)}\n`;
      await writeFile(join(folder, name), `${createHmac('sha256', key).update(DOMAIN).update(body).digest('hex')}\n${body}`);
    }
    const run = await cliWithin(['status', '--json', ...pool.args], 60_000, { env: { XDG_STATE_HOME: state } });
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout) as { byAvailability: { available: number; held: number } }).byAvailability;
  }

  it('readable by others (0644): a cache sealed with it is not believed', async () => {
    expect(await statusWithKeyFile(0o644)).toMatchObject({ available: 30, held: 10 });
  });

  // The limit, stated in docs/guarantees.md: one who may read this user's key may forge a cache,
  // as they may edit the shards. This control shows the key, not anything else, decides.
  it('kept 0600: one who holds the key can seal a cache (the seal is this user\'s, no more)', async () => {
    expect(await statusWithKeyFile(0o600)).toMatchObject({ available: 40, held: 0 });
  });
});
