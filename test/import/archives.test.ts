// Archives of dumps (issue 14): a seller's accounts.zip, a generator's output gzipped for transfer,
// imported as the files they hold, each member read as the same file dropped loose; and every shape
// of a hostile or broken archive refused whole, naming the archive and the member, nothing imported.
// The archives are made by the real tools in the test: Python's zipfile, gzip and tarfile
// (test/helpers/archives.ts), Info-ZIP's `zip -P` for a password-protected one. Tars: archives-tar.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines, makeArchive, makeArchives, poolAccounts } from '../helpers/archives.js';

const accounts = (pool: TestPool) => poolAccounts(pool, { state: true });
const lines = accountLines;

describe('import of an archive', () => {
  it('a zip of files in folders: each member as the loose file, levels of names and folders, macOS metadata passed over; --dry-run names each member and its reader', async () => {
    const pool = await makePool(4);
    const zip = makeArchive('zip', join(pool.base, 'accounts.zip'), [
      { name: 'stock/level30/ptc.txt', text: lines('lvthirty', 3) },
      { name: 'stock/fresh_L2.txt', text: lines('lvtwo', 2) },
      { name: 'stock/kinan.csv', text: 'kzipuser1;Kz!pass1;k1@mail.example;1990-01-01;US;OK;\nkzipuser2;Kz!pass2;k2@mail.example;1990-01-01;US;OK;\n' },
      { name: '__MACOSX/stock/._ptc.txt', b64: Buffer.from('\x00\x05\x16\x07binary').toString('base64') },
      { name: 'stock/.DS_Store', text: 'Bud1' },
    ]);
    const dry = await cli(['import', zip, '--dry-run', '--level', '5', ...pool.args]);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would import ${zip}: 7 added, 0 updated, 0 rejected\n  a zip archive: 3 files read, 2 passed over, imported together or not at all\n`);
    expect(dry.stdout).toContain(`would import ${zip}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
    expect(dry.stdout).toContain(`would import ${zip}!stock/kinan.csv: 2 added, 0 updated, 0 rejected\n  read as kinancity: detected`);
    expect(dry.stdout).toMatch(/lvthirty1 {2}\*{8} {2}30 {2}ptc/);
    expect(dry.stdout).toMatch(/lvtwo1 {2}\*{8} {3}2 {2}ptc/);
    expect(dry.stdout).toContain(`passed over ${zip}!__MACOSX/stock/._ptc.txt: macOS metadata\n`);
    expect(dry.stdout).toContain(`passed over ${zip}!stock/.DS_Store: folder metadata\n`);
    expect(dry.stdout).not.toContain('Pw#');
    expect(await accounts(pool)).toEqual([]);

    expect((await cli(['import', zip, '--level', '5', ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual(
      [
        ...[1, 2, 3].map((i) => `lvthirty${i} Pw#lvthirty-${i} 30 ptc ok`),
        ...[1, 2].map((i) => `lvtwo${i} Pw#lvtwo-${i} 2 ptc ok`),
        'kzipuser1 Kz!pass1 5 ptc ok',
        'kzipuser2 Kz!pass2 5 ptc ok',
      ].sort(),
    );
  });

  it('a gzipped dump: its name from the gzip header, its level from that name', async () => {
    const pool = await makePool(4);
    const gz = makeArchive('gzip', join(pool.base, 'transfer.gz'), [{ name: '', text: lines('gzacc', 4) }], { gzip_name: 'accounts_L12.txt' });
    const dry = await cli(['import', gz, '--dry-run', ...pool.args]);
    expect(dry.stdout).toContain(`would import ${gz}: 4 added, 0 updated, 0 rejected\n  a gzip archive: 1 file read, imported together or not at all\nwould import ${gz}!accounts_L12.txt: 4 added`);
    expect((await cli(['import', gz, ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual([1, 2, 3, 4].map((i) => `gzacc${i} Pw#gzacc-${i} 12 ptc ok`));
  });

  it("a member's levels in order: its content's, its own name's, its folders', then the folder the archive lies in, then --level", async () => {
    const pool = await makePool(4);
    const dumps = join(pool.base, 'dumps', 'level-20');
    await mkdir(dumps, { recursive: true });
    makeArchive('zip', join(dumps, 'stock.zip'), [
      { name: 'level30/named_L7.txt', text: lines('ordname', 1) },
      { name: 'level30/plain.txt', text: lines('ordfold', 1) },
      { name: 'level30/table.csv', text: 'username,password,level\nordcont1,Pw#ordcont-1,12\n' },
      { name: 'loose.txt', text: lines('ordouter', 1) },
    ]);
    expect((await cli(['import', join(pool.base, 'dumps'), '--level', '5', ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual(['ordcont1 Pw#ordcont-1 12 ptc ok', 'ordfold1 Pw#ordfold-1 30 ptc ok', 'ordname1 Pw#ordname-1 7 ptc ok', 'ordouter1 Pw#ordouter-1 20 ptc ok']);
  });

  it("a seller's readme of prose beside the accounts is passed over, named in the preview, as a mail's prose is", async () => {
    const pool = await makePool(4);
    const readme = 'Thank you for your purchase!\nPlease change the e-mail passwords after your first login.\nContact us on Discord if an account does not work.\n';
    const zip = makeArchive('zip', join(pool.base, 'order-1234.zip'), [{ name: 'accounts.txt', text: lines('shopacc', 2) }, { name: 'README.txt', text: readme }]);
    const dry = await cli(['import', zip, '--dry-run', '--level', '30', ...pool.args]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('a zip archive: 1 file read, 1 passed over');
    expect(dry.stdout).toContain(`passed over ${zip}!README.txt: prose without accounts (a readme?)\n`);
    expect((await cli(['import', zip, '--level', '30', ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual([1, 2].map((i) => `shopacc${i} Pw#shopacc-${i} 30 ptc ok`));
    // Prose alone is no delivery: refused as the loose file would be.
    const alone = makeArchive('zip', join(pool.base, 'only-readme.zip'), [{ name: 'README.txt', text: readme }]);
    const out = await cli(['import', alone, '--level', '30', ...pool.args]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/only-readme\.zip: its member README\.txt: no accounts found.*nothing was imported/);
  });

  it('a member named in CP437 (a zip made on Windows): the name read as CP437, its level hint applied', async () => {
    const pool = await makePool(4);
    const zip = makeArchive('zip', join(pool.base, 'ware.zip'), [{ name: 'Bestände_L25.txt', text: lines('cpname', 2), cp437: true }]);
    const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
    expect(dry.stdout).toContain(`would import ${zip}!Bestände_L25.txt: 2 added`);
    expect((await cli(['import', zip, ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual([1, 2].map((i) => `cpname${i} Pw#cpname-${i} 25 ptc ok`));
  });
});

describe('member names as the zippers really write them', () => {
  it("UTF-8 names without zip's UTF-8 flag (Info-ZIP's zip, as macOS's zip and Archive Utility write them, composed or decomposed): read as UTF-8, their levels applied", async () => {
    const pool = await makePool(4);
    // Composed (as typed on Linux) and decomposed (as a Mac's file system names them: `e` + U+0301).
    const dir = await testdir({ 'stock/niveau-é/Bestände_L25.txt': lines('macname', 2), ['stock/Stufe-e\u0301/level27/Pässe.txt'.normalize('NFD')]: lines('nfdname', 2) });
    const zip = join(pool.base, 'mac.zip');
    const made = spawnSync('zip', ['-qr', zip, 'stock'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    expect(made.status, made.stderr).toBe(0);
    const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`would import ${zip}!stock/niveau-é/Bestände_L25.txt: 2 added`);
    expect(dry.stdout).toContain(`would import ${zip}!stock/Stufe-é/level27/Pässe.txt: 2 added`);
    expect(dry.stdout).not.toMatch(/[├⌐]/);
    expect((await cli(['import', zip, ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual([...[1, 2].map((i) => `macname${i} Pw#macname-${i} 25 ptc ok`), ...[1, 2].map((i) => `nfdname${i} Pw#nfdname-${i} 27 ptc ok`)].sort());
  });

  it("Info-ZIP's Unicode Path field (7-Zip since 21.02) names the member; a legacy CP437 name stays CP437", async () => {
    const pool = await makePool(4);
    const zip = makeArchive('zip', join(pool.base, 'seven.zip'), [
      { name: 'Lager/Ware_L22.txt', text: lines('upname', 2), unicode_path: 'Lager/Ware_L22.txt' },
      { name: 'Склад_L23.txt', text: lines('runame', 2), unicode_path: '_____L23.txt' },
      { name: 'Größe_L24.txt', text: lines('cpnames', 2), cp437: true },
    ]);
    const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
    expect(dry.stdout).toContain(`would import ${zip}!Склад_L23.txt: 2 added`);
    expect(dry.stdout).toContain(`would import ${zip}!Größe_L24.txt: 2 added`);
    expect((await cli(['import', zip, ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual([...[1, 2].map((i) => `upname${i} Pw#upname-${i} 22 ptc ok`), ...[1, 2].map((i) => `runame${i} Pw#runame-${i} 23 ptc ok`), ...[1, 2].map((i) => `cpnames${i} Pw#cpnames-${i} 24 ptc ok`)].sort());
  });

  it("names in a Windows's own code page without the UTF-8 flag (Explorer, 7-Zip before 21.02; CP866, CP1251, Shift_JIS, GBK, CP850, EUC-KR, Big5, half-width katakana): read in it, not as CP437 mojibake, its folders' levels applied", async () => {
    // Each zip as one Windows wrote it (host 0, its names' bytes raw): a Russian OEM (CP866) whose
    // `список` is also valid UTF-8; a Russian ANSI (CP1251) whose `заказ` CP866 reads as `чрърч`;
    // a Japanese (Shift_JIS) whose `ソ` ends in 0x5C, a backslash in CP437; a Chinese (GBK).
    const made: [string, string, string[]][] = [
      ['ru-oem.zip', 'cp866', ['Склад/Аккаунты_L25.txt', 'Склад/уровень30/список.txt']],
      ['ru-ansi.zip', 'cp1251', ['Склад/заказ_L26.txt']],
      ['ja.zip', 'shift_jis', ['在庫/アカウント_L27.txt', 'レベル31/ソフト.txt']],
      // One zip, one code page: `表` (0x95 0x5C) alone reads as no Japanese (one kanji is what two
      // CP437 letters make); beside the kana it is Shift_JIS.
      ['ja-kanji.zip', 'shift_jis', ['アカウント_L27.txt', '表_L34.txt']],
      ['zh.zip', 'gbk', ['库存/账号_L28.txt', '等级32/账号.txt']],
      // A Western Windows (CP850, Python's cp850 codec): `ã` 0xC6 and `õ` 0xE4 are CP437's `╞` and `Σ`;
      // `Contraseñas` reads the same in both.
      ['pt.zip', 'cp850', ['Não usadas/Contas_L29.txt', 'Informações/nível30/ações.txt', 'Contraseñas/ÁREA_L33.txt']],
      // A Korean Windows (EUC-KR, whose Hangul bytes are GB2312 hanzi: told by Korean's frequent
      // syllables), a Taiwanese one (Big5, `帳` 0xB1 0x62 a trail in ASCII; `庫存` valid GB2312
      // too), and a Japanese one's half-width katakana (`ﾊﾞﾝ` is CP1251's `КЮЭ`, `ﾚﾍﾞﾙ` GB2312's).
      ['ko.zip', 'euc_kr', ['계정목록/레벨30/계정.txt', '재고_L25.txt', '미사용/비밀번호.txt']],
      ['tw.zip', 'big5', ['庫存/帳號_L28.txt', '等級32/密碼.txt']],
      ['ja-half.zip', 'shift_jis', ['ﾚﾍﾞﾙ30/ｱｶｳﾝﾄ.txt', 'ﾊﾞﾝ/ﾘｽﾄ_L26.txt']],
    ];
    // All made by one Python first (a start each was ~10 of this test's Pythons), each then read into a pool of its own.
    const dir = await testdir();
    makeArchives(made.map(([file, codepage, names]) => ({ kind: 'zip', out: join(dir, file), members: names.map((name, i) => ({ name, text: lines(`${codepage.replace(/\W/g, '')}n${i}x`, 1), codepage })) })));
    for (const [file, codepage, names] of made) {
      const pool = await makePool(2);
      const zip = join(dir, file);
      const dry = await cli(['import', zip, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      for (const name of names) expect(dry.stdout).toContain(`would import ${zip}!${name}: 1 added`);
      expect((await cli(['import', zip, '--level', '5', ...pool.args])).code).toBe(0);
      // A level in the file's name or its folder's, in the seller's script (`уровень30/`, `レベル31/`, `等级32/`).
      const level = (name: string) => /(?:_L|уровень|レベル|ﾚﾍﾞﾙ|等级|等級|레벨|nível)(\d+)/.exec(name)?.[1] ?? '5';
      expect(await accounts(pool)).toEqual(names.map((name, i) => `${codepage.replace(/\W/g, '')}n${i}x1 Pw#${codepage.replace(/\W/g, '')}n${i}x-1 ${level(name)} ptc ok`).sort());
    }
  });
});

describe('levels in folder and file names as sellers write them', () => {
  it('the word first in any seller language (`nivel 30`, `Stufe 31`, `niveau 32`) and the number first (`30级`, `30 уровень`, `27lvl`, `26 level`, `33레벨`)', async () => {
    const folders: [string, number][] = [
      ['Contraseñas/nivel30', 30],
      ['Stufe 31', 31],
      ['niveau 32', 32],
      ['账号/30级', 30],
      ['30 уровень', 30],
      ['28-го уровня', 28],
      ['27lvl', 27],
      ['26 level', 26],
      ['33레벨', 33],
    ];
    const pool = await makePool(2);
    const zip = makeArchive('zip', join(pool.base, 'levels.zip'), [
      ...folders.map(([folder], i) => ({ name: `${folder}/stock.txt`, text: lines(`lvname${i}x`, 1) })),
      { name: 'PTC 29 lvl.txt', text: lines('lvnamefile', 1) },
      { name: 'lot2024/stock.txt', text: lines('lvnameyear', 1) },
    ]);
    expect((await cli(['import', zip, '--level', '5', ...pool.args])).code).toBe(0);
    expect(await accounts(pool)).toEqual(
      [...folders.map(([, level], i) => `lvname${i}x1 Pw#lvname${i}x-1 ${level} ptc ok`), 'lvnamefile1 Pw#lvnamefile-1 29 ptc ok', 'lvnameyear1 Pw#lvnameyear-1 5 ptc ok'].sort(),
    );
  });
});

describe('an archive refused whole, nothing imported from it', () => {
  /** Imports `file` into a pool holding one account; expects exit 1, `message` on stderr, the pool as it was. */
  async function refused(pool: TestPool, file: string, message: RegExp): Promise<string> {
    expect((await cli(['import', join(pool.base, 'before.txt'), '--level', '9', ...pool.args])).code).toBe(0);
    const before = await accounts(pool);
    const out = await cli(['import', file, '--level', '9', ...pool.args]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toContain('nothing was imported');
    expect(await accounts(pool)).toEqual(before);
    return out.stderr;
  }
  const poolWithOne = async () => {
    const pool = await makePool(4);
    await writeFile(join(pool.base, 'before.txt'), 'keptuser:Kept#pw1\n');
    return pool;
  };

  it('a member with a path out of the archive (`../`, absolute): named, nothing imported', async () => {
    const dir = await testdir();
    const names = ['../outside.txt', 'stock/../../outside.txt', '/etc/outside.txt'];
    for (const i of names.keys()) await mkdir(join(dir, `${i}`)); // each named evil.zip, as the message shows it
    makeArchives(names.map((name, i) => ({ kind: 'zip', out: join(dir, `${i}`, 'evil.zip'), members: [{ name: 'good.txt', text: lines('goodacc', 2) }, { name, text: lines('evilacc', 2) }] })));
    for (const i of names.keys()) {
      const pool = await poolWithOne();
      const zip = join(dir, `${i}`, 'evil.zip');
      await refused(pool, zip, /evil\.zip: holds a member whose path leads outside it \((?:invalid relative path|absolute path): .*outside\.txt\)/);
    }
  }, 180_000);

  it('a symbolic link member: named, nothing imported', async () => {
    const pool = await poolWithOne();
    const zip = makeArchive('zip', join(pool.base, 'link.zip'), [{ name: 'good.txt', text: lines('goodacc', 2) }, { name: 'passwd.txt', symlink: '/etc/passwd' }]);
    await refused(pool, zip, /link\.zip: passwd\.txt is a symbolic link/);
  });

  it('a password-protected member (Info-ZIP `zip -P`): named, the password never shown', async () => {
    const pool = await poolWithOne();
    const dir = await testdir({ 'stock/accounts.txt': lines('lockedacc', 3) });
    const zip = join(pool.base, 'locked.zip');
    const made = spawnSync('zip', ['-q', '-P', 'SellerSecret42', zip, 'stock/accounts.txt'], { cwd: dir, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const stderr = await refused(pool, zip, /locked\.zip: stock\/accounts\.txt is password-protected; extract it with the seller's password/);
    expect(stderr).not.toContain('SellerSecret42');
    expect(stderr).not.toContain('Pw#');
  });

  it('the same path twice: refused, naming it', async () => {
    const pool = await poolWithOne();
    const zip = makeArchive('zip', join(pool.base, 'twice.zip'), [{ name: 'a.txt', text: lines('firstacc', 2) }, { name: 'a.txt', text: lines('secondacc', 2) }]);
    await refused(pool, zip, /twice\.zip: holds a\.txt twice/);
    // A name holding a terminal's escape sequence is shown, never obeyed (a name without zip's UTF-8
    // flag is CP437, where byte 0x1b is the arrow `←`; a control character anywhere else is `?`).
    const escaped = makeArchive('zip', join(pool.base, 'escape.zip'), [{ name: 'x\u001b[2Jy.txt', text: lines('escacc', 2) }, { name: 'x\u001b[2Jy.txt', text: lines('escbcc', 2) }]);
    const stderr = await refused(pool, escaped, /escape\.zip: holds x[?←]\[2Jy\.txt twice/);
    expect(stderr).not.toContain('\u001b');
  });

  it('an archive inside the archive: one level is opened, said so', async () => {
    const pool = await poolWithOne();
    const inner = makeArchive('zip', join(pool.base, 'inner.zip'), [{ name: 'a.txt', text: lines('innacc', 2) }]);
    const zip = makeArchive('zip', join(pool.base, 'outer.zip'), [{ name: 'b.txt', text: lines('outacc', 2) }, { name: 'inner.zip', b64: (await readFile(inner)).toString('base64'), stored: true }]);
    await refused(pool, zip, /outer\.zip: inner\.zip is itself an archive \(zip\); one level is opened/);
  });

  it('a corrupt or truncated zip or gzip: refused naming the file', async () => {
    const pool = await poolWithOne();
    const zip = makeArchive('zip', join(pool.base, 'cut.zip'), [{ name: 'a.txt', text: lines('cutacc', 200) }, { name: 'b.txt', text: lines('cutbcc', 200) }]);
    await truncate(zip, Math.floor((await readFile(zip)).length / 2));
    await refused(pool, zip, /cut\.zip: is a zip archive that cannot be read \(.*\): corrupt or cut short/);
    const gz = makeArchive('gzip', join(pool.base, 'cut.txt.gz'), [{ name: '', text: lines('cutgz', 500) }]);
    await truncate(gz, Math.floor((await readFile(gz)).length / 2));
    await refused(pool, gz, /cut\.txt\.gz: is a gzip file that cannot be unpacked \(.*\): corrupt or cut short/);
    // A member whose deflated bytes are damaged (the archive's directory intact).
    const bad = makeArchive('zip', join(pool.base, 'bad.zip'), [{ name: 'a.txt', text: lines('badacc', 300) }]);
    const bytes = await readFile(bad);
    for (let i = 60; i < 160; i++) bytes[i] = 0xff - bytes[i]!;
    await writeFile(bad, bytes);
    await refused(pool, bad, /bad\.zip: (?:a\.txt cannot be unpacked|is a zip archive that cannot be read)/);
  }, 180_000);

  it('a zip or gzip bomb: its ratio, or more bytes than max_dump_size, named in the message', async () => {
    const pool = await poolWithOne();
    const zeros = Buffer.alloc(3 * 1024 * 1024, 'a').toString('base64');
    const zip = makeArchive('zip', join(pool.base, 'bomb.zip'), [{ name: 'a.txt', text: lines('bombacc', 2) }, { name: 'big.txt', b64: zeros }]);
    await refused(pool, zip, /bomb\.zip: big\.txt unpacks 3145728 bytes from \d+ \(over 200 times: an archive bomb's ratio\)/);
    const gz = makeArchive('gzip', join(pool.base, 'bomb.txt.gz'), [{ name: '', b64: zeros }]);
    await refused(pool, gz, /bomb\.txt\.gz: bomb\.txt unpacks 3145728 bytes from \d+ \(over 200 times/);
    // Within the ratio, over max_dump_size in all.
    await pool.configure({ max_dump_size: '20000' });
    const many = makeArchive('zip', join(pool.base, 'many.zip'), [{ name: 'a.txt', text: lines('manyacc', 500) }, { name: 'b.txt', text: lines('manybcc', 500) }]);
    expect((await readFile(many)).length).toBeLessThan(20000);
    await refused(pool, many, /many\.zip: unpacks to over 20000 bytes at [ab]\.txt, over max_dump_size/);
    const manyGz = makeArchive('gzip', join(pool.base, 'many.txt.gz'), [{ name: '', text: lines('manygz', 1000) }]);
    await refused(pool, manyGz, /many\.txt\.gz: unpacks to over 20000 bytes, over max_dump_size/);
    // Within max_dump_size, over max_dump_lines: a loose file by its own lines, an archive by its
    // members' lines together (each member's read is held to the merge), both before any reader runs.
    await pool.configure({ max_dump_size: '20000', max_dump_lines: '500' });
    await writeFile(join(pool.base, 'long.txt'), 'a\n'.repeat(501));
    const halves = makeArchive('zip', join(pool.base, 'halves.zip'), [{ name: 'a.txt', text: lines('halfacc', 300) }, { name: 'b.txt', text: lines('halfbcc', 300) }]);
    // A UTF-16 BE member counts its 300 lines, not the 0x0A byte of each `上` (U+4E0A) besides: 600 raw.
    const wideText = Array.from({ length: 300 }, (_, i) => `wideacc${i + 1}:Pw上${i + 1}\n`).join('');
    const wide = makeArchive('zip', join(pool.base, 'wide.zip'), [{ name: 'wide.txt', b64: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(wideText, 'utf16le').swap16()]).toString('base64') }]);
    const out = await cli(['import', join(pool.base, 'long.txt'), halves, wide, '--level', '9', ...pool.args]);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(/wide\.zip/);
    expect((await accounts(pool)).filter((a) => a.startsWith('wideacc'))).toHaveLength(300);
    expect(out.stderr).toMatch(/long\.txt:501: holds more than 500 lines, over max_dump_lines .*raise max_dump_lines in accountpool\.yaml/);
    expect(out.stderr).toMatch(/halves\.zip: its member b\.txt:201: holds more than 500 lines with the archive's members before it, over max_dump_lines .*; nothing was imported from the archive/);
    expect((await accounts(pool)).filter((a) => a.startsWith('half'))).toEqual([]);
  }, 180_000);

  it('a member the readers refuse (a proxy list beside the accounts): the archive refused naming it', async () => {
    const pool = await poolWithOne();
    const zip = makeArchive('zip', join(pool.base, 'mixed.zip'), [{ name: 'accounts.txt', text: lines('mixacc', 2) }, { name: 'proxies.txt', text: 'http://user:pass@10.0.0.1:3128\nhttp://user:pass@10.0.0.2:3128\nsocks5://10.0.0.3:1080\n' }]);
    await refused(pool, zip, /mixed\.zip: its member proxies\.txt: no accounts found.*; nothing was imported from the archive/);
  });

  it('a rar or a 7z of its signature alone: refused as cut short, or as holding no file', async () => {
    const pool = await poolWithOne();
    const rar = join(pool.base, 'stock.rar');
    await writeFile(rar, Buffer.from('526172211a0700cf907300000d00000000000000', 'hex'));
    const out = await cli(['import', rar, ...pool.args]);
    expect(out.code).toBe(1);
    // RAR 4's marker and main header alone (unrar's technote.txt), as 7-Zip reads it: nothing in it.
    expect(out.stderr).toMatch(/stock\.rar: (?:is a rar archive that cannot be read \(.*\): corrupt or cut short|holds no file to read); nothing was imported/);
    // 7z's signature (7-Zip's 7zFormat.txt: `'7' 'z' BC AF 27 1C`).
    const sevenZip = join(pool.base, 'stock.7z');
    await writeFile(sevenZip, Buffer.from('377abcaf271c000400000000000000000000000000000000', 'hex'));
    const r = await cli(['import', sevenZip, ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stock\.7z: is a 7z archive that cannot be read \(.*\): corrupt or cut short; nothing was imported/);
  });
});

describe('any mix of members imports what the same files loose import', () => {
  const member = fc.record({
    kind: fc.constantFrom('colon', 'csv', 'kinancity', 'semicolon'),
    count: fc.integer({ min: 1, max: 6 }),
    level: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    stored: fc.boolean(),
  });
  const body = (kind: string, prefix: string, count: number, reuse: number) =>
    Array.from({ length: count }, (_, i) => {
      // Some usernames repeat across members, with another password: the later file's wins, as loose.
      const user = i < reuse ? `shared${i}` : `${prefix}u${i}`;
      const pass = `${prefix}P#${i}`;
      if (kind === 'csv') return `${i === 0 ? 'username,password\n' : ''}${user},${pass}`;
      if (kind === 'kinancity') return `${user};${pass};${user}@mail.example;1991-02-03;DE;OK;`;
      if (kind === 'semicolon') return `${user};${pass}`;
      return `${user}:${pass}`;
    }).join('\n') + '\n';

  it('property: a zip of any mix, imported, gives the pool the loose files give', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(member, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 2 }), async (members, reuse) => {
        const files = members.map((m, i) => ({ name: `m${i}${m.level ? `_L${m.level}` : ''}.${m.kind === 'csv' ? 'csv' : 'txt'}`, text: body(m.kind, `p${i}`, m.count, reuse), stored: m.stored }));
        const loose = await makePool(2);
        const packed = await makePool(2);
        const paths: string[] = [];
        for (const f of files) {
          paths.push(join(loose.base, f.name));
          await writeFile(paths.at(-1)!, f.text);
        }
        const zip = makeArchive('zip', join(packed.base, 'stock.zip'), files);
        const a = await cli(['import', ...paths, '--level', '7', ...loose.args]);
        const b = await cli(['import', zip, '--level', '7', ...packed.args]);
        expect(b.code).toBe(a.code);
        expect(await accounts(packed)).toEqual(await accounts(loose));
      }),
      { numRuns: 10 },
    );
  }, 240_000);
});

// An archive is one dump: a compose file among its members is read with the `.env` and the
// `env_file:` members it names (compose-spec/compose-go `cli/options.go` WithDotEnv, `types/project.go`
// WithServicesEnvironmentResolved), those members passed over as dumps of their own, and a path
// out of the archive refused by its line (src/import/container-batch.ts).
describe('an archive holding a compose file and its env files', () => {
  // x.env first: named after bot.env, the file it may override (compose requires it), bot.env's USERNAME would be unsure.
  it('reads each service with its env files, once; `../` past the archive refused by its line', async () => {
    const pool = await makePool(4);
    const zip = makeArchive('zip', join(pool.base, 'stack.zip'), [
      { name: 'stack/docker-compose.yml', text: ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    env_file: [../../x.env, ../common/bot.env]', '    environment:', '      PASSWORD: ${BOT_PASS}', ''].join('\n') },
      { name: 'stack/.env', text: 'BOT_PASS="Zip 1pw"\n' },
      { name: 'common/bot.env', text: 'USERNAME=ash_z1\nPASSWORD=NotThis1\n' },
    ]);
    const dry = await cli(['import', zip, '--dry-run', '--level', '30', ...pool.args]);
    expect(dry.stdout).toContain(`passed over ${zip}!common/bot.env: read with stack/docker-compose.yml`);
    expect(dry.stdout).toContain(`passed over ${zip}!stack/.env: read with stack/docker-compose.yml`);
    const result = await cli(['import', zip, '--level', '30', ...pool.args]);
    expect(result.stderr).toMatch(/docker-compose\.yml:4: rejected: env_file \.\.\/\.\.\/x\.env leads outside this dump/);
    expect(result.code).toBe(1);
    expect(await accounts(pool)).toEqual(['ash_z1 Zip 1pw 30 ptc ok']);
    expect(dry.stdout + result.stdout + result.stderr).not.toMatch(/Zip 1pw|NotThis1/);
  });
});
