// The pool's `.inbox-receipts/` (or this inbox's folder in it) found as a link: `.gitignore` keeps
// it out of git, but one a peer committed with `git add -f` is checked out as a link (as a
// `.cache` is, pool-folder-links.test.ts), and a hand can make one. Followed, the watcher's start
// removed there every JSON file naming something no inbox holds (a project's package.json: taken for a stale receipt), and stopped with a bare parse error at any other file and each
// import wrote its receipt there, outside the pool. Now `watch` refuses, naming the link: nothing
// there is removed or written, the dump stays in the inbox; the link moved away, it is imported.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { RECEIPTS_DIR } from '../../src/watch/receipts.js';
import { drop, importedNames, makeInboxPool, waiting } from '../watch/helpers.js';

describe('inbox receipts behind a link', () => {
  for (const which of ['the receipts folder', "this inbox's folder in it"] as const) {
    it(`${which} a link to a folder of other files: watch --once refuses naming it; nothing there removed or added`, async () => {
      const pool = await makeInboxPool();
      const outside = join(pool.dir, '..', 'my-app');
      await mkdir(outside);
      // A project's package.json names a file (`name`) no inbox holds: the watcher's start took it for a stale receipt and removed it.
      await writeFile(join(outside, 'package.json'), '{"name":"my-app","version":"1.0.0"}\n');
      // The inbox's folder is named by the hash of its real path (receipts.ts), which anyone who knows the path can work out.
      const inboxFolder = createHash('sha1').update(await realpath(pool.inbox)).digest('hex').slice(0, 16);
      if (which === 'the receipts folder') {
        await mkdir(join(outside, inboxFolder));
        await writeFile(join(outside, inboxFolder, 'package.json'), '{"name":"my-app","version":"1.0.0"}\n');
        await symlink(outside, join(pool.dir, RECEIPTS_DIR));
      } else {
        await mkdir(join(pool.dir, RECEIPTS_DIR));
        await symlink(outside, join(pool.dir, RECEIPTS_DIR, inboxFolder));
      }
      const link = which === 'the receipts folder' ? join(pool.dir, RECEIPTS_DIR) : join(pool.dir, RECEIPTS_DIR, inboxFolder);
      const before = (await readdir(outside, { recursive: true })).sort();
      await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\n');
      const run = await cli(['watch', '--once', ...pool.args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${link} is a link (to ${outside}), not the pool's own folder of inbox receipts`);
      expect((await readdir(outside, { recursive: true })).sort()).toEqual(before);
      expect(await waiting(pool.inbox)).toEqual(['level-30/sellers.txt']);
      await rm(link);
      expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
      expect(await importedNames(pool.inbox)).toEqual(['sellers.txt']);
    });
  }
});
