// PokeGo-Slave's bot/Settings.json (src/formats/tools/pokego-slave-settings.ts): firanto/PokeGo-Slave
// `bot/Settings.json` and its README ("provider : ... This should be "google" or "ptc"").
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("PokeGo-Slave's Settings.json", () => {
  it('the one login with the provider `provider` names; the walking settings never read', async () => {
    const r = await readDump(fixture('pokego-slave-settings.json'));
    expect(r.format).toBe('pokego-slave-settings');
    expect(r.accounts).toEqual([{ username: 'professor.elm.89@gmail.com', password: 'Cyndaquil Ember:89', provider: 'google', line: 2 }]);
    expect(JSON.stringify(r)).not.toMatch(/centerLatitude|doduo|loopInterval/);
  });

  it("the file as published (`username`/`password`) and a provider it has no login for are refused by line", async () => {
    const text = fixture('pokego-slave-settings.json').text;
    const published = text.replace('professor.elm.89@gmail.com', 'username').replace('Cyndaquil Ember:89', 'password');
    await expect(readDump(input('Settings.json', published))).rejects.toThrow(/line 2: the example's placeholder/);
    await expect(readDump(input('Settings.json', text.replace('"google"', '"facebook"')))).rejects.toThrow(/line 2: the provider is neither ptc nor google/);
  });
});
