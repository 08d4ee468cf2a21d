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

// A letter's short greeting (`Hi,`, `Hello Ash!`, `Dear customer,`) above the header: too short to be
// prose, it stopped the search for the header, and each row split at its first separator
// (`pikachu_zap7` / `Pika!chu1,main`). The mails are built as the clients send them: Thunderbird's
// single text part (`text/plain; charset=utf-8; format=flowed`, 7bit, as in
// `mail-thunderbird-csv.eml`) and Gmail's quoted-printable text part (RFC 2045 6.7: `=3D` for `=`);
// see test/fixtures/README.md, "Deliveries as mail clients save them".
describe('a `banned` column beside columns that are not PGPool\'s', () => {
  // An operator's sheet or a checker's table keeps the ban as a flag (Monocle's `banned` column:
  // Noctem/Monocle `monocle/accounts.py`), beside a comment PGPool has no column for. The flag is the
  // account's verdict, as the Monocle reader reads it (`1`/`True`/`yes` banned, `0`/`False`/`no` ok).
  it('`login;password;banned;comment`: the flag read at `;`, a tab and `|`, the comment in no field, a number ending it no level', async () => {
    const r = await readDump(fixture('banned-flag-comment.csv'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.state])).toEqual([
      [2, 'hoenn11scan', 'Hn1!scPw8', 'ok'],
      [3, 'hoenn12scan', 'Hn2#scPw9', 'perm_banned'],
    ]);
    for (const sep of ['\t', '|', ';']) {
      const text = ['username', 'password', 'banned', 'note'].join(sep) + '\n' + [['kalos1scn', 'Kl1!scPw5', '0', 'batch 4'], ['kalos2scn', 'Kl2#scPw6', 'True', 'batch 4'], ['kalos3scn', 'Kl3$scPw7', '', 'not checked']].map((x) => x.join(sep)).join('\n') + '\n';
      const t = await readDump(input('sheet.txt', text));
      // `batch 4` is the note column's cell, never a level 4 noted after a blank.
      expect(t.accounts.map((a) => [a.username, a.password, a.state, a.level]), sep).toEqual([['kalos1scn', 'Kl1!scPw5', 'ok', undefined], ['kalos2scn', 'Kl2#scPw6', 'perm_banned', undefined], ['kalos3scn', 'Kl3$scPw7', undefined, undefined]]);
    }
  });

  it('a status word written in the column is read as such; `banned` as a password stays a checker\'s verdict line, never a header', async () => {
    const t = await readDump(input('sheet.txt', 'login;password;banned\nhoenn13scan;Hn3!scPw1;temp banned\n'));
    expect(t.accounts.map((a) => [a.username, a.state])).toEqual([['hoenn13scan', 'temp_banned']]);
  });
});

describe('a header under a letter\'s greeting', () => {
  const ROWS = [['pikachu_zap7', 'Pika!chu1', 'main'], ['onix_rock33', 'Onix#Rock=33', 'spare one'], ['geodude_gr4', 'Geo;Dude,44', 'never used']];
  const quote = (cell: string, sep: string) => (cell.includes(sep) ? `"${cell}"` : cell);
  const table = (sep: string, header = ['Username', 'Password', 'Comment']) => [header.join(sep), ...ROWS.map((r) => r.map((c) => quote(c, sep)).join(sep))].join('\n');
  const letter = (greeting: string, sep: string, signOff = 'Regards,') => `${greeting}\n\n${table(sep)}\n\n${signOff}\nPoké Shop\n`;
  const thunderbird = (body: string) =>
    `To: buyer@mail.example\r\nFrom: Poke Shop <shop@mail.example>\r\nSubject: Your order\r\nMessage-ID: <7f1e2d3c-4b5a@mail.example>\r\nDate: Thu, 3 Dec 2026 10:00:00 +0100\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101\r\n Thunderbird/115.6.0\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\nContent-Language: en-US\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
  const qp = (s: string) => s.replace(/=/g, '=3D').replace(/é/g, '=C3=A9');
  const gmail = (body: string) =>
    `MIME-Version: 1.0\r\nDate: Thu, 3 Dec 2026 10:00:00 +0100\r\nMessage-ID: <CAF1x2y3z4@mail.gmail.com>\r\nSubject: Your order\r\nFrom: Poke Shop <shop@mail.example>\r\nTo: buyer@mail.example\r\nContent-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6a7b8"\r\n\r\n--000000000000a1b2c3d4e5f6a7b8\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(body).replace(/\n/g, '\r\n')}\r\n--000000000000a1b2c3d4e5f6a7b8--\r\n`;
  const accounts = async (name: string, text: string) => (await readDump(input(name, text))).accounts.map((a) => [a.username, a.password, a.level]);
  const WANT = ROWS.map(([u, p]) => [u, p, undefined]);

  it('in a mail body (Thunderbird, Gmail) and a dropped .txt, at `,`, `;` or a tab, whatever the greeting: each password exact, the comment in none', async () => {
    for (const greeting of ['Hi,', 'Hello Ash!', 'Dear customer,', 'Your accounts:']) {
      for (const sep of [',', ';', '\t']) {
        const body = letter(greeting, sep, greeting.endsWith(',') ? 'Regards,' : 'Thanks!');
        expect(await accounts('order.txt', body), `${greeting} ${JSON.stringify(sep)} .txt`).toEqual(WANT);
        expect(await accounts('order.eml', thunderbird(body)), `${greeting} ${JSON.stringify(sep)} Thunderbird`).toEqual(WANT);
        expect(await accounts('order.eml', gmail(body)), `${greeting} ${JSON.stringify(sep)} Gmail`).toEqual(WANT);
      }
    }
  });

  it('the lines are the file\'s: the .txt\'s rows are lines 4 to 6, the greeting and sign-off are no accounts', async () => {
    const r = await readDump(input('order.txt', letter('Hi,', ',')));
    expect(r.accounts.map((a) => a.line)).toEqual([4, 5, 6]);
    expect(JSON.stringify(r)).not.toContain('main');
  });

  it('`Username,Comment` under a greeting: named a list of logins without passwords, in a dropped .txt as in a mail', async () => {
    const LOGINS = /no accounts found.*it looks like a table whose first line names its columns \(Username, Comment\) and none a password: a list of logins without passwords/;
    for (const sep of [',', ';', '\t']) {
      const logins = `Hi,\n\n${['Username', 'Comment'].join(sep)}\n${ROWS.map(([u, , c]) => `${u}${sep}${c}`).join('\n')}\n\nThanks!\nPoké Shop\n`;
      await expect(readDump(input('order.txt', logins)), JSON.stringify(sep)).rejects.toThrow(LOGINS);
      await expect(readDump(input('order.eml', thunderbird(logins))), JSON.stringify(sep)).rejects.toThrow(LOGINS);
    }
  });
});
