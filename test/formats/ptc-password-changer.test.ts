// weizh888/PTCPasswordChanger (2017): `change_password.py` reads a RocketMap list or `user:pass`
// lines, changes each password on the PTC site and appends the account to `succeed.csv` (its new
// password, or the same when it already was) or `failed.csv` (its current one: a bad login or a
// refused new password). Read by the RocketMap reader; fixtures and sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, fixtureBytes, input } from './helpers.js';
import { statedColumns } from '../../src/formats/lists/stated-columns.js';
import type { Role } from '../../src/formats/lists/columns.js';

const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.provider]);

describe("weizh888/PTCPasswordChanger's succeed.csv and failed.csv", () => {
  // `change_password.py` `append_to_file`: `'ptc,' + username + ',' + password + '\n'` in binary
  // mode; run on Linux over a CRLF list the password it read keeps the `\r`, so lines end mixed.
  it('each line is the account with the password it now has, mixed line ends read alike, no verdict from the name', async () => {
    const ok = await readDump(fixture('ptcpasswordchanger-succeed.csv'));
    expect(rows(ok)).toEqual([
      [1, 'ash_pw01', 'New!Pass2017', 'ptc'],
      [2, 'misty_pw02', 'New!Pass2017', 'ptc'],
      [3, 'brock_pw03', 'New!Pass2017', 'ptc'],
    ]);
    const failed = await readDump(fixture('ptcpasswordchanger-failed.csv'));
    expect(rows(failed)).toEqual([
      [1, 'gary_pw04', 'Eevee#4', 'ptc'],
      [2, 'erika_pw05', 'Gloom#5!', 'ptc'],
    ]);
    // A failed change is a bad login or a refused new password: no verdict on the account.
    expect([...ok.accounts, ...failed.accounts].every((a) => a.state === undefined)).toBe(true);
  });

  it('a new password holding `,` (a symbol the tool asks for), on every line, stays whole', async () => {
    const r = await readDump(input('succeed.csv', 'ptc,ash_pw01,Pika,Chu!2017\nptc,misty_pw02,Pika,Chu!2017\n'));
    expect(rows(r)).toEqual([
      [1, 'ash_pw01', 'Pika,Chu!2017', 'ptc'],
      [2, 'misty_pw02', 'Pika,Chu!2017', 'ptc'],
    ]);
  });

  // One run's `-pw` is every row's new password (`Pika!x,30`: 8-50 characters with a symbol, as its
  // help asks), written after `ptc,login,` as typed; a seller's level column added to such rows is
  // the same bytes. The file's name says the tool wrote it: neither reading is taken.
  it('`,30` after the password on every row of succeed.csv is refused by line, each way through named, no password quoted', async () => {
    const bytes = fixtureBytes('ptcpasswordchanger-succeed-comma.csv');
    const err = await readDump(input('succeed.csv', bytes)).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const text = (err as Error).message;
    for (const line of [1, 2, 3]) expect(text).toContain(`line ${line}: in PTCPasswordChanger's succeed.csv`);
    expect(text).toContain('--columns provider,user,pass if it is the password');
    expect(text).toContain('--columns provider,user,pass,level if it is a level');
    // No other reader's guess offered over the question (the list reader would read a level).
    expect(text).not.toContain('--format plain');
    expect(text).not.toContain('Pika!x');
    const columns = (c: string) => ({ columns: statedColumns(c) as Role[] });
    const asPassword = await readDump(input('succeed.csv', bytes), columns('provider,user,pass'));
    expect(asPassword.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash_pw11', 'Pika!x,30', undefined],
      ['misty_pw12', 'Pika!x,30', undefined],
      ['brock_pw13', 'Pika!x,30', undefined],
    ]);
    const asLevel = await readDump(input('succeed (1).csv', bytes), columns('provider,user,pass,level'));
    expect(asLevel.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash_pw11', 'Pika!x', 30],
      ['misty_pw12', 'Pika!x', 30],
      ['brock_pw13', 'Pika!x', 30],
    ]);
    // A row without the field (a later run's, appended) under the level's columns: read with the columns it has
    // (stop 57: it was refused as "missing password", `ptc` shifted into the login's place), its password whole.
    const mixed = await readDump(input('succeed (2).csv', Buffer.concat([bytes, Buffer.from('ptc,erika_pw14,Tangela!9\n')])), columns('provider,user,pass,level'));
    expect(mixed.accounts.map((a) => [a.provider, a.username, a.password, a.level]).slice(2)).toEqual([['ptc', 'brock_pw13', 'Pika!x', 30], ['ptc', 'erika_pw14', 'Tangela!9', undefined]]);
    expect(mixed.rejected).toEqual([]);
  });

  it('the same rows under any other name are a level column, as sellers add it', async () => {
    const r = await readDump(input('stock.csv', fixtureBytes('ptcpasswordchanger-succeed-comma.csv')));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash_pw11', 'Pika!x', 30],
      ['misty_pw12', 'Pika!x', 30],
      ['brock_pw13', 'Pika!x', 30],
    ]);
  });

  // Fed a list with a level column, `re.split('[,:]', line)` takes the password for the login and the
  // level for the password: failed.csv keeps `ptc,PASSWORD,LEVEL`. No account has a two-digit password.
  it("failed.csv's rows shifted by a level column are refused by line, the password never taken for a login", async () => {
    const r = await readDump(fixture('ptcpasswordchanger-failed-shifted.csv'));
    expect(rows(r)).toEqual([[3, 'gary_pw14', 'Eevee#14', 'ptc']]);
    expect(r.rejected.map((x) => x.line)).toEqual([1, 2]);
    for (const x of r.rejected) expect(x.reason).toMatch(/number of one or two digits.*shifted/);
    expect(JSON.stringify(r.rejected)).not.toMatch(/Star!mie12|Onix#13/);
  });
});
