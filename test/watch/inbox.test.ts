// The watcher in this process, with real chokidar on temp folders: what a user dropping files
// into the inbox sees. Every wait is a deadline poll; the only pauses are a slow writer's.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli } from '../helpers/cli.js';
import { lockHolder } from '../helpers/workers.js';
import { waitFor } from '../helpers/testdir.js';
import { DEFAULT_SETTLE_MS, importInboxOnce } from '../../src/watch/watcher.js';
import { allImported, drop, dumpText, failedNames, importedNames, makeInboxPool, poolSize, startWatching, waitForLines, waiting, type Watching } from './helpers.js';

const running: Watching[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

/**
 * A watcher whose files settle after 100 ms: every file here but the slow writer's is renamed in
 * whole (taken as soon as it settles), and each drop, new folder and retry waited the default
 * 500 ms, a test's seconds (settling itself is tested with its own times, here and in rules.test.ts).
 */
async function watching(pool: Parameters<typeof startWatching>[0], options: Parameters<typeof startWatching>[1] = {}): Promise<Watching> {
  const w = await startWatching(pool, { settleMs: 100, ...options });
  running.push(w);
  return w;
}

describe('inbox watcher', () => {
  it('waits for a file written in chunks with pauses, and imports all of it once', async () => {
    const pool = await makeInboxPool();
    const w = await watching(pool, { settleMs: DEFAULT_SETTLE_MS });
    const file = join(pool.inbox, 'level-30', 'slow.txt');
    await mkdir(join(pool.inbox, 'level-30'));
    // 8 chunks of 25 lines, 150 ms apart: 1.2 s of writing, more than twice the settle time.
    for (let chunk = 0; chunk < 8; chunk++) {
      await appendFile(file, dumpText('slow', 25, chunk * 25));
      if (chunk < 7) await sleep(150);
    }
    await allImported(pool, 1);
    await waitForLines(w.stdout, 1);
    expect(w.stdout()).toBe('imported level-30/slow.txt: 200 added, 0 updated, 0 rejected\n');
    expect(await poolSize(pool)).toBe(200);
    expect(await importedNames(pool.inbox)).toEqual(['slow.txt']);
  });

  // 80 files (200 until stop 50): more than the 64 filed files a live watcher keeps open (run.ts's
  // FILED_KEPT), so a burst still lets the oldest go, and dozens of imports queued at once; the
  // 120 more were 120 more transactions, ~40 s of this file's wall at load 15.
  it('imports 80 files dropped at once, each once, and the files already there at start', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    await Promise.all(Array.from({ length: 5 }, (_, f) => drop(pool.inbox, `early${f}.txt`, dumpText(`e${f}x`, 5))));
    const w = await watching(pool);
    await Promise.all(Array.from({ length: 80 }, (_, f) => drop(pool.inbox, `dump${f}.txt`, dumpText(`d${f}x`, 5))));
    // 85 imports, a transaction each (205 took ~13 s of CPU, 78 s at a load of 18 on two cores).
    await allImported(pool, 85, 150_000);
    expect(await poolSize(pool)).toBe(425);
    expect((await importedNames(pool.inbox)).length).toBe(85);
    const lines = (await waitForLines(w.stdout, 85)).trim().split('\n');
    expect(lines).toHaveLength(85);
    for (const line of lines) expect(line).toMatch(/^imported (dump|early)\d+\.txt: 5 added, 0 updated, 0 rejected$/);
    expect(w.stderr()).toBe('');
  }, 180_000);

  it('sets aside a file that cannot be imported, with a note giving file:line, and a clashing name gets a suffix', async () => {
    const pool = await makeInboxPool();
    const w = await watching(pool);
    await drop(pool.inbox, 'nolevel.txt', 'alpha:pw-a\nbeta:pw-b\n');
    await waitFor(async () => (await failedNames(pool.inbox)).length === 2, { what: 'nolevel.txt in failed/' });
    expect(await failedNames(pool.inbox)).toEqual(['nolevel.txt', 'nolevel.txt.error.txt']);
    const note = await readFile(join(pool.inbox, 'failed', 'nolevel.txt.error.txt'), 'utf8');
    expect(note).toContain('reason: nolevel.txt:1: no level known for 2 accounts');
    await waitForLines(w.stderr, 1);
    expect(w.stderr()).toMatch(/^failed nolevel\.txt: nolevel\.txt:1: no level known for 2 accounts.* \(moved to failed\/nolevel\.txt\)\n$/);
    expect(note + w.stderr()).not.toContain('pw-');
    expect(await readFile(join(pool.inbox, 'failed', 'nolevel.txt'), 'utf8')).toBe('alpha:pw-a\nbeta:pw-b\n');
    expect(await poolSize(pool)).toBe(0);
    // The same name again: fails again, beside the first, never over it.
    await drop(pool.inbox, 'nolevel.txt', 'gamma:pw-c\n');
    await waitFor(async () => (await failedNames(pool.inbox)).length === 4, { what: 'second nolevel.txt in failed/' });
    expect(await failedNames(pool.inbox)).toEqual(['nolevel (1).txt', 'nolevel (1).txt.error.txt', 'nolevel.txt', 'nolevel.txt.error.txt']);
    // And an imported name twice.
    await drop(pool.inbox, 'level-30/dup.txt', dumpText('dup', 3));
    await allImported(pool, 1);
    await drop(pool.inbox, 'level-30/dup.txt', dumpText('dup', 3));
    await allImported(pool, 2);
    expect(await importedNames(pool.inbox)).toEqual(['dup (1).txt', 'dup.txt']);
    await waitForLines(w.stdout, 2);
    expect(w.stdout()).toBe('imported level-30/dup.txt: 3 added, 0 updated, 0 rejected\nimported level-30/dup.txt: 0 added, 0 updated, 3 unchanged, 0 rejected\n');
  });

  it('imports at the level of the folder; a level folder out of range is set aside', async () => {
    const pool = await makeInboxPool();
    const w = await watching(pool);
    await drop(pool.inbox, 'level-30/a.txt', dumpText('lvA', 2));
    await drop(pool.inbox, '25/b.txt', dumpText('lvB', 2));
    await drop(pool.inbox, 'level-12/seller-x/c.txt', dumpText('lvC', 2));
    await drop(pool.inbox, 'level-99/d.txt', dumpText('lvD', 2));
    await waitFor(async () => (await importedNames(pool.inbox)).length === 3 && (await failedNames(pool.inbox)).length === 2, { what: 'level folders handled' });
    const snapshot = await (await pool.open()).read();
    expect([snapshot.get('lvA0')!.level, snapshot.get('lvB1')!.level, snapshot.get('lvC0')!.level]).toEqual([30, 25, 12]);
    expect(snapshot.get('lvD0')).toBeUndefined();
    await waitForLines(w.stderr, 1);
    expect(w.stderr()).toContain('failed level-99/d.txt: folder level-99/ names level 99, but levels go from 1 to 50 (moved to failed/d.txt)');
    expect(await waiting(pool.inbox)).toEqual([]);
  });

  it('sets aside symlinks (never followed, the link itself is moved) and files over max_dump_size or max_dump_lines', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ max_dump_size: '1000', max_dump_lines: '50', default_level: '30' });
    const outside = join(pool.base, 'secret.txt');
    await writeFile(outside, 'outside:pw-outside\n');
    const w = await watching(pool, { rescanMs: 200 });
    await symlink(outside, join(pool.inbox, 'link.txt'));
    await symlink(join(pool.base, 'nowhere'), join(pool.inbox, 'dangling.txt'));
    await drop(pool.inbox, 'big.txt', dumpText('big', 100));
    await drop(pool.inbox, 'small.txt', dumpText('small', 3));
    // 120 bytes of 60 one-letter lines: refused by their count before a reader makes a thing of them, kept whole.
    await drop(pool.inbox, 'many.txt', 'a\n'.repeat(60));
    // The dangling link is not reported by chokidar; the watcher's own scan finds it.
    await waitFor(async () => (await failedNames(pool.inbox)).length === 8 && (await importedNames(pool.inbox)).length === 1, { what: 'link, dangling link and big file set aside', timeoutMs: 20_000 });
    expect(await importedNames(pool.inbox)).toEqual(['small.txt']);
    const snapshot = await (await pool.open()).read();
    expect(snapshot.get('outside')).toBeUndefined();
    expect(snapshot.get('big0')).toBeUndefined();
    expect(await readFile(outside, 'utf8')).toBe('outside:pw-outside\n'); // the target stays where it was
    expect(await readFile(join(pool.inbox, 'failed', 'link.txt'), 'utf8')).toBe('outside:pw-outside\n'); // the link, moved
    expect(await readFile(join(pool.inbox, 'failed', 'link.txt.error.txt'), 'utf8')).toContain('is a symbolic link');
    expect(await readFile(join(pool.inbox, 'failed', 'big.txt.error.txt'), 'utf8')).toMatch(/is \d+ bytes, over max_dump_size \(1000 bytes\)/);
    expect(await readFile(join(pool.inbox, 'failed', 'many.txt.error.txt'), 'utf8')).toMatch(/many\.txt:51: holds more than 50 lines, over max_dump_lines .*raise max_dump_lines in accountpool\.yaml/);
    expect(await readFile(join(pool.inbox, 'failed', 'many.txt'), 'utf8')).toBe('a\n'.repeat(60));
    await waitForLines(w.stderr, 4);
    expect(w.stderr()).toContain('failed dangling.txt: is a symbolic link');
  });

  it('leaves hidden, temporary and editor files alone, at start (--once) and while watching', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    const ignored = ['.hidden.txt', 'notes.txt.swp', '.notes.txt.swp', 'notes.txt~', 'dump.txt.part', 'dump.txt.crdownload', 'dump.tmp', '.git/config.txt', 'level-30/.#lock.txt'];
    for (const rel of ignored) await drop(pool.inbox, rel, 'ignored1:pw-i\n');
    await drop(pool.inbox, 'first.txt', dumpText('first', 2));
    const once = await cli(['watch', '--once', ...pool.args]);
    expect(once).toEqual({ code: 0, stdout: 'imported first.txt: 2 added, 0 updated, 0 rejected\n', stderr: '' });
    const w = await watching(pool);
    for (const rel of ignored) await drop(pool.inbox, `later/${rel}`, 'ignored2:pw-i\n');
    await drop(pool.inbox, 'real.txt', dumpText('real', 2));
    await allImported(pool, 2);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await poolSize(pool)).toBe(4);
    for (const rel of ignored) expect(await readFile(join(pool.inbox, rel), 'utf8')).toBe('ignored1:pw-i\n');
    for (const rel of ignored) expect(await readFile(join(pool.inbox, 'later', rel), 'utf8')).toBe('ignored2:pw-i\n');
    await waitForLines(w.stdout, 1);
    expect(w.stdout()).toBe('imported real.txt: 2 added, 0 updated, 0 rejected\n');
    expect(w.stderr()).toBe('');
  });

  // Copied in one by one (`cp docker-compose.yml bot.env .env inbox/level-30/`), the compose file
  // lands first: it waits for the files it names and is read with them as `import FOLDER` reads it
  // (container-group.ts); bot.env's own turn finds it taken with the compose file, never read alone.
  it('reads a compose file with the .env and env_file copied in after it, as one batch; neither companion read alone', async () => {
    const pool = await makeInboxPool(4);
    const w = await watching(pool, { settleMs: 300 });
    await drop(pool.inbox, 'level-30/docker-compose.yml', ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    env_file: bot.env', '  map:', '    image: rocketmap/rocketmap', '    environment:', '      POGOMAP_USERNAME: wlate2', '      POGOMAP_PASSWORD: ${MAP_PASS}', ''].join('\n'), { fresh: true });
    await drop(pool.inbox, 'level-30/bot.env', 'USERNAME=wlate1\nPASSWORD=Pw-wlate-1\n', { fresh: true });
    await drop(pool.inbox, 'level-30/.env', 'MAP_PASS=Pw-wlate-2\n', { fresh: true });
    await waitFor(async () => (await importedNames(pool.inbox)).length === 3, { what: 'the compose file filed with its two companions' });
    expect(await importedNames(pool.inbox)).toEqual(['docker-compose.yml', 'docker-compose.yml--.env', 'docker-compose.yml--bot.env']);
    await waitForLines(w.stdout, 1);
    expect(w.stdout()).toBe('imported level-30/docker-compose.yml: 2 added, 0 updated, 0 rejected\n');
    const view = await (await pool.open()).read();
    expect([view.get('wlate1')?.password, view.get('wlate2')?.password]).toEqual(['Pw-wlate-1', 'Pw-wlate-2']);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(w.stdout() + w.stderr()).not.toMatch(/Pw-wlate/);
  });

  it('--once imports what is there and exits 1 when a file failed, 0 otherwise; a second watcher on one inbox is refused', async () => {
    const pool = await makeInboxPool();
    expect(await cli(['watch', '--once', ...pool.args])).toEqual({ code: 0, stdout: '', stderr: '' });
    await drop(pool.inbox, 'level-30/good.txt', dumpText('good', 3));
    await drop(pool.inbox, 'bad.txt', dumpText('bad', 3));
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('imported level-30/good.txt: 3 added, 0 updated, 0 rejected\n');
    expect(result.stderr).toMatch(/^failed bad\.txt: bad\.txt:1: no level known/);
    expect(await waiting(pool.inbox)).toEqual([]);
    const w = await watching(pool);
    const second = await cli(['watch', '--once', ...pool.args]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('another watcher is already working on the inbox');
    await w.stop();
    await drop(pool.inbox, 'level-30/more.txt', dumpText('more', 1));
    expect((await cli(['watch', '--once', '--inbox', pool.inbox, ...pool.args])).code).toBe(0);
    expect(await poolSize(pool)).toBe(4);
  });

  it('a file whose import committed but which was not moved yet (killed in between) is imported again, changing nothing, then moved', async () => {
    const pool = await makeInboxPool();
    const file = await drop(pool.inbox, 'level-30/again.txt', dumpText('again', 5));
    expect((await cli(['import', file, '--level', '30', ...pool.args])).code).toBe(0); // the commit, without the move
    const accounts = [...(await (await pool.open()).read()).accounts()];
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result).toEqual({ code: 0, stdout: 'imported level-30/again.txt: 0 added, 0 updated, 5 unchanged, 0 rejected\n', stderr: '' });
    expect([...(await (await pool.open()).read()).accounts()]).toEqual(accounts);
    expect(await importedNames(pool.inbox)).toEqual(['again.txt']);
    expect(await waiting(pool.inbox)).toEqual([]);
  });

  it('waits while the pool lock is busy instead of failing the file; a file written to meanwhile is imported once it settles, whole', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ lock_wait: '1s', default_level: '30' });
    const holder = lockHolder(pool.dir);
    const closed = new Promise((resolve) => holder.on('close', resolve));
    let w: Watching;
    try {
      let said = '';
      holder.stdout!.on('data', (d) => (said += d));
      await waitFor(() => said.includes('held'), { what: 'lock held' });
      w = await watching(pool);
      await drop(pool.inbox, 'busy.txt', dumpText('busy', 4));
      await waitFor(() => w.stderr().includes('waiting for the pool to import busy.txt'), { what: 'busy message' });
      expect(await waiting(pool.inbox)).toEqual(['busy.txt']);
      expect(await failedNames(pool.inbox)).toEqual([]);
      // The watcher has read the file and waits to commit it; the writer was not done.
      await appendFile(join(pool.inbox, 'busy.txt'), dumpText('busy', 3, 4));
    } finally {
      holder.kill('SIGKILL');
      await closed;
    }
    await allImported(pool, 1);
    await waitForLines(w.stdout, 1);
    expect(await poolSize(pool)).toBe(7);
    // What was read before the writer went on is not committed (it could end in half a line).
    expect(w.stdout()).toBe('imported busy.txt: 7 added, 0 updated, 0 rejected\n');
  });

  // A dump that takes a pool of its own past 8,000 accounts a shard reshards it first, in a commit
  // of the layout alone, and is then written once into the new shards (src/cli/grow-shards.ts
  // reshardingFirst, as `import` does; the store's side in test/store/reshard.test.ts).
  it('--once: a file that makes the pool outgrow its shards reshards it first, then imports every line and files it', async () => {
    const p = await makeInboxPool(1);
    await drop(p.inbox, 'level-30/big.txt', dumpText('big', 8001));
    const pool = await p.open();
    const commits: { message: string; files: string[] }[] = [];
    pool.afterCommit = async ({ message, files }) => void commits.push({ message, files: files.map((f) => f.slice(p.dir.length + 1)) });
    let out = '';
    let err = '';
    const tally = await importInboxOnce({ pool, inbox: p.inbox, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
    expect(err).toBe('resharded the pool: 1 -> 4 shards (more than 8,000 accounts a shard)\n');
    expect(out).toBe('imported level-30/big.txt: 8001 added, 0 updated, 0 rejected\n');
    expect(tally).toMatchObject({ imported: 1, failed: 0, postponed: 0 });
    expect(commits.map((c) => c.message.split(':')[0])).toEqual(['reshard the pool', expect.stringMatching(/^import /)]);
    expect(commits[0]!.files).toContain('accountpool.yaml');
    expect(commits[1]!.files).not.toContain('accountpool.yaml');
    expect((await readdir(join(p.dir, 'shards'))).filter((f) => f.endsWith('.yaml')).sort()).toEqual(['0.yaml', '1.yaml', '2.yaml', '3.yaml']);
    expect(await poolSize(p)).toBe(8001);
    expect(await importedNames(p.inbox)).toEqual(['big.txt']);
    expect(await waiting(p.inbox)).toEqual([]);
  });
});
