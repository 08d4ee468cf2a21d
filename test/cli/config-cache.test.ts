// The checked config is cached in .cache/config.json by the content of accountpool.yaml
// (src/config-file.ts). A cache is derived data: one written by another version of accountpool,
// whose settings had another shape, must be made again, not used. The version of 2026-11-24
// (commit dfb0774, where the cache came in) keyed it by the file's content alone and had no
// `history`, `alerts` or `serve_warn`: after an upgrade, allocate and mark failed with a
// TypeError until accountpool.yaml was edited.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';

/** The settings the 2026-11-24 version had (its DEFAULT_CONFIG). */
const OLD_SETTINGS = ['shards', 'lease', 'lock_wait', 'cooldowns', 'checker', 'checker_command', 'checker_timeout', 'simulated', 'concurrency', 'default_level', 'inbox', 'max_dump_size', 'release_timeout', 'git'];

describe('the config cache', () => {
  it("one an older version wrote for the same accountpool.yaml is made again: allocate, mark and history work after an upgrade", async () => {
    const pool = await poolWithAccounts(6);
    const source = await readFile(join(pool.dir, 'accountpool.yaml'), 'utf8');
    const { config } = await readSealed(join(pool.dir, '.cache', 'config.json'));
    const old = Object.fromEntries(OLD_SETTINGS.map((key) => [key, config[key]]));
    await writeSealed(join(pool.dir, '.cache', 'config.json'), { key: createHash('sha1').update(source).digest('hex'), config: old });

    const allocate = await cli(['allocate', '--count', '2', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args]);
    expect(allocate.code, allocate.stderr).toBe(0);
    const mark = await cli(['mark', 'acc1', '--verdict', 'blind', ...pool.args]);
    expect(mark.code, mark.stderr).toBe(0);
    const stats = await cli(['stats', '--json', ...pool.args]);
    expect(stats.code, stats.stderr).toBe(0);
    // The verdict is in the history (history: true by default; the old cache had no such setting).
    expect(JSON.parse(stats.stdout).sources[0]).toMatchObject({ bought: 6, blind: 1 });
  });
});
