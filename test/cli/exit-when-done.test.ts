// A command's process ends through process.exit() once nothing is left to do (src/cli/exit-when-done.ts),
// not through Node's teardown: what it printed must all arrive, and its exit code must be the one
// it set, through both entries that do it (the CLI's, src/cli/run.ts; the own one of allocate, status, mark and release, command-run.ts).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { BIN, cli, runCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

describe('a command ending without Node teardown', () => {
  it('delivers all of an output larger than a pipe holds, with exit code 0, from either entry', async () => {
    const pool = await poolWithAccounts(1200);
    // ~100 KB of JSON lines on stdout, over the 64 KB a pipe holds: the process writes while the test reads.
    const exported = await runCli(['export', ...pool.args]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.length).toBeGreaterThan(64 * 1024);
    expect(exported.stdout).toBe((await cli(['export', ...pool.args])).stdout);
    // A reader gone before the output comes (`accountpool export | true`): the command's write fails
    // with EPIPE, which ends it quietly with exit code 0, not a crash's stack. The stream's handler
    // is set on its first use (src/cli/process-context.ts), before that write.
    const closed = spawn(process.execPath, [BIN, 'export', ...pool.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    closed.stdout.destroy();
    let stderr = '';
    closed.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => closed.once('close', (exit) => resolve(exit)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // allocate's entry (a refusal's code through it: test/package/build.test.ts): the accounts file and
    // the JSON written whole.
    const csv = join(pool.base, 'accounts.csv');
    const handed = await runCli(['allocate', '--count', '300', '--no-check', '--json', '--accountcsv', csv, ...pool.args]);
    expect(handed.code, handed.stderr).toBe(0);
    const { allocated } = JSON.parse(handed.stdout) as { allocated: string[] };
    expect(allocated).toHaveLength(300);
    const written = await readFile(csv, 'utf8');
    for (const username of allocated) expect(written).toContain(username);
  });
});
