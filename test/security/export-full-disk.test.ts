// `export --out FILE` on a disk that fills up half way (stop 66 X): a real tmpfs too small for the
// file. The export fails, exit 1, naming FILE and the full disk, never a password; the FILE that
// was there is left as it was, and no temp file (`.FILE.out-….tmp`, holding passwords) is left.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';
import { mountSkipReason, smallDisk } from '../helpers/tmpfs.js';

describe.skipIf(mountSkipReason !== undefined)('export on a full disk', () => {
  it('fails naming the file, keeps the old one, leaves no temp file', async () => {
    const pool = await makePool(2);
    // ~130 bytes a JSON line: 800 accounts are ~100 KB, the disk 64 KiB.
    await fillPool(await pool.open(), 800);
    const disk = await smallDisk(64);
    const out = join(disk, 'moved.json');
    await writeFile(out, 'the export of yesterday\n');
    const r = await cli(['export', '--out', out, ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toMatch(/ENOSPC|no space/i);
    for (const i of [0, 1, 799]) expect(r.stdout + r.stderr).not.toContain(makeAccount(i).password!);
    expect(await readFile(out, 'utf8')).toBe('the export of yesterday\n');
    expect(await readdir(disk)).toEqual(['moved.json']);
  });
});
