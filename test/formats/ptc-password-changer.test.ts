// weizh888/PTCPasswordChanger (2017): `change_password.py` reads a RocketMap list or `user:pass`
// lines, changes each password on the PTC site and appends the account to `succeed.csv` (its new
// password, or the same when it already was) or `failed.csv` (its current one: a bad login or a
// refused new password). Read by the RocketMap reader; fixtures and sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

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
});
