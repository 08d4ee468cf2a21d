// A list's layout is decided by its first lines; a table with a header of its own further down
// (a Monocle accounts.csv pasted under 250 `user:pass` lines: RaizeTheLimit/Monocle
// `monocle/accounts.py` import_file's fieldnames `username,password,provider,model,iOS,id`, the
// model `iPhone9,1` quoted by Python's csv writer) was read with the list's layout: each row split
// at its first `,`, the rest of the row imported as its password. Its rows are now refused by line,
// naming the header; the list above it is read as before.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const list = Array.from({ length: 250 }, (_, i) => `plainuser${String(i).padStart(3, '0')}:Pika!${String(i).padStart(4, '0')}x`);
const header = 'username,password,provider,model,iOS,id';

describe('a table with its own header past the lines the layout is decided by', () => {
  for (const [what, row] of [
    ['quoted as Monocle writes it', (i: number) => `monuser00${i},Pw000${i}!x,ptc,"iPhone9,1",10.2,0123456789abcdef0123456789abcdef`],
    ['its model not quoted (one cell more than the header)', (i: number) => `monuser00${i},Pw000${i}!x,ptc,iPhone9,1,10.2,0123456789abcdef0123456789abcdef`],
  ] as const) {
    it(`its rows are refused naming the header, never read with the list's layout (${what})`, async () => {
      const text = [...list, '', header, ...[0, 1, 2].map(row)].join('\n') + '\n';
      const r = await readDump(input('stock.txt', text));
      expect(r.accounts).toHaveLength(250);
      expect(r.accounts.at(-1)).toMatchObject({ username: 'plainuser249', password: 'Pika!0249x' });
      expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
        [252, expect.stringContaining('header')],
        ...[253, 254, 255].map((line) => [line, expect.stringContaining('a row of the table under the header on line 252 (6 columns split by `,`)')]),
      ]);
      expect(JSON.stringify(r.accounts)).not.toMatch(/monuser|iPhone/);
    });
  }

  it('a list whose lines split by another separator after a header of the same separator is one table, read as before', async () => {
    const text = ['username,password,level', ...Array.from({ length: 220 }, (_, i) => `ashk${i}x,Pw${i}!ab,30`)].join('\n') + '\n';
    const r = await readDump(input('stock.csv', text));
    expect(r.accounts).toHaveLength(220);
    expect(r.rejected).toEqual([]);
  });
});
