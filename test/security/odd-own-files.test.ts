// Files only accountpool writes (the caches under .cache/, the lock's owner file) are always
// renamed into place as regular files. Found as anything else — a FIFO, a link to /dev/zero or to
// another file, a huge file — they were put there by hand, and must neither hang a command (a FIFO
// never ends a read; /dev/zero never ends) nor change its answer: the cache is made again, the
// owner named nobody. Real processes, so a hung read is killed rather than left in this worker.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli, type CliResult } from '../helpers/cli.js';
import { poolWithAccounts, type TestPool } from '../helpers/pool.js';

/** Runs the CLI as a process; one still running after `ms` is killed and reported as hung. */
async function within(args: string[], ms = 15_000): Promise<CliResult & { hung: boolean }> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  let hung = false;
  const timer = setTimeout(() => ((hung = true), child.kill('SIGKILL')), ms);
  const { code } = await child.closed;
  clearTimeout(timer);
  return { code: code ?? 1, stdout, stderr, hung };
}

type Odd = (path: string, base: string) => Promise<void>;

const ODD: Record<string, Odd> = {
  'a FIFO': async (path) => void execFileSync('mkfifo', [path]),
  'a link to /dev/zero': (path) => symlink('/dev/zero', path),
  'a link to a file elsewhere': async (path, base) => {
    await writeFile(join(base, 'elsewhere.json'), '{}');
    await symlink(join(base, 'elsewhere.json'), path);
  },
  // Read whole, one took 26 s and 590 MB of memory, and status reads every shard's at once.
  'a sparse file of 1 GB': async (path) => {
    await writeFile(path, '');
    await truncate(path, 2 ** 30);
  },
};

async function replace(path: string, base: string, odd: Odd): Promise<void> {
  await rm(path, { force: true });
  await odd(path, base);
}

const COUNT = 40;

async function pool(): Promise<TestPool> {
  const pool = await poolWithAccounts(COUNT);
  expect((await cli(['status', ...pool.args])).code).toBe(0); // the caches are made
  return pool;
}

describe('files only we write, found as something else', () => {
  for (const [kind, odd] of Object.entries(ODD)) {
    it(`every cache as ${kind}: status counts right, mark works, nothing hangs`, async () => {
      const p = await pool();
      const cache = join(p.dir, '.cache');
      for (const file of ['canonical.json', 'config.json', ...(await readdir(join(cache, 'standings'))).map((f) => join('standings', f))]) {
        await replace(join(cache, file), p.base, odd);
      }
      const status = await within(['status', '--json', ...p.args]);
      expect(status.hung, 'status hung').toBe(false);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout).total).toBe(COUNT);
      const mark = await within(['mark', 'acc1', '--verdict', 'blind', ...p.args]);
      expect(mark.hung, 'mark hung').toBe(false);
      expect(mark.code, mark.stderr).toBe(0);
    }, 60_000);
  }

  for (const where of ['owner.json inside the lock folder', "an older version's owner file beside it"]) {
    it(`a dead lock whose owner file (${where}) is a FIFO is taken over, never waited on for ever`, async () => {
      const p = await pool();
      const lock = join(p.dir, '.lock');
      await mkdir(lock, { mode: 0o700 });
      execFileSync('mkfifo', [where.startsWith('owner') ? join(lock, 'owner.json') : `${lock}.owner.json`]);
      const old = new Date(Date.now() - 60_000);
      await utimes(lock, old, old); // no refresh for a minute: a holder that cannot be looked at is dead by then
      const mark = await within(['mark', 'acc1', '--verdict', 'blind', ...p.args]);
      expect(mark.hung, 'mark hung').toBe(false);
      expect(mark.code, mark.stderr).toBe(0);
    }, 60_000);
  }
});
