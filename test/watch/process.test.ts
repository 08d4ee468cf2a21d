// `accountpool watch` as real processes: killed with SIGKILL mid-batch and started again, stopped
// with SIGTERM, and side by side with other commands writing the pool.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli, type RunningCli } from '../helpers/cli.js';
import { stopAfterTest, waitFor } from '../helpers/testdir.js';
import { allImported, drop, dumpText, importedNames, makeInboxPool, waiting, type InboxPool } from './helpers.js';

interface Watcher {
  child: RunningCli;
  stdout: () => string;
  stderr: () => string;
}

async function startWatcher(pool: InboxPool): Promise<Watcher> {
  const child = startCli(['watch', ...pool.args]);
  // A test stopped at its time limit (load 35, stop 49) left its watcher running for good.
  stopAfterTest(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  await waitFor(() => err.includes('watching ') || child.exitCode !== null, { what: 'watcher ready' });
  expect(err).toContain('watching ');
  return { child, stdout: () => out, stderr: () => err };
}

/** Every file is in exactly one place: still waiting, or imported. */
async function eachInOnePlace(pool: InboxPool, names: string[]): Promise<{ waiting: string[]; imported: string[] }> {
  const w = await waiting(pool.inbox);
  const imported = await importedNames(pool.inbox);
  expect([...w, ...imported].sort()).toEqual([...names].sort());
  return { waiting: w, imported };
}

describe('accountpool watch (processes)', () => {
  it('killed with SIGKILL twice in the middle of a batch and restarted: every file imported exactly once, none left', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    // 40 files (80 until stop 49): each kill strikes one file's import whatever the batch's length,
    // and two kills at 5 more imported each leave more than half the batch to the last run.
    const files = 40;
    const lines = 20;
    const names = Array.from({ length: files }, (_, f) => `batch${String(f).padStart(2, '0')}.txt`);
    // Half before the start (found by the scan), half while watching (reported by chokidar).
    for (const [f, name] of names.entries()) if (f < files / 2) await drop(pool.inbox, name, dumpText(`k${f}x`, lines));
    const outputs: string[] = [];
    let imported = 0;
    for (let round = 0; round < 3; round++) {
      const w = await startWatcher(pool);
      if (round === 0) for (const [f, name] of names.entries()) if (f >= files / 2) await drop(pool.inbox, name, dumpText(`k${f}x`, lines));
      if (round < 2) {
        const target = imported + 5;
        await waitFor(async () => (await importedNames(pool.inbox)).length >= target, { what: `${target} imported` });
        w.child.kill('SIGKILL');
        expect((await w.child.closed).signal).toBe('SIGKILL');
        imported = (await eachInOnePlace(pool, names)).imported.length;
        expect(imported).toBeLessThan(files); // really in the middle
      } else {
        await allImported(pool, files);
        w.child.kill('SIGTERM');
        expect((await w.child.closed).code).toBe(0);
      }
      outputs.push(w.stdout());
    }
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(names); // each moved once: no `name (1).txt`
    const snapshot = await (await pool.open()).read();
    expect(snapshot.size).toBe(files * lines);
    for (let f = 0; f < files; f++) expect(snapshot.get(`k${f}x${lines - 1}`)!.password).toBe(`pw-k${f}x${lines - 1}`);
    // One line per file per run that imported it; a file imported again after a kill between its
    // commit and its move changed nothing the second time. (SIGKILL can also take the line of the
    // file it interrupted before it reached the pipe: at most one per kill.)
    const all = outputs.join('').trim().split('\n');
    const added = all.reduce((sum, line) => sum + Number(/: (\d+) added/.exec(line)![1]), 0);
    expect(added).toBeLessThanOrEqual(files * lines);
    expect(added).toBeGreaterThanOrEqual((files - 2) * lines);
    for (const line of all) expect(line).toMatch(new RegExp(`^imported batch\\d\\d\\.txt: (${lines} added, 0 updated|0 added, 0 updated, ${lines} unchanged), 0 rejected$`));
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  it('SIGTERM mid-batch finishes the current file and exits 0; no file is left both imported and waiting', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    const names = Array.from({ length: 60 }, (_, f) => `t${f}.txt`);
    const w = await startWatcher(pool);
    for (const [f, name] of names.entries()) await drop(pool.inbox, name, dumpText(`t${f}x`, 50));
    await waitFor(async () => (await importedNames(pool.inbox)).length >= 3, { what: 'some imported' });
    w.child.kill('SIGTERM');
    expect((await w.child.closed).code).toBe(0);
    expect(w.stderr()).toMatch(/stopped watching .*: \d+ imported, 0 failed\n$/);
    const { waiting: left, imported } = await eachInOnePlace(pool, names);
    const snapshot = await (await pool.open()).read();
    for (const name of imported) expect(snapshot.get(`${name.slice(0, -4)}x0`), name).toBeDefined();
    for (const name of left) expect(snapshot.get(`${name.slice(0, -4)}x0`), name).toBeUndefined();
    expect(w.stdout().trim().split('\n')).toHaveLength(imported.length);
  });

  it('imports while mark and allocate commands write the same pool: all of them succeed', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    const seed = join(pool.base, 'seed.txt');
    await writeFile(seed, dumpText('seed', 40));
    expect((await cli(['import', seed, ...pool.args])).code).toBe(0);
    const w = await startWatcher(pool);
    const files = Array.from({ length: 40 }, (_, f) => `side${f}.txt`);
    const dropping = (async () => {
      for (const [f, name] of files.entries()) await drop(pool.inbox, name, dumpText(`s${f}x`, 30));
    })();
    // The other commands in this process (cli(): the same main), the watcher a real one: two
    // processes taking the pool's lock in turns, as on a host, without a node start per command.
    const writers = (async () => {
      const results = [];
      for (let i = 0; i < 4; i++) {
        results.push(await cli(['mark', `seed${i}`, `seed${i + 10}`, '--verdict', 'warned', ...pool.args]));
        results.push(await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', join(pool.base, `scanner${i}.csv`), '--instance', `scanner${i}`, ...pool.args]));
      }
      return results;
    })();
    const [, results] = await Promise.all([dropping, writers]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await allImported(pool, files.length);
    w.child.kill('SIGTERM');
    expect((await w.child.closed).code).toBe(0);
    expect(w.stderr()).not.toContain('failed ');
    const snapshot = await (await pool.open()).read();
    expect(snapshot.size).toBe(40 + 40 * 30);
    for (let i = 0; i < 4; i++) expect(snapshot.get(`seed${i}`)!.state).toBe('warned');
    for (let i = 0; i < 4; i++) expect((await readFile(join(pool.base, `scanner${i}.csv`), 'utf8')).trim().split('\n').length).toBeGreaterThanOrEqual(3);
  });
});
