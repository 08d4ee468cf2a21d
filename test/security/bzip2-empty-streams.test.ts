// bzip2 streams end to end are read as bzip2 -d reads them (`cat a.bz2 b.bz2`). A stream with no
// block, what `bzip2 </dev/null` writes, is `BZh9` then the end-of-stream magic (sqrt(pi),
// 0x177245385090: bzip2's compress.c, BZ2_compressBlock) where a block's magic (pi) would be. One
// such stream first made the whole file read as text: refused for its NUL bytes, the accounts of
// the streams after it never read. Made as the test runs by the real bzip2 (the Debian package bzip2).
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { poolAccounts } from '../helpers/archives.js';

const bzip2 = (text: string) => execFileSync('bzip2', ['-c'], { input: text });

describe('bzip2 streams behind an empty one', () => {
  it('are read, all their accounts imported; empty streams alone are a file holding nothing', async () => {
    const dir = await testdir();
    const empty = bzip2('');
    expect(empty.subarray(4, 10)).toEqual(Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90]));
    const file = join(dir, 'accounts.txt.bz2');
    await writeFile(file, Buffer.concat([...Array.from({ length: 1000 }, () => empty), bzip2('bzemptyuser1:Bz#pw-1\n'), empty, bzip2('bzemptyuser2:Bz#pw-2\n')]));
    expect(execFileSync('bzip2', ['-dc', file]).toString()).toBe('bzemptyuser1:Bz#pw-1\nbzemptyuser2:Bz#pw-2\n');
    const pool = await makePool(2);
    const out = await cli(['import', file, '--level', '9', ...pool.args]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(await poolAccounts(pool)).toEqual(['bzemptyuser1 Bz#pw-1 9 ptc', 'bzemptyuser2 Bz#pw-2 9 ptc']);
    const none = join(dir, 'none.txt.bz2');
    await writeFile(none, Buffer.concat([empty, empty]));
    const refused = await cli(['import', none, '--level', '9', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toContain('NUL');
    expect(refused.stderr).toContain('none.txt.bz2');
    expect((await readFile(none)).length).toBe(28);
  }, 60_000);
});
