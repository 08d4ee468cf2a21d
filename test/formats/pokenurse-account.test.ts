// PokéNurse's remembered login (src/formats/tools/pokenurse-account.ts): vinnymac/PokeNurse
// `app/actions/authenticate.js` (`saveAccountCredentials`: `JSON.stringify(creds)` to
// `%APPDATA%/pokenurse/account.json`; `login`: `method === 'google'` signs in with Google).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("PokéNurse's account.json", () => {
  it('a Google login stays Google, and the hashing key never enters the pool', async () => {
    const r = await readDump(fixture('pokenurse-account.json'));
    expect(r.format).toBe('pokenurse-account');
    expect(r.accounts).toEqual([{ username: 'nurse.joy.88@gmail.com', password: 'Chansey:Egg,88', provider: 'google', line: 1 }]);
    expect(JSON.stringify(r)).not.toMatch(/A1B2C3D4E5F6G7H8I9J0|hashingKey|apiVersion/);
  });

  it('the 2016 file (method, username, password): a PTC login, JSON escapes undone', async () => {
    const r = await readDump(fixture('pokenurse-account-2016.json'));
    expect(r.accounts).toEqual([{ username: 'nurse_joy88', password: 'Chansey "Egg" \\ 88', provider: 'ptc', line: 1 }]);
  });

  it('a method pogobuf has no login for is refused by its line, never taken as PTC', async () => {
    const refused = readDump(input('account.json', '{"method":"facebook","username":"nurse_joy88","password":"Chansey:Egg,88"}'));
    await expect(refused).rejects.toThrow(/line 1: the login method is neither ptc nor google/);
  });

  it('a JSON object with other keys beside them is not claimed', async () => {
    const other = '{"method":"ptc","username":"nurse_joy88","password":"Chansey:Egg,88","token":"abc"}';
    const r = await readDump(input('account.json', other)).catch((e: Error) => e);
    expect(r instanceof Error ? r.message : r.format).not.toBe('pokenurse-account');
  });
});
