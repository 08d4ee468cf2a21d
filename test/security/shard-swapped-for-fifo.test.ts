// A shard swapped for a FIFO between a command's stat of the file and its open: a race a peer's
// pull, a hand or an attacker can win (test/security/odd-shard-kinds.test.ts covers a FIFO that is
// there before the command starts, which the stat names). Each read of a shard used to open it
// with a plain synchronous open: a FIFO waited for a writer for ever, on node's one thread (not
// even SIGTERM ended it). Now every shard read opens through src/store/shard-open.ts: O_NONBLOCK
// and the kind checked on the descriptor opened, so each of those reads names the shard at once.
// The race is won on purpose by test/helpers/fifo-at-open.mjs, preloaded into the real process:
// it puts the FIFO in at the open made from the named function, and the test checks that this
// very read was reached. Real processes with a deadline: the old behaviour hangs.
import { describe, expect, it } from 'vitest';
import { lstat, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliWithin, ROOT } from '../helpers/cli.js';
import { poolWithAccounts, shardLine, type TestPool } from '../helpers/pool.js';
import { spawn } from 'node:child_process';

const PRELOAD = join(ROOT, 'test/helpers/fifo-at-open.mjs');
const DEADLINE = 20_000;

function swapEnv(file: string, within: string, kind = 'fifo'): NodeJS.ProcessEnv {
  return { FIFO_AT_OPEN_FILE: file, FIFO_AT_OPEN_IN: within, FIFO_AT_OPEN_KIND: kind, NODE_OPTIONS: `--import ${PRELOAD}` };
}

/**
 * A transaction over the pool read paged (as a pool of 200,000 accounts or more is: pool.ts
 * `pageAbove`, here 0), putting one account, as a real process with the preload.
 */
async function pagedPut(pool: TestPool, env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const script = `const { Pool } = await import(${JSON.stringify(join(ROOT, 'src/store/pool.ts'))});
const { makeAccount } = await import(${JSON.stringify(join(ROOT, 'test/helpers/accounts.ts'))});
const pool = await Pool.open(${JSON.stringify(pool.dir)}, { pageAbove: 0 });
try { await pool.transaction((tx) => { tx.put(makeAccount(3)); return tx.nextSeq(); }); } catch (error) { console.error(error.message); process.exitCode = 1; }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PRELOAD, '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), DEADLINE);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(killer);
  return { code, signal, stderr };
}

const reads: { read: string; within: string; before?: (pool: TestPool) => Promise<void>; run: (pool: TestPool, env: NodeJS.ProcessEnv) => Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> }[] = [
  { read: "a whole read (show: pool.ts's shardRead)", within: 'shardRead', run: (pool, env) => cliWithin(['show', 'acc3', ...pool.args], DEADLINE, { env }) },
  { read: "status's read of a shard's bytes for its summary (pool.ts's bytesOf)", within: 'bytesOf', run: (pool, env) => cliWithin(['status', ...pool.args], DEADLINE, { env }) },
  {
    read: "allocate's read of the lines it takes through the circle index (circle-view.ts)",
    within: 'lineAt',
    before: async (pool) => expect((await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'first.csv'), ...pool.args])).code).toBe(0),
    run: (pool, env) => cliWithin(['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args], DEADLINE, { env }),
  },
  { read: "a paged read into the reused buffer (scratch-read.ts)", within: 'readIntoScratch', run: pagedPut },
  { read: "a paged shard's lines read again from its file (byte-lines.ts)", within: 'ByteLines.read', run: pagedPut },
];

describe('a shard swapped for a FIFO after its stat, before its open', () => {
  for (const { read, within, before, run } of reads) {
    it(`${read}: refused at once naming it; nothing written over it; put back, the pool is whole`, async () => {
      const pool = await poolWithAccounts(12);
      await before?.(pool);
      const { file } = await shardLine(pool.dir, 'acc3');
      const text = await readFile(file, 'utf8');
      const result = await run(pool, swapEnv(file, within));
      // The race was won where this test means it: the FIFO met that read's open.
      expect(await readFile(`${file}.stack`, 'utf8')).toContain(`${within} (`);
      expect(result.signal, result.stderr).toBeNull();
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(`${file}: the shard is a FIFO, not a file`);
      expect(result.stderr).not.toMatch(/secret-|pw-/);
      expect((await lstat(file)).isFIFO()).toBe(true); // nothing written over it
      await rm(file);
      await rename(`${file}.away`, file);
      expect(await readFile(file, 'utf8')).toBe(text);
      const status = await cliWithin(['status', ...pool.args], DEADLINE);
      expect(status.code, status.stderr).toBe(0);
    }, 120_000);
  }

  it('a link to /dev/zero swapped in before a whole read (status): named, never read until memory runs out', async () => {
    const pool = await poolWithAccounts(12);
    const { file } = await shardLine(pool.dir, 'acc3');
    const result = await cliWithin(['status', ...pool.args], DEADLINE, { env: swapEnv(file, 'bytesOf', 'zero') });
    expect(await readFile(`${file}.stack`, 'utf8')).toContain('bytesOf (');
    expect(result.signal, result.stderr).toBeNull();
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${file}: the shard is a character device (a link to /dev/zero), not a file`);
    expect((await lstat(file)).isSymbolicLink()).toBe(true); // nothing written over it
  }, 120_000);
});
