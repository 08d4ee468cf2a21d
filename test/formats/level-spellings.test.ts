// The family of spellings sellers write a level in after an account: `Lv30+` ("30 or more", as
// shops title their stock "Level 30+ PTC"), `lvl.30`, `L30`, `level: 30`, `level=30`, `lvl-30`,
// `[Lv 30]`, `(Lv.30+)`, `(30+)`, a column `:(30+)`. Read where the line says for certain where
// the password ends (a blank or a separator and a closed bracket before the level); refused by
// its line where it does not (`:( 30+`, `Pw( 30`, `:level: 30`: an opened bracket never closed,
// a level word glued to the password by a separator). PTC's sign-up form took `( ) [ ] < > -`
// and `+` as password symbols (sebastienvercammen/ptc-acc-gen `index.js`, `randomPassword()`'s
// comment "symbols (such as #?!@$%^&><+`*()-])"), so no password character may be eaten either way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

/** Read: the password exact, level 30. */
const CERTAIN = [
  ' Lv30+', ' lvl.30', ' L30', ' level: 30', ' level:30', ' level=30', ' level = 30', ' lvl-30', ' [Lv 30]', ' (Lv.30+)', ' [Lv-30]',
  ' Lvl30', ' LV.30', ' Lv. 30', ' (lvl: 30)', ' (Level: 30)', ' - Level 30+', ' 30+', ' (30+)', ' 30+lvl', ' LV30+ ✅',
];
/** A column after a separator: read when every line of the list has it, refused on a line alone (a password holding `:`?). */
const COLUMN = [':(30+)', ':Lv30+', ':lvl.30', ':lvl=30', ':level 30', ':[Lv 30]'];
/** Refused by their line: where the password ends is unsure. */
const UNSURE = [':( 30+', '( 30', ':level: 30', ':level 30', ':(30', '|[lvl 30'];

const OTHERS = 'nidoran_f22:Poison#Sting8\nclefairy_m1:Moon$Light27\n';

describe('level spellings after an account', () => {
  it('each certain spelling gives level 30 and the password exact, in a list and alone', async () => {
    for (const spelling of CERTAIN) {
      for (const text of [`sandshrew_7q:Sand!Attack4${spelling}\n${OTHERS}`, `sandshrew_7q:Sand!Attack4${spelling}\n`]) {
        const r = await readDump(input('stock.txt', text));
        expect(r.accounts.find((a) => a.username === 'sandshrew_7q'), JSON.stringify(text)).toMatchObject({ password: 'Sand!Attack4', level: 30 });
        expect(r.rejected, spelling).toEqual([]);
      }
    }
  });

  it('a level column in each spelling is read when every line has it, and refuses the one line that alone has it', async () => {
    for (const spelling of COLUMN) {
      const all = await readDump(input('stock.txt', `sandshrew_7q:Sand!Attack4${spelling}\n${OTHERS.replace(/\n/g, `${spelling.replace('30', '31')}\n`)}`));
      expect(all.accounts.map((a) => [a.password, a.level]), spelling).toEqual([['Sand!Attack4', 30], ['Poison#Sting8', 31], ['Moon$Light27', 31]]);
      const alone = await readDump(input('stock.txt', `sandshrew_7q:Sand!Attack4${spelling}\n${OTHERS}`));
      expect(alone.rejected.map((x) => x.line), spelling).toEqual([1]);
    }
  });

  it('each unsure spelling refuses its line only, never quoting the password; the others read', async () => {
    for (const spelling of UNSURE) {
      const r = await readDump(input('stock.txt', `sandshrew_7q:Sand!Attack4${spelling}\n${OTHERS}`));
      expect(r.accounts.map((a) => a.username), spelling).toEqual(['nidoran_f22', 'clefairy_m1']);
      expect(r.rejected.map((x) => x.line), spelling).toEqual([1]);
      expect(r.rejected[0]!.reason, spelling).not.toContain('Sand!Attack4');
    }
  });

  it('any PTC-form password with any spelling after it: read exact with its level, or refused by its line, never another password', async () => {
    const symbols = [...'#?!@$%^&><+`*()-]['];
    const char = fc.oneof(fc.constantFrom(...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789'), fc.constantFrom(...symbols));
    const password = fc.tuple(fc.array(char, { minLength: 5, maxLength: 12 }), fc.constantFrom('a', 'Z'), fc.constantFrom('1', '7')).map(([cs, l, d]) => l + cs.join('') + d);
    await fc.assert(
      fc.asyncProperty(password, fc.constantFrom(...CERTAIN, ...COLUMN, ...UNSURE), async (pw, spelling) => {
        const r = await readDump(input('stock.txt', `sandshrew_7q:${pw}${spelling}\n${OTHERS}`));
        const mine = r.accounts.find((a) => a.username === 'sandshrew_7q');
        if (mine) expect([mine.password, mine.level]).toEqual([pw, 30]);
        else expect(r.rejected.map((x) => x.line)).toEqual([1]);
        expect(r.accounts.filter((a) => a.username !== 'sandshrew_7q').map((a) => a.password)).toEqual(['Poison#Sting8', 'Moon$Light27']);
      }),
      { numRuns: 300 },
    );
  });

  // Some sellers put the level between the login and the password; a password may open with digits
  // and the separator too. Read as `user` / `30|Pw` the password was wrong: refused by its line.
  it('a number column between login and password (`user|30|pass`) refuses its line naming --columns user,level,pass, which reads it', async () => {
    for (const sep of ['|', ':', ',', ';']) {
      const text = `sandshrew_7q${sep}30${sep}Sand!Attack4\nnidoran_f22${sep}31${sep}Poison#Sting8\n`;
      const r = await readDump(input('stock.txt', text)).catch((e: Error) => e);
      expect(r, sep).toBeInstanceOf(Error);
      expect((r as Error).message, sep).toContain('a number between the login and the password');
      expect((r as Error).message, sep).toContain('--columns user,level,pass');
      expect((r as Error).message, sep).not.toContain('Sand!Attack4');
      const named = await readDump(input('stock.txt', text), { columns: ['user', 'level', 'pass'] });
      expect(named.accounts.map((a) => [a.username, a.password, a.level]), sep).toEqual([['sandshrew_7q', 'Sand!Attack4', 30], ['nidoran_f22', 'Poison#Sting8', 31]]);
    }
  });
});
