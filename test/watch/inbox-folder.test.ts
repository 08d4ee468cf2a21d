// Held folders of the inbox (src/watch/inbox-folder.ts), on real folders: a link or a file in any
// component is refused, and a folder swapped for a link after it was opened is still the folder we
// hold (through /proc/self/fd), or — without /proc — found out by the check before the next use.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testdir } from '../helpers/testdir.js';
import { lstatInInbox, openInboxFolder, OutsideInbox, useProcForTests } from '../../src/watch/inbox-folder.js';
import { ChangedWhileRead, openListed, readAll } from '../../src/watch/read-file.js';

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

describe('reading a dump through its held folder (read-file.ts)', () => {
  it('never reads past the size it was opened at: a file stat\'ed empty and written on, or cut short, is read again later; a link swapped in is refused', async () => {
    const { inbox, outside } = await setup();
    const folder = await openInboxFolder(inbox, 'level-30/seller');
    try {
      // Empty when listed and opened, then written on as it is read (a writer appending as fast as
      // it is read): FileHandle.readFile read it to its end, past max_dump_size (stop 60 S).
      await writeFile(folder.at('growing.txt'), '');
      const growing = await openListed(folder, 'growing.txt', await lstat(folder.at('growing.txt')));
      if (growing === undefined || growing === 'replaced') throw new Error('not opened');
      await appendFile(folder.at('growing.txt'), Buffer.alloc(3 * 1024 * 1024, 'a'));
      await expect(readAll(growing, 1024 * 1024)).rejects.toBeInstanceOf(ChangedWhileRead);
      await growing.handle.close();
      // Cut short between the open and the read.
      await writeFile(folder.at('cut.txt'), 'ash01:Pw-1\nash02:Pw-2\n');
      const cut = await openListed(folder, 'cut.txt', await lstat(folder.at('cut.txt')));
      if (cut === undefined || cut === 'replaced') throw new Error('not opened');
      await truncate(folder.at('cut.txt'), 5);
      await expect(readAll(cut, 1024 * 1024)).rejects.toBeInstanceOf(ChangedWhileRead);
      await cut.handle.close();
      // Listed as a file, a link to a file outside (/etc/shadow, a shard) put in its place before the open: never followed.
      const listed = await lstat(folder.at('dump.txt'));
      await rm(folder.at('dump.txt'));
      await symlink(join(outside, 'dump.txt'), folder.at('dump.txt'));
      await expect(openListed(folder, 'dump.txt', listed)).rejects.toThrow(/is a symbolic link; links are not followed/);
    } finally {
      await folder.close();
    }
  });
});
