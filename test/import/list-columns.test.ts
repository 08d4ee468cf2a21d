// `import` of a list hands the merge its `name:password` lines as columns at any size (the list
// reader copies them straight from their lines: src/formats/account-columns.ts), and a line read
// the full way as a record kept whole by its place; what lands in the pool and the report is what
// the records gave (test/formats/plain-columns.property.test.ts compares the reads both ways).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as merge from '../../src/import/merge.js';
import { importDump } from '../../src/import/import-dump.js';
import { keyOf } from '../../src/model.js';
import { openFilledPool } from '../helpers/pool.js';

// A spy on the module's export (vitest's transform reads an import at each call; it calls the
// real one), not vi.mock: the file runs in the workers' shared module graph (vitest.config.ts), so
// it is put back after the test.
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a list imported', () => {
  it('reaches the merge as columns, and imports as its records would', async () => {
    const pool = await openFilledPool(4, 3);
    const mergeDump = vi.spyOn(merge, 'mergeDump');
    const text = ['fresh1:secret-1', 'ash7:pass7 | Level 31', 'fresh2:secret-2', 'ptc:fresh3:pass3x'].join('\n');
    const report = await importDump(pool, { name: 'small.txt', bytes: Buffer.from(text) }, { level: 30 });
    expect(mergeDump).toHaveBeenCalledTimes(1);
    const dump = mergeDump.mock.calls[0]![2];
    expect('columns' in dump && dump.columns?.length).toBe(4);
    expect(report.rejected).toEqual([]);
    expect(report).toMatchObject({ added: 4, updated: 0, duplicates: [] });
    const accounts = new Map([...(await pool.read()).accounts()].map((a) => [keyOf(a.username), a]));
    expect([...['fresh1', 'ash7', 'fresh2', 'fresh3']].map((u) => {
      const a = accounts.get(keyOf(u))!;
      return [a.username, a.password, a.level, a.provider];
    })).toEqual([
      ['fresh1', 'secret-1', 30, 'ptc'],
      ['ash7', 'pass7', 31, 'ptc'],
      ['fresh2', 'secret-2', 30, 'ptc'],
      ['fresh3', 'pass3x', 30, 'ptc'],
    ]);
  });
});
