// A paged read keeps shard files open to read their lines again (byte-lines.ts): `export` one per
// shard for its whole run (read without the lock, a file cannot be opened again by its path), a
// transaction each shard it reads lines of. Under a low limit of open files (`ulimit -n 64`, a
// service's LimitNOFILE; 1,024 shards under the common default of 1,024) that ran out: EMFILE
// mid-read, or nothing left for the output file. Now a read holds only the descriptors the process
// has to spare (descriptor-budget.ts; the rest keep their bytes) and a transaction closes the file
// it opened first when too many are open. A real process under `ulimit -n 64`, 128 shards.
import { spawn, spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { openFilledPool } from '../helpers/pool.js';
import { circleRows } from '../../src/export/circle-rows.js';
import { Pool } from '../../src/store/pool.js';

const SHARDS = 128;
const ACCOUNTS = 1_280;

/**
 * Runs `script` (an ES module, tsx) as a real process under a limit of 64 open files, set once its
 * modules are loaded: tsx's loader opens a module graph's source files many at once, and under a
 * loaded machine that alone ran out of 64 (EMFILE opening src/store/sealed-bytes.ts, stop 52's
 * clean-clone run), before the read under test began. The bundled CLI a service runs is one file.
 * `prlimit` (util-linux, in every Debian) lowers the soft and hard limit of the running process,
 * as `ulimit -n 64` in the service's shell would before it.
 */
async function underLowLimit(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

const imports = `const { Pool } = await import(${JSON.stringify(join(ROOT, 'src/store/pool.ts'))});
const { circleRows } = await import(${JSON.stringify(join(ROOT, 'src/export/circle-rows.ts'))});
const { execFileSync } = await import('node:child_process');
execFileSync('prlimit', ['--pid', String(process.pid), '--nofile=64:64']);
if (!/^Max open files +64 +64 /m.test((await import('node:fs')).readFileSync('/proc/self/limits', 'latin1'))) throw new Error('the limit was not lowered');`;

describe(`a paged read of ${SHARDS} shards under ulimit -n 64`, () => {
  it("export's read without the lock: every account, in circle order, as an unpaged read gives", async () => {
    const pool = await openFilledPool(SHARDS, ACCOUNTS);
    const whole = circleRows(await pool.readIntact(), () => true);
    const expected = Array.from({ length: whole.length }, (_, k) => `${whole.accountAt(k).username}:${whole.accountAt(k).seq}`);
    const run = await underLowLimit(`${imports}
const pool = await Pool.open(${JSON.stringify(pool.layout.dir)}, { pageAbove: 0 });
const rows = circleRows(await pool.readIntact({ paged: true }), () => true);
const out = [];
for (let k = 0; k < rows.length; k++) out.push(rows.accountAt(k).username + ':' + rows.accountAt(k).seq);
pool.assertHeldUnchanged();
pool.closeHeld();
// The whole, unpaged read every command of a small pool makes (status, show, import): it read all
// ${SHARDS} shards at once, one descriptor each, EMFILE under this limit (stop 56, in-flight.ts).
const unpaged = await (await Pool.open(${JSON.stringify(pool.layout.dir)})).readIntact();
console.log(JSON.stringify(out));
console.log(unpaged.size);`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(expected).toHaveLength(ACCOUNTS);
    const [paged, unpaged] = run.stdout.trim().split('\n');
    expect(JSON.parse(paged!)).toEqual(expected);
    expect(Number(unpaged)).toBe(ACCOUNTS);
  });

  it('a transaction rewriting every shard (verify --fix) reads every line and keeps every account', async () => {
    const pool = await openFilledPool(SHARDS, ACCOUNTS);
    const run = await underLowLimit(`${imports}
const pool = await Pool.open(${JSON.stringify(pool.layout.dir)}, { pageAbove: 0 });
await pool.transaction((tx) => { tx.relocateAll = true; }, { via: 'shards' });`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await (await Pool.open(pool.layout.dir)).readIntact()).size).toBe(ACCOUNTS);
  });
});

// Stop 56: under `ulimit -n 30` Node's loader ran out opening the CLI's own chunks (it opens a
// module's imports many at once; Node keeps ~20 descriptors of its own) and printed its raw stack.
// `verify --fix` (it may rewrite every shard) still starts through the chunks; `allocate`, and since
// stop 66 `status`, `mark` and `release`, run from one CommonJS program each and load under it.
describe('the CLI under a limit too low to load its own code', () => {
  it('says so in one line naming the limit, exit 1, and writes nothing', async () => {
    const pool = await openFilledPool(4, 8);
    const shards = async () => Promise.all((await readdir(join(pool.layout.dir, 'shards'))).sort().map((f) => readFile(join(pool.layout.dir, 'shards', f), 'utf8')));
    const before = await shards();
    const run = spawnSync('bash', ['-c', `ulimit -n 26 && exec "${process.execPath}" "${BIN}" verify --fix --pool "${pool.layout.dir}"`], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(/^accountpool( verify)?: could not (load its own code|open) .*: this process ran out of file descriptors \(EMFILE: too many open files, under its limit of 26, `ulimit -n`\): raise the limit/);
    expect(await shards()).toEqual(before);
  });
});
