// 7z archives (issue 14): `stock.7z` as 7-Zip makes it, imported as the files it holds, each
// member read as the same file dropped loose, in one transaction; a link, a password-protected
// member or list, a 7z cut short or damaged, an archive inside and a bomb refuse it whole, nothing
// imported. Made as the test runs by 7-Zip itself (`7zz`, the Debian package 7zip: `-snl` stores a
// symbolic link as a link, `-p` encrypts the files, `-mhe=on` the list too). What the reader does
// follows `7zz l -slt`'s own output (a `Path = ` block per entry, `Attributes` with the Unix mode
// after the Windows ones, `Encrypted = +`) and 7-Zip's 7zHeader.h (zotero/zotero's copy,
// app/win/installer/7zstub/src/7zip/Archive/7z/7zHeader.h: kEncodedHeader).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines as lines, makeArchive, poolAccounts as accounts, refusalPoolPerTest, refusedWhole } from '../helpers/archives.js';

/** 7-Zip run in `cwd`: `7zz a out args...`; the archive it wrote. */
function sevenZip(cwd: string, out: string, args: string[]): string {
  const run = spawnSync('7zz', ['a', '-bd', out, ...args], { cwd, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return out;
}

// One pool for a test's refusals (test/helpers/archives.ts).
const refusalPool = refusalPoolPerTest();

async function refused(file: string, message: RegExp, pool?: TestPool): Promise<void> {
  await refusedWhole(pool ?? (await refusalPool()), file, message, /Pw#|S3ller/);
}

describe('import of a 7z', () => {
  it('7-Zip solid and not: each member as the loose file, its folders\' levels, macOS metadata passed over; --dry-run names each member', async () => {
    const dir = await testdir({
      'stock/level30/ptc.txt': lines('szthirty', 3),
      'stock/fresh_L2.txt': lines('sztwo', 2),
      'stock/.DS_Store': 'x',
    });
    const want = [...[1, 2, 3].map((i) => `szthirty${i} Pw#szthirty-${i} 30 ptc`), ...[1, 2].map((i) => `sztwo${i} Pw#sztwo-${i} 2 ptc`)].sort();
    for (const [name, args] of [
      ['solid.7z', ['stock']],
      ['loose.7z', ['-ms=off', '-mx=1', 'stock']],
    ] as const) {
      const pool = await makePool(2);
      const file = sevenZip(dir, join(pool.base, name), [...args]);
      const dry = await cli(['import', file, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would import ${file}: 5 added, 0 updated, 0 rejected\n  a 7z archive: 2 files read, 1 passed over, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${file}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
      expect(dry.stdout).toContain('stock/.DS_Store');
      expect(dry.stdout).not.toContain('Pw#');
      expect(await accounts(pool)).toEqual([]);
      expect((await cli(['import', file, '--level', '5', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual(want);
    }
  }, 60_000);
});

describe('a 7z refused whole, nothing imported from it', () => {
  it('a symbolic link, a password-protected member, a password-protected list, an archive inside', async () => {
    const dir = await testdir({ 'stock/a.txt': lines('szref', 2) });
    await symlink('/etc/passwd', join(dir, 'stock/passwd.txt'));
    await refused(sevenZip(dir, join(dir, 'linked.7z'), ['-snl', 'stock']), /linked\.7z: stock\/passwd\.txt is a symbolic link, not a file; links and devices are not followed/);
    await refused(sevenZip(dir, join(dir, 'locked.7z'), ['-pS3ller!pw', 'stock/a.txt']), /locked\.7z: stock\/a\.txt is password-protected; extract it with the seller's password/);
    await refused(sevenZip(dir, join(dir, 'hidden.7z'), ['-pS3ller!pw', '-mhe=on', 'stock/a.txt']), /hidden\.7z: is a 7z archive whose list of files is password-protected; extract it with the seller's password/);
    makeArchive('zip', join(dir, 'inner.zip'), [{ name: 'a.txt', text: lines('inacc', 2) }]);
    await refused(sevenZip(dir, join(dir, 'outer.7z'), ['stock/a.txt', 'inner.zip']), /outer\.7z: inner\.zip is itself an archive \(zip\); one level is opened/);
  }, 60_000);

  it('cut short, a flipped byte, a bomb over max_dump_size', async () => {
    const dir = await testdir({ 'a.txt': lines('szcut', 3000) });
    const whole = await readFile(sevenZip(dir, join(dir, 'whole.7z'), ['a.txt']));
    await writeFile(join(dir, 'cut.7z'), whole.subarray(0, whole.length >> 1));
    await refused(join(dir, 'cut.7z'), /cut\.7z: is a 7z archive that cannot be (?:read|unpacked) \(.*\): corrupt or cut short/);
    const flipped = Buffer.from(whole);
    flipped[100]! ^= 0x10; // inside the packed data: its CRC no longer matches
    await writeFile(join(dir, 'flipped.7z'), flipped);
    await refused(join(dir, 'flipped.7z'), /flipped\.7z: is a 7z archive that cannot be (?:read|unpacked) \(.*\): corrupt or cut short/);
    const pool = await makePool(2);
    await pool.configure({ max_dump_size: '20000' });
    await refused(join(dir, 'whole.7z'), /whole\.7z: unpacks to over 20000 bytes at a\.txt, over max_dump_size/, pool);
  }, 60_000);

  it('a member whose name holds a line break (7-Zip lists it and writes it under other names) is refused as listed but not unpacked, not for a ratio', async () => {
    const dir = await testdir({});
    await writeFile(join(dir, 'stock\nlevel30.txt'), lines('szbreak', 60_000));
    await refused(sevenZip(dir, join(dir, 'broken.7z'), ['stock\nlevel30.txt']), /broken\.7z: is a 7z archive whose member stock.level30\.txt was listed but not unpacked: extract it with 7-Zip/);
  }, 60_000);

  it('a member, or a solid block, unpacking over 200 times its packed size from 1 MB up, as a zip\'s is', async () => {
    // 3 MB of one account line: LZMA2 packs it to well under a kilobyte, as a bomb's filler. Beside
    // it, in its own 7z block, 200 KB that do not pack: the archive whole is far under 200 times.
    const dir = await testdir({ 'stock/a.txt': lines('szratio', 2), 'stock/b.txt': 'ratio1:Pw#ratio-1\n'.repeat(170_000) });
    await writeFile(join(dir, 'noise.dat'), randomBytes(200_000));
    for (const [name, args] of [
      ['solid.7z', ['stock']],
      ['loose.7z', ['-ms=off', 'stock', 'noise.dat']],
      ['by-extension.7z', ['-ms=e', 'stock', 'noise.dat']],
    ] as const) {
      await refused(sevenZip(dir, join(dir, name), [...args]), new RegExp(`${name.replace('.', '\\.')}: stock/b\\.txt unpacks 3\\d{6} bytes from \\d+ \\(over 200 times: an archive bomb's ratio\\)`));
    }
  }, 60_000);
});
