// A level written after a labelled password (`密码：Pw (30)`, `Password: Pw (lvl 30)`, `pass: Pw [L30]`),
// as sellers annotate a delivery: the level is the account's and never inside its password. A
// bracketed note that is no level (`(ptc)`, `(99)`, `(2017)`) leaves the password's end unsure: refused.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

/** Written after the password, and the level each states. */
const LEVELS: [string, number][] = [
  [' (30)', 30],
  [' [30]', 30],
  [' (lvl 30)', 30],
  [' [L30]', 30],
  [' (Lv.30)', 30],
  [' (30 lvl)', 30],
  [' (level 31)', 31],
  [' (30级)', 30], // Chinese: the number before 级 ("level")
  [' （30）', 30], // full-width brackets, as Chinese and Japanese text writes them
  [' 【29】', 29],
  [' - 30', 30],
];
const NOT_LEVELS = [' (ptc)', ' (99)', ' (2017)', ' (0)', ' [fresh]'];
/** The labels a login and a password are given: English, the short forms, Chinese, Russian. */
const LABELS: [string, string][] = [
  ['Username: ', 'Password: '],
  ['user: ', 'pass: '],
  ['账号：', '密码：'],
  ['Логин: ', 'Пароль: '],
];

describe('a level after a labelled password, on its own line', () => {
  it('gives the password exact and the stated level, whatever the labels', async () => {
    for (const [user, pass] of LABELS)
      for (const [tail, level] of LEVELS) {
        const text = `${user}pikachu1\n${pass}Pw12345!${tail}\n\n${user}bulba22\n${pass}Xy!9876a\n`;
        const r = await readDump(input('delivery.txt', text));
        expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level ?? null]), text).toEqual([
          [1, 'pikachu1', 'Pw12345!', level],
          [4, 'bulba22', 'Xy!9876a', null],
        ]);
      }
  });

  it('a bracketed note that is no level is refused naming its line, the other account kept', async () => {
    for (const [user, pass] of LABELS)
      for (const tail of NOT_LEVELS) {
        const text = `${user}pikachu1\n${pass}Pw12345!${tail}\n\n${user}bulba22\n${pass}Xy!9876a\n`;
        const r = await readDump(input('delivery.txt', text));
        expect(r.accounts.map((a) => [a.username, a.password]), text).toEqual([['bulba22', 'Xy!9876a']]);
        expect(r.rejected, text).toEqual([{ line: 2, reason: expect.stringContaining('where the password ends is unsure') }]);
        expect(JSON.stringify(r.rejected)).not.toContain('Pw12345!');
      }
  });
});

describe('a bare number after a labelled password and a blank (`Password: Pw12345! 30`)', () => {
  it('is refused naming its line: the level or the password\'s end, unsure; the other account kept', async () => {
    for (const [user, pass] of LABELS)
      for (const tail of [' 30', ' 1', '  5']) {
        const text = `${user}pikachu1\n${pass}Pw12345!${tail}\n\n${user}bulba22\n${pass}Xy!9876a\n`;
        const r = await readDump(input('delivery.txt', text));
        expect(r.accounts.map((a) => [a.username, a.password]), text).toEqual([['bulba22', 'Xy!9876a']]);
        expect(r.rejected, text).toEqual([{ line: 2, reason: expect.stringContaining('a number after the password and a blank') }]);
        expect(JSON.stringify(r.rejected)).not.toContain('Pw12345!');
      }
  });

  it('a number no level can be, or words with blanks, stay the password as before', async () => {
    // A password an HTML cell shows with a space (formats.md: `&nbsp;` is a space) is kept whole.
    for (const password of ['Pw12345! 99', 'my pass 30']) {
      const r = await readDump(input('delivery.txt', `Username: pikachu1\nPassword: ${password}\n`));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['pikachu1', password]]);
    }
  });
});

describe('a level after the password labelled on the login\'s line (`cn0acc01 密码：Pw (30)`)', () => {
  it('gives the password exact and the level', async () => {
    for (const label of ['密码：', '密碼: ', 'パスワード：', 'Password: '])
      for (const [tail, level] of LEVELS) {
        const text = `pikachu1 ${label}Pw12345!${tail}\nbulba22 ${label}Xy!9876a\n`;
        const r = await readDump(input('stock.txt', text));
        expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level ?? null]), text).toEqual([
          [1, 'pikachu1', 'Pw12345!', level],
          [2, 'bulba22', 'Xy!9876a', null],
        ]);
      }
  });

  it('words or a number that is no level after it: refused, never inside the password', async () => {
    for (const tail of [' (ptc)', ' (99)', ' sold', ' 30']) {
      const text = `pikachu1 密码：Pw12345!${tail}\nbulba22 密码：Xy!9876a\n`;
      const r = await readDump(input('stock.txt', text));
      expect(r.accounts.map((a) => [a.username, a.password]), text).toEqual([['bulba22', 'Xy!9876a']]);
      expect(r.rejected.map((x) => x.line), text).toEqual([1]);
    }
  });
});

describe('labelled fields apart by an ideographic space (U+3000), as a Japanese or Chinese keyboard types the blank', () => {
  it('reads each login and password exact: the list reader splitting there takes labels for logins, no rival', async () => {
    // Stop 60's survey: `ユーザー名：x　パスワード：y` was "unsure" between the letter's reader (exact) and the
    // list's, whose every login was `ユーザー名：x`, a name no game's login can be (login-names.ts).
    for (const [login, pass] of [['ユーザー名：', 'パスワード：'], ['帳號：', '密碼：'], ['ID：', 'PW：']]) {
      const text = `${login}trainer_osaka1\u3000${pass}Namba!Osk91\n${login}trainer_osaka2\u3000${pass}Namba!Osk92\n`;
      const r = await readDump(input('delivery.txt', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), text).toEqual([
        [1, 'trainer_osaka1', 'Namba!Osk91'],
        [2, 'trainer_osaka2', 'Namba!Osk92'],
      ]);
    }
  });
});
