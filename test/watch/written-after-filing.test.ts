// A slow upload (`scp` writes the file under its own name) that pauses longer than the settle
// time: the watcher imports what is there and files it; the upload then goes on writing into the
// file where it was filed. Run for real before this test (built dist, a live `watch`, a writer
// pausing 4 s): the rest of the lines were never imported and the line cut in half when read kept
// `s3:pass` as s3's password. Now the filed file is looked after and read whole again.
import { describe, expect, it } from 'vitest';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '../helpers/testdir.js';
import { failedNames, importedNames, makeInboxPool, startWatching, waitForLines, waiting } from './helpers.js';

describe('a dump written to again after it was imported and filed', () => {
  it('is read whole again where it was filed: the rest of its lines imported, the half line given its whole password', async () => {
    const pool = await makeInboxPool(4);
    await pool.configure({ default_level: '30' });
    const w = await startWatching(pool, { settleMs: 200 });
    const upload = await open(join(pool.inbox, 'upload.txt'), 'w');
    try {
      await upload.write('s1:password1\ns2:password2\ns3:pass');
      await allFiled(pool.inbox);
      await waitForLines(w.stdout, 1);
      expect(w.stdout()).toBe('imported upload.txt: 3 added, 0 updated, 0 rejected\n');
      await upload.write('word3\ns4:password4\n'); // the upload goes on, into the file as filed
      await upload.close();
      await waitForLines(w.stdout, 2);
      expect(w.stdout().split('\n')[1]).toMatch(/^imported upload\.txt: 1 added, 1 updated, 2 unchanged, 0 rejected; changed: 1 password; it was written to after it was filed, so it was read whole again from imported\/\d{4}-\d\d-\d\d\/upload\.txt$/);
      const snapshot = await (await pool.open()).read();
      expect(['s1', 's2', 's3', 's4'].map((u) => snapshot.get(u)?.password)).toEqual(['password1', 'password2', 'password3', 'password4']);
      expect(await importedNames(pool.inbox)).toEqual(['upload.txt']);
      expect(await failedNames(pool.inbox)).toEqual([]);
      expect(await waiting(pool.inbox)).toEqual([]);
      expect((await w.stop()).imported).toBe(1); // `stopped watching ...: 1 imported`: files, not imports
    } finally {
      await upload.close().catch(() => {});
      await w.stop();
    }
  });
});

async function allFiled(inbox: string): Promise<void> {
  await waitFor(async () => (await importedNames(inbox)).length === 1, { what: 'the first part filed' });
}
