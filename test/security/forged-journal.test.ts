// A transaction journal (`.journal.json`) this pool's writers did not write: a peer's, committed
// with `git add -f` and checked out by a hand-run `git pull` (accountpool sync refuses it:
// test/git/host-files.test.ts; git does not), or one copied in with the pool. Recovery obeyed
// whatever it named: a "prepared" journal deleted every file it listed as a temp, a "committed"
// one renamed any file over any other (a shard, passwords and all, to a place others read), removed
// any file and cut any file it named as a month of history back to a length of its choosing.
// Now a journal naming anything a writer of this pool never writes is refused, naming it; nothing
// it names is touched. A killed writer's own journal still recovers (store/pool.test.ts,
// store/concurrency.test.ts).
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { cli, cliWithin } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('a journal this pool did not write', () => {
  it('names files outside the pool, or a temp that is no temp: refused by every writer, nothing it names touched', async () => {
    const pool = await makePool(1);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 10 }, (_, i) => `jruser${i}:Journal-Secret-${i}`).join('\n') + '\n');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const shard = join(pool.dir, 'shards', (await readdir(join(pool.dir, 'shards'))).find((n) => n.endsWith('.yaml'))!);
    const shardBytes = await readFile(shard);
    const home = join(pool.base, 'home');
    await mkdir(home);
    const victim = join(home, 'notes.txt');
    const readable = join(home, 'public.txt');
    const journal = join(pool.dir, '.journal.json');
    const forged = [
      { state: 'prepared', moves: [{ temp: victim, target: join(pool.dir, 'shards', 'x.yaml') }] }, // rollback deletes the "temp"
      { state: 'committed', moves: [{ temp: shard, target: readable }] }, // the shard renamed to where others read it
      { state: 'committed', moves: [], removes: [victim] },
      { state: 'committed', moves: [], appends: [{ target: victim, at: 0, text: 'x' }] }, // cut to nothing, then written
      { state: 'committed', moves: [], renames: [{ temp: victim, target: join(pool.dir, 'shards', 'stolen.yaml') }] },
    ];
    for (const entry of forged) {
      await writeFile(victim, 'the operator\'s own notes\n');
      await writeFile(journal, JSON.stringify(entry));
      for (const args of [['import', dump, '--level', '30'], ['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'a.csv')]]) {
        const result = await cli([...args, ...pool.args]);
        expect(result.code, `${JSON.stringify(entry)}: ${args[0]}`).not.toBe(0);
        expect(result.stderr).toContain(`${journal}: it names`);
        expect(result.stderr).toContain("not this pool's journal");
      }
      expect(await readFile(victim, 'utf8'), JSON.stringify(entry)).toBe("the operator's own notes\n");
      expect(await readFile(shard)).toEqual(shardBytes);
      expect(await readFile(readable).catch(() => undefined)).toBeUndefined();
      expect(await readdir(join(pool.dir, 'shards'))).not.toContain('stolen.yaml');
    }
  });

  it("names only the pool's own paths, but files no writer renames, removes or appends to (.git/config, a shard, the config): refused, nothing touched", async () => {
    // Each path is inside the pool, so "of the pool" let them all through until stop 44: a file a
    // peer committed renamed over `.git/config` (git runs its core.fsmonitor at the next sync), the
    // change log renamed over a shard, accountpool.yaml removed, `.git/config` cut and appended to.
    const pool = await makePool(1);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 10 }, (_, i) => `ownuser${i}:Own-Secret-${i}`).join('\n') + '\n');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const shard = join(pool.dir, 'shards', (await readdir(join(pool.dir, 'shards'))).find((n) => n.endsWith('.yaml'))!);
    const gitConfig = join(pool.dir, '.git', 'config');
    await mkdir(dirname(gitConfig), { recursive: true });
    const planted = join(pool.dir, 'notes.txt'); // what a peer's commit can put in the work tree
    const config = join(pool.dir, 'accountpool.yaml');
    const changeLog = join(pool.dir, '.changes.log');
    const journal = join(pool.dir, '.journal.json');
    const hostile = '[core]\n\tfsmonitor = touch /tmp/owned\n';
    const forged = [
      { state: 'committed', moves: [], renames: [{ temp: planted, target: gitConfig }] },
      { state: 'committed', moves: [], renames: [{ temp: changeLog, target: shard }] },
      { state: 'committed', moves: [], renames: [{ temp: planted, target: join(pool.dir, '.changes.old.log') }] },
      { state: 'committed', moves: [], removes: [config] },
      { state: 'committed', moves: [], removes: [join(pool.dir, 'shards', '.manifest')] },
      { state: 'committed', moves: [], appends: [{ target: gitConfig, at: 0, text: hostile }] },
      { state: 'committed', moves: [], appends: [{ target: join(pool.dir, 'history', '..', '.git', 'config'), at: 0, text: hostile }] },
    ];
    const files = [shard, config, join(pool.dir, 'shards', '.manifest')];
    const before = await Promise.all(files.map((f) => readFile(f)));
    for (const entry of forged) {
      await writeFile(gitConfig, '[core]\n\tbare = false\n');
      await writeFile(planted, hostile);
      await writeFile(changeLog, '');
      await writeFile(journal, JSON.stringify(entry));
      const result = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args]);
      expect(result.code, JSON.stringify(entry)).not.toBe(0);
      expect(result.stderr, JSON.stringify(entry)).toContain(`${journal}: it names`);
      expect(result.stderr).toContain("not this pool's journal");
      expect(await readFile(gitConfig, 'utf8'), JSON.stringify(entry)).toBe('[core]\n\tbare = false\n');
      expect(await readFile(planted, 'utf8')).toBe(hostile);
      expect(await Promise.all(files.map((f) => readFile(f))), JSON.stringify(entry)).toEqual(before);
    }
    // The journal a killed fold leaves (the log's current segment over its previous one, a month of
    // history appended) is still finished.
    await rm(planted);
    await writeFile(changeLog, '');
    await writeFile(journal, JSON.stringify({ state: 'committed', moves: [], renames: [{ temp: changeLog, target: join(pool.dir, '.changes.old.log') }], appends: [] }));
    expect((await cli(['status', ...pool.args])).code).toBe(0);
    expect(await readFile(journal).catch(() => undefined)).toBeUndefined();
  }, 120_000);

  it('a journal that is a FIFO or a link (to /dev/zero, to a file) is refused at once, naming it, never read through', async () => {
    const pool = await makePool(1);
    const journal = join(pool.dir, '.journal.json');
    const elsewhere = join(pool.base, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify({ state: 'prepared', moves: [] }));
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, 'fifouser1:Fifo-Secret-1\n');
    const kinds: [string, () => Promise<void>][] = [
      ['a FIFO', async () => void execFileSync('mkfifo', [journal])],
      ['a link', () => symlink('/dev/zero', journal)],
      ['a link', () => symlink(elsewhere, journal)],
    ];
    for (const [kind, make] of kinds) {
      await rm(journal, { force: true });
      await make();
      // A real process with a deadline: the old read of a FIFO never ended.
      const run = await cliWithin(['import', dump, '--level', '30', ...pool.args], 30_000);
      expect(run.signal, kind).toBeNull();
      expect(run.code, kind).not.toBe(0);
      expect(run.stderr).toContain(`${journal} is ${kind}, not a journal this pool wrote`);
    }
    expect(await readFile(elsewhere, 'utf8')).toBe(JSON.stringify({ state: 'prepared', moves: [] }));
  }, 120_000);
});
