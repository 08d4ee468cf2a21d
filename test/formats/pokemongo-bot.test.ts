// PokemonGo-Bot's `configs/auth.json` (PokemonGoF/PokemonGo-Bot `configs/auth.json.example`):
// its one account is read with its provider, and none of the keys and tokens beside it.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';

describe('PokemonGo-Bot auth.json', () => {
  it('gives its one account with the provider auth_service names, and nothing of the keys and tokens', async () => {
    const r = await readDump(fixture('pokemongo-bot-auth.json'));
    expect(r.accounts).toEqual([{ username: 'ash.ketchum.bot7@gmail.com', password: 'Pall3t#Town!', line: 3, provider: 'google' }]);
  });

  it('the unedited example (`YOUR_USERNAME`) is refused, not imported', async () => {
    const example = '{\n    "auth_service": "google",\n    "username": "YOUR_USERNAME",\n    "password": "YOUR_PASSWORD",\n    "gmapkey": "GOOGLE_MAPS_API_KEY"\n}\n';
    await expect(readDump(input('auth.json', example))).rejects.toThrow(DumpError);
  });

  // PokemonGo-Map's own config.json of July 2016 (AHAAAAAAA/PokemonGo-Map `config/config.example.json`,
  // read by its runserver.py): the same three keys beside its location, step limit, host and port.
  it("PokemonGo-Map's config.json: the one account, never its Maps key; the unedited example refused", async () => {
    const r = await readDump(fixture('pokemongo-map-config.json'));
    expect(r.accounts).toEqual([{ username: 'pgmap_ash01', password: 'Pg!Map 01', line: 3, provider: 'ptc' }]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSy|Boulder/);
    const example = '{\n  "auth_service": "ptc",\n  "username": "MyUsername",\n  "password": "MySuperStrongPassword",\n  "location": "Boulder, CO",\n  "step_limit": 5,\n  "gmaps_key": "Your API Key Here"\n}\n';
    await expect(readDump(input('config.json', example))).rejects.toThrow(/line 3: the example's placeholder/);
    await expect(readDump(input('config.json', example), { format: 'json' })).rejects.toThrow(DumpError);
  });

  // PokemonGo-Bot's MultiBot.py (PokemonGoF/PokemonGo-Bot): `configs/MultiBotConfigAccounts.txt`
  // (`username:password` a line, split at `:`; the provider is auth.json's) and the
  // `configs/temp/auth-N.json` it writes per account with json.dumps, the hash key set beside.
  it("MultiBot's accounts file and the auth-N.json it writes: the accounts, never the hash key or tokens", async () => {
    const list = await readDump(fixture('pokemongo-bot-MultiBotConfigAccounts.txt'));
    expect(list.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'mbot_ash01', 'Mb0t!pw1'],
      [2, 'mbot_ash02', 'Mb0t pw#2'],
      [3, 'mbot.misty03@gmail.com', 'G00gle!3'],
    ]);
    const auth = await readDump(fixture('pokemongo-bot-multibot-auth-0.json'));
    expect(auth.accounts).toEqual([{ username: 'mbot_ash02', password: 'Mb0t:pw 2', line: 1, provider: 'ptc' }]);
    expect(JSON.stringify(auth)).not.toMatch(/H3K9Q2W8|AIzaSy|ABCmultiBot/);
    await expect(readDump(input('MultiBotConfigHashkey.txt', 'H3K9Q2W8E7R6T5Y4U1I0\nP0O9I8U7Y6T5R4E3W2Q1\n'))).rejects.toThrow(/API or hash keys/);
  });
});
