// A process stopped while it holds the pool lock (Ctrl-Z in the operator's shell, SIGSTOP, a
// debugger) is alive, so its lock is never taken over: two writers at once would be worse. Every
// other command then waits and fails; its message must say who holds the lock, that it is
// stopped and how to let it finish, and once it goes on it finishes its transaction whole.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

describe('a lock holder stopped by SIGSTOP', () => {
  it('others are told it is stopped and how to let it go on; continued, it finishes whole', async () => {
    const pool = await makePool(4);
    await pool.configure({ lock_wait: '2s' });
    const dump = join(pool.base, 'big.txt');
    await writeFile(dump, Array.from({ length: 60_000 }, (_, i) => `stop${i}:pw-${i}`).join('\n') + '\n');
    const importer = startCli(['import', dump, '--level', '30', ...pool.args]);
    // Stopped as soon as it holds the lock (its owner file is written right after taking it). It
    // reads its 60,000 lines first: beside other test files (load 24) that took longer than 20 s.
    await waitFor(() => existsSync(join(pool.dir, '.lock', 'owner.json')) || undefined, { intervalMs: 5, timeoutMs: 100_000, what: 'the import to take the lock' });
    importer.kill('SIGSTOP');
    try {
      const blocked = await runCli(['allocate', '--count', '1', '--accountcsv', join(pool.base, 'a.csv'), '--no-check', ...pool.args]);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`held by pid ${importer.pid} on `);
      expect(blocked.stderr).toContain(`which is stopped by Ctrl-Z, SIGSTOP or a debugger and is never taken over: \`kill -CONT ${importer.pid}\` lets it finish`);
    } finally {
      importer.kill('SIGCONT');
    }
    expect((await importer.closed).code).toBe(0);
    const verify = await runCli(['verify', ...pool.args]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toContain('60000 accounts');
  }, 180_000);
});
