// A table whose first column numbers its rows under a sign, not a word: `#,login,password` over
// `1,ash01,...` (a spreadsheet's row numbers kept in a CSV export), `№;Логин;Пароль`, `N°;...`.
// The sign names a column read past, as `No`/`Nr`/`ID` are (src/formats/lists/columns.ts); a `#`
// followed straight by the separator is no comment mark, so the line stays the header.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const read = async (text: string) => (await readDump(input('accounts.csv', text))).accounts.map((a) => [a.line, a.username, a.password, a.level]);

describe('a row-number column named by a sign', () => {
  it('`#,login,password` over numbered rows: every account, the number never a login', async () => {
    expect(await read('#,login,password\n1,ash_k01,Pika1!x\n2,misty02,W4ter!y\n3,brock03,R0ck!z\n')).toEqual([
      [2, 'ash_k01', 'Pika1!x', undefined],
      [3, 'misty02', 'W4ter!y', undefined],
      [4, 'brock03', 'R0ck!z', undefined],
    ]);
  });

  it.each([
    ['#;login;password;level', ';'],
    ['#\tUsername\tPassword\tLevel', '\t'],
    ['№;Логин;Пароль;Уровень', ';'],
    ['N°,Username,Password,Level', ','],
  ])('%j: its level column read too', async (header, sep) => {
    const rows = [['1', 'ash_k01', 'Pika1!x', '30'], ['2', 'misty02', 'W4ter!y', '25']].map((r) => r.join(sep));
    expect(await read(`${header}\n${rows.join('\n')}\n`)).toEqual([
      [2, 'ash_k01', 'Pika1!x', 30],
      [3, 'misty02', 'W4ter!y', 25],
    ]);
  });

  it('a `# comment` line above a list stays a comment', async () => {
    expect(await read('# accounts, login,password\nash_k01,Pika1!x\nmisty02,W4ter!y\n')).toEqual([
      [2, 'ash_k01', 'Pika1!x', undefined],
      [3, 'misty02', 'W4ter!y', undefined],
    ]);
  });
});
