// `accountpool import` run by hand on the very files the watcher is importing from the inbox (an
// operator who did not know the watcher runs): every account ends in the pool exactly once, every
// file in imported/ exactly once (or, had one failed, in failed/ with its reason), none left
// waiting, and what `import` could not read because the watcher had filed it is named.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { allImported, drop, dumpText, failedNames, importedNames, makeInboxPool, waiting } from './helpers.js';

describe('import racing the watcher on the same files', () => {
  it('every account once, every file filed once, nothing lost', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    const names = Array.from({ length: 30 }, (_, f) => `race${String(f).padStart(2, '0')}.txt`);
    for (const [f, name] of names.entries()) await drop(pool.inbox, name, dumpText(`r${f}x`, 20));
    const watcher = startCli(['watch', ...pool.args]);
    let err = '';
    watcher.stderr!.on('data', (d) => (err += d));
    await waitFor(() => err.includes('watching '), { what: 'the watcher to start' });
    const result = await runCli(['import', ...names.map((n) => join(pool.inbox, n)), '--level', '30', ...pool.args]);
    await allImported(pool, names.length);
    watcher.kill('SIGTERM');
    expect((await watcher.closed).code).toBe(0);
    expect(err).not.toMatch(/failed /);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(names); // each filed once: no `race00 (1).txt`
    const snapshot = await (await pool.open()).read();
    expect(snapshot.size).toBe(30 * 20);
    for (let f = 0; f < 30; f++) for (let i = 0; i < 20; i++) expect(snapshot.get(`r${f}x${i}`), `r${f}x${i}`).toBeDefined();
    // import read each file, or says which it could not read (the watcher had filed it).
    if (result.code !== 0) {
      const lines = result.stderr.trim().split('\n');
      // The last line counts the files (import of several files): those refused are the ones named above it.
      const summary = /^accountpool import: 30 files, (\d+) imported, (\d+) refused$/.exec(lines.pop()!);
      expect(summary).not.toBeNull();
      expect(Number(summary![2])).toBe(lines.length);
      for (const line of lines) expect(line).toMatch(/^accountpool import: .*\/race\d\d\.txt: no such file: the watcher may have imported it or set it aside meanwhile \(see .*imported and .*failed\)$/);
    }
  }, 60_000);

  it('a file gone from the inbox is named with where the watcher puts files, one gone elsewhere is not', async () => {
    const pool = await makeInboxPool();
    const result = await runCli(['import', join(pool.inbox, 'gone.txt'), join(pool.base, 'elsewhere.txt'), '--level', '30', ...pool.args]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`accountpool import: ${join(pool.inbox, 'gone.txt')}: no such file: the watcher may have imported it or set it aside meanwhile (see ${join(pool.inbox, 'imported')} and ${join(pool.inbox, 'failed')})`);
    expect(lines[1]).toBe(`accountpool import: ${join(pool.base, 'elsewhere.txt')}: no such file`);
  });
});
