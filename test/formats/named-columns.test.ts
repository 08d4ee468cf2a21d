// A first line that names a table's columns, not all of them in words we know (`Username,Team,Note`,
// `Benutzername;Passwort;Kommentar;Land`): what it says decides. Without a password column its
// rows are no accounts (each was imported with the other cells as its password: `Valor,fresh`);
// with one, the unknown columns are left out of every field. Fixtures: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const exact = async (r: ReturnType<typeof readDump>) => (await r).accounts.map((a) => [a.line, a.username, a.password, a.level]);
const COLUMNS = /no accounts found.*it looks like a table whose first line names its columns \(Username, Team, Note\) and none a password/;

describe('a header naming columns we do not all know', () => {
  it('`Username,Team,Note` (CSV, CRLF): no account, the file refused naming its columns; the same with `;` or a tab', async () => {
    await expect(readDump(fixture('seller-team-table.csv'))).rejects.toThrow(COLUMNS);
    for (const sep of [';', '\t', ' | ']) {
      const text = ['Username', 'Team', 'Note'].join(sep) + '\n' + [['vulpix_fire07', 'Valor', 'fresh account'], ['ponyta_gallop3', 'Mystic', 'egg hatched']].map((r) => r.join(sep)).join('\n') + '\n';
      await expect(readDump(input('teams.txt', text))).rejects.toThrow(COLUMNS);
    }
    await expect(readDump(input('mails.csv', 'Username,Email,Comment\nvulpix_fire07,vulpix@mail.example,fresh\nponyta_gallop3,ponyta@mail.example,never used\n'))).rejects.toThrow(/names its columns \(Username, Email, Comment\) and none a password/);
  });

  it('the same table under a greeting, in a mail attachment, or as an HTML table: no account either', async () => {
    await expect(readDump(input('mail.txt', 'Hi, here is the team list of your order.\n\nUsername,Team,Note\nvulpix_fire07,Valor,fresh account\nponyta_gallop3,Mystic,egg hatched\n\nThanks!\n'))).rejects.toThrow(/no accounts found/);
    const csv = Buffer.from('Username,Team,Note\r\nvulpix_fire07,Valor,fresh account\r\nponyta_gallop3,Mystic,egg hatched\r\n').toString('base64');
    const eml = `From: shop@mail.example\r\nTo: buyer@mail.example\r\nSubject: Team list\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe teams are attached.\r\n--b\r\nContent-Type: text/csv; name="teams.csv"\r\nContent-Disposition: attachment; filename="teams.csv"\r\nContent-Transfer-Encoding: base64\r\n\r\n${csv}\r\n--b--\r\n`;
    await expect(readDump(input('teams.eml', eml))).rejects.toThrow(/no accounts found.*it looks like a table/);
    await expect(readDump(fixture('seller-team-table.html'))).rejects.toThrow(/no accounts found.*it looks like a table/);
  });

  it('with a password column (`Benutzername;Passwort;Kommentar;Land`, as Excel saves `;` CSV): read by the header, a note column with words and a quoted password holding `;` exact', async () => {
    const r = readDump(fixture('seller-unknown-column.csv'));
    expect((await r).rejected).toEqual([]);
    expect(await exact(r)).toEqual([
      [2, 'vulpix_fire07', 'Feuer!Wirbel7', undefined],
      [3, 'ponyta_gallop3', 'Galopp;Tritt33', undefined],
      [4, 'magikarp_spl9', 'Platsch#99', undefined],
    ]);
  });

  it('a known header over a `;` list with a quoted password holding `;`, and a header under a greeting, are read by the header', async () => {
    expect(await exact(readDump(input('order.txt', 'Username;Password;Level\nvulpix_fire07;Feuer!Wirbel7;30\nponyta_gallop3;"Galopp;Tritt33";31\n')))).toEqual([
      [2, 'vulpix_fire07', 'Feuer!Wirbel7', 30],
      [3, 'ponyta_gallop3', 'Galopp;Tritt33', 31],
    ]);
    expect(await exact(readDump(input('order.txt', 'Hi, here are your accounts.\n\nUsername;Password;Kommentar\nvulpix_fire07;Feuer!Wirbel7;frisch\nponyta_gallop3;Gal:opp33;nie benutzt\n')))).toEqual([
      [4, 'vulpix_fire07', 'Feuer!Wirbel7', undefined],
      [5, 'ponyta_gallop3', 'Gal:opp33', undefined],
    ]);
  });
});
