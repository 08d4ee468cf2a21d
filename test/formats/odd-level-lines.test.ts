// A last column of plain numbers that are no trainer level (1-50: model.ts isTrainerLevel): `70`, a
// year `2017`, a count `100`. Read as the level it would be invented; dropped, a column nobody
// looked at; kept in the password, the password wrong. Each such line is refused naming the number
// and the way through (`import --columns user,pass,-`, stated-columns.ts), in every separator a
// blank-separated list included (`user pass 2017` was read as a sentence, and a file of them as a
// newsletter); with the columns named, every account is read exact, the column read past.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { statedColumns } from '../../src/formats/lists/stated-columns.js';
import { input } from './helpers.js';

const ACCOUNTS: [string, string][] = [
  ['sandshrew_7q', 'Sand!Attack4'],
  ['nidoran_f22', 'Poison#Sting8'],
];

describe('a last column of numbers that are no level', () => {
  it('refuses each line naming the number and --columns, in every separator, one line or many', async () => {
    for (const sep of [' ', '\t', ':', ';', ',', ' | ', '|']) {
      for (const n of ['2017', '70', '100']) {
        for (const count of [1, 2]) {
          const text = ACCOUNTS.slice(0, count).map(([u, p]) => `${u}${sep}${p}${sep}${n}`).join('\n') + '\n';
          const what = JSON.stringify(text);
          const r = await readDump(input('stock.txt', text)).catch((e: Error) => e);
          // No account read; each line named with the number, never a password.
          const message = r instanceof Error ? r.message : JSON.stringify(r.rejected);
          if (!(r instanceof Error)) expect(r.accounts, what).toEqual([]);
          expect(message, what).toContain(`(${n}), no trainer level`);
          expect(message, what).toContain('--columns');
          expect(message, what).not.toContain('Sand!Attack4');
          expect(message, what).not.toContain('newsletter');
        }
      }
    }
  });

  it('a `user pass N` line among `user pass` or `user:pass` lines is refused by its line, the others read', async () => {
    for (const [text, levels] of [
      ['sandshrew_7q Sand!Attack4\nnidoran_f22 Poison#Sting8 2017\nclefairy_m1 Moon$Light27\n', [undefined, undefined]],
      ['sandshrew_7q Sand!Attack4 30\nnidoran_f22 Poison#Sting8 2017\nclefairy_m1 Moon$Light27 31\n', [30, 31]],
      ['sandshrew_7q:Sand!Attack4\nnidoran_f22 Poison#Sting8 2017\nclefairy_m1:Moon$Light27\n', [undefined, undefined]],
    ] as const) {
      const r = await readDump(input('stock.txt', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), text).toEqual([
        [1, 'sandshrew_7q', 'Sand!Attack4', levels[0]],
        [3, 'clefairy_m1', 'Moon$Light27', levels[1]],
      ]);
      expect(r.rejected.map((x) => x.line), text).toEqual([2]);
      expect(r.rejected[0]!.reason, text).toContain('(2017), no trainer level');
    }
  });

  it('with the columns named (--columns user,pass,-) every account is read exact, the number read past', async () => {
    const columns = statedColumns('user,pass,-');
    if ('problem' in columns) throw new Error(columns.problem);
    for (const sep of [' ', '\t', ':', ';', ' | ']) {
      const text = ACCOUNTS.map(([u, p], i) => `${u}${sep}${p}${sep}${['2017', '70'][i]}`).join('\n') + '\n';
      const r = await readDump(input('stock.txt', text), { columns });
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), JSON.stringify(text)).toEqual([
        [1, 'sandshrew_7q', 'Sand!Attack4', undefined],
        [2, 'nidoran_f22', 'Poison#Sting8', undefined],
      ]);
      expect(r.why).toBe('--columns user,pass,-');
    }
  });

  it('--columns names a level elsewhere (`-,user,pass,level`), and is refused when it names no password or a column twice', async () => {
    const columns = statedColumns('-,user,pass,level');
    if ('problem' in columns) throw new Error(columns.problem);
    const r = await readDump(input('stock.txt', '2017;sandshrew_7q;Sand!Attack4;30\n'), { columns });
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['sandshrew_7q', 'Sand!Attack4', 30]]);
    expect(statedColumns('user,-')).toEqual({ problem: expect.stringContaining('password column') });
    expect(statedColumns('user,pass,user')).toEqual({ problem: expect.stringContaining('named twice') });
    expect(statedColumns('user,pass,year')).toEqual({ problem: expect.stringContaining('"year" names no column') });
    await expect(readDump(input('stock.txt', 'a1:b2\n'), { columns, format: 'monocle' })).rejects.toThrow(/--columns reads a list/);
  });
});
