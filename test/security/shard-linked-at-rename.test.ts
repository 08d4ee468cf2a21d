// A shard swapped for a symbolic link while a command holds the lock, after its locked read
// checked the shard (O_NOFOLLOW) and before its rename over it. rename(2) replaces a link at its
// new path, never what it leads to (POSIX rename: "If new is a symbolic link, the link itself is
// replaced"), so nothing is ever written where the link leads; but the link went silently, the
// file where it led left with old accounts (an operator moving a shard to another disk mid-command).
// Now every move's target is looked at (lstat) just before the commit point and again as each
// rename begins: a link is refused, kept, and named. The race is real: the test watches the folder
// (inotify) for the writer's own temp file, stops the real process there (SIGSTOP: no hook in the
// code), waits until every thread of it stands still (a rename already in the kernel finishes
// first: the cause of this test's rare failure before), swaps the shard for a link, continues it;
// a try counts only where the temp was still unrenamed while the process stood stopped (else the
// race was lost, and it tries again).
import { describe, expect, it } from 'vitest';
import { existsSync, lstatSync, renameSync, symlinkSync, watch } from 'node:fs';
import { lstat, mkdir, readFile, readdir, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { stopWholly } from '../helpers/stop-process.js';

/**
 * Runs `import dump` as a real process; when `stopAt(name, seen)` says so for a file created in
 * `folder`, stops it, swaps `shard` for a link to `away` if the temp is still there, continues it.
 */
async function importSwapping(args: string[], folder: string, stopAt: (name: string, seen: Set<string>) => boolean, shard: string, away: string) {
  const child = startCli(args);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const seen = new Set<string>();
  let swapped = false;
  const watcher = watch(folder, (_event, name) => {
    if (swapped || !name || seen.has(name)) return;
    seen.add(name);
    if (!stopAt(name, seen)) return;
    stopWholly(child.pid!); // every thread still: a rename under way when the signal came has finished
    try {
      if (existsSync(join(folder, name))) {
        renameSync(shard, away);
        symlinkSync(away, shard);
        swapped = true;
      }
    } finally {
      process.kill(child.pid!, 'SIGCONT');
    }
  });
  const { code } = await child.closed;
  watcher.close();
  return { code, out, swapped };
}

async function setUp() {
  const pool = await makePool(1);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, Array.from({ length: 40 }, (_, i) => `diskuser${i}:Disk-Secret-${i}`).join('\n') + '\n');
  expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  const name = (await readdir(join(pool.dir, 'shards'))).find((n) => n.endsWith('.yaml'))!;
  await mkdir(join(pool.base, 'disk2'));
  return { pool, name, shard: join(pool.dir, 'shards', name), away: join(pool.base, 'disk2', name) };
}

describe('a shard swapped for a link between the locked read and the rename', () => {
  it('before the commit point: refused naming the link, the link and the file it leads to kept, nothing imported', async () => {
    const { pool, name, shard, away } = await setUp();
    const isShardTemp = (file: string) => file.startsWith(`.${name}.`) && file.endsWith('.tmp');
    let accounts = 40; // what the pool holds: every import that went through, none that was refused
    for (let attempt = 0; attempt < 30; attempt++) {
      const more = join(pool.base, `more${attempt}.txt`);
      await writeFile(more, `newuser${attempt}:New-Secret-${attempt}\n`);
      const before = await readFile(shard);
      const run = await importSwapping(['import', more, '--level', '30', ...pool.args], join(pool.dir, 'shards'), isShardTemp, shard, away);
      if (!run.swapped) {
        expect(run.code, run.out).toBe(0);
        accounts++;
        continue; // the writer renamed before it was stopped: try again
      }
      expect(run.code, run.out).not.toBe(0);
      expect(run.out).toContain(`${shard}: it is a symbolic link to ${away}`);
      expect(run.out).not.toMatch(/Secret/);
      expect((await lstat(shard)).isSymbolicLink()).toBe(true);
      expect(await readlink(shard)).toBe(away);
      expect(await readFile(away)).toEqual(before); // never written through, nor left behind by a replaced link
      await rm(shard);
      await rename(away, shard);
      const verify = await cli(['verify', ...pool.args]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      // The temp still stood, yet the writer may have been stopped just after its last look before
      // the commit point: then the transaction is committed, and the command after the link is gone
      // (verify) finishes it, as the next test asserts. Only a refusal before the commit point counts.
      if (run.out.includes('the transaction is committed')) {
        accounts++;
        expect((await (await pool.open()).read()).get(`newuser${attempt}`)?.level).toBe(30);
        continue;
      }
      expect((await (await pool.open()).read()).size).toBe(accounts); // the refused import added nothing
      return;
    }
    throw new Error('the writer was never stopped before its rename in 30 tries');
  });

  it('after the commit point: the rename is refused, the transaction kept in the journal; the file put back, the next command finishes it', async () => {
    const { pool, shard, away } = await setUp();
    // The journal is written twice through a temp in the pool folder: "prepared", then "committed".
    const isCommittedJournal = (file: string, seen: Set<string>) => file.includes('.journal.json.') && [...seen].filter((f) => f.includes('.journal.json.')).length === 2;
    for (let attempt = 0; attempt < 30; attempt++) {
      const more = join(pool.base, `more${attempt}.txt`);
      await writeFile(more, `newuser${attempt}:New-Secret-${attempt}\n`);
      const before = await readFile(shard);
      const run = await importSwapping(['import', more, '--level', '30', ...pool.args], pool.dir, isCommittedJournal, shard, away);
      if (!run.swapped) {
        expect(run.code, run.out).toBe(0);
        continue;
      }
      expect(run.code, run.out).not.toBe(0);
      expect(run.out).toContain(`could not write ${shard}: it is a symbolic link to ${away}`);
      expect(run.out).toContain('the transaction is committed and nothing is lost');
      expect(run.out).not.toMatch(/Secret/);
      expect(await readlink(shard)).toBe(away);
      expect(await readFile(away)).toEqual(before);
      // Still a link: the replay refuses it too, never replaces it.
      const blocked = await cli(['status', ...pool.args]);
      expect(blocked.code).not.toBe(0);
      expect(lstatSync(shard).isSymbolicLink()).toBe(true);
      await rm(shard);
      await rename(away, shard);
      const status = await cli(['status', ...pool.args]);
      expect(status.code, status.stdout + status.stderr).toBe(0);
      expect((await (await pool.open()).read()).get(`newuser${attempt}`)?.level).toBe(30); // committed, so kept
      return;
    }
    throw new Error('the writer was never stopped before its rename in 30 tries');
  });
});
