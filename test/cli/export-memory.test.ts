// What `export` holds while it writes a large pool as json lines: every account (it sorts them),
// and the output's text a piece of 10,000 lines at a time, each encoded as made, not every line,
// their joined text and its UTF-8 at once (at 1,000,000 accounts 1,201-1,249 MB of RSS before,
// 715 MB now: docs/scale-log.md, stop 38). A real process under a heap limit: 200,000 accounts
// exported whole ran out of heap at 112 MB and fit in 128; in pieces whose texts were all kept
// until encoded, they ran out at 80 and fit in 96; each piece let go once encoded, they fit in 72.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWithin } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { fillShards } from '../helpers/large-pool.js';
import { makeAccount } from '../helpers/accounts.js';

const ACCOUNTS = 200_000;
const SHARDS = 64;

describe('export of a large pool', () => {
  it('writes 200,000 accounts as json lines within an 80 MB heap, every account once', async () => {
    const pool = await makePool(SHARDS);
    await fillShards(pool.dir, ACCOUNTS, SHARDS);
    const out = join(pool.base, 'all.jsonl');
    const run = await cliWithin(['export', '--out', out, ...pool.args], 300_000, { env: { NODE_OPTIONS: '--max-old-space-size=80' } });
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe(`exported ${ACCOUNTS} accounts to ${out}\n`);
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(ACCOUNTS);
    const names = new Set(lines.map((line) => (JSON.parse(line) as { username: string }).username));
    expect(names.size).toBe(ACCOUNTS);
    for (const i of [0, ACCOUNTS / 2, ACCOUNTS - 1]) expect(names.has(makeAccount(i).username)).toBe(true);
  }, 400_000);
});
