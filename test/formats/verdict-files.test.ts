import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { verdictOf } from '../../src/formats/verdict-files.js';
import { fixture, fixtureBytes, input } from './helpers.js';

describe('verdict files', () => {
  it('knows the PGNumbra and Pogo-Account-Checker names', () => {
    expect(verdictOf('out/accounts-good.csv')).toEqual({ state: 'ok' });
    expect(verdictOf('accounts-blind.csv')).toEqual({ state: 'blind' });
    expect(verdictOf('C:\\checks\\accounts-banned.csv')).toEqual({ state: 'perm_banned' });
    expect(verdictOf('accounts-captcha.csv')).toBeUndefined();
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

  it('lets a level stated in the lines win over the name', async () => {
    const r = await readDump(input('not_banned_L30.txt', '25,ptc,lvl_user,pw\n'));
    expect(r.accounts).toEqual([{ username: 'lvl_user', password: 'pw', line: 1, provider: 'ptc', level: 25, state: 'ok' }]);
  });
});
