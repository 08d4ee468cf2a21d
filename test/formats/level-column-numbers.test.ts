// A third column of plain numbers after `user | pass`, `user<TAB>pass`, `user:pass`, `user pass`:
// sellers' "user pass level" stock (column-roles.ts). A number that is a trainer level (1-50,
// model.ts) is the account's level; one that is none (`70`, a year `2017`) was dropped unseen or
// kept as the level column's "extra" before (the level of every other line lost with it): now
// that line alone is refused, naming the number, and the others keep their levels. `0` stays
// "no level" (seller-levels.test.ts).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const SEPS = [' | ', '\t', ':', ',', ';', ' '];
const rows = (sep: string, third: (string | undefined)[]) =>
  third.map((v, i) => [`trainer_${i}x`, `Pika!chu${i}`, ...(v === undefined ? [] : [v])].join(sep)).join('\n') + '\n';
const read = async (sep: string, third: (string | undefined)[]) => {
  const r = await readDump(input('stock.txt', rows(sep, third)));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.level]), rejected: r.rejected.map((x) => [x.line, x.reason]) };
};

describe('a third column of numbers after the password', () => {
  it.each(SEPS)('of levels is the level, the password exact (separator %j)', async (sep) => {
    const r = await read(sep, ['30', '25', '1', '50']);
    expect(r.accounts).toEqual([[1, 'trainer_0x', 'Pika!chu0', 30], [2, 'trainer_1x', 'Pika!chu1', 25], [3, 'trainer_2x', 'Pika!chu2', 1], [4, 'trainer_3x', 'Pika!chu3', 50]]);
    expect(r.rejected).toEqual([]);
  });

  it.each(SEPS)('a line holding no level there (70, 2017) is refused naming it; the others keep their levels (separator %j)', async (sep) => {
    // A blank-separated line ending in a year reads as a sentence, skipped and shown (never an account).
    for (const odd of sep === ' ' ? ['70', '99', '51'] : ['70', '99', '2017', '51']) {
      const r = await read(sep, ['30', '25', odd]);
      expect(r.accounts, `${sep} ${odd}`).toEqual([[1, 'trainer_0x', 'Pika!chu0', 30], [2, 'trainer_1x', 'Pika!chu1', 25]]);
      expect(r.rejected.map(([line]) => line), `${sep} ${odd}`).toEqual([3]);
      expect(String(r.rejected[0]![1]), `${sep} ${odd}`).toContain(`(${odd})`);
      expect(String(r.rejected[0]![1])).not.toContain('Pika');
    }
  });

  it.each(SEPS)('a line without the column is read with no level; lines with it keep theirs (separator %j)', async (sep) => {
    const r = await read(sep, ['30', undefined, '25']);
    expect(r.accounts).toEqual([[1, 'trainer_0x', 'Pika!chu0', 30], [2, 'trainer_1x', 'Pika!chu1', undefined], [3, 'trainer_2x', 'Pika!chu2', 25]]);
    expect(r.rejected).toEqual([]);
  });

  it.each(SEPS)('numbers none of which is a level (years, > 50) are never read as levels nor kept in a password (separator %j)', async (sep) => {
    const r = await readDump(input('stock.txt', rows(sep, ['1999', '2004', '75']))).catch((e: Error) => e);
    // Every line refused: the read fails naming them, nothing imported.
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toMatch(sep === ' ' ? /line 3: a number where the list's level goes \(75\)/ : /line 1: a number where the list's level goes \(1999\)/);
    expect((r as Error).message).not.toContain('Pika');
  });
});

// Stop 63 (L): the same column written first, no header naming it (`30|ash01|Pw`). A login is never a
// bare number of one or two digits; numbers counting the rows from 1 are a counter (line-counters.ts).
// No writer of this layout was found in the code corpus (searched: level-first account files); the
// shape is a seller's stock as stop 62 (L) left it (docs/scale-log.md), the values made up.
describe('a first column of numbers before the login, no header', () => {
  const front = (sep: string, first: number[]) => first.map((n, i) => [String(n), `trainer_${i}x`, `Pika!chu${i}`].join(sep)).join('\n') + '\n';
  const readFront = async (text: string) => {
    const r = await readDump(input('stock.txt', text));
    return r.accounts.map((a) => [a.line, a.username, a.password, a.level]);
  };

  it.each(['|', ';', ',', '\t', ' | '])('holding levels, repeated or varying (30, 31, 32 too), is the level, never the login (separator %j)', async (sep) => {
    for (const levels of [[30, 30, 30], [35, 27, 30], [30, 31, 32], [5, 6, 7]]) {
      expect(await readFront(front(sep, levels)), `${sep} ${levels}`).toEqual(levels.map((n, i) => [i + 1, `trainer_${i}x`, `Pika!chu${i}`, n]));
    }
    // The same in a letter around the stock.
    const r = await readDump(input('stock.txt', `Hi Ash,\n\nhere are your accounts:\n\n${front(sep, [35, 27, 30])}\nBest regards,\nShop\n`));
    expect(r.accounts.map((a) => [a.line, a.username, a.level]), sep).toEqual([[5, 'trainer_0x', 35], [6, 'trainer_1x', 27], [7, 'trainer_2x', 30]]);
  });

  it.each(['|', ';', ','])('counting the rows from 1 is a counter, dropped; one line alone or a number no level is read as before (separator %j)', async (sep) => {
    expect(await readFront(front(sep, [1, 2, 3]))).toEqual([0, 1, 2].map((i) => [i + 1, `trainer_${i}x`, `Pika!chu${i}`, undefined]));
    // `Level;Login;Password` above: the header's columns, as written.
    expect(await readFront(`Level${sep}Login${sep}Password\n${front(sep, [30, 35])}`)).toEqual([[2, 'trainer_0x', 'Pika!chu0', 30], [3, 'trainer_1x', 'Pika!chu1', 35]]);
    for (const text of [front(sep, [30]), front(sep, [30, 70])]) {
      const r = await readDump(input('stock.txt', text)).catch((e: Error) => e);
      expect(r, text).toBeInstanceOf(Error);
      expect((r as Error).message).not.toContain('Pika');
    }
  });
});
