// Self-extracting archives (issue 14): `stock.exe`, a 7z or rar after the program that unpacks it,
// as sellers shipped them to buyers without 7-Zip or WinRAR. Read as the archive they hold, never
// as text; a program that holds none is refused as what it is. The programs are libarchive's own
// test files (libarchive/libarchive, libarchive/test/test_read_format_7zip_sfx_pe.exe.uu: 7-Zip
// 22.01's SFX for Windows 64-bit; test_read_format_rar_sfx.exe.uu and test_read_format_rar5_sfx.exe.uu:
// WinRAR's), decoded, BSD licence in test/fixtures/dumps/sfx-libarchive/COPYING; their contents as
// libarchive/test/test_read_format_7zip.c, test_read_format_rar.c and test_read_format_rar5.c
// assert. An SFX of accounts is made as 7-Zip's docs make one (`copy /b 7z.sfx + archive.7z
// archive.exe`): the program's own part (before the `Offset =` 7-Zip lists for its archive) and a
// 7z made by `7zz`, or a rar of test/fixtures/dumps/rar-stored.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/formats/archives/archive-members.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines as lines, poolAccounts as accounts, refusedWhole } from '../helpers/archives.js';

const dir = new URL('../fixtures/dumps/sfx-libarchive/', import.meta.url).pathname;
const limits = { maxTotal: 64 * 1024 * 1024 };
/** Where each program's archive starts: `7z l` (7-Zip 24.09, 7z-wasm: `Offset = `) on each. */
const STUBS = { '7z': ['test_read_format_7zip_sfx_pe.exe', 213504], rar: ['test_read_format_rar_sfx.exe', 98816] } as const;

async function stub(kind: keyof typeof STUBS): Promise<Buffer> {
  const [file, at] = STUBS[kind];
  return (await readFile(dir + file)).subarray(0, at);
}

describe('a self-extracting archive made by 7-Zip or WinRAR: the archive after the program read', () => {
  it('7-Zip 22.01 SFX (test.txt.txt), WinRAR RAR 5 SFX (test.txt.txt), WinRAR RAR 4 SFX (its .lnk shortcut passed over)', async () => {
    for (const [file, kind] of [
      ['test_read_format_7zip_sfx_pe.exe', '7z'],
      ['test_read_format_rar5_sfx.exe', 'rar'],
    ] as const) {
      const opened = await openArchive(file, await readFile(dir + file), kind, limits);
      expect(opened.kind).toBe(`self-extracting ${kind}`);
      expect(opened.members.map((m) => [m.name, m.bytes.toString()])).toEqual([[`${file}!test.txt.txt`, '123']]);
    }
    const file = 'test_read_format_rar_sfx.exe';
    const opened = await openArchive(file, await readFile(dir + file), 'rar', limits);
    expect(opened.members.map((m) => [m.path, m.bytes.toString()])).toEqual([
      ['test.txt', 'test text file\r\n'],
      ['testdir/test.txt', 'test text file\r\n'],
    ]);
    expect(opened.passed).toEqual([{ name: `${file}!testshortcut.lnk`, why: 'a Windows shortcut, not a dump' }]);
  }, 60_000);

  it('stock.exe of accounts: --dry-run names each member, import takes them; a signature in the program before it is no archive', async () => {
    const files = await testdir({ 'stock/level30/ptc.txt': lines('sfxthirty', 3), 'stock/fresh_L2.txt': lines('sfxtwo', 2) });
    const run = spawnSync('7zz', ['a', '-bd', join(files, 'stock.7z'), 'stock'], { cwd: files, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const rar = new URL('../fixtures/dumps/rar-stored/stock-rar4.rar', import.meta.url).pathname;
    for (const [kind, archive, prefix] of [
      ['7z', join(files, 'stock.7z'), 'sfx'],
      ['rar', rar, 'rar'],
    ] as const) {
      const pool = await makePool(2);
      const program = await stub(kind);
      // A program's code may hold signature bytes (7-Zip's SFX module searches for them): not
      // followed by a header whose CRC checks, they are passed. The other kind's first, then its own.
      const fake = { '7z': Buffer.from("7z\xbc\xaf'\x1c\x00\x04\x12\x34\x56\x78", 'latin1'), rar: Buffer.from('Rar!\x1a\x07\x00\x12\x34\x73\x00\x00\x0d\x00', 'latin1') };
      const decoy = Buffer.from(program);
      fake[kind === '7z' ? 'rar' : '7z'].copy(decoy, 4096);
      fake[kind].copy(decoy, 8192);
      const file = join(pool.base, 'stock.exe');
      await writeFile(file, Buffer.concat([decoy, await readFile(archive)]));
      const dry = await cli(['import', file, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would import ${file}: 5 added, 0 updated, 0 rejected\n  a self-extracting ${kind} archive: 2 files read, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${file}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
      expect(dry.stdout).not.toContain('Pw#');
      expect(await accounts(pool)).toEqual([]);
      expect((await cli(['import', file, '--level', '5', ...pool.args])).code).toBe(0);
      const thirty = prefix === 'sfx' ? 'sfxthirty' : 'rarthirty';
      const two = prefix === 'sfx' ? 'sfxtwo' : 'rartwo';
      expect(await accounts(pool)).toEqual([...[1, 2, 3].map((i) => `${thirty}${i} Pw#${thirty}-${i} 30 ptc`), ...[1, 2].map((i) => `${two}${i} Pw#${two}-${i} 2 ptc`)].sort());
    }
  }, 60_000);

  it('a self-extracting zip, its offsets adjusted (`zip -A`) or counting from the zip: --dry-run names each member, import takes them', async () => {
    // As Info-ZIP's unzipsfx(1) makes one: `cat unzipsfx letters.zip > letters; zip -A letters`
    // (`copy /b unzipsfx.exe+letters.zip letters.exe` on Windows). Debian's own unzipsfx (an ELF),
    // and WinRAR's Windows program part as another maker's stub; each as put together and adjusted.
    const files = await testdir({ 'stock/level30/ptc.txt': lines('zsfxthirty', 3), 'stock/fresh_L2.txt': lines('zsfxtwo', 2) });
    const zip = spawnSync('zip', ['-qr', join(files, 'stock.zip'), 'stock'], { cwd: files, encoding: 'utf8' });
    expect(zip.status, zip.stderr).toBe(0);
    const want = [...[1, 2, 3].map((i) => `zsfxthirty${i} Pw#zsfxthirty-${i} 30 ptc`), ...[1, 2].map((i) => `zsfxtwo${i} Pw#zsfxtwo-${i} 2 ptc`)].sort();
    for (const [program, adjust] of [
      [await readFile('/usr/bin/unzipsfx'), true],
      [await readFile('/usr/bin/unzipsfx'), false],
      [await stub('rar'), true],
      [await stub('rar'), false],
    ] as const) {
      const pool = await makePool(2);
      const file = join(pool.base, 'stock.exe');
      await writeFile(file, Buffer.concat([program, await readFile(join(files, 'stock.zip'))]));
      if (adjust) {
        const adjusted = spawnSync('zip', ['-A', file], { encoding: 'utf8' });
        expect(adjusted.status, adjusted.stderr).toBe(0);
      }
      const dry = await cli(['import', file, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would import ${file}: 5 added, 0 updated, 0 rejected\n  a self-extracting zip archive: 2 files read, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${file}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
      expect(dry.stdout).not.toContain('Pw#');
      expect((await cli(['import', file, '--level', '5', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual(want);
    }
  }, 60_000);

  it('a self-extracting zip64 (`zip -fz`: zip64 end record and locator after the program, counting from the zip) is read as its zip is', async () => {
    // APPNOTE 4.3.14-4.3.15: the zip64 end locator gives the zip64 end record's offset, that record
    // the central directory's; in an SFX put together as it was, both count from the zip's start.
    // Info-ZIP's own `zip -A` refuses to adjust a zip64 ("Zip file structure invalid").
    const files = await testdir({ 'stock/level30/ptc.txt': lines('z64sfx', 3) });
    const zip = spawnSync('zip', ['-qr', '-fz', join(files, 'stock.zip'), 'stock'], { cwd: files, encoding: 'utf8' });
    expect(zip.status, zip.stderr).toBe(0);
    expect((await readFile(join(files, 'stock.zip'))).includes(Buffer.from('PK\x06\x07', 'latin1'))).toBe(true);
    for (const program of [await readFile('/usr/bin/unzipsfx'), await stub('rar')]) {
      const pool = await makePool(2);
      const file = join(pool.base, 'stock.exe');
      await writeFile(file, Buffer.concat([program, await readFile(join(files, 'stock.zip'))]));
      await writeFile(join(files, 'adjusted.exe'), await readFile(file));
      expect(spawnSync('zip', ['-A', join(files, 'adjusted.exe')], { encoding: 'utf8' }).stdout).toContain('Zip file structure invalid');
      const dry = await cli(['import', file, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`would import ${file}: 3 added, 0 updated, 0 rejected\n  a self-extracting zip archive: 1 file read, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${file}!stock/level30/ptc.txt: 3 added`);
      expect((await cli(['import', file, '--level', '5', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual([1, 2, 3].map((i) => `z64sfx${i} Pw#z64sfx-${i} 30 ptc`));
    }
  }, 60_000);

  it('a program holding no archive is refused as a program, naming it, not read as a binary dump; one inside a zip is passed over', async () => {
    const pool = await makePool(2);
    const file = join(pool.base, 'setup.exe');
    await writeFile(file, await stub('7z'));
    const stderr = await refusedWhole(pool, file, /setup\.exe: is a program \(an \.exe\), not a dump, and no 7z, rar or zip archive follows its code/);
    expect(stderr).not.toContain('NUL');
    const files = await testdir({ 'a.txt': lines('exeinzip', 2) });
    await writeFile(join(files, 'checker.exe'), await stub('rar'));
    const zip = spawnSync('zip', ['-q', join(files, 'stock.zip'), 'a.txt', 'checker.exe'], { cwd: files, encoding: 'utf8' });
    expect(zip.status, zip.stderr).toBe(0);
    const dry = await cli(['import', join(files, 'stock.zip'), '--dry-run', '--level', '5', ...pool.args]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('stock.zip!checker.exe');
    expect(dry.stdout).toContain('a program, not a dump');
  }, 60_000);
});
