// The clock marker (.cache/clock.json, src/store/clock-jump.ts) says when, by this boot's clock
// and the wall clock, the pool's last transaction was: a transaction that finds the wall clock
// moved otherwise than the boot clock re-dates every hold in force by the difference. Edited to
// read 40 days ahead (this boot, the boot clock of now: what any user who can write .cache/
// reads off /proc), it was taken for a clock set back 40 days: east's 12-hour holds were
// re-dated 40 days back, over, and the next allocate handed them to west. The marker is sealed
// now (src/cache-seal.ts): an edited one is none, a new one is started, nothing is re-dated.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

const canMeasure = existsSync('/proc/uptime') && existsSync('/proc/sys/kernel/random/boot_id');

describe('a clock marker edited to read 40 days ahead', () => {
  for (const how of ['its seal line kept', 'without a seal, as an older version wrote it'] as const) {
    it.runIf(canMeasure)(`(${how}) re-dates no hold: another instance gets none of east's accounts`, async () => {
      const pool = await poolWithAccounts(40);
      const east = join(pool.base, 'east.csv');
      expect((await cli(['allocate', '--count', '30', '--no-check', '--instance', 'east', '--accountcsv', east, ...pool.args])).code).toBe(0);
      const file = join(pool.dir, '.cache', 'clock.json');
      const text = await readFile(file, 'utf8');
      const newline = text.indexOf('\n');
      const marker = JSON.parse(newline === 64 ? text.slice(newline + 1) : text) as { boot: string; uptime: number; wall: number };
      expect(marker.boot).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
      const forged = JSON.stringify({ ...marker, uptime: Number.parseFloat(readFileSync('/proc/uptime', 'utf8')), wall: Date.now() + 40 * 86_400_000 });
      await writeFile(file, how === 'its seal line kept' ? `${text.slice(0, newline)}\n${forged}\n` : `${forged}\n`);

      const west = join(pool.base, 'west.csv');
      const second = await cli(['allocate', '--count', '30', '--no-check', '--instance', 'west', '--accountcsv', west, ...pool.args]);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/only 10 of 30/);
      expect(second.stderr).not.toMatch(/jumped back/);
      expect(existsSync(west)).toBe(false);
      const status = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout) as { holders: { instance: string; accounts: number }[] };
      expect(status.holders).toEqual([expect.objectContaining({ instance: 'east', accounts: 30 })]);
    });
  }
});
