// Pokewatch's Configuration.json (src/formats/tools/pokewatch-config.ts): bunzosteele/PokeWatch
// `Pokewatch/DataTypes/Configuration.cs` (one PTC and one Google pair at the top) and
// `PokewatchUtility/DataTypes/PoGoAccount.cs` (a `PoGoAccounts` list), logged in by
// `PokewatchUtility/AccountManager.cs` `SignIn`: the PTC pair, else the Google pair. Each filled
// pair is an account; the Twitter keys never are.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

describe("Pokewatch's Configuration.json", () => {
  it('the first layout: the PTC pair and the Google pair both, each exact; the Twitter keys never read', async () => {
    const r = await readDump(fixture('pokewatch-configuration.json'));
    expect(r.format).toBe('pokewatch-config');
    expect(r.accounts).toEqual([
      { username: 'dragonite_hunter7', password: 'Hyper:Beam,77', provider: 'ptc', line: 2 },
      { username: 'pokewatch.bellingham@gmail.com', password: 'Tw33t "Rare" Mons', provider: 'google', line: 4 },
    ]);
    expect(r.rejected).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/Consumer|AccessToken|AccessSecret|771981438593884160/);
  });

  it('the PoGoAccounts list: one account per filled pair; a name typed into both pairs is one login, a half-filled pair refused by its line', async () => {
    expect(await readExact('pokewatch-accounts.json')).toEqual({
      format: 'pokewatch-config',
      accounts: [
        [4, 'snorlax_duarte1', 'Rest&Snore:1', undefined, 'ptc'],
        [12, 'lapras.duarte@gmail.com', 'Ice Beam, Surf', undefined, 'google'],
        [16, 'eevee_duarte3', 'Vapor!Jolt3', undefined, 'ptc'],
      ],
      rejected: [
        { line: 18, reason: 'the Google login repeats the PTC username: the same login tried two ways, not a second account' },
        { line: 22, reason: 'the PTC login is half filled (no password): Pokewatch would not use it' },
      ],
    });
  });

  it('the file as published (all four fields empty) imports nothing, saying why', async () => {
    const published = '{\n\t"PTCUsername": "",\n\t"PTCPassword": "",\n\t"GAUsername": "",\n\t"GAPassword": "",\n\t"TwitterConsumerToken": "CONSUMERKEY",\n\t"RateLimit": 0\n}';
    await expect(readDump(input('Configuration.json', published))).rejects.toThrow(/no accounts found.*line 2: no PTC or Google login filled in/);
  });

  it('names in any case, as JavaScriptSerializer matches them', async () => {
    const lower = '{\n  "ptcUsername": "mew_lower1",\n  "ptcPassword": "Psy!chic1",\n  "gaUsername": "",\n  "gaPassword": ""\n}';
    expect((await readDump(input('Configuration.json', lower))).accounts).toEqual([{ username: 'mew_lower1', password: 'Psy!chic1', provider: 'ptc', line: 2 }]);
  });
});

describe("the pokemon-go-node-api port's config.json (PTCUsername, PTCPassword, Provider)", () => {
  it('the one pair is a login of the provider `Provider` names: a Google login stays Google', async () => {
    const r = await readDump(fixture('pokewatch-node-config.json'));
    expect(r.format).toBe('pokewatch-config');
    expect(r.accounts).toEqual([{ username: 'trainer.red.1996@gmail.com', password: 'Pallet Town:96', provider: 'google', line: 2 }]);
  });

  it('a provider pokemon-go-node-api does not take is refused by its line, and no reader offers the pair as PTC', async () => {
    const text = fixture('pokewatch-node-config.json').text.replace('"google"', '"facebook"');
    const refused = readDump(input('config.json', text));
    await expect(refused).rejects.toThrow(/line 4: Provider is neither ptc nor google/);
    await expect(refused).rejects.not.toThrow(/blossom-config/);
  });
});
