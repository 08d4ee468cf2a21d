// pogom's `config.json` (favll/pogom: `runserver.py` `read_config`, `pogom/app.py` `save_config`,
// see test/fixtures/README.md): its ACCOUNTS list is read, beside its SCAN_LOCATIONS list, and
// never its Maps key or the config page's password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe('pogom config.json', () => {
  it('the file pogom saves (one line): every account of ACCOUNTS, nothing else', async () => {
    const r = await readDump(fixture('pogom-config.json'));
    expect(r.format).toBe('json');
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'pogomscan01', 'Sc4n!north'],
      [1, 'pogomscan02', 'Sc4n south 2'],
      [1, 'pogom.scan3@gmail.com', 'Gm4il,pass#3'],
    ]);
    expect(r.rejected).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/map-admin-2016|AIzaSy|Times Square/);
  });

  it('the sample filled in by hand (pretty-printed): each account on the line it starts, the scan locations after it not counted', async () => {
    const text = [
      '{',
      '    "GOOGLEMAPS_KEY": "AIzaSyD-3xAmpleKeyN0tReal-q9Wv7Lm2Pz",',
      '    "CONFIG_PASSWORD": "LONG_PASSWORD_42",',
      '    "SCAN_LOCATIONS": [',
      '        { "location": "Central Park, New York City", "radius": 1500 }',
      '    ],',
      '    "ACCOUNTS": [',
      '        { "username": "pogomscan01", "password": "Sc4n!north" },',
      '        { "username": "pogomscan02", "password": "Sc4n south 2" }',
      '    ]',
      '}',
    ].join('\n');
    const r = await readDump(input('config.json', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [8, 'pogomscan01', 'Sc4n!north'],
      [9, 'pogomscan02', 'Sc4n south 2'],
    ]);
  });

  it('two lists of objects, neither named accounts: refused, not guessed', async () => {
    const text = JSON.stringify({ workers: [{ username: 'a1b2c3d4', password: 'x1y2z3w4' }], hosts: [{ username: 'admin', password: 'hunter22' }] });
    await expect(readDump(input('config.json', text))).rejects.toThrow(/no accounts found|no reader/);
  });
});
