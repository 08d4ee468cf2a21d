// A real `accountpool watch` killed with SIGKILL while it takes a burst in one transaction
// (src/watch/burst.ts): once the batch has committed, its files are filed one by one, and the kill
// comes as the first of them lands in imported/. Started again, every file is in exactly one
// place, each imported once: the files not yet moved are filed from their receipts, a checker's
// verdict is not stated a second time, no `name (1).txt` appears, every account is there once.
import { describe, expect, it } from 'vitest';
import { cli, startCli } from '../helpers/cli.js';
import { stopAfterTest, waitFor } from '../helpers/testdir.js';
import { drop, importedNames, makeInboxPool, waiting } from './helpers.js';

const FILES = 48;

describe('a burst killed with SIGKILL', () => {
  it('killed among its files: started again, each file filed once, none imported twice, every account once', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\nmew_two:pw-2\n');
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    // The verdict file first in the queue (oldest), then the sellers' files.
    await drop(pool.inbox, 'accounts-blind.csv', 'ptc,mew_one,pw-1\nptc,mew_two,pw-2\n');
    const names = Array.from({ length: FILES }, (_, i) => `level-30/k${String(i).padStart(2, '0')}.txt`);
    for (const [i, name] of names.entries()) await drop(pool.inbox, name, `k${i}a:pw-k${i}a\nk${i}b:pw-k${i}b\n`);

    const child = startCli(['watch', ...pool.args]);
    stopAfterTest(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    await waitFor(async () => (await importedNames(pool.inbox)).length > 1 || child.exitCode !== null, { what: 'the first file of the burst filed', intervalMs: 1 });
    child.kill('SIGKILL');
    expect((await child.closed).signal).toBe('SIGKILL');

    // Each file in one place; what was filed is in the pool.
    const left = await waiting(pool.inbox);
    const filed = (await importedNames(pool.inbox)).filter((n) => n !== 'sellers.txt');
    expect([...left, ...filed.map((n) => (n.startsWith('k') ? `level-30/${n}` : n))].sort()).toEqual(['accounts-blind.csv', ...names].sort());
    const killed = await (await pool.open()).read();
    for (const n of filed.filter((f) => f.startsWith('k'))) expect(killed.get(`k${Number(n.slice(1, 3))}a`), n).toBeDefined();
    // Committed before the kill (the verdict file went first): the operator overrules it meanwhile.
    const committed = killed.get('mew_one')?.state === 'blind';
    if (committed) expect((await cli(['mark', 'mew_one', '--verdict', 'ok', ...pool.args])).code).toBe(0);

    const again = await cli(['watch', '--once', ...pool.args]);
    // The killed watcher may have died holding the pool's lock: the next one waits until it goes stale, and says so.
    expect(again.stderr.split('\n').filter((l) => l && !/^waiting for the pool to import .*: pool is busy/.test(l))).toEqual([]);
    expect(again.code).toBe(0);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(['accounts-blind.csv', ...names.map((n) => n.slice('level-30/'.length)), 'sellers.txt'].sort());
    const snapshot = await (await pool.open()).read();
    expect(snapshot.size).toBe(2 + 2 * FILES);
    for (let i = 0; i < FILES; i++) expect(snapshot.get(`k${i}b`)?.password).toBe(`pw-k${i}b`);
    // A verdict stated once: not again over the operator's word, when it was committed before the kill.
    expect(snapshot.get('mew_one')?.state).toBe(committed ? 'ok' : 'blind');
    expect(snapshot.get('mew_two')?.state).toBe('blind');
    // One line a file over both runs, but for one the kill may have cut before its line.
    const lines = (out + again.stdout).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(FILES);
    expect(lines.length).toBeLessThanOrEqual(FILES + 1);
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });
});
