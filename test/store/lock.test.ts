// The pool lock as a user meets it: a busy pool is waited for and then refused clearly; a killed
// holder does not make anyone wait.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeFile, readFile } from 'node:fs/promises';
import { Pool } from '../../src/store/pool.js';
import { cli, ROOT } from '../helpers/cli.js';
import { testdir, waitFor } from '../helpers/testdir.js';
import { fillPool } from '../helpers/accounts.js';

describe('pool lock', () => {
  it('a live holder is never broken: others wait lock_wait, then fail with a clear message; after a kill -9 the next command goes at once', async () => {
    const dir = join(await testdir(), 'pool');
    await cli(['init', '--pool', dir, '--shards', '4']);
    await writeFile(join(dir, 'accountpool.yaml'), (await readFile(join(dir, 'accountpool.yaml'), 'utf8')).replace(/^lock_wait: .*$/m, 'lock_wait: 1s'));
    await fillPool(await Pool.open(dir), 10);
    const holder = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/store-worker.ts'), 'hold', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    holder.stdout.on('data', (d) => (out += d));
    await waitFor(() => out.includes('held'), { what: 'the holder to take the lock' });

    const busy = await cli(['mark', 'user000001', '--verdict', 'blind', '--pool', dir]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(new RegExp(`pool is busy: could not take the lock .* within 1 s \\(held by pid ${holder.pid} on `));

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('close', resolve));
    const started = Date.now();
    const after = await cli(['mark', 'user000001', '--verdict', 'blind', '--pool', dir]);
    expect(after.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000); // did not wait for any stale timeout
    expect((await (await Pool.open(dir)).read()).get('user000001')?.state).toBe('blind');
  });
});
