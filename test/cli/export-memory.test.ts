// What `export` holds while it writes a large pool: the offsets of the shards' lines (from 200,000
// accounts on the bytes are let go once read, the files held open: Pool.readIntact({ paged: true })),
// 20 bytes a chosen account to put them in circle order (src/export/circle-rows.ts), and a piece of
// 10,000 accounts read, parsed and written at a time (at 1,000,000 accounts 1,201-1,249 MB of RSS at
// stop 37, 715 MB at stop 38, 374-487 MB at stop 39, 236 MB now: docs/scale-log.md, stop 40). This
// test's 200,000 accounts are read paged. A real process under a heap limit: 200,000
// accounts parsed whole to be sorted ran out of heap at 48 MB and fit in 64 (stop 38's export); in
// circle order over columns, parsed a piece at a time, they fit in 20 and ran out at 16.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWithin } from '../helpers/cli.js';
import { largePool } from '../helpers/large-pool.js';
import { makeAccount } from '../helpers/accounts.js';

const ACCOUNTS = 200_000;
const SHARDS = 64;

describe('export of a large pool', () => {
  it('writes 200,000 accounts as json lines within a 36 MB heap, every account once', async () => {
    const pool = await largePool(ACCOUNTS, SHARDS);
    const out = join(pool.base, 'all.jsonl');
    const run = await cliWithin(['export', '--out', out, ...pool.args], 300_000, { env: { NODE_OPTIONS: '--max-old-space-size=36' } });
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

  it('writes a pool for Monocle in pieces: one header, then every account once', async () => {
    const count = 25_000; // three pieces
    const pool = await largePool(count, SHARDS);
    const out = join(pool.base, 'accounts.csv');
    const run = await cliWithin(['export', '--format', 'monocle', '--out', out, ...pool.args], 300_000);
    // No account was ever allocated: the Monocle forks' re-import warning counts all of them, over every piece.
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(new RegExp(`^warning: ${count} accounts in the Monocle file have no device yet `)), `exported ${count} accounts to ${out}`, '']);
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('username,password,provider,model,iOS,id');
    expect(lines).toHaveLength(count + 1);
    const names = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    expect(names.size).toBe(count);
    for (const i of [0, count / 2, count - 1]) expect(names.has(makeAccount(i).username)).toBe(true);
  }, 400_000);
});
