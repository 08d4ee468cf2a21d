// `export --out FILE` and allocate's accounts file are written through a temp file beside them.
// A process SIGKILLed between making the temp and renaming it (allocate: before its journal) left
// the temp (every password, mode 0600) in the user's or the scanner's folder for good. The next
// export or allocate of the same file now removes the temps of writers dead for certain, and
// never one whose writer still runs.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { cli, ROOT } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

/** A process that makes `target`'s temp as `made` (a call on `module`) names it, then waits to be killed. */
async function writerStoppedMidway(module: string, made: string, target: string) {
  const script = `import(${JSON.stringify(join(ROOT, module))}).then(async (m) => { await require('fs/promises').writeFile(${made}, 'acc0,secret-0\\n', { mode: 0o600 }); console.log('ready'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  return child;
}

/** One writer killed after making its temp, one still running: the temps of `target` they left. */
async function deadAndLive(module: string, made: string, target: string) {
  const dead = await writerStoppedMidway(module, made, target);
  const exited = new Promise((resolve) => dead.on('exit', resolve));
  dead.kill('SIGKILL');
  await exited;
  const live = await writerStoppedMidway(module, made, target);
  const temps = async () => (await readdir(dirname(target))).filter((e) => e.startsWith(`.${basename(target)}.`));
  expect(await temps()).toHaveLength(2);
  return { live, temps };
}

describe('an export or allocate after one was killed', () => {
  it("removes a dead writer's temp file, keeps a live one's, and writes the file", async () => {
    const pool = await poolWithAccounts(3);
    const out = join(pool.base, 'backup.jsonl');
    const { live, temps } = await deadAndLive('src/store/output-file.ts', `m.outputTempPath(${JSON.stringify(out)})`, out);
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
    const { live, temps } = await deadAndLive('src/store/atomic-write.ts', `m.tempPathFor(${JSON.stringify(csv)}, 'tx')`, csv);
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
