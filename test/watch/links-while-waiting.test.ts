// The pool's own folders an inbox import writes by path (`.inbox-receipts/`, `.cache/inbox-taken/`)
// are refused as links (own-folders.ts). The check ran at a file's first look; with the pool lock
// busy for minutes (a long allocate, an import by hand) the commit's write comes long after it,
// and a link made meanwhile was written through: the receipt and the taken record went outside
// the pool. Now the check is made again under the lock, right before the write.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { RECEIPTS_DIR } from '../../src/watch/receipts.js';
import { drop, holdPoolLock, importedNames, makeInboxPool, poolSize, waiting } from './helpers.js';

describe("a link made in the pool's own folders while the watcher waits for the pool lock", () => {
  for (const where of [RECEIPTS_DIR, '.cache/inbox-taken'] as const) {
    it(`${where}: refused at the write, nothing written where it leads, the dump stays and is imported once the link is gone`, async () => {
      const pool = await makeInboxPool(4);
      const outside = join(pool.base, 'elsewhere');
      await mkdir(outside);
      await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\nmew_two:pw-2\n');
      const lock = await holdPoolLock(pool);
      const watcher = startCli(['watch', '--once', ...pool.args]);
      let stderr = '';
      watcher.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      try {
        await waitFor(() => stderr.includes('waiting for the pool to import level-30/sellers.txt'), { what: 'the file looked at, the pool waited for' });
        const link = join(pool.dir, where);
        await rm(link, { recursive: true, force: true });
        await mkdir(join(link, '..'), { recursive: true });
        await symlink(outside, link);
      } finally {
        await lock.release();
      }
      const { code } = await watcher.closed;
      expect(code).toBe(1);
      expect(stderr).toContain(`${join(pool.dir, where)} is a link (to ${outside}), not the pool's own folder`);
      expect(await readdir(outside, { recursive: true })).toEqual([]);
      expect(await waiting(pool.inbox)).toEqual(['level-30/sellers.txt']);
      expect(await poolSize(pool)).toBe(0);

      await rm(join(pool.dir, where));
      const again = startCli(['watch', '--once', ...pool.args]);
      expect((await again.closed).code).toBe(0);
      expect(await importedNames(pool.inbox)).toEqual(['sellers.txt']);
      expect(await poolSize(pool)).toBe(2);
    });
  }
});
