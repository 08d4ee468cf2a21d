// What a seller's paste leaves around the accounts besides Markdown (line-marks.ts): HTML copied
// from a shop's page source (`<br>`, `<p>...</p>`), numbering with a dash (`1- user:pass`), a level
// column after the Chinese shops' `----` run, a level column holding words. Each line is read
// exactly or refused by its line; none becomes an account with a wrong login or password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.level]);

describe('paste remnants', () => {
  it('HTML line breaks and one element around a line are the page\'s, not the account\'s', async () => {
    for (const text of ['**ash01x:Pw1!abc**<br>\n**ash02x:Pw2!bcd**<br />\n', '<p>ash01x:Pw1!abc</p>\n<li>ash02x:Pw2!bcd</li>\n', 'ash01x:Pw1!abc<br>\nash02x:Pw2!bcd<BR/>\n']) {
      expect(rows(await readDump(input('page.txt', text)))).toEqual([[1, 'ash01x', 'Pw1!abc', undefined], [2, 'ash02x', 'Pw2!bcd', undefined]]);
    }
  });

  it('a password holding `<` or `>` keeps it', async () => {
    expect(rows(await readDump(input('l.txt', 'ash01x:Pw1<abc>\nash02x:Pw2!b>\n')))).toEqual([[1, 'ash01x', 'Pw1<abc>', undefined], [2, 'ash02x', 'Pw2!b>', undefined]]);
  });

  it('`1- user:pass` numbering is no login `1-` with the password `user:pass`', async () => {
    expect(rows(await readDump(input('n.txt', '1- ash01x:Pw1!abc\n2- ash02x:Pw2!bcd\n')))).toEqual([[1, 'ash01x', 'Pw1!abc', undefined], [2, 'ash02x', 'Pw2!bcd', undefined]]);
  });

  it('`user----pass----30`: the number after the last run is a level column, never the password\'s end; one that is no level refuses its line', async () => {
    expect(rows(await readDump(input('d.txt', 'ash01x----Pw1!abc----30\nash02x----Pw2!bcd----31\n')))).toEqual([[1, 'ash01x', 'Pw1!abc', 30], [2, 'ash02x', 'Pw2!bcd', 31]]);
    const years = await readDump(input('d.txt', 'ash01x----Pw1!abc----2017\nash02x----Pw2!bcd----2018\n')).catch((e: Error) => e);
    expect((years as Error).message).toMatch(/line 1: a number where the list's level goes \(2017\)/);
  });

  it('a Level column holding words is refused by its line naming the columns without it; a dash or `n/a` there is no level', async () => {
    const r = await readDump(input('w.txt', 'login;password;level\nash01x;Pw1!abc;thirty\nash02x;Pw2!bcd;30\nash03x;Pw3!cde;n/a\nash04x;Pw4!def;-\n'));
    expect(rows(r)).toEqual([[3, 'ash02x', 'Pw2!bcd', 30], [4, 'ash03x', 'Pw3!cde', undefined], [5, 'ash04x', 'Pw4!def', undefined]]);
    expect(r.rejected.map((j) => j.line)).toEqual([2]);
    expect(r.rejected[0]!.reason).toContain('--columns user,pass,-');
    expect(r.rejected[0]!.reason).not.toContain('thirty');
  });

  it('a number glued to the login (`1.user:pass`, `1)user:pass`) is refused by its line, never the login `1.user`; `1. user:pass` is numbering', async () => {
    for (const text of ['1.ash01x:Pw1!abc\n2.ash02x:Pw2!bcd\n', '1)ash01x:Pw1!abc\n2)ash02x:Pw2!bcd\n']) {
      const r = await readDump(input('n.txt', text)).catch((e: Error) => e);
      expect((r as Error).message).toMatch(/line 1: a number glued to the login's start/);
    }
    expect(rows(await readDump(input('n.txt', '1. ash01x:Pw1!abc\n2. ash02x:Pw2!bcd\n')))).toEqual([[1, 'ash01x', 'Pw1!abc', undefined], [2, 'ash02x', 'Pw2!bcd', undefined]]);
  });
});

