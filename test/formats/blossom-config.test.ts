// Blossom's Pokémon Go Manager's `config.json` (Wolfsblvt/BlossomsPokemonGoManager): the one
// login it saved, read back as the program reads it (`utils/ConfigNew.java` `getString`:
// `StringEscapeUtils.unescapeJson` of the stored string), with its provider; the fixtures are
// made by test/fixtures/generators/MakeBlossomConfig.java with the real Commons Lang escapeJson.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { unescapeJava } from '../../src/formats/java-escapes.js';
import { fixture, input } from './helpers.js';

describe("Blossom's Pokémon Go Manager config.json", () => {
  it('reads the saved PTC login with escapeJson undone (`\\/`, `\\"`, `\\\\`, `\\u00F3`), and not the hash key', async () => {
    const r = await readDump(fixture('blossom-config.json'));
    expect(r.format).toBe('blossom-config');
    expect(r.accounts).toEqual([{ username: 'vileplume_b7', password: 'Petal/Dance"9\\\u00f3', provider: 'ptc', line: 49 }]);
    expect(JSON.stringify(r)).not.toContain('H4SH');
  });

  it('a Google login saved with its app password is a Google account', async () => {
    const r = await readDump(fixture('blossom-config-google.json'));
    expect(r.accounts).toEqual([{ username: 'gloom.bot@gmail.com', password: 'abcd efgh ijkl mnop', provider: 'google', line: 12 }]);
  });

  it('the first release stored strings as typed: its top-level PTCPassword is not unescaped', async () => {
    const r = await readDump(fixture('blossom-config-2016-08.json'));
    expect(r.accounts).toEqual([{ username: 'oddish_r2', password: 'Acid/Rain"3\\', provider: 'ptc', line: 4 }]);
  });

  it('the August 2016 `login.PTCUsername` layout is read through unescapeJson too', async () => {
    const text = '{\n    "options": {},\n    "login": {\n        "PTCPassword": "Ice\\\\/Beam\\\\\\"2",\n        "SaveAuth": true,\n        "PTCUsername": "jynx_q4"\n    }\n}';
    const r = await readDump(input('config.json', text));
    expect(r.accounts).toEqual([{ username: 'jynx_q4', password: 'Ice/Beam"2', provider: 'ptc', line: 6 }]);
  });

  it('a Google token login (no password saved) is refused by its line, nothing invented', async () => {
    const text = '{\n    "develop": false,\n    "login": {\n        "saveAuth": true,\n        "google": {\n            "authToken": "1\\\\/refresh-token"\n        }\n    }\n}';
    await expect(readDump(input('config.json', text))).rejects.toThrow(/config\.json: .*line 3: a Google token login/);
  });

  it('a username whose password was not saved is refused, naming why', async () => {
    const text = '{\n    "login": {\n        "saveAuth": false,\n        "ptc": {\n            "username": "tangela_w1"\n        }\n    }\n}';
    await expect(readDump(input('config.json', text))).rejects.toThrow(/line 5: the username alone/);
  });
});

describe('unescapeJava (Commons Lang unescapeJson)', () => {
  it('undoes the escapes escapeJson writes and keeps an unknown one as it is', () => {
    expect(unescapeJava('a\\/b\\"c\\\\d\\u00F3\\t\\101\\x')).toBe('a/b"c\\d\u00f3\tA\\x');
  });

  it('a \\u without four hex digits is refused, as Lang throws', () => {
    expect(unescapeJava('ab\\u12')).toBeUndefined();
  });
});
