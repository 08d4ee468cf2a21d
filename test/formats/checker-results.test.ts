// A checker's result after each account, in labelled fields (`user:pass | Level: 30 | Banned:
// False`): the level and the verdict are the account's, and no field ends up in a password.
// Checker outputs without passwords (PGNumbra's accounts-info.txt, node-check-account's
// output.csv) hold no accounts. Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = async (name: string, text: string) =>
  (await readDump(input(name, text))).accounts.map((a) => [a.username, a.password, a.level, a.state, a.provider]);

describe('checker result lines', () => {
  it('`user:pass | Level: 30 | Banned: False`: the level and the checker\'s verdict are the account\'s (banned, shadowbanned, warned, wrong credentials, clean)', async () => {
    const r = await readDump(fixture('checker-results.txt'));
    expect(r.format).toBe('plain');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [1, 'ashketch01', 'Pikachu123', 30, 'ok'],
      [2, 'mistyw02', 'Starmie456', 24, 'perm_banned'],
      [3, 'brock03x', 'Onix789zz', 31, 'blind'],
      [4, 'gary_oak4', 'Eevee!Evo5', 27, 'warned'],
      [5, 'tracey_s6', 'Scyther#7', 12, 'invalid'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('other separators and spellings: ` - `, a tab, `Lvl 27`, `Status: Banned`, `Yes`/`No`, statistics fields read past', async () => {
    const text = [
      'ashketch01:Pikachu123 - Lvl 27 - Status: Banned',
      'mistyw02:Starmie456\tLevel: 30\tXP: 2450111\tTeam: Mystic\tBanned: No',
      'brock03x,Onix789zz | Level: 31 | Shadowban: Yes | Captcha: No',
      'gary_oak4:Eevee!Evo5 | Provider: google | Level: 22',
    ].join('\n');
    expect(await read('checked.txt', text)).toEqual([
      ['ashketch01', 'Pikachu123', 27, 'perm_banned', undefined],
      ['mistyw02', 'Starmie456', 30, 'ok', undefined],
      ['brock03x', 'Onix789zz', 31, 'blind', undefined],
      ['gary_oak4', 'Eevee!Evo5', 22, undefined, 'google'],
    ]);
  });

  it('a field the checker does not report ends no password: only known fields are read off the end', async () => {
    const text = 'ashketch01:Pika/chu - Level: 30\nmistyw02:Star - Banned: maybe - Level: 24\n';
    const r = await readDump(input('checked.txt', text), { format: 'plain' });
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state])).toEqual([
      ['ashketch01', 'Pika/chu', 30, undefined],
      ['mistyw02', 'Star - Banned: maybe', 24, undefined],
    ]);
  });

  // Stop 38, list-layout property (seed -1031861845): `Km=#*_,` after a tab was read as the km walked
  // (a statistic label and any value), so line 1 lost its password and the list its `,` terminator:
  // lines 2-3 kept the `,` in theirs. A statistic's value is a count (checker-fields.ts).
  it('a password that opens with a statistic\'s label (`aa0<TAB>Km=#*_,`) is no statistic: its value is no count', async () => {
    const r = await readDump(input('stock.txt', 'aa0\tKm=#*_,\naa0:&&=,\naa0:@!A,\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'aa0', 'Km=#*_'],
      [2, 'aa0', '&&='],
      [3, 'aa0', '@!A'],
    ]);
    expect(r.rejected).toEqual([]);
    expect(await read('checked.txt', 'ashketch01\tXp=Pika#1\nmistyw02\tStardust:!x9\nbrock03x:Onix789zz | Level: 31 | KM: 41.2 km | Pokemon: 150/250 | XP: n/a\n')).toEqual([
      ['ashketch01', 'Xp=Pika#1', undefined, undefined, undefined],
      ['mistyw02', 'Stardust:!x9', undefined, undefined, undefined],
      ['brock03x', 'Onix789zz', 31, undefined, undefined],
    ]);
  });

  // The same list's other half: a note read off one line (a comment, a checker's field, a level)
  // took that line's `,` with it, so the list had no terminator and every other password kept its
  // `,`. The terminator is judged on each line as written (list-layout.ts).
  it('a note on one line of a list whose lines end with `,` (`# sold,`, `| Level: 30,`, `<TAB>Km=12,`) leaves the other passwords without the `,`', async () => {
    for (const [first, password] of [
      ['ash01:Pika1 # sold,', 'Pika1'],
      ['ash01:Pika1 | Level: 30,', 'Pika1'],
      ['ash01:Pika1 - fresh,', 'Pika1'],
      ['ash01:Pika1 // reserved,', 'Pika1'],
      ['ash01\tKm=12,', undefined],
    ] as const) {
      const r = await readDump(input('stock.txt', `${first}\nmisty2:Star2!,\nbrock3:Onix,3,\n`));
      const want = [...(password ? [[1, 'ash01', password]] : []), [2, 'misty2', 'Star2!'], [3, 'brock3', 'Onix,3']];
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), first).toEqual(want);
      // A login and a checker's field, no password: refused by line, never read with a wrong one.
      expect(r.rejected.map((j) => j.line), first).toEqual(password ? [] : [1]);
      // Issue 14 (stop 39): refused as unsure, what it read named, not as a line without a password.
      if (!password) expect(r.rejected[0]!.reason).toMatch(/^unsure: after the login only what reads as a checker's field/);
    }
  });

  it('PGNumbra\'s accounts-info.txt (usernames, flags, level and statistics, no password) holds no accounts', async () => {
    await expect(readDump(fixture('pgnumbra-accounts-info.txt'))).rejects.toThrow(/no accounts found.*looks like a table/);
  });

  it('node-check-account\'s output.csv (`username,banned,warn,store,iap`) holds no accounts: `false,true,true,false` is no password', async () => {
    await expect(readDump(fixture('node-check-account-output.csv'))).rejects.toThrow(/no accounts found.*a table/);
  });
});
