// PGPool's account table with a line feed inside a value, as the real mysql client prints it
// (test/fixtures/generators/make-pgpool-linefeeds.sh, MariaDB 10.11): `mysql -B -r` writes the line
// feed as it is, so the row goes on on the next line; `mysql -B` writes it `\n`, and a raw export
// of a password holding a backslash and n writes the same two bytes. A row cut so is joined back
// when its lines make exactly a whole row, else refused by its line: its parts are never accounts.
// SELECT ... INTO OUTFILE puts a backslash before the line feed (and a tab) itself: joined too.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const DIR = 'pgpool-linefeeds/';
const byName = <T extends { username: string }>(accounts: T[]): T[] => [...accounts].sort((a, b) => a.username.localeCompare(b.username));
const lineOf = (text: string, login: string) => text.split('\n').findIndex((l) => l.includes(`\t${login}\t`) || l.startsWith(`${login}\t`)) + 1;

describe('a line feed inside a value of mysql -B -r output', () => {
  it.each(['raw.tsv', 'raw-noheader.tsv', 'outfile.txt'])('%s: the cut rows joined back, each at its first line; a backslash and n kept as bytes; no note', async (file) => {
    const f = fixture(DIR + file);
    const r = await readDump(f);
    expect(r.format).toBe('pgpool-tsv');
    expect(byName(r.accounts).map((a) => [a.username, a.password, a.level, a.line])).toEqual([
      ['lf_clean01', 'Cl3an!one', 30, lineOf(f.text, 'lf_clean01')],
      ['lf_last05', 'L4st!one', 28, lineOf(f.text, 'lf_last05')],
      ['lf_mail03', 'M4il!box', 20, lineOf(f.text, 'lf_mail03')],
      ['lf_slash04', 'Back\\nslash', 24, lineOf(f.text, 'lf_slash04')],
    ]);
    expect(r.accounts.find((a) => a.username === 'lf_mail03')!.history).toMatchObject({ email: 'first@mail.example\nsecond@mail.example' });
    // The password holding a line feed is refused at its row's first line, as any control character is.
    expect(r.rejected).toEqual([{ line: lineOf(f.text, 'lf_pass02'), reason: expect.stringContaining('control characters') }]);
    expect(r.notes ?? []).toEqual([]);
  });

  it('raw-columns.tsv: a text column last (SELECT auth_service, username, password): the row a line feed cut is refused with its tail, never read as the password before the line feed', async () => {
    const f = fixture(DIR + 'raw-columns.tsv');
    const r = await readDump(f);
    expect(r.format).toBe('pgpool-tsv');
    expect(byName(r.accounts).map((a) => [a.username, a.password])).toEqual([
      ['lf_clean01', 'Cl3an!one'],
      ['lf_last05', 'L4st!one'],
      ['lf_mail03', 'M4il!box'],
      ['lf_slash04', 'Back\\nslash'],
    ]);
    const at = lineOf(f.text, 'lf_pass02');
    expect(r.rejected.map((x) => x.line)).toEqual([at, at + 1]);
    expect(r.rejected[0]!.reason).toContain(`its last value may go on on line ${at + 1}`);
    expect(r.rejected[1]!.reason).toContain('a line feed inside a value of mysql -r output');
    expect(JSON.stringify(r)).not.toContain('"Two"');
  });

  it('escaped.tsv (mysql -B): \\n is a line feed, \\\\n a backslash and n', async () => {
    const r = await readDump(fixture(DIR + 'escaped.tsv'));
    expect(byName(r.accounts).map((a) => [a.username, a.password])).toEqual([
      ['lf_clean01', 'Cl3an!one'],
      ['lf_last05', 'L4st!one'],
      ['lf_mail03', 'M4il!box'],
      ['lf_slash04', 'Back\\nslash'],
    ]);
    expect(r.accounts.find((a) => a.username === 'lf_mail03')!.history).toMatchObject({ email: 'first@mail.example\nsecond@mail.example' });
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringContaining('control characters')]);
  });

  it('a file whose only backslash stands before n cannot tell raw from escaped: read raw, the bytes kept, and a note says so', async () => {
    // raw.tsv without its cut rows: nothing else shows how it was exported.
    const text = fixture(DIR + 'raw.tsv').text.split('\n').filter((l) => !/lf_mail03|lf_pass02|^second@|^Lines/.test(l)).join('\n');
    const r = await readDump(input('accounts.tsv', text));
    expect(r.accounts.find((a) => a.username === 'lf_slash04')!.password).toBe('Back\\nslash');
    expect(r.notes).toEqual([`line ${lineOf(text, 'lf_slash04')}: a backslash before n, and nothing else in the file tells mysql -B's escaped output (a line feed) from mysql -B -r's raw output (a backslash and n): read as raw, the backslash kept; to be sure, export again with mysql -B -r`]);
  });

  it('a row cut where no whole row comes of its lines is refused by its line, and the row after it is read', async () => {
    const lines = fixture(DIR + 'raw.tsv').text.split('\n');
    const cut = lines.findIndex((l) => l.includes('\tlf_pass02\t'));
    lines.splice(cut + 1, 1); // the tail of lf_pass02's row lost: its first line stands alone
    const text = lines.join('\n');
    const r = await readDump(input('accounts.tsv', text));
    expect(r.rejected).toEqual([{ line: cut + 1, reason: expect.stringContaining('fewer cells than a whole row') }]);
    expect(r.accounts.map((a) => a.username)).toContain('lf_slash04');
    expect(r.accounts.map((a) => a.username)).not.toContain('lf_pass02');
  });
});

describe("any table's login and password alone, as the mysql client prints them (no typed column to anchor a row)", () => {
  const GOOD = [
    ['lf_clean01', 'Cl3an!one'],
    ['lf_last05', 'L4st!one'],
    ['lf_mail03', 'M4il!box'],
    ['lf_slash04', 'Back\\nslash'],
  ];

  it('raw-login.tsv (mysql -B -r, the password last): the row a line feed cut is refused with its tail, never read as the password before the line feed', async () => {
    const f = fixture(DIR + 'raw-login.tsv');
    const r = await readDump(f);
    expect(byName(r.accounts).map((a) => [a.username, a.password])).toEqual(GOOD);
    const at = lineOf(f.text, 'lf_pass02');
    expect(r.rejected.map((x) => x.line)).toEqual([at, at + 1]);
    expect(r.rejected[0]!.reason).toContain(`its password may go on on line ${at + 1}`);
    expect(JSON.stringify(r)).not.toContain('"Two"');
  });

  it('raw-login-first-password.tsv (the password first): the row after the cut is refused, never read with the password after the line feed', async () => {
    const f = fixture(DIR + 'raw-login-first-password.tsv');
    const r = await readDump(f);
    expect(byName(r.accounts).map((a) => [a.username, a.password])).toEqual(GOOD);
    const at = f.text.split('\n').findIndex((l) => l.endsWith('\tlf_pass02')) + 1;
    expect(r.rejected.map((x) => x.line)).toEqual([at - 1, at]);
    expect(JSON.stringify(r)).not.toContain('"Lines"');
  });

  it('escaped-login.tsv (mysql -B): `\\\\` is one backslash, never two; `\\n` a line feed, refused by its line', async () => {
    const f = fixture(DIR + 'escaped-login.tsv');
    const r = await readDump(f);
    expect(byName(r.accounts).map((a) => [a.username, a.password])).toEqual(GOOD);
    expect(r.rejected).toEqual([{ line: lineOf(f.text, 'lf_pass02'), reason: expect.stringContaining('control character') }]);
  });

  it.each([
    ['escaped-login-unsure.tsv', 'lf_pass02', 'Two\\nLines'], // mysql -B of a password holding a line feed
    ['raw-login-unsure.tsv', 'lf_slash04', 'Back\\nslash'], // mysql -B -r of one holding a backslash and n
  ])('%s: its only backslash before n, the same bytes either way: read raw, the bytes kept, and a note names the line', async (file, login, password) => {
    const f = fixture(DIR + file);
    const r = await readDump(f);
    expect(r.format).toBe('pgpool-tsv');
    expect(byName(r.accounts).map((a) => [a.username, a.password])).toEqual([...GOOD.slice(0, 3), [login, password]]);
    expect(r.rejected).toEqual([]);
    expect(r.notes).toEqual([`line ${lineOf(f.text, login)}: a backslash before n, and nothing else in the file tells mysql -B's escaped output (a line feed) from mysql -B -r's raw output (a backslash and n): read as raw, the backslash kept; to be sure, export again with mysql -B -r`]);
    expect(r.notes!.join()).not.toContain(password);
  });

  it('a backslash before t and one before n: the note names both and each line', async () => {
    const r = await readDump(input('accounts.tsv', 'username\tpassword\nash01\tPw\\t1\nmisty02\tCl3an!\nbrock03\tPw\\n3\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01', 'Pw\\t1'], ['misty02', 'Cl3an!'], ['brock03', 'Pw\\n3']]);
    expect(r.notes).toEqual([expect.stringMatching(/^lines 2, 4: a backslash before t or n, .*\(a tab or a line feed\) from mysql -B -r's raw output \(a backslash and t or a backslash and n\)/)]);
  });

  it('a TSV under the same header with nothing of the client in it stays a plain list, backslashes as they are', async () => {
    const r = await readDump(input('accounts.tsv', 'username\tpassword\nash01\tPw\\d!1\nmisty02\tPw2\n'));
    expect(r.format).toBe('plain');
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01', 'Pw\\d!1'], ['misty02', 'Pw2']]);
  });

  it('a row with a third cell (a note) leaves the file to the plain reader, as before', async () => {
    const r = await readDump(input('accounts.tsv', 'username\tpassword\nash01\tPw\\t1\tsold\nmisty02\tPw2\n'));
    expect(r.format).toBe('plain');
    expect(r.notes ?? []).toEqual([]);
  });

  // Stop 38's properties: `Total: 5` under the rows was taken for a cut row's rest (mysql -B -r),
  // the row above it refused. A count on the last line is a footer, whether the rows are escaped or not.
  it('a count under the rows (`Total: 5`, `Accounts: 3`, mysql -v\'s `3 rows in set (0.00 sec)`) is no line feed inside a password: every row read exact', async () => {
    for (const footer of ['Total: 5', 'Accounts: 3', '3 rows in set (0.00 sec)']) {
      for (const [misty, want] of [['Pw!two2', 'Pw!two2'], ['Pw\\\\two2', 'Pw\\two2']]) {
        const r = await readDump(input('accounts.tsv', `username\tpassword\nash01\tPw!one1\nmisty02\t${misty}\nbrock03\tPw!three3\n${footer}\n\n`));
        expect([footer, r.accounts.map((a) => [a.line, a.username, a.password])]).toEqual([footer, [[2, 'ash01', 'Pw!one1'], [3, 'misty02', want], [4, 'brock03', 'Pw!three3']]]);
        expect(r.rejected, footer).toEqual([]);
      }
    }
  });
});

describe('SELECT ... INTO OUTFILE with a row that is not as the server wrote it', () => {
  // outfile.txt, the real server's (make-pgpool-linefeeds.sh), with a row added after it as a hand
  // edit or a cut download leaves one: OUTFILE escapes every value, so the file is never read raw.
  const outfile = fixture(DIR + 'outfile.txt').text;
  const clean = outfile.split('\n')[0]!;
  const fileLines = outfile.split('\n').length - 1;

  it.each([
    ['a tab typed inside a value (one cell more)', clean.replace('lf_clean01', 'lf_after06').replace('Cl3an!one', 'Cl3an\tone')],
    ['a row cut short', clean.split('\t').slice(0, 12).join('\t')],
  ])('%s: refused by the file\'s own line, and every other password exactly as escaped', async (_, added) => {
    const r = await readDump(input('outfile.txt', `${outfile}${added}\n`));
    expect(byName(r.accounts).map((a) => [a.username, a.password, a.line])).toEqual([
      ['lf_clean01', 'Cl3an!one', lineOf(outfile, 'lf_clean01')],
      ['lf_last05', 'L4st!one', lineOf(outfile, 'lf_last05')],
      ['lf_mail03', 'M4il!box', lineOf(outfile, 'lf_mail03')],
      ['lf_slash04', 'Back\\nslash', lineOf(outfile, 'lf_slash04')],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([lineOf(outfile, 'lf_pass02'), fileLines + 1]);
    expect(r.rejected[1]!.reason).not.toContain('mysql -r');
  });
});
