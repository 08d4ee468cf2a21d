// A dump swapped for a symbolic link at the watcher's worst moment: listed, checked and read (or
// about to be read), while the watcher waits for the pool's lock to import it. The attacker, who
// may write into the inbox, renames the dump away and puts a link in its place: to /etc/passwd, to
// a file of accounts outside the inbox, to one of the pool's own shards. inbox-swap.test.ts swaps
// folders at this instant; this swaps the files themselves. What a user depends on: nothing
// outside the inbox is read into the pool, moved or changed; no link is filed as imported; the
// dump the attacker took away is the attacker's, and nothing of the inbox is deleted.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readFile, readdir, readlink, rename, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { dumpText, holdPoolLock, makeInboxPool } from '../watch/helpers.js';

describe('a dump swapped for a link while the watcher waits to import it', () => {
  it('reads nothing outside the inbox, files no link as imported, deletes nothing', async () => {
    const pool = await makeInboxPool(2);
    await pool.configure({ default_level: '30', lock_wait: '200ms' });
    const outside = join(pool.base, 'outside');
    await mkdir(outside);
    const accountsOutside = join(outside, 'accounts.txt');
    await writeFile(accountsOutside, Array.from({ length: 20 }, (_, i) => `outsider${i}:Outside-Secret-${i}`).join('\n') + '\n');
    const outsideBytes = await readFile(accountsOutside);
    const seed = join(pool.base, 'seed.txt');
    await writeFile(seed, dumpText('seed', 10));
    expect((await cli(['import', seed, ...pool.args])).code).toBe(0);
    const shard = join(pool.dir, 'shards', (await readdir(join(pool.dir, 'shards'))).find((n) => n.endsWith('.yaml'))!);

    const inbox = pool.inbox;
    await mkdir(inbox, { recursive: true });
    const names = ['first.txt', 'second.txt', 'third.txt'];
    const targets = [accountsOutside, '/etc/passwd', shard];
    for (const [i, name] of names.entries()) {
      await writeFile(join(inbox, name), dumpText(`inbox${i}x`, 2));
      const when = new Date(Date.now() - (100 - i) * 1000); // settled, first.txt oldest: taken first
      await utimes(join(inbox, name), when, when);
    }
    const away = join(pool.base, 'taken-away');
    await mkdir(away);

    const holder = await holdPoolLock(pool);
    const watcher = startCli(['watch', '--once', ...pool.args]);
    let out = '';
    let err = '';
    watcher.stdout!.on('data', (d) => (out += d));
    watcher.stderr!.on('data', (d) => (err += d));
    try {
      await waitFor(() => err.includes('waiting for the pool to import first.txt') || watcher.exitCode !== null, { what: 'watcher busy with first.txt' });
      expect(err).toContain('waiting for the pool to import first.txt');
      for (const [i, name] of names.entries()) {
        await rename(join(inbox, name), join(away, name));
        await symlink(targets[i]!, join(inbox, name));
      }
    } finally {
      await holder.release();
    }
    await watcher.closed;

    // Nothing outside read, moved or changed.
    expect(await readFile(accountsOutside)).toEqual(outsideBytes);
    expect((await lstat(shard)).isFile()).toBe(true);
    // first.txt was read whole before the swap: its accounts are the pool's (what was read, never the link's); the others were never read.
    const accounts = [...(await (await pool.open()).read()).accounts()].map((a) => a.username).sort();
    expect(accounts.filter((name) => !name.startsWith('seed'))).toEqual(['inbox0x0', 'inbox0x1']);
    expect(out + err).not.toContain('Outside-Secret');
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
    expect(err).toMatch(/failed first\.txt: is a symbolic link \(to .*accounts\.txt\); links are not followed/);

    // The attacker's copies are as they were; no link is filed as imported; each link still in the inbox or set aside as the link.
    for (const [i, name] of names.entries()) expect(await readFile(join(away, name), 'utf8')).toBe(dumpText(`inbox${i}x`, 2));
    const importedRoot = join(inbox, 'imported');
    for (const day of await readdir(importedRoot).catch(() => [] as string[])) {
      for (const name of await readdir(join(importedRoot, day))) expect((await lstat(join(importedRoot, day, name))).isSymbolicLink(), name).toBe(false);
    }
    for (const [i, name] of names.entries()) {
      const places = [join(inbox, name), join(inbox, 'failed', name)];
      const found = await Promise.all(places.map((p) => readlink(p).catch(() => undefined)));
      expect(found.filter((t) => t === targets[i]), name).toHaveLength(1);
    }
  }, 60_000);
});
