import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { verdictOf } from '../../src/formats/tools/verdict-files.js';
import { fixture, fixtureBytes, input } from './helpers.js';

describe('verdict files', () => {
  it('knows the PGNumbra and Pogo-Account-Checker names', () => {
    expect(verdictOf('out/accounts-good.csv')).toEqual({ state: 'ok' });
    expect(verdictOf('accounts-blind.csv')).toEqual({ state: 'blind' });
    expect(verdictOf('C:\\checks\\accounts-banned.csv')).toEqual({ state: 'perm_banned' });
    expect(verdictOf('accounts-captcha.csv')).toEqual({ captcha: true });
    expect(verdictOf('accounts-error.csv')).toEqual({ checkError: true });
    expect(verdictOf('banned.txt')).toEqual({ state: 'perm_banned' });
    expect(verdictOf('temp_banned.txt')).toEqual({ state: 'temp_banned' });
    expect(verdictOf('not_banned.txt')).toEqual({ state: 'ok' });
    expect(verdictOf('Not_Banned_L30 (1).txt')).toEqual({ state: 'ok', level: 30 });
    expect(verdictOf('wrong_credentials.txt')).toEqual({ state: 'invalid' });
    expect(verdictOf('accounts.csv')).toBeUndefined();
  });

  it('sets state and level on what the content reader found', async () => {
    const r = await readDump(fixture('not_banned_L30.txt'));
    expect(r.accounts.every((a) => a.state === 'ok' && a.level === 30)).toBe(true);
    const w = await readDump(fixture('wrong_credentials.txt'));
    expect(w.format).toBe('verdict+plain');
    expect(w.accounts.map((a) => a.state)).toEqual(['invalid', 'invalid']);
  });

  it("blindcheck's `clean.csv` and `blinded.csv` (`username,password`): ok and blind", async () => {
    for (const [name, state] of [['clean.csv', 'ok'], ['blinded.csv', 'blind']] as const) {
      const r = await readDump(input(name, fixtureBytes('blindcheck-blinded.csv')));
      expect(r.accounts.map((a) => [a.username, a.password, a.state]), name).toEqual([
        ['ash_k01', 'Pika!chu01', state],
        ['misty_w02', 'Star!mie02', state],
      ]);
    }
  });

  it("PGNumbra's accounts-captcha.csv gives the captcha flag, accounts-error.csv a failed check: neither a ban", async () => {
    const captcha = await readDump(input('accounts-captcha.csv', fixtureBytes('pgnumbra-accounts-captcha.csv')));
    expect(captcha.accounts).toEqual([
      { username: 'numbra_capt01', password: 'C4ptcha:one', line: 1, provider: 'ptc', history: { captcha: true } },
      { username: 'numbra.capt02@gmail.com', password: 'C4pt,cha two', line: 2, provider: 'google', history: { captcha: true } },
    ]);
    const error = await readDump(input('accounts-error.csv', fixtureBytes('pgnumbra-accounts-error.csv')));
    expect(error.accounts.map((a) => [a.username, a.password, a.provider, a.state, a.checkError])).toEqual([
      ['numbra_err01', 'Err0r:one', 'ptc', undefined, true],
      ['numbra_err02', 'Err0r two', 'ptc', undefined, true],
    ]);
  });

  it('lets a level stated in the lines win over the name', async () => {
    const r = await readDump(input('not_banned_L30.txt', '25,ptc,lvl_user,pw\n'));
    expect(r.accounts).toEqual([{ username: 'lvl_user', password: 'pw', line: 1, provider: 'ptc', level: 25, state: 'ok' }]);
  });
});
