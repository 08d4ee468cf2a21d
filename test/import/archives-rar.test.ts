// rar archives (issue 14): `stock.rar` as WinRAR and rar made them, RAR 4 and RAR 5, read by 7-Zip
// 24.09 in WebAssembly (7z-wasm) and judged as a 7z's members are. No free tool makes a rar (`rar`
// is non-free, 7-Zip cannot write one), so the archives are libarchive's own test files, made by
// real WinRAR and rar (libarchive/libarchive, libarchive/test/test_read_format_rar*.rar.uu, decoded;
// their contents as libarchive/test/test_read_format_rar.c and test_read_format_rar5.c assert them;
// BSD licence in test/fixtures/dumps/rar-libarchive/COPYING). Archives of accounts are stored RAR 4
// and RAR 5 written from RAR's documentation (test/fixtures/generators/make-rar.py) and read here by
// 7-Zip, whose `x` checks each member's CRC32.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/formats/archives/archive-members.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { poolAccounts as accounts } from '../helpers/archives.js';

const dir = new URL('../fixtures/dumps/rar-libarchive/', import.meta.url).pathname;
const limits = { maxTotal: 64 * 1024 * 1024 };

async function open(file: string, name = file) {
  const bytes = await readFile(dir + file);
  return openArchive(name, bytes, 'rar', limits);
}

async function refusal(file: string, name = file): Promise<string> {
  const error = await open(file, name).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, file).toBeInstanceOf(Error);
  expect(error!.message).toContain('nothing was imported from it');
  return error!.message;
}

describe('a rar made by WinRAR or rar: each member read', () => {
  it('RAR 5, stored (rar 5: helloworld.txt)', async () => {
    const opened = await open('test_read_format_rar5_stored.rar');
    expect(opened.members.map((m) => [m.name, m.bytes.toString()])).toEqual([['test_read_format_rar5_stored.rar!helloworld.txt', 'hello libarchive test suite!\n']]);
  });

  it('RAR 4, compressed, made on Windows (folders passed over, their files read, its shortcut passed over)', async () => {
    const opened = await open('test_read_format_rar_windows.rar');
    const text = Object.fromEntries(opened.members.map((m) => [m.path, m.bytes]));
    expect(Object.keys(text).sort()).toEqual(['test.txt', 'testdir/test.txt']);
    expect(text['testdir/test.txt']!.toString()).toBe('test text file\r\n');
    expect(text['test.txt']!.toString()).toBe('test text file\r\n');
    // A Windows shortcut (a binary .lnk of 441 bytes) is no dump: passed over, and said, as a Mac's metadata is.
    expect(opened.passed).toEqual([{ name: 'test_read_format_rar_windows.rar!testshortcut.lnk', why: 'a Windows shortcut, not a dump' }]);
  });
});

describe('import of a rar of accounts (stored RAR 4 and RAR 5, folders stating levels)', () => {
  it('each member as the loose file, its folders\' levels; --dry-run names each member', async () => {
    const want = [...[1, 2, 3].map((i) => `rarthirty${i} Pw#rarthirty-${i} 30 ptc`), ...[1, 2].map((i) => `rartwo${i} Pw#rartwo-${i} 2 ptc`)].sort();
    for (const name of ['stock-rar4.rar', 'stock-rar5.rar']) {
      const pool = await makePool(2);
      const file = new URL(`../fixtures/dumps/rar-stored/${name}`, import.meta.url).pathname;
      const dry = await cli(['import', file, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would import ${file}: 5 added, 0 updated, 0 rejected\n  a rar archive: 2 files read, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${file}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
      expect(dry.stdout).not.toContain('Pw#');
      expect(await accounts(pool)).toEqual([]);
      expect((await cli(['import', file, '--level', '5', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual(want);
    }
  }, 60_000);
});

describe('a rar refused whole, nothing imported from it', () => {
  it('a RAR 4 made on Unix holding a symbolic link, which 7-Zip lists without its mode', async () => {
    expect(await refusal('test_read_format_rar.rar')).toContain('test_read_format_rar.rar: testlink is a symbolic link, not a file; links and devices are not followed');
    expect(await refusal('test_read_format_rar_unicode.rar')).toMatch(/is a symbolic link, not a file/);
  });

  it('a RAR 5 symbolic link or hard link', async () => {
    expect(await refusal('test_read_format_rar5_symlink.rar')).toContain('symlink.txt is a symbolic link, not a file');
    expect(await refusal('test_read_format_rar5_hardlink.rar')).toContain('hardlink.txt is a link (to file.txt), not a file; links are not followed');
  });

  it("a password-protected member (RAR 4 and 5) or list of files, the password never guessed", async () => {
    expect(await refusal('test_read_format_rar4_encrypted.rar')).toContain("b.txt is password-protected; extract it with the seller's password");
    expect(await refusal('test_read_format_rar5_encrypted.rar')).toContain("b.txt is password-protected; extract it with the seller's password");
    expect(await refusal('test_read_format_rar_encryption_header.rar')).toContain("is a rar archive whose list of files is password-protected; extract it with the seller's password");
  });

  it('an archive inside', async () => {
    expect(await refusal('test_read_format_rar5_zip_in_rar.rar')).toMatch(/is itself an archive \(zip\); one level is opened/);
  });

  it('one volume of a multi-volume rar, naming the other volumes', async () => {
    expect(await refusal('test_read_format_rar5_multiarchive.part01.rar', 'stock.part01.rar')).toContain(
      'stock.part01.rar: is one volume of a multi-volume rar archive (its other volumes: stock.part02.rar and on); 7-Zip or WinRAR extracts them together',
    );
    expect(await refusal('test_read_format_rar5_multiarchive.part01.rar', 'stock.part3.rar')).toContain('(its other volumes: stock.part1.rar to stock.part2.rar, stock.part4.rar and on, if any)');
    expect(await refusal('test_read_format_rar5_multiarchive.part01.rar', 'stock.rar')).toContain('(its other volumes: stock.rar, stock.r00, stock.r01 and on)');
  });

  it('cut short, or a flipped byte (7-Zip\'s exit code not left as the process\'s)', async () => {
    const whole = await readFile(dir + 'test_read_format_rar_windows.rar');
    const fails = async (bytes: Buffer) => (await openArchive('bad.rar', bytes, 'rar', limits).then(() => '', (e: Error) => e.message));
    const exitCode = process.exitCode;
    expect(await fails(whole.subarray(0, whole.length >> 1))).toMatch(/bad\.rar: is a rar archive that cannot be (?:read|unpacked) \(.*\): corrupt or cut short; nothing was imported/);
    expect(process.exitCode).toBe(exitCode);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 200]! ^= 0xff;
    expect(await fails(flipped)).toMatch(/bad\.rar: is a rar archive that cannot be (?:read|unpacked) \(.*\): corrupt or cut short; nothing was imported/);
  });

  it('a RAR 5 whose header says its size is unknown: read whole under max_dump_size, refused at it as 7-Zip writes, naming the member', async () => {
    // rar-stored/unsized-rar5.rar (generators/make-rar.py): file flag 0x0008, "extraction must be
    // performed until reaching the end of compression stream"; 7-Zip lists its Size empty.
    const bytes = await readFile(new URL('../fixtures/dumps/rar-stored/unsized-rar5.rar', import.meta.url).pathname);
    const whole = await openArchive('unsized.rar', bytes, 'rar', limits);
    expect(whole.members.map((m) => [m.path, m.bytes.toString().split('\n').length - 1])).toEqual([['stock/level30.txt', 200]]);
    const message = await openArchive('unsized.rar', bytes, 'rar', { maxTotal: 1000 }).then(() => '', (e: Error) => e.message);
    expect(message).toBe('unsized.rar: unpacks to over 1000 bytes at stock/level30.txt, over max_dump_size (an archive bomb, or a dump to split); nothing was imported from it');
  });

  it('a bomb: more unpacked than max_dump_size', async () => {
    const bytes = await readFile(dir + 'test_read_format_rar_windows.rar');
    const message = await openArchive('big.rar', bytes, 'rar', { maxTotal: 100 }).then(() => '', (e: Error) => e.message);
    expect(message).toMatch(/big\.rar: unpacks to over 100 bytes at .*, over max_dump_size/);
  });

  it('a bomb as listed (RAR 4 and RAR 5 headers saying 4,000,000,000 bytes from about 1,800): refused for its ratio, or at max_dump_size, before anything is unpacked', async () => {
    // rar-stored/bomb-rar4.rar and bomb-rar5.rar (generators/make-rar.py): UNP_SIZE and the RAR 5
    // unpacked size say 4 GB; 7-Zip lists that Size, and the listing alone refuses it.
    for (const name of ['bomb-rar4.rar', 'bomb-rar5.rar']) {
      const bytes = await readFile(new URL(`../fixtures/dumps/rar-stored/${name}`, import.meta.url).pathname);
      const fails = (maxTotal: number) => openArchive(name, bytes, 'rar', { maxTotal }).then(() => '', (e: Error) => e.message);
      expect(await fails(1e10)).toMatch(new RegExp(`^${name.replace('.', '\\.')}: stock/level30\\.txt unpacks 4000000000 bytes from 1\\d{3} \\(over 200 times: an archive bomb's ratio\\); nothing was imported from it$`));
      expect(await fails(limits.maxTotal)).toMatch(new RegExp(`^${name.replace('.', '\\.')}: unpacks to over 64 MB at stock/level30\\.txt, over max_dump_size`));
    }
  });
});
