// A level glued to the end of a password (`user:Pw12345!(30)`, `[30]`, `{lvl30}`, `-L30`): PTC's
// sign-up form took `(`, `)`, `[`, `]`, `<`, `>` and `-` as password symbols (sebastienvercammen/
// ptc-acc-gen `index.js`, `randomPassword()`'s comment and its `symbols` list), so `(30)` may be the
// password's own end. Such a line is refused naming it, the list's other accounts read exact;
// after a blank (`user:pass (30)`) the level is read, as sellers write it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gluedLevelReason, markedLevelReason } from '../../src/formats/lists/glued-level.js';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const GLUED = ['(30)', '[30]', '{30}', '<30>', '（30）', '【30】', '(30+)', '(lvl30)', '(Lv.30)', '[L30]', '{lvl30}', '(30 lvl)', '(Seviye 30)', '-L30', '_lvl30', '|L30', '/lv30', '-Level30', '!lvl30'];

describe('a level glued to the password', () => {
  it('on a blank-separated line too (`user Pw(30 lvl)`): refused by its line, never a sentence, a file of them never a newsletter', async () => {
    for (const glued of ['(30 lvl)', '(lvl 30)', '(Level 30)', '(30 Stufe)', '[Lv. 30]']) {
      const text = `sandshrew_7q Sand!Attack4${glued}\nnidoran_f22 Poison#Sting8\n`;
      const r = await readDump(input('stock.txt', text));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), glued).toEqual([[2, 'nidoran_f22', 'Poison#Sting8', undefined]]);
      expect(r.rejected.map((x) => x.line), glued).toEqual([1]);
      expect(r.rejected[0]!.reason, glued).toMatch(/glued to it.*unsure/);
      await expect(readDump(input('stock.txt', `sandshrew_7q Sand!Attack4${glued}\n`)), glued).rejects.toThrow(/1 line rejected \(line 1: the password ends in .*glued/);
    }
  });

  it('in a column of its own after a separator (`user:Pw:(30 lvl)`, `user|Pw|Lv.30`): the separator ends the password, the level is read', async () => {
    for (const [sep, cell] of [[':', '(30 lvl)'], ['|', 'Lv.30'], [';', '[30]'], [',', '(lvl 30)'], [' | ', '(Level 30)']] as const) {
      const text = `sandshrew_7q${sep}Sand!Attack4${sep}${cell}\nnidoran_f22${sep}Poison#Sting8${sep}${cell.replace('30', '31')}\n`;
      const r = await readDump(input('stock.txt', text));
      expect(r.accounts.map((a) => [a.username, a.password, a.level]), text).toEqual([['sandshrew_7q', 'Sand!Attack4', 30], ['nidoran_f22', 'Poison#Sting8', 31]]);
    }
  });

  it('refuses the line naming it, in every separator; the other accounts are read exact', async () => {
    for (const glued of GLUED) {
      // (A blank inside the brackets makes a blank-separated line three words: not this case.)
      for (const sep of glued.includes(' ') ? [':', ',', ';', '\t', '|'] : [':', ',', ';', ' ', '\t', '|']) {
        const text = `sandshrew_7q${sep}Sand!Attack4${glued}\nnidoran_f22${sep}Poison#Sting8\nclefairy_m1${sep}Moon$Light27\n`;
        const r = await readDump(input('stock.txt', text));
        const what = JSON.stringify(text);
        expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level]), what).toEqual([
          [2, 'nidoran_f22', 'Poison#Sting8', undefined],
          [3, 'clefairy_m1', 'Moon$Light27', undefined],
        ]);
        expect(r.rejected.map((x) => x.line), what).toEqual([1]);
        expect(r.rejected[0]!.reason, what).toMatch(/glued to it.*unsure/);
        // The reason names the shape, never the password.
        expect(r.rejected[0]!.reason, what).not.toContain('Sand!Attack4');
      }
    }
  });

  it('a level word left at the password\'s end, its number cut off at a blank (`user:Pw(Level 30)`, `user|Pw|lvl 30` on a line alone), refuses the line, never a password `Pw|lvl`', async () => {
    for (const text of ['sandshrew_7q|Sand!Attack4|lvl 30\nnidoran_f22|Poison#Sting8\nclefairy_m1|Moon$Light27\n', 'sandshrew_7q:Sand!Attack4(Level 30)\nnidoran_f22:Poison#Sting8(Seviye 31)\n']) {
      const r = await readDump(input('stock.txt', text)).catch((e: Error) => e);
      if (r instanceof Error) expect(r.message, text).toMatch(/2 lines rejected \(line 1: the password ends in/);
      else expect([r.rejected.map((x) => x.line), r.rejected[0]!.reason], text).toEqual([[1], expect.stringContaining('the password ends in')]);
    }
  });

  it('`user|Pw|lvl 30` on every line is a level column: the cell `lvl 30` read whole (level-cell.ts), never cut at its blank', async () => {
    const r = await readDump(input('stock.txt', 'sandshrew_7q|Sand!Attack4|lvl 30\nnidoran_f22|Poison#Sting8|lvl 31\n'));
    expect(r.accounts.map((a) => [a.password, a.level])).toEqual([['Sand!Attack4', 30], ['Poison#Sting8', 31]]);
  });

  it('a whole list of such lines (one seller\'s habit) is refused line by line, nothing imported', async () => {
    const text = 'sandshrew_7q:Sand!Attack4(30)\nnidoran_f22:Poison#Sting8(31)\nclefairy_m1:Moon$Light27(29)\n';
    await expect(readDump(input('stock.txt', text))).rejects.toThrow(/3 lines rejected \(line 1: the password ends in a bracketed number/);
  });

  it('after a blank the level is read; a bracket that is no level (`(2017)`, `(99)`), or no mark before `L30`, stays in the password', async () => {
    const text = 'sandshrew_7q:Sand!Attack4 (30)\nnidoran_f22:Poison#Sting8 -L31\nclefairy_m1:Moon(2017)\nvulpix_k2:Fire(99)\njigglypuff_3:SingL30\nzubat_77:Wing!30\n';
    const r = await readDump(input('stock.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['sandshrew_7q', 'Sand!Attack4', 30],
      ['nidoran_f22', 'Poison#Sting8', 31],
      ['clefairy_m1', 'Moon(2017)', undefined],
      ['vulpix_k2', 'Fire(99)', undefined],
      ['jigglypuff_3', 'SingL30', undefined],
      ['zubat_77', 'Wing!30', undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('where the end is stated, the password keeps what is written: a CSV\'s quoted field, a header\'s column, a mail\'s label', async () => {
    const quoted = await readDump(input('stock.csv', '"sandshrew_7q","Sand!Attack4(30)"\n"nidoran_f22","Poison#Sting8"\n'));
    expect(quoted.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['sandshrew_7q', 'Sand!Attack4(30)', undefined], ['nidoran_f22', 'Poison#Sting8', undefined]]);
    const headed = await readDump(input('stock.csv', 'username,password\nsandshrew_7q,Sand!Attack4[30]\nnidoran_f22,Poison#Sting8\n'));
    expect(headed.accounts.map((a) => [a.username, a.password])).toEqual([['sandshrew_7q', 'Sand!Attack4[30]'], ['nidoran_f22', 'Poison#Sting8']]);
    const mail = await readDump(input('mail.txt', 'Username: sandshrew_7q\nPassword: Sand!Attack4<30>\n\nUsername: nidoran_f22\nPassword: Poison#Sting8\n'));
    expect(mail.accounts.map((a) => [a.username, a.password])).toEqual([['sandshrew_7q', 'Sand!Attack4<30>'], ['nidoran_f22', 'Poison#Sting8']]);
  });

  it('stock joined on one line with a glued level in an item is refused whole, never half read', async () => {
    await expect(readDump(input('stock.txt', 'sandshrew_7q:Sand!Attack4(30), nidoran_f22:Poison#Sting8\n'))).rejects.toThrow(/line 1: unsure/);
  });
});

describe('a separator and a bracket never closed, a level in it, ending the password', () => {
  // `user:Pw:(30`: a level column whose `)` was lost, or the password's own end; unsure either way.
  it('refuses the line by its number in every separator and bracket, never a password `Pw:(30`, the other accounts read', async () => {
    for (const sep of [':', '|', ';']) {
      for (const tail of ['(30', '[30', '{lvl 30', '(Level 31', '<L25', '【30', '(30+']) {
        const lines = ['sandshrew_7q', 'Sand!Attack4', 'nidoran_f22', 'Poison#Sting8'];
        const text = `${lines[0]}${sep}${lines[1]}\nclefairy_m1${sep}Moon$Light27${sep}${tail}\n${lines[2]}${sep}${lines[3]}\n`;
        const r = await readDump(input('stock.txt', text));
        const what = JSON.stringify(text);
        expect(r.accounts.map((a) => [a.username, a.password]), what).toEqual([['sandshrew_7q', 'Sand!Attack4'], ['nidoran_f22', 'Poison#Sting8']]);
        expect(r.rejected.map((x) => x.line), what).toEqual([2]);
        expect(r.rejected[0]!.reason, what).not.toContain('Moon$Light27');
      }
    }
  });

  it('a bracket that is the password own (no separator before it, no level after it) stays in the password', async () => {
    for (const password of ['Moon(30', 'Moon:(Light27', 'Moon$Light27:(2017']) {
      const r = await readDump(input('stock.txt', `sandshrew_7q:Sand!Attack4\nclefairy_m1:${password}\n`));
      expect(r.accounts.map((a) => a.password), password).toEqual(['Sand!Attack4', password]);
    }
  });

  it('the list reader\'s one-scan pairs ask the marked-level look alone: for a password without brackets ending in a digit it answers as the whole look', () => {
    // plain-pairs.ts skips the bracket looks for its passwords (letters, digits, `_.-!?%*$&^`);
    // here also blanks, `:#=|/~+` and level words, where a marked level is found or missed.
    const part = fc.oneof(
      fc.constantFrom(...'aZ09_.-!?%*$&^:#=|/~+ '),
      fc.constantFrom('L', 'l', 'lv', 'lvl', 'Lv.', 'level', 'Level ', 'Seviye', 'Stufe', 'уровень', '等级', '30', '3', '100'),
    );
    const password = fc.tuple(fc.array(part, { maxLength: 8 }), fc.integer({ min: 0, max: 99 })).map(([parts, n]) => parts.join('') + String(n));
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9]{2,8}:$/), password, (login, p) => {
        const s = login + p;
        expect(markedLevelReason(s, login.length)).toBe(gluedLevelReason(s, login.length));
      }),
      { numRuns: 2000 },
    );
  });
});
