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
});
