// Tar archives (issue 14): `stock.tar`, `accounts.tar.gz`, `.tgz`, as Linux users and sellers send
// them, imported as the files they hold, each member read as the same file dropped loose; every
// entry that is not a plain file, and every broken or hostile tar, refused whole, nothing imported.
// The archives are made by the real tools: GNU tar 1.34 (`tar`, its gnu and pax formats, `-S` for
// sparse files) and Python's tarfile (test/helpers/make_archive.py) for the entries GNU tar would
// need root or a device to write (a device, a FIFO) or refuses to write (`../`, an absolute path).
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines, makeArchive, poolAccounts, refusalPoolPerTest, refusedWhole } from '../helpers/archives.js';
import { readDump } from '../../src/formats/index.js';
import { input } from '../formats/helpers.js';

const accounts = (pool: TestPool) => poolAccounts(pool);
const lines = accountLines;

/** GNU tar run in `cwd` with `args`; the archive it wrote. */
function gnuTar(cwd: string, out: string, args: string[]): string {
  const run = spawnSync('tar', [...args, '-f', out, ...[]], { cwd, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return out;
}

const LONG = `${'deep-folder-'.repeat(9)}level31`; // over the 100 bytes of a ustar name: a GNU `L` or pax `path` header

describe('import of a tar', () => {
  it('GNU tar in its gnu and pax formats, plain, .tar.gz and .tgz: each member as the loose file, levels of names and folders, long names; --dry-run names each member', async () => {
    const dir = await testdir({
      'stock/level30/ptc.txt': lines('tarthirty', 3),
      'stock/fresh_L2.txt': lines('tartwo', 2),
      'stock/kinan.csv': 'ktaruser1;Kt!pass1;k1@mail.example;1990-01-01;US;OK;\n',
      [`stock/${LONG}/${'n'.repeat(120)}.txt`]: lines('tarlong', 2),
    });
    const want = [
      ...[1, 2, 3].map((i) => `tarthirty${i} Pw#tarthirty-${i} 30 ptc`),
      ...[1, 2].map((i) => `tartwo${i} Pw#tartwo-${i} 2 ptc`),
      'ktaruser1 Kt!pass1 5 ptc',
      ...[1, 2].map((i) => `tarlong${i} Pw#tarlong-${i} 31 ptc`),
    ].sort();
    for (const [name, args, kind] of [
      ['gnu.tar', ['--format=gnu', '-c', './stock'], 'tar'],
      ['pax.tar', ['--format=pax', '-c', 'stock'], 'tar'],
      ['stock.tar.gz', ['--format=gnu', '-cz', 'stock'], 'tar.gz'],
      ['stock.tgz', ['--format=pax', '-cz', 'stock'], 'tar.gz'],
    ] as const) {
      const pool = await makePool(2);
      const tar = gnuTar(dir, join(pool.base, name), [...args]);
      const dry = await cli(['import', tar, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would import ${tar}: 8 added, 0 updated, 0 rejected\n  a ${kind} archive: 4 files read, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${tar}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
      expect(dry.stdout).toContain(`would import ${tar}!stock/kinan.csv: 1 added, 0 updated, 0 rejected\n  read as kinancity: detected`);
      expect(dry.stdout).toContain(`would import ${tar}!stock/${LONG}/${'n'.repeat(120)}.txt: 2 added`);
      expect(dry.stdout).not.toContain('Pw#');
      expect(await accounts(pool)).toEqual([]);
      expect((await cli(['import', tar, '--level', '5', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual(want);
    }
  }, 60_000);

  it("Python's tarfile (pax by default, gnu, ustar), folders as entries of their own, a gzip's stored name not mistaken for the member's", async () => {
    for (const format of ['pax', 'gnu', 'ustar']) {
      const pool = await makePool(2);
      const tar = makeArchive('tar', join(pool.base, `py-${format}.tar.gz`), [{ name: 'L25', tar_type: 'dir' }, { name: 'L25/a.txt', text: lines(`py${format}`, 2) }], { tar_format: format });
      expect((await cli(['import', tar, ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual([1, 2].map((i) => `py${format}${i} Pw#py${format}-${i} 25 ptc`));
    }
  });
});

describe('a tar attached to a mail', () => {
  it('`stock.tgz` attached: its members read as attached files, their folders\' levels applied; a link in one is a rejection naming it', async () => {
    const dir = await testdir({ 'stock/level28/a.txt': 'mailtar01:Mt#pass1\nmailtar02:Mt#pass2\n' });
    const tgz = await readFile(gnuTar(dir, join(dir, 'stock.tgz'), ['-cz', 'stock']));
    const mail = (name: string, bytes: Buffer) =>
      `From: seller@shop.example\nTo: buyer@mail.example\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="ZZ"\n\n--ZZ\nContent-Type: text/plain; charset=utf-8\n\nYour accounts are attached.\n--ZZ\nContent-Type: application/gzip; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\n${bytes.toString('base64').replace(/.{76}/g, '$&\n')}\n--ZZ--\n`;
    const r = await readDump(input('order.eml', mail('stock.tgz', tgz)));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['mailtar01', 'Mt#pass1', 28],
      ['mailtar02', 'Mt#pass2', 28],
    ]);
    spawnSync('ln', ['-s', '/etc/passwd', 'stock/passwd.txt'], { cwd: dir });
    const linked = await readFile(gnuTar(dir, join(dir, 'linked.tgz'), ['-cz', 'stock']));
    const bad = await readDump(input('order.eml', mail('linked.tgz', linked))).catch((error: Error) => error);
    const said = bad instanceof Error ? bad.message : bad.rejected.map((j) => j.reason).join('\n');
    expect(said).toMatch(/linked\.tgz: stock\/passwd\.txt is a symbolic link \(to \/etc\/passwd\), not a file/);
    // Named a tar by its name alone, its bytes no archive: said so, with the way through.
    const fake = await readDump(input('order.eml', mail('stock.tar', Buffer.from('not a tar at all\n')))).catch((error: Error) => error);
    expect(fake instanceof Error ? fake.message : '').toContain('attachment "stock.tar": stock.tar: named a tar archive, but it is none (corrupt, or another kind of file): extract it and import the files it holds');
  });
});

describe('a tar refused whole, nothing imported from it', () => {
  const refusalPool = refusalPoolPerTest();
  async function refused(file: string, message: RegExp, pool?: TestPool): Promise<string> {
    return refusedWhole(pool ?? (await refusalPool()), file, message);
  }
  const good = { name: 'good.txt', text: lines('goodacc', 2) };

  it('links, devices and FIFOs (GNU tar for links, tarfile for the rest): named, with what they are', async () => {
    const dir = await testdir({ 'stock/a.txt': lines('linkacc', 2) });
    spawnSync('ln', ['-s', '/etc/passwd', 'stock/passwd.txt'], { cwd: dir });
    const soft = gnuTar(dir, join(dir, 'soft.tar'), ['-c', 'stock']);
    await refused(soft, /soft\.tar: stock\/passwd\.txt is a symbolic link \(to \/etc\/passwd\), not a file; links and devices are not followed/);
    const dir2 = await testdir({ 'stock/a.txt': lines('hardacc', 2) });
    spawnSync('ln', ['stock/a.txt', 'stock/b.txt'], { cwd: dir2 });
    const hard = gnuTar(dir2, join(dir2, 'hard.tgz'), ['-cz', 'stock']);
    await refused(hard, /hard\.tgz: stock\/[ab]\.txt is a hard link \(to stock\/[ab]\.txt\), not a file/);
    for (const [type, what] of [
      ['chr', 'a character device'],
      ['blk', 'a block device'],
      ['fifo', 'a FIFO'],
    ] as const) {
      const tar = makeArchive('tar', join(await testdir(), `${type}.tar`), [good, { name: `dev/${type}`, tar_type: type }]);
      await refused(tar, new RegExp(`${type}\\.tar: dev/${type} is ${what}, not a file`));
    }
  }, 60_000);

  it('a path out of the archive (`../`, absolute, with either slash) and the same path twice', async () => {
    for (const name of ['../outside.txt', 'stock/../../outside.txt', '/etc/outside.txt', 'stock\\..\\..\\outside.txt', 'C:\\outside.txt']) {
      const tar = makeArchive('tar', join(await testdir(), 'evil.tar'), [good, { name, text: lines('evilacc', 2) }]);
      await refused(tar, /evil\.tar: holds a member whose path leads outside it \(.*outside\.txt\)/);
    }
    // `tar -r` appends: the same path twice, the later meant to win when extracted, not ours to choose.
    const dir = await testdir({ 'a.txt': lines('firstacc', 2) });
    const tar = gnuTar(dir, join(dir, 'twice.tar'), ['-c', 'a.txt']);
    await writeFile(join(dir, 'a.txt'), lines('secondacc', 2));
    gnuTar(dir, tar, ['-r', './a.txt']);
    await refused(tar, /twice\.tar: holds a\.txt twice/);
  }, 60_000);

  it('an archive inside, a sparse file (GNU tar -S, gnu and pax), a corrupt header, a tar cut short anywhere', async () => {
    const dir = await testdir({ 'a.txt': lines('cutacc', 200), 'b.txt': lines('cutbcc', 200) });
    const inner = makeArchive('zip', join(dir, 'inner.zip'), [good]);
    await refused(gnuTar(dir, join(dir, 'outer.tar'), ['-c', 'a.txt', 'inner.zip']), /outer\.tar: inner\.zip is itself an archive \(zip\); one level is opened/);
    await mkdir(join(dir, 'sp'));
    await writeFile(join(dir, 'sp/s.txt'), 'spuser:Sp#pw1\n');
    await truncate(join(dir, 'sp/s.txt'), 2 * 1024 * 1024);
    await refused(gnuTar(join(dir, 'sp'), join(dir, 'gnusparse.tar'), ['--format=gnu', '-S', '-c', 's.txt']), /gnusparse\.tar: s\.txt is a tar entry of a kind import does not read \(SparseFile\)/);
    await refused(gnuTar(join(dir, 'sp'), join(dir, 'paxsparse.tar'), ['--format=pax', '-S', '-c', 's.txt']), /paxsparse\.tar: GNUSparseFile\.\d+\/s\.txt is a GNU sparse file/);

    const whole = await readFile(gnuTar(dir, join(dir, 'whole.tar'), ['-c', 'a.txt', 'b.txt']));
    const cut = async (name: string, bytes: Buffer, message: RegExp) => {
      await writeFile(join(dir, name), bytes);
      await refused(join(dir, name), message);
    };
    // Into a member's data; at a member's boundary, the end-of-archive blocks gone; into a header.
    const bAt = whole.indexOf(Buffer.from('b.txt\0'));
    await cut('mid-data.tar', whole.subarray(0, bAt - 1000), /mid-data\.tar: is a tar archive that cannot be read \(Truncated input.*\): corrupt or cut short/);
    await cut('at-boundary.tar', whole.subarray(0, bAt + 512 + Math.ceil(lines('cutbcc', 200).length / 512) * 512), /at-boundary\.tar: is a tar archive that cannot be read \(it ends without the end-of-archive blocks\): cut short/);
    await cut('mid-header.tar', whole.subarray(0, bAt + 300), /mid-header\.tar: is a tar archive that cannot be read/);
    const flipped = Buffer.from(whole);
    flipped[bAt + 1] = 0x41; // `b.txt` → `bAtxt`: the header's checksum no longer matches
    await cut('checksum.tar', flipped, /checksum\.tar: is a tar archive that cannot be read \(checksum failure\): corrupt or cut short/);
    const gz = spawnSync('gzip', ['-c'], { input: whole });
    await cut('cut.tar.gz', gz.stdout.subarray(0, gz.stdout.length >> 1), /cut\.tar\.gz: is a gzip file that cannot be unpacked \(.*\): corrupt or cut short/);
  }, 120_000);

  it('a .tar.gz bomb: its ratio, or more bytes than max_dump_size, named', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a').toString('base64');
    const tgz = makeArchive('tar', join(await testdir(), 'bomb.tar.gz'), [good, { name: 'big.txt', b64: big }]);
    await refused(tgz, /bomb\.tar\.gz: bomb\.tar unpacks \d+ bytes from \d+ \(over 200 times: an archive bomb's ratio\)/);
    const pool = await makePool(2);
    await pool.configure({ max_dump_size: '20000' });
    const many = makeArchive('tar', join(pool.base, 'many.tgz'), [
      { name: 'a.txt', text: lines('manyacc', 500) },
      { name: 'b.txt', text: lines('manybcc', 500) },
    ]);
    expect((await readFile(many)).length).toBeLessThan(20000);
    await refused(many, /many\.tgz: unpacks to over 20000 bytes/, pool);
  }, 60_000);

  it('a .tar.xz and a .tar.bz2 bomb (GNU tar -J, -j): its ratio, or more bytes than max_dump_size, named', async () => {
    const dir = await testdir({ 'a.txt': lines('tbombacc', 2), 'big.txt': 'a'.repeat(3 * 1024 * 1024) });
    for (const [flag, suffix] of [
      ['-J', 'tar.xz'],
      ['-j', 'tar.bz2'],
      ['-J', 'txz'],
    ] as const) {
      const bomb = join(dir, `bomb.${suffix}`);
      expect(spawnSync('tar', [flag, '-cf', bomb, 'a.txt', 'big.txt'], { cwd: dir }).status).toBe(0);
      await refused(bomb, new RegExp(`bomb\\.${suffix.replace('.', '\\.')}: bomb\\.tar unpacks \\d+ bytes from \\d+ \\(over 200 times: an archive bomb's ratio\\)`));
      const pool = await makePool(2);
      await pool.configure({ max_dump_size: '20000' });
      await refused(bomb, new RegExp(`bomb\\.${suffix.replace('.', '\\.')}: unpacks to over 20000 bytes, over max_dump_size`), pool);
    }
  }, 120_000);
});
