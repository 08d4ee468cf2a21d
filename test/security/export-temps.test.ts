// `export --out FILE` writes FILE through a temp file beside it. An export SIGKILLed between making
// the temp and renaming it left the temp (every exported password, mode 0600) in the user's folder
// for good. The next export to the same file now removes the temps of writers dead for certain,
// and never one whose writer still runs.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, ROOT } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

/** A process that makes `target`'s temp exactly as export's writer names it, then waits to be killed. */
async function writerStoppedMidway(target: string) {
  const module = join(ROOT, 'src/store/output-file.ts');
  const script = `import(${JSON.stringify(module)}).then(async (m) => { await require('fs/promises').writeFile(m.outputTempPath(${JSON.stringify(target)}), 'acc0,secret-0\\n', { mode: 0o600 }); console.log('ready'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  return child;
}

describe('export --out after an export was killed', () => {
  it("removes a dead writer's temp file, keeps a live one's, and writes the file", async () => {
    const pool = await poolWithAccounts(3);
    const out = join(pool.base, 'backup.jsonl');
    const dead = await writerStoppedMidway(out);
    const exited = new Promise((resolve) => dead.on('exit', resolve));
    dead.kill('SIGKILL');
    await exited;
    const live = await writerStoppedMidway(out);
    try {
      const temps = async () => (await readdir(pool.base)).filter((e) => e.startsWith('.backup.jsonl.'));
      expect(await temps()).toHaveLength(2);
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
});
