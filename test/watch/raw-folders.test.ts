// A folder of the inbox named in a Windows code page (`level-30/caf\xE9/`, as a Windows archive
// unpacks): chokidar cannot watch it (it names it with U+FFFD), so a dump put into it after the
// folder was made waited for the whole rescan. The watcher watches such a folder by its bytes
// (src/watch/raw-folders.ts): here the rescan is off, and the dump is still taken.
import { describe, expect, it } from 'vitest';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '../helpers/testdir.js';
import { dumpText, importedNames, makeInboxPool, startWatching, waiting } from './helpers.js';

describe('a folder of the inbox whose name is not UTF-8', () => {
  it('a dump put into it after it was made is imported without waiting for a rescan, and named with \\xE9', async () => {
    const pool = await makeInboxPool(4);
    await mkdir(join(pool.inbox, 'level-30'), { recursive: true });
    const watcher = await startWatching(pool, { rescanMs: 0, settleMs: 200 });
    try {
      const folder = Buffer.concat([Buffer.from(`${pool.inbox}/level-30/`), Buffer.from('caf\xe9', 'latin1')]);
      await mkdir(folder);
      // The scenario: the dump comes well after the folder (an upload that made the folder first),
      // so the look chokidar's event on level-30/ brings about has come and gone.
      await sleep(1500);
      const staging = join(pool.base, 'staging.txt');
      await writeFile(staging, dumpText('rawdir', 3));
      await rename(staging, Buffer.concat([folder, Buffer.from('/order.txt')]));
      await waitFor(async () => watcher.stdout().includes('imported level-30/caf\\xE9/order.txt: 3 added'), { timeoutMs: 8000, what: 'the dump in caf\\xE9/ imported' });
      expect(await importedNames(pool.inbox)).toEqual(['order.txt']);
      expect(await waiting(pool.inbox)).toEqual([]);
    } finally {
      await watcher.stop();
    }
  });
});
