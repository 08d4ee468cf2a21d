// Chinese, Japanese and Korean shops deliver accounts in HTML tables headed in their script. The
// table's header is read as a CSV header with those names is (columns.ts): an `ID` column beside
// a login column (`账号`) numbers the rows, the level column is read in its cells' spellings
// (`30级`, `Lv.31`), and the e-mail and its password are never the account's.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

describe('HTML tables headed in Chinese, Japanese and Korean', () => {
  it('`ID | 账号 | 密码 | 邮箱 | 邮箱密码 | 等级 | 状态`: the ID numbers the rows, each level and status its own row\'s', async () => {
    const r = await readDump(fixture('seller-cjk-table.html'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.provider, a.state])).toEqual([
      ['xiaozhi_pk01', 'Pika!chu301', 30, undefined, 'ok'],
      ['xiaogang_rk02', 'Onix$Rock28', 28, undefined, 'ok'],
      ['xiaoxia_wt03', 'Star:mie27x', 27, undefined, 'perm_banned'],
    ]);
  });

  it('`No. | アカウントID | パスワード | メールアドレス | トレーナーレベル`: the account ID is the login, `Lv.31` its level', async () => {
    const r = await readExact('seller-japanese-table.html');
    expect(r.accounts.map(([, u, p, l]) => [u, p, l])).toEqual([
      ['satoshi_jp31', 'Mew2&Strike', 31],
      ['kasumi_jp29', 'Togepi=Egg29', 29],
    ]);
  });

  it('Korean and Chinese headers with a row number, an e-mail before the level, and the ID alone as the login', async () => {
    const table = (rows: string[][]) => `<html><body><table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</table></body></html>`;
    const cases: [string[], string[][]][] = [
      [['번호', '아이디', '비밀번호', '이메일', '레벨'], [['1', 'jiwoo_kr30', 'Pik4!chu30', 'j30@naver.com', '30레벨'], ['2', 'ilu_kr27', 'Star!mie27', 'i27@naver.com', '27']]],
      [['ID', '帐号', '密码', '级别'], [['1', 'jiwoo_kr30', 'Pik4!chu30', '30'], ['2', 'ilu_kr27', 'Star!mie27', '27']]],
      [['ID', '비밀번호', '레벨'], [['jiwoo_kr30', 'Pik4!chu30', '30'], ['ilu_kr27', 'Star!mie27', '27']]],
    ];
    for (const [header, rows] of cases) {
      const r = await readDump(input('order.html', table([header, ...rows])));
      expect(r.accounts.map((a) => [a.username, a.password, a.level]), header.join('|')).toEqual([
        ['jiwoo_kr30', 'Pik4!chu30', 30],
        ['ilu_kr27', 'Star!mie27', 27],
      ]);
    }
  });
});

describe('labelled blocks with the e-mail before the level', () => {
  it('`Status: banned` in a block, and a Status column in an HTML grid, are the account\'s verdict, as a list\'s status column is', async () => {
    const text = 'Username: brock_rk31\nPassword: Onix!Rock31\nLevel: 31\nStatus: banned\n\nUsername: misty_wt27\nPassword: Star!mie27\nStatus: OK\n';
    const r = await readDump(input('order.txt', text));
    expect(r.accounts.map((a) => [a.username, a.level, a.state])).toEqual([
      ['brock_rk31', 31, 'perm_banned'],
      ['misty_wt27', undefined, 'ok'],
    ]);
    const html = '<table><tr><th>Status</th><th>Username</th><th>Password</th></tr><tr><td>temp banned</td><td>brock_rk31</td><td>Onix!Rock31</td></tr><tr><td>good</td><td>misty_wt27</td><td>Star!mie27</td></tr></table>';
    const h = await readDump(input('order.html', html));
    expect(h.accounts.map((a) => [a.username, a.password, a.state])).toEqual([
      ['brock_rk31', 'Onix!Rock31', 'temp_banned'],
      ['misty_wt27', 'Star!mie27', 'ok'],
    ]);
  });

  it('`Username` / `Password` / `Email` / `Level`: each level is its own block\'s, not the next one\'s', async () => {
    const text = 'Your accounts:\n\nUsername: brock_rk31\nPassword: Onix!Rock31\nEmail: brock31@mail.example\nLevel: 31\n\nUsername: misty_wt27\nPassword: Star!mie27\nEmail: misty27@mail.example\nEmail password: M4il!pw27\nLevel: 27\n';
    const r = await readDump(input('order.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['brock_rk31', 'Onix!Rock31', 31],
      ['misty_wt27', 'Star!mie27', 27],
    ]);
  });
});
