// `export --out FILE` and allocate's accounts file are written through a temp file beside them.
// A process SIGKILLed between making the temp and renaming it (allocate: before its journal) left
// the temp (every password, mode 0600) in the user's or the scanner's folder for good. The next
// export or allocate of the same file now removes the temps of writers dead for certain, and
// never one whose writer still runs.
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts, type TestPool } from '../helpers/pool.js';
import { storeWorker } from '../helpers/workers.js';

/**
 * A process that makes `target`'s temp as the writer of `kind` names it (store-worker's
 * temp-writer: `out` export --out's, `tx` allocate's accounts file's), then waits to be killed.
 * From the worker bundle, not tsx: ~0.2 s of CPU a start against ~1 s.
 */
async function writerStoppedMidway(pool: TestPool, kind: 'out' | 'tx', target: string) {
  const { child } = storeWorker(['temp-writer', pool.dir, kind, target]);
  await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  return child;
}

/** One writer killed after making its temp, one still running: the temps of `target` they left. */
async function deadAndLive(pool: TestPool, kind: 'out' | 'tx', target: string) {
  const dead = await writerStoppedMidway(pool, kind, target);
  const exited = new Promise((resolve) => dead.on('exit', resolve));
  dead.kill('SIGKILL');
  await exited;
  const live = await writerStoppedMidway(pool, kind, target);
  const temps = async () => (await readdir(dirname(target))).filter((e) => e.startsWith(`.${basename(target)}.`));
  expect(await temps()).toHaveLength(2);
  return { live, temps };
}

describe('an export or allocate after one was killed', () => {
  it("removes a dead writer's temp file, keeps a live one's, and writes the file", async () => {
    const pool = await poolWithAccounts(3);
    const out = join(pool.base, 'backup.jsonl');
    const { live, temps } = await deadAndLive(pool, 'out', out);
    try {
      const run = await cli(['export', '--out', out, ...pool.args]);
      expect(run.code, run.stderr).toBe(0);
      expect((await readFile(out, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
      const left = await temps();
      expect(left).toHaveLength(1);
      expect(left[0]).toContain(`.out-${live.pid}-`);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it("allocate: a killed allocate's temp of the accounts file goes with the next allocation, a live one's stays", async () => {
    const pool = await poolWithAccounts(3);
    const csv = join(pool.base, 'accounts.csv');
    const { live, temps } = await deadAndLive(pool, 'tx', csv);
    try {
      const run = await cli(['allocate', '--count', '2', '--accountcsv', csv, '--no-check', ...pool.args]);
      expect(run.code, run.stderr).toBe(0);
      const left = await temps();
      expect(left).toHaveLength(1);
      expect(left[0]).toContain(`.tx-${live.pid}-`);
    } finally {
      live.kill('SIGKILL');
    }
  });
});
