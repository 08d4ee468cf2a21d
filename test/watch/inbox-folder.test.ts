// Held folders of the inbox (src/watch/inbox-folder.ts), on real folders: a link or a file in any
// component is refused, and a folder swapped for a link after it was opened is still the folder we
// hold (through /proc/self/fd), or — without /proc — found out by the check before the next use.
import { afterEach, describe, expect, it } from 'vitest';
import { lstat, mkdir, readdir, readFile, realpath, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testdir } from '../helpers/testdir.js';
import { lstatInInbox, openInboxFolder, OutsideInbox, useProcForTests } from '../../src/watch/inbox-folder.js';

afterEach(() => useProcForTests(undefined));

/** An inbox with level-30/seller/dump.txt, and a folder outside with files of the same names. */
async function setup(): Promise<{ inbox: string; outside: string }> {
  const base = await realpath(await testdir({ 'inbox/level-30/seller/dump.txt': 'inside\n', 'outside/seller/dump.txt': 'outside\n', 'outside/dump.txt': 'outside\n' }));
  return { inbox: join(base, 'inbox'), outside: join(base, 'outside') };
}

for (const proc of [true, false]) {
  describe(proc ? 'held folders, through /proc/self/fd' : 'held folders, without /proc (checked by lstat)', () => {
    it('refuses a link or a file in any component of the path, never following it', async () => {
      useProcForTests(proc ? undefined : false);
      const { inbox, outside } = await setup();
      await symlink(outside, join(inbox, 'level-31'));
      await writeFile(join(inbox, 'plain'), 'a file\n');
      await expect(openInboxFolder(inbox, 'level-31')).rejects.toThrow(new OutsideInbox('level-31 is not a folder of the inbox (a link or a file is in its place)'));
      await expect(openInboxFolder(inbox, 'level-31/seller')).rejects.toBeInstanceOf(OutsideInbox);
      await expect(openInboxFolder(inbox, 'plain/sub', { create: true })).rejects.toBeInstanceOf(OutsideInbox);
      await expect(openInboxFolder(inbox, 'level-30/../level-31')).rejects.toBeInstanceOf(OutsideInbox);
      expect(await lstatInInbox(inbox, 'level-31/dump.txt')).toBeUndefined();
      expect(await readdir(outside)).toEqual(['dump.txt', 'seller']);
      const folder = await openInboxFolder(inbox, 'level-30/seller');
      expect(await readFile(folder.at('dump.txt'), 'utf8')).toBe('inside\n');
      await folder.close();
    });

    it('a folder swapped for a link after it was opened is refused at the next check; with /proc, its paths still lead into the folder held', async () => {
      useProcForTests(proc ? undefined : false);
      const { inbox, outside } = await setup();
      const folder = await openInboxFolder(inbox, 'level-30/seller');
      await rename(join(inbox, 'level-30'), join(inbox, 'away'));
      await symlink(outside, join(inbox, 'level-30'));
      await expect(folder.check()).rejects.toBeInstanceOf(OutsideInbox);
      if (proc) {
        expect(await readFile(folder.at('dump.txt'), 'utf8')).toBe('inside\n');
        await rename(folder.at('dump.txt'), folder.at('moved.txt')); // what a move does: stays in the held folder
        expect(await readdir(join(inbox, 'away', 'seller'))).toEqual(['moved.txt']);
      }
      expect(await readFile(join(outside, 'seller', 'dump.txt'), 'utf8')).toBe('outside\n');
      await folder.close();
    });

    it('makes missing folders 0700 and opens folders made meanwhile', async () => {
      useProcForTests(proc ? undefined : false);
      const { inbox } = await setup();
      const folder = await openInboxFolder(inbox, 'failed/deeper', { create: true });
      expect(folder.real).toBe(join(inbox, 'failed', 'deeper'));
      for (const dir of ['failed', 'failed/deeper']) expect((await lstat(join(inbox, dir))).mode & 0o777).toBe(0o700);
      await folder.close();
      await mkdir(join(inbox, 'made'));
      await (await openInboxFolder(inbox, 'made', { create: true })).close();
    });
  });
}
