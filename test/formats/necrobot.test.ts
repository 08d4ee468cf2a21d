// NecroBot's `config/auth.json` in the shapes NecroBot wrote it (NecronomiconCoding/NecroBot 2016,
// Necrobot-Private/NecroBot 2017: see test/fixtures/README.md): every login with the provider
// AuthType names, and never the proxy's login or the hash key beside them. NecroBot2's
// config/accounts.db (SQLite): necrobot-db.test.ts.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, fixtureBytes, input, windowsVariant } from './helpers.js';

const exact = async (name: string, text?: string) => {
  const r = await readDump(text === undefined ? fixture(name) : input(name, text));
  return { format: r.format, accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.provider]), rejected: r.rejected };
};

describe('NecroBot auth.json', () => {
  it('2016: the Ptc pair AuthType names, not the proxy login beside it', async () => {
    expect(await exact('necrobot-auth.json')).toEqual({ format: 'necrobot', accounts: [[6, 'necrowalker17', 'Gr4ss!Knot', 'ptc']], rejected: [] });
  });

  it('2016 with AuthType google: the Google pair, a password with blanks kept whole', async () => {
    const text = JSON.stringify({ AuthConfig: { AuthType: 'google', GoogleUsername: 'necro.scout.2016@gmail.com', GooglePassword: 'Sleep Talk 42', PtcUsername: 'leftover01', PtcPassword: 'Old!pass1' } }, null, 2);
    expect((await exact('auth.json', text)).accounts).toEqual([[4, 'necro.scout.2016@gmail.com', 'Sleep Talk 42', 'google']]);
  });

  it('2017: the main AuthConfig and every bot of its Bots list, each with its own provider; the hash key and proxy login never', async () => {
    const r = await exact('necrobot2-auth.json');
    expect(r).toEqual({
      format: 'necrobot',
      accounts: [
        [4, 'necrofarm001', 'Fm!0017xq', 'ptc'],
        [49, 'necrofarm002', 'Fm:0028,zr', 'ptc'],
        [58, 'farmer.necro3@gmail.com', 'Leaf Blade 93', 'google'],
      ],
      rejected: [],
    });
    const read = await readDump(fixture('necrobot2-auth.json'));
    expect(JSON.stringify(read)).not.toMatch(/proxybuyer|Sq8proxyPw|H7K2Q9Z4W1X8C3V6B5N0/);
  });

  it('late 2017, Bots alone (AuthConfig dropped): one account per bot, in order', async () => {
    const text = JSON.stringify({ Bots: [{ AuthType: 'ptc', Username: 'necrofarm010', Password: 'A1!bcdef' }, { AuthType: 'ptc', Username: 'necrofarm011', Password: 'B2!bcdef' }], ProxyConfig: { UseProxy: false } }, null, 2);
    expect((await exact('auth.json', text)).accounts).toEqual([
      [5, 'necrofarm010', 'A1!bcdef', 'ptc'],
      [10, 'necrofarm011', 'B2!bcdef', 'ptc'],
    ]);
  });

  it('the file NecroBot writes on its first run (nulls) imports nothing and says so', async () => {
    const text = JSON.stringify({ AuthConfig: { AuthType: 'google', GoogleUsername: null, GooglePassword: null, PtcUsername: null, PtcPassword: null }, ProxyConfig: { UseProxy: false, UseProxyHost: null, UseProxyPort: null, UseProxyAuthentication: false, UseProxyUsername: null, UseProxyPassword: null } }, null, 2);
    await expect(readDump(input('auth.json', text))).rejects.toThrow(/no accounts found; read as necrobot/);
  });

  it("PokeMobBot's flat auth.json (the fields at the top, no AuthConfig): the login AuthType names, never the refresh token", async () => {
    expect(await exact('pokemobbot-auth.json')).toEqual({ format: 'necrobot', accounts: [[6, 'mobbot_ash77', 'M0b!Bot#2016', 'ptc']], rejected: [] });
    const google = JSON.stringify({ AuthType: 'google', GoogleRefreshToken: '1/fFAGRNJru1FTz70BzhT3Zg', GoogleUsername: 'mobbot.misty@gmail.com', GooglePassword: 'G00gle$Mist', PtcUsername: null, PtcPassword: null }, null, 2);
    expect((await exact('auth.json', google)).accounts).toEqual([[4, 'mobbot.misty@gmail.com', 'G00gle$Mist', 'google']]);
  });

  // Before, the list was read by the JSON reader as a generator's objects: the first PTC login
  // without its provider, the Google one lost ("missing username": its ptcUsername is empty).
  it("multiNecroBot's sessions.json (a list of logins in its camel case): every login with its provider, in a Windows copy too", async () => {
    const want = {
      format: 'necrobot',
      accounts: [
        [4, 'necrofarm101', 'Fm!101xq', 'ptc'],
        [13, 'necro.farm102@gmail.com', 'Leaf Blade 102', 'google'],
        [18, 'necrofarm103', 'Fm"103:zr', 'ptc'],
      ],
      rejected: [],
    };
    expect(await exact('multinecrobot-sessions.json')).toEqual(want);
    const r = await readDump(input('sessions.json', windowsVariant(fixtureBytes('multinecrobot-sessions.json'))));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual(want.accounts);
  });

  it("the flat auth.json multiNecroBot writes into each bot's folder (tabs, no line end): the Google pair", async () => {
    expect(await exact('multinecrobot-auth.json')).toEqual({ format: 'necrobot', accounts: [[3, 'necro.farm102@gmail.com', 'Leaf Blade 102', 'google']], rejected: [] });
  });
});
