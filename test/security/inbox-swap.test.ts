// A symlink swapped into the inbox while the watcher is busy (issue 13, item 1): folders of the
// inbox renamed away and links to folders outside put in their place — one to a folder of the
// attacker's choosing, one to the pool's own shards/, one as a component deeper in the path, and
// the watcher's own imported/ folder. The watcher must read, import and move nothing outside the
// inbox: it refuses the paths that now lead outside and leaves everything outside as it was.
//
// The deterministic hook point: another process holds the pool lock, so `watch --once` has
// listed the inbox and waits to import its first file; the swap happens then, and the lock is
// let go.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readdir, readFile, readlink, rename, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { drop, dumpText, failedNames, holdPoolLock, importedNames, makeInboxPool, poolSize, waiting } from '../watch/helpers.js';
import { dayFolder } from '../../src/watch/move.js';

/** Every entry under `dir` (never following links) with its kind, mode and content: what "unchanged" means. */
async function treeOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    for (const name of await readdir(join(dir, rel))) {
      const path = join(dir, rel, name);
      const info = await lstat(path);
      const key = rel ? `${rel}/${name}` : name;
      if (info.isSymbolicLink()) out[key] = `link ${await readlink(path)}`;
      else if (info.isDirectory()) {
        out[key] = `dir ${(info.mode & 0o777).toString(8)} ${info.mtimeMs}`;
        await walk(key);
      } else out[key] = `file ${(info.mode & 0o777).toString(8)} ${info.mtimeMs} ${await readFile(path, 'utf8')}`;
    }
  }
  await walk('');
  return out;
}

/** Sets a file's times `secondsAgo` in the past: settled, and in a known order for the watcher. */
async function age(path: string, secondsAgo: number): Promise<void> {
  const when = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, when, when);
}

describe('inbox: symlinks swapped in while the watcher works', () => {
  it('folders swapped for links to outside folders (any folder, the pool\'s shards/, a deeper component, imported/): nothing outside is read, imported or moved', async () => {
    const pool = await makeInboxPool(8);
    await pool.configure({ default_level: '30', lock_wait: '200ms' });
    const seed = join(pool.base, 'seed.txt');
    await writeFile(seed, dumpText('seed', 40));
    expect((await cli(['import', seed, ...pool.args])).code).toBe(0);
    const shards = join(pool.dir, 'shards');
    const shardNames = (await readdir(shards)).filter((n) => n.endsWith('.yaml')).sort(); // not .manifest, the record of them
    expect(shardNames).toHaveLength(8);

    // Outside the inbox: a folder whose files are named like the inbox's, and a folder to receive moves.
    const outside = join(pool.base, 'outside');
    await mkdir(join(outside, 'seller'), { recursive: true });
    await writeFile(join(outside, 'stolen.txt'), dumpText('victim', 3));
    await writeFile(join(outside, 'seller', 'dump.txt'), dumpText('deepvictim', 3));
    const elsewhere = join(pool.base, 'elsewhere');
    await mkdir(elsewhere);

    // The inbox as the watcher lists it: first.txt is oldest, so it is taken first.
    const inbox = pool.inbox;
    const files = ['first.txt', 'level-30/stolen.txt', 'level-32/seller/dump.txt', ...shardNames.map((s) => `level-31/${s}`)];
    for (const [i, rel] of files.entries()) {
      await mkdir(join(inbox, rel, '..'), { recursive: true });
      await writeFile(join(inbox, rel), dumpText(`inbox${i}x`, 2));
      await age(join(inbox, rel), 100 - i);
    }
    await mkdir(join(inbox, 'imported', 'earlier'), { recursive: true });
    const outsideBefore = await treeOf(outside);
    const shardsBefore = (await readdir(shards)).sort();

    const holder = await holdPoolLock(pool);
    let watcher;
    try {
      watcher = startCli(['watch', '--once', ...pool.args]);
      let err = '';
      watcher.stderr!.on('data', (d) => (err += d));
      await waitFor(() => err.includes('waiting for the pool to import first.txt') || watcher!.exitCode !== null, { what: 'watcher busy with first.txt' });
      expect(err).toContain('waiting for the pool to import first.txt');
      // The swap: each folder renamed away, a link to a folder outside in its place.
      await rename(join(inbox, 'level-30'), join(inbox, 'away-30'));
      await symlink(outside, join(inbox, 'level-30'));
      await rename(join(inbox, 'level-31'), join(inbox, 'away-31'));
      await symlink(shards, join(inbox, 'level-31'));
      await rename(join(inbox, 'level-32'), join(inbox, 'away-32'));
      await symlink(outside, join(inbox, 'level-32')); // level-32/seller/dump.txt: a link as a middle component
      await rename(join(inbox, 'imported'), join(inbox, 'away-imported'));
      await symlink(elsewhere, join(inbox, 'imported'));
    } finally {
      await holder.release();
    }
    let out = '';
    let err = '';
    watcher.stdout!.on('data', (d) => (out += d));
    watcher.stderr!.on('data', (d) => (err += d));
    await watcher.closed;

    // Nothing outside changed: not read into the pool, not moved, not written to.
    expect(await treeOf(outside)).toEqual(outsideBefore);
    expect(await readdir(elsewhere)).toEqual([]);
    expect((await readdir(shards)).sort()).toEqual(shardsBefore);
    const snapshot = await (await pool.open()).read();
    const names = [...snapshot.accounts()].map((a) => a.username).sort();
    expect(names.filter((n) => /victim/.test(n))).toEqual([]);
    expect(names.filter((n) => !n.startsWith('seed'))).toEqual(['inbox0x0', 'inbox0x1']); // first.txt only
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
    // The inbox's own files are where the swap put them, untouched, still to be imported.
    const moved = files.slice(1).map((f) => f.replace(/^level-/, 'away-')).sort();
    expect((await waiting(inbox)).filter((p) => p.startsWith('away-')).sort()).toEqual(moved);
    expect(err).toMatch(/refused level-30\/stolen\.txt: leads outside the inbox: .*; nothing was read or moved/);
    expect(err).toMatch(/refused level-32\/seller\/dump\.txt: leads outside the inbox: /);
    expect(err).toMatch(/refused level-31\/0\.yaml: leads outside the inbox: /);
    // first.txt was imported, but its imported/ folder was moved meanwhile: it stays, with its receipt.
    expect(out).toBe('');
    expect(err).toMatch(/cannot import first.txt now: imported, but not filed yet: imported is no longer at .*inbox\/imported \(now .*inbox\/away-imported, moved or replaced\); it stays in the inbox/);
    expect((await waiting(inbox))).toContain('first.txt');

    // The operator removes the links: the next run files first.txt without importing it again and
    // imports the inbox's own files; outside is still untouched.
    for (const link of ['level-30', 'level-31', 'level-32', 'imported']) await unlink(join(inbox, link));
    const again = await cli(['watch', '--once', ...pool.args]);
    expect(again.stderr).toBe('');
    expect(again.stdout.split('\n')).toContain('imported first.txt: 2 added, 0 updated, 0 rejected');
    expect((await waiting(inbox))).toEqual([]);
    expect(await treeOf(outside)).toEqual(outsideBefore);
    expect((await (await pool.open()).read()).size).toBe(40 + 2 * files.length);
  });

  it('a file or a link where imported/ or failed/ should be: nothing is imported that could not be filed, nothing is written through the link', async () => {
    const pool = await makeInboxPool(4);
    const inbox = pool.inbox;
    const outside = join(pool.base, 'outside');
    await mkdir(outside);
    await drop(inbox, 'level-30/good.txt', dumpText('good', 3));
    await drop(inbox, 'level-99/bad.txt', dumpText('bad', 2)); // fails before any import: no such level
    for (const [blocker, what] of [['imported', 'a plain file'], ['failed', 'a link to a folder outside']] as const) {
      if (what === 'a plain file') await writeFile(join(inbox, blocker), 'not a folder\n');
      else await symlink(outside, join(inbox, blocker));
    }
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cannot import level-30/good.txt now: cannot be filed after its import, so it was not imported: imported is not a folder of the inbox (a link or a file is in its place); move it away and the file is taken; it stays in the inbox');
    expect(run.stderr).toContain('cannot import level-99/bad.txt now: cannot be set aside (folder level-99/ names level 99, but levels go from 1 to 50): failed is not a folder of the inbox');
    expect(await poolSize(pool)).toBe(0); // never imported and left waiting at once
    expect(await waiting(inbox)).toEqual(['level-30/good.txt', 'level-99/bad.txt']);
    expect(await readdir(outside)).toEqual([]);

    // A link one level deeper (imported/DAY → outside) is refused the same way.
    await unlink(join(inbox, 'imported'));
    await mkdir(join(inbox, 'imported'));
    await symlink(outside, join(inbox, 'imported', dayFolder(new Date())));
    expect((await cli(['watch', '--once', ...pool.args])).stderr).toContain(`imported/${dayFolder(new Date())} is not a folder of the inbox`);
    expect(await poolSize(pool)).toBe(0);
    expect(await readdir(outside)).toEqual([]);

    // Blockers moved away: everything is filed where it belongs.
    await unlink(join(inbox, 'imported', dayFolder(new Date())));
    await unlink(join(inbox, 'failed'));
    const fixed = await cli(['watch', '--once', ...pool.args]);
    expect(fixed.stdout).toBe('imported level-30/good.txt: 3 added, 0 updated, 0 rejected\n');
    expect(await importedNames(inbox)).toEqual(['good.txt']);
    expect(await failedNames(inbox)).toEqual(['bad.txt', 'bad.txt.error.txt']);
    expect(await readdir(outside)).toEqual([]);
  });
});
