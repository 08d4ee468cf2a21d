// Checkers found in the hunt of stop 35 that write their verdict into the file NAME: the lines
// are `username,password` or RocketMap's `ptc,username,password`, read by the ordinary readers;
// the name gives the verdict (src/formats/verdict-files.ts). Their console output names accounts
// without passwords and must import nothing.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { verdictOf } from '../../src/formats/verdict-files.js';
import { fixture, fixtureBytes, input } from './helpers.js';

describe("CaptCharmander's result files (andriantsoa/CaptCharmander `captCharmander.py`)", () => {
  // `write_to_file(ban_file | captcha_file | ok_file | error_file, username, password)`:
  // `"{},{}\n".format(username, password)` appended, no quoting (a password's `,` stays bare).
  const cases = [
    ['ok.csv', { state: 'ok' }],
    ['ban.csv', { state: 'perm_banned' }],
    ['captcha.csv', { history: { captcha: true } }],
    ['error.csv', { checkError: true }],
  ] as const;

  for (const [name, verdict] of cases) {
    it(`${name}: every account exact, with its verdict`, async () => {
      const r = await readDump(input(name, fixtureBytes('captcharmander-results.csv')));
      expect(r.format).toBe('verdict+plain');
      expect(r.rejected).toEqual([]);
      expect(r.accounts).toEqual([
        { username: 'charm_ok01', password: 'Ch4rm:ok!', line: 1, ...verdict },
        { username: 'charm_capt03', password: 'C4ptcha#03', line: 2, ...verdict },
        { username: 'charm_ok05', password: 'Bulba,saur05', line: 3, ...verdict },
      ]);
    });
  }

  it('is known in a folder and as a browser download names a second copy', () => {
    expect(verdictOf('C:\\CaptCharmander\\ban.csv')).toEqual({ state: 'perm_banned' });
    expect(verdictOf('checks/OK (1).csv')).toEqual({ state: 'ok' });
    expect(verdictOf('ok.txt')).toBeUndefined();
    expect(verdictOf('bank.csv')).toBeUndefined();
  });

  it('its console output (usernames, no password) imports nothing', async () => {
    // `print("Trying to login with {}")`, `"{} is banned"`, `"{} has captcha, solving..."`,
    // `"Captcha is solved for {}"`, `"{} is fine."`, `"Cannot login with {}, trying again"`,
    // `"{} failed to login"`, `"Loop number {} of {}"`, `"Sleep for {} seconds"`, as `> log.txt` keeps it.
    await expect(readDump(fixture('captcharmander-console.txt'))).rejects.toThrow(/no accounts found/);
  });
});
