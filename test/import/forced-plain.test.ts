// An operator trying the tool with a line typed by hand (`x:y`, `newuser:pw`): no digit, so it
// reads as a profile's `label:value` line (word-pairs.ts: PTC's form asked for a number in every
// password). The refusal must say exactly what to do, and doing it must import that line exact.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('a toy line typed by hand', () => {
  it('is refused naming --format plain, which then imports it exact', async () => {
    for (const line of ['x:y', 'newuser:pw', 'brock:Onix']) {
      const pool = await makePool(4);
      const file = join(pool.base, 'test.txt');
      await writeFile(file, `${line}\n`);
      const refused = await cli(['import', file, '--level', '30', ...pool.args]);
      expect(refused.code, line).toBe(1);
      expect(refused.stderr, line).toContain('--format plain');
      const done = await cli(['import', file, '--format', 'plain', '--level', '30', ...pool.args]);
      expect([done.code, done.stderr], line).toEqual([0, '']);
      const exported = await cli(['export', '--format', 'rocketmap', ...pool.args]);
      expect(exported.stdout, line).toBe(`ptc,${line.replace(':', ',')}\n`);
    }
  });
});
