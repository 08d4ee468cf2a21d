// Zip members packed by a method yauzl does not unpack, unpacked by 7-Zip (archive-zip-methods.ts):
// zips made by the real 7-Zip 24.09 (`7zz a -tzip -mm=PPMd|LZMA|BZip2|Deflate64|xz`: APPNOTE 4.4.5's
// methods 98, 14, 12, 9 and 95, as 7-Zip's CPP/7zip/Archive/Zip/ZipUpdate.cpp writes them), with a
// deflated member added by Info-ZIP's zip, and by Python's zipfile (ZIP_BZIP2, ZIP_LZMA, its
// Lib/zipfile/__init__.py) under a Shift_JIS name. Each imports exact; a broken or lying one is
// refused whole, naming the file, nothing imported.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines, makeArchive, poolAccounts } from '../helpers/archives.js';

const accounts = (pool: TestPool) => poolAccounts(pool, { state: true });
const expected = (prefix: string, n: number, level: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1} Pw#${prefix}-${i + 1} ${level} ptc ok`);

function run(cmd: string, args: string[], cwd: string): void {
  const made = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
}

/** A zip by 7-Zip of `level30/a.txt` packed with `method`, then `fresh_L2.txt` deflated by Info-ZIP's zip. */
async function sevenZipZip(pool: TestPool, method: string, prefix: string): Promise<string> {
  const dir = await testdir({ 'stock/level30/a.txt': accountLines(`${prefix}x`, 300), 'stock/fresh_L2.txt': accountLines(`${prefix}y`, 2) });
  const zip = join(pool.base, `${method}.zip`);
  run('7zz', ['a', '-bso0', '-tzip', `-mm=${method}`, zip, 'stock/level30'], join(dir, '.'));
  run('zip', ['-q', zip, 'stock/fresh_L2.txt'], dir);
  return zip;
}

async function refused(pool: TestPool, file: string, message: RegExp): Promise<string> {
  await writeFile(join(pool.base, 'before.txt'), 'keptuser:Kept#pw1\n');
  expect((await cli(['import', join(pool.base, 'before.txt'), '--level', '9', ...pool.args])).code).toBe(0);
  const before = await accounts(pool);
  const out = await cli(['import', file, ...pool.args]);
  expect(out.code).toBe(1);
  expect(out.stderr).toMatch(message);
  expect(out.stderr).toContain('nothing was imported');
  expect(out.stderr).not.toContain('Pw#');
  expect(await accounts(pool)).toEqual(before);
  return out.stderr;
}

describe('zip members packed by PPMd, LZMA, bzip2, Deflate64 or xz', () => {
  it("7-Zip's zips of each method: every account exact, the folder's level kept, the deflated member beside it read in the zip's order", async () => {
    const pool = await makePool(4);
    const methods = ['PPMd', 'LZMA', 'BZip2', 'Deflate64', 'xz'];
    const want: string[] = [];
    for (const [i, method] of methods.entries()) {
      const prefix = `m${i}${method.toLowerCase()}`;
      const zip = await sevenZipZip(pool, method, prefix);
      const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`would import ${zip}: 302 added, 0 updated, 0 rejected\n  a zip archive: 2 files read, imported together or not at all\nwould import ${zip}!stock/level30/a.txt: 300 added`);
      expect(dry.stdout.indexOf('!stock/level30/a.txt')).toBeLessThan(dry.stdout.indexOf('!stock/fresh_L2.txt'));
      expect(dry.stdout).not.toContain('Pw#');
      const done = await cli(['import', zip, ...pool.args]);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      want.push(...expected(`${prefix}x`, 300, 30), ...expected(`${prefix}y`, 2, 2));
    }
    expect(await accounts(pool)).toEqual(want.sort());
  }, 120_000);

  it("Python zipfile's bzip2 and LZMA members under Shift_JIS names: the names as the seller's Windows wrote them, the level of the folder's name", async () => {
    const pool = await makePool(4);
    const zip = makeArchive('zip', join(pool.base, 'jp.zip'), [
      { name: 'レベル30/アカウント.txt', codepage: 'shift_jis', method: 'lzma', text: accountLines('jplzma', 40) },
      { name: 'レベル30/予備.txt', codepage: 'shift_jis', method: 'bzip2', text: accountLines('jpbzip', 3) },
    ]);
    const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`would import ${zip}!レベル30/アカウント.txt: 40 added`);
    expect(dry.stdout).toContain(`would import ${zip}!レベル30/予備.txt: 3 added`);
    expect((await cli(['import', zip, ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual([...expected('jplzma', 40, 30), ...expected('jpbzip', 3, 30)].sort());
  }, 60_000);

  it('a PPMd member whose packed bytes are damaged: refused naming the zip, 7-Zip\'s data or CRC error said, nothing imported', async () => {
    const pool = await makePool(4);
    const zip = await sevenZipZip(pool, 'PPMd', 'broken');
    const bytes = await readFile(zip);
    // The PPMd member's local header (APPNOTE 4.3.7: method 98 at 8), its data after 30 bytes, the name and the extra field.
    let at = 0;
    while (bytes.readUInt16LE(at + 8) !== 98) at = bytes.indexOf(Buffer.from('PK\x03\x04', 'latin1'), at + 4);
    const data = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const packed = bytes.readUInt32LE(at + 18);
    expect(packed).toBeGreaterThan(100);
    for (let i = data + Math.floor(packed / 3); i < data + Math.floor(packed / 2); i++) bytes[i] = bytes[i]! ^ 0x5a;
    await writeFile(zip, bytes);
    await refused(pool, zip, /PPMd\.zip: is a zip archive that cannot be unpacked \(.*(?:Data Error|CRC Failed).*\): corrupt or cut short/);
  }, 60_000);

  it('a bzip2 member of 30 MB of zeros: refused for its ratio as it is listed; the same with its sizes lying small: refused as 7-Zip unpacks it', async () => {
    const pool = await makePool(4);
    const dir = await testdir({ 'zeros.txt': '\0'.repeat(30_000_000) });
    const zip = join(pool.base, 'bomb.zip');
    run('7zz', ['a', '-bso0', '-tzip', '-mm=BZip2', zip, 'zeros.txt'], dir);
    await refused(pool, zip, /bomb\.zip: zeros\.txt unpacks 30000000 bytes from \d+ \(over 200 times: an archive bomb's ratio\)/);
    // The unpacked size in the local header (at 22) and the central directory's (at 24) say 1,000 bytes.
    const bytes = await readFile(zip);
    bytes.writeUInt32LE(1000, 22);
    const central = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    bytes.writeUInt32LE(1000, central + 24);
    const lying = join(pool.base, 'lying.zip');
    await writeFile(lying, bytes);
    await refused(pool, lying, /lying\.zip: (?:is a zip archive that cannot be unpacked|zeros\.txt unpacks)/);
  }, 60_000);

  it("an AES-256 member (WinZip's AES, APPNOTE method 99, as `7zz a -tzip -p -mem=AES256` writes it) or ZipCrypto's: refused as password-protected, the password never shown", async () => {
    const pool = await makePool(2);
    for (const em of ['AES256', 'ZipCrypto']) {
      const dir = await testdir({ 'stock/a.txt': accountLines(`enc${em}x`, 3) });
      const zip = join(pool.base, `${em}.zip`);
      run('7zz', ['a', '-bso0', '-tzip', '-pSellerSecret42', `-mem=${em}`, zip, 'stock'], dir);
      const stderr = await refused(pool, zip, new RegExp(`${em}\\.zip: stock/a\\.txt is password-protected; extract it with the seller's password and import the files it holds`));
      expect(stderr).not.toContain('SellerSecret42');
    }
  }, 60_000);
});
