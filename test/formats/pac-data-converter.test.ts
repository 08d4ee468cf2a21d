// pogo-account-checker/PAC-Data-Converter `run.py`: Pogo-Account-Checker's per-account JSON (its
// README's example: `username`, `password`, `status` `notBanned`, `level`, `playerData`,
// `playerStats`, lists of Pokémon and items) flattened into one CSV by pandas (`to_csv`,
// index=False): the top level's scalars first, then playerData's and playerStats' (a `level` there
// overwrites the top level's in its place: dict `|`), Python's True/False, NaN as an empty cell
// for an account checked without PogoDroid's data. Fixture written by hand as that code writes it.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("PAC-Data-Converter's accounts.csv", () => {
  it('every account with its exact password (a comma and a quote, CSV-quoted), level and the checker status', async () => {
    const r = await readDump(fixture('pac-data-converter-accounts.csv'));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [2, 'pac_ash01', 'Pika,chu!1', 30, 'ok'],
      // `hasWarning` True (playerData's): the game's warning on an account not banned.
      [3, 'pac_misty02', 'W4ter"Flow', 27, 'warned'],
      // Only the checker's own fields (no PogoDroid data): `notBanned` is the verdict, the empty `banned` none.
      [4, 'pac_brock03', 'R0ck!Solid', 12, 'ok'],
    ]);
  });

  // Every status of Pogo-Account-Checker's README.md JSON schema (`status.enum`), one row each, as
  // PAC-Data-Converter writes them: accounts without PogoDroid's data leave playerData's columns
  // empty, so pandas writes the numeric columns holding them as floats (`30.0`: a level all the same).
  it("every PAC status is its verdict, `hasWarning` the warned one; a check that failed, `new` or `disabled` states none", async () => {
    const r = await readDump(fixture('pac-data-converter-statuses.csv'));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.level, a.state])).toEqual([
      ['pac_st01', 30, 'ok'],
      ['pac_st02', 27, 'warned'],
      ['pac_st03', 1, 'ok'],
      ['pac_st04', undefined, 'temp_banned'],
      ['pac_st05', undefined, 'perm_banned'],
      ['pac_st06', undefined, 'invalid'],
      ['pac_st07', undefined, 'invalid'],
      ['pac_st08', undefined, 'invalid'],
      ['pac_st09', undefined, 'invalid'],
      // `disabled`: the checker's own screen, told apart from a ban and a temp ban, its length unsaid: no verdict (below).
      ['pac_st10', undefined, undefined],
      ['pac_st11', undefined, undefined],
      ['pac_st12', undefined, undefined],
      ['pac_st13', undefined, undefined],
    ]);
    expect(r.accounts[0]!.password).toBe('Pika!chu01');
  });

  // Pogo-Account-Checker's APK (apk/pac_v1_credits.apk, 2021: classes.dex) tells its "account
  // disabled" screen (the words `because` and `disabled`) from the banned one (`terminated`) and the
  // temporarily banned one (`suspended`) and files it apart: whether it lasts is never said. Read as
  // perm_banned (stop 44) it retired accounts on a guess; the status is now kept and named.
  it('`disabled` is imported without a verdict, its status kept as a field and named by line in a note, never a password', async () => {
    const text = 'username,password,status,level\npac_d01,D1s!able01,disabled,30\npac_d02,Ok!pass02,notBanned,30\npac_d03,D1s!able03,Disabled,\n';
    const r = await readDump(input('accounts.csv', text));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.state, a.history?.pac_status])).toEqual([
      ['pac_d01', undefined, 'disabled'],
      ['pac_d02', 'ok', undefined],
      ['pac_d03', undefined, 'Disabled'],
    ]);
    expect(r.notes).toHaveLength(1);
    expect(r.notes![0]).toContain("2 accounts (lines 2, 4) hold Pogo-Account-Checker's status `disabled`");
    expect(r.notes![0]).toContain('accountpool mark NAME... --verdict perm_banned');
    expect(r.notes![0]).not.toMatch(/D1s!able/);
  });

  it('a ban outweighs a warning; a failed check never reads the empty flags as a clean account', async () => {
    const text = 'username,password,status,level,hasWarning,banned\npac_w01,Pw1!abcd,banned,30,True,True\npac_w02,Pw2!bcde,error,,False,False\npac_w03,Pw3!cdef,notBanned,30.5,False,False\n';
    const r = await readDump(input('accounts.csv', text));
    expect(r.accounts.map((a) => [a.username, a.state])).toEqual([['pac_w01', 'perm_banned'], ['pac_w02', undefined]]);
    // `30.5` is no pandas float of a whole number: refused by its line, never level 30.
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[4, 'level is not a whole number']]);
  });
});
