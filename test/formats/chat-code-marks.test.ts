// Discord and Telegram sellers wrap each field in inline code (`` `login`:`password` ``), so a
// tap copies one; Telegram shop bots write `Login: `x`` / `Password: `y``, with emoji before the
// labels, and Discord posts bold or spoil a label's value. On main the first was refused as "code
// or data", and the labelled values were imported WITH their marks (the account `` `eevee_t01` ``,
// password `**Pw**`): accounts no one owns. The marks are read past only when they wrap a whole
// field; a backtick inside a field leaves the line to be refused, never guessed apart.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';

describe('each field in inline code', () => {
  it('`login`:`password`, `login` `password`, a spaced mark between them, and a level column', async () => {
    const r = await readExact('seller-code-fields.txt');
    expect(r.accounts).toEqual([
      [1, 'jigglypuff_c1', 'Sing!Pound01', undefined, undefined],
      [2, 'wigglytuff_c2', 'Double#Slap02', undefined, undefined],
      [3, 'clefairy_c3', 'Moon!Blast03', undefined, undefined],
      [4, 'clefable_c4', 'Meteor#Mash04', undefined, undefined],
      [5, 'igglybuff_c5', 'Sweet#Kiss05', 30, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a backtick inside a field, or separators written differently, refuses the line: never an account holding a backtick', async () => {
    const r = await readDump(input('stock.txt', '`jigglypuff_c1`:`Sing!Pound01`\n`wigglytuff_c2`:`Double#Slap02`\n`igglybuff_c5`:`Sweet`Kiss05`\n`pichu_c6`:`Nuzzle!06` `30`\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'jigglypuff_c1', 'Sing!Pound01'],
      [2, 'wigglytuff_c2', 'Double#Slap02'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([3, 4]);
    expect(JSON.stringify(r)).not.toContain('Kiss05');
  });
});

describe("a Telegram shop bot's delivery", () => {
  it('labels after emoji, values in code, bold or a spoiler: the account without the marks, its level', async () => {
    const r = await readExact('seller-telegram-bot.txt');
    expect(r.accounts).toEqual([
      [4, 'eevee_t01', 'Quick!Attack01', 30, undefined],
      [8, 'vaporeon_t02', 'Water#Gun02', undefined, undefined],
      [10, 'jolteon_t03', 'Thunder!Shock3', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a mark on one side only stays part of the value (`Password: Pw1!`` is no code span)', async () => {
    const r = await readDump(input('bot.txt', 'Login: eevee_t01\nPassword: Quick!Attack01`\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['eevee_t01', 'Quick!Attack01`']]);
  });
});
