// `export` to a terminal (stop 66 X): every password of the pool printed on the operator's screen,
// into its scrollback, a tmux or screen log, a shared screen or a recorded session. `show` masks a
// password unless --reveal; export now does the same for a terminal: it refuses, exit 2, before
// reading the pool, and says how to get the file (--out FILE, a pipe, or --reveal on purpose). A
// pipe or a file (not a terminal) gets every line as before.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { makePool, type TestPool } from '../helpers/pool.js';

async function exportTo(pool: TestPool, isTTY: boolean, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv: ['export', ...args, ...pool.args],
    stdout: { isTTY, write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(['']),
    env: {},
    cwd: pool.base,
  });
  return { code, stdout, stderr };
}

describe('export to a terminal', () => {
  it('refuses to print the passwords there, says how to get them; a pipe, --out and --reveal still do', async () => {
    const pool = await makePool(2);
    await fillPool(await pool.open(), 3);
    const passwords = [0, 1, 2].map((i) => makeAccount(i).password!);
    for (const format of ['json', 'monocle']) {
      const refused = await exportTo(pool, true, '--format', format);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/standard output is a terminal: export would print every password there; give --out FILE \(or > FILE, or a pipe\), or --reveal to print them/);
      for (const p of passwords) expect(refused.stderr).not.toContain(p);
    }
    const piped = await exportTo(pool, false);
    expect(piped.code).toBe(0);
    for (const p of passwords) expect(piped.stdout).toContain(JSON.stringify(p));
    const revealed = await exportTo(pool, true, '--reveal');
    expect(revealed.code).toBe(0);
    expect(revealed.stdout).toBe(piped.stdout);
    const toFile = await exportTo(pool, true, '--out', 'moved.json');
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
  });
});
