// Draft: does a watcher on a full disk end on SIGTERM?
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli, type RunningCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { fillUp, mountSkipReason, smallDisk } from '../helpers/tmpfs.js';

function output(child: RunningCli) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  return out;
}

describe.skipIf(mountSkipReason !== undefined)('x', () => {
  it('watch on full disk, SIGTERM', async () => {
    const disk = await smallDisk(1024);
    const dir = join(disk, 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '4'])).code).toBe(0);
    const dump0 = join(disk, 'd0.txt');
    await writeFile(dump0, Array.from({ length: 3 }, (_, i) => `acc${i}:secret-${i}`).join('\n'));
    expect((await cli(['import', dump0, '--level', '30', '--pool', dir])).code).toBe(0);
    const inbox = join(disk, 'inbox');
    await mkdir(join(inbox, 'level-30'));
    const child = startCli(['watch', '--settle', '50ms', '--pool', dir]);
    const out = output(child);
    await waitFor(() => out.stderr.includes('watching'), { what: 'the watcher to start' });
    const dump = join(disk, 'late.txt');
    await writeFile(dump, 'late1:pw-late1\nlate2:pw-late2\n');
    const free = await fillUp(disk);
    await rename(dump, join(inbox, 'level-30', 'late.txt'));
    await waitFor(() => /ENOSPC/.test(out.stderr), { what: 'ENOSPC' });
    const t0 = Date.now();
    child.kill('SIGTERM');
    const r = await Promise.race([child.closed, new Promise((r) => setTimeout(() => r('timeout'), 8000))]);
    console.log('result', r, Date.now() - t0, out.stderr);
    await free();
  });
});
