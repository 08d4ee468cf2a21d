// A 7z's folders are entries like its files, and cost like them: 7-Zip lists each (`7zz l -slt`:
// a `Path = ` block of about ten lines, its 7zOut.cpp/7zIn.cpp store a folder as an empty-stream
// entry, a bit or two packed) and `7zz x` makes each on the in-memory file system. A 100 KB 7z of
// 200,000 empty folders and one text file took 70 s and 713 MB to import (listing 7 s, unpacking
// 34 s measured apart): the folders were passed over uncounted, so MAX_MEMBERS (10,000, the bomb
// shape a zip's or a tar's members are held to) never applied. Folders now count as members, and
// the listing stops at the first entry past the limit, before the rest is listed or anything is
// unpacked. Made as the test runs by 7-Zip itself (`7zz`, the Debian package 7zip).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { poolAccounts } from '../helpers/archives.js';

describe('a 7z of many empty folders', () => {
  it('is refused as a bomb\'s shape naming the limit, nothing imported, no password shown', async () => {
    const dir = await testdir({ 'stock/accounts.txt': 'foldersuser1:Fold#pw-1\nfoldersuser2:Fold#pw-2\n' });
    for (let i = 0; i < 12_000; i++) mkdirSync(join(dir, 'stock', `f${i}`));
    const file = join(dir, 'folders.7z');
    const made = spawnSync('7zz', ['a', '-bd', file, 'stock'], { cwd: dir, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const pool = await makePool(2);
    const out = await cli(['import', file, '--level', '9', ...pool.args]);
    expect(out.stderr).toMatch(/folders\.7z: holds more than 10000 members, folders counted \(an archive bomb's shape\)/);
    expect(out.stderr).toContain('nothing was imported');
    expect(out.stderr).not.toContain('Fold#pw');
    expect(out.code).toBe(1);
    expect(await poolAccounts(pool)).toEqual([]);
  }, 60_000);
});
