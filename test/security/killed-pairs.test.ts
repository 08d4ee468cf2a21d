// Commands run side by side on one pool, one of them killed with SIGKILL at a point of its work
// that varies from round to round (an unlucky operator's `kill -9`, the OOM killer): two imports,
// an import beside an allocation, the watcher beside an import of the very file it takes. After
// each round the pool verifies, every dump is in it whole or not at all, and nothing is doubled.
import { describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli, type RunningCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const LINES = 300;
const dumpText = (prefix: string) => Array.from({ length: LINES }, (_, i) => `${prefix}u${i}:pw-${prefix}${i}`).join('\n') + '\n';

/** Settles when `child` has exited; kills it after `ms` when `kill` is set. */
async function ended(child: RunningCli, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const result = await child.closed;
  clearTimeout(timer);
  return result;
}

describe('commands killed beside each other', () => {
  it('two imports, an import and an allocation, the watcher and an import of its file: the killed one is all or nothing, the pool verifies', async () => {
    const pool = await makePool(4);
    await pool.configure({ default_level: '30' });
    const inbox = join(pool.base, 'inbox');
    const csv = join(pool.base, 'accounts.csv');
    // Kill points spread over a command's life (start-up, read, merge, commit), different each round.
    const delays = [150, 400, 700, 1000, 1400, 1900];
    const dumps: string[] = [];
    for (const [round, delay] of delays.entries()) {
      const [a, b] = [`r${round}a`, `r${round}b`];
      const [fileA, fileB] = [join(pool.base, `${a}.txt`), join(inbox, `${b}.txt`)];
      const kind = round % 3;
      // The watcher's round: the import is of the very file the watcher takes.
      if (kind !== 2) await writeFile(fileA, dumpText(a));
      await writeFile(fileB, dumpText(b));
      dumps.push(...(kind !== 2 ? [a, b] : [b]));
      const first = startCli(['import', kind === 2 ? fileB : fileA, ...pool.args]);
      const second =
        kind === 0
          ? startCli(['import', fileB, ...pool.args])
          : kind === 1
            ? startCli(['allocate', '--count', '5', '--no-check', '--accountcsv', csv, ...pool.args])
            : startCli(['watch', '--once', '--settle', '0s', ...pool.args]);
      const killFirst = round % 2 === 0;
      let out = '';
      for (const child of [first, second]) child.stderr!.on('data', (d) => (out += d));
      const [r1, r2] = await Promise.all([ended(first, killFirst ? delay : undefined), ended(second, killFirst ? undefined : delay)]);
      // The one not killed finished its work (a busy pool is waited for, never a failure); an
      // import of the watcher's file may find it filed already (named so, exit 1).
      const survivor = killFirst ? r2 : r1;
      if (kind === 2 && !killFirst && survivor.code === 1) expect(out).toMatch(/the watcher may have imported it or set it aside meanwhile/);
      else expect(survivor.code, `round ${round}: ${out}`).toBe(0);
    }
    // The watcher takes what was left in the inbox; an import of the rest brings each dump whole.
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const snapshot = await (await pool.open()).read();
    for (const name of dumps) {
      const present = Array.from({ length: LINES }, (_, i) => snapshot.get(`${name}u${i}`)).filter((a) => a !== undefined);
      expect([0, LINES], name).toContain(present.length); // whole or not at all
      for (const account of present) expect(account!.password).toBe(`pw-${name}${account!.username.slice(name.length + 1)}`);
    }
    // Nothing lost from the inbox: each dump there is waiting, imported or set aside, once.
    const inInbox = (await readdir(inbox)).filter((n) => n.endsWith('.txt'));
    const day = (await readdir(join(inbox, 'imported')).catch(() => [] as string[]))[0];
    const filed = day ? await readdir(join(inbox, 'imported', day)) : [];
    const failed = await readdir(join(inbox, 'failed')).catch(() => [] as string[]);
    const inboxDumps = dumps.filter((d) => d.endsWith('b')).map((d) => `${d}.txt`);
    expect([...inInbox, ...filed, ...failed].filter((n) => inboxDumps.includes(n)).sort()).toEqual([...inboxDumps].sort());
    for (const name of filed) expect(snapshot.get(`${name.slice(0, -4)}u0`), name).toBeDefined(); // filed means imported
  }, 180_000);
});
