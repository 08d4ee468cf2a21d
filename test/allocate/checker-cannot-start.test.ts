// A checker whose program cannot be started (its file not executable, on a file system mounted
// noexec, or gone): every batch came back "cannot start checker", taken as a check error, and
// allocate went on reserving the next candidates and starting it again (182 starts in 20 s on a
// noexec tmpfs), holding hundreds of accounts as `NAME (checking)`. Now it stops at the first batch,
// naming the program and why: nothing checked, handed out or marked, no reservation left.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

describe('a checker that cannot be started', () => {
  for (const [what, mode, reason] of [
    ['not executable', 0o644, 'EACCES (not executable: its mode, or a file system mounted noexec)'],
    ['missing', undefined, 'ENOENT'],
  ] as const) {
    it(`(${what}) stops allocate at once naming it: nothing handed out, no account held or cooling`, async () => {
      const pool = await poolWithAccounts(60);
      const program = join(pool.base, 'check.sh');
      if (mode !== undefined) await writeFile(program, '#!/bin/sh\nwhile read l; do echo ok; done\n', { mode });
      await pool.configure({ checker: 'command', checker_command: `[${program}]` });
      const out = join(pool.base, 'accounts.csv');
      const run = await cli(['allocate', '--count', '5', '--instance', 'east', '--accountcsv', out, ...pool.args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`cannot start checker "${program}": ${reason}: nothing was checked or handed out, and no account was marked`);
      expect(existsSync(out)).toBe(false);
      const status = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout) as { byAvailability: Record<string, number>; holders: unknown[] };
      expect(status.byAvailability.available).toBe(60);
      expect(status.holders).toEqual([]);
    });
  }
});
