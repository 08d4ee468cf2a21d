// A header CSV whose provider column is named as another tool names it: every account takes its
// own row's provider, never ptc for all. The names real tools write: `provider` (Noctem/Monocle,
// accounts.example.csv: `username,password,provider,model,iOS,id`), `auth_service` (SenorKarlos/PGPool,
// pgpool/models.py's Account column, and RocketMAD's workers), `auth` (RocketMap's config `-a`/`auth-service`),
// `login_type` (Map-A-Droid, mapadroid/db/model.py SettingsPogoauth), `service`/`type` as sellers head it.
// Values as the tools write them (`google`, `ptc`) and as people retype them (`Google`, `PTC`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const read = async (name: string, text: string) => (await readDump(input(name, text))).accounts.map((a) => [a.line, a.username, a.password, a.provider]);

describe('a header naming the provider column', () => {
  for (const column of ['provider', 'auth_service', 'auth', 'service', 'type', 'login_type', 'Auth Service', 'PROVIDER', 'account_type']) {
    it(`\`username,password,${column}\`: each row's own provider`, async () => {
      const text = `username,password,${column}\nvulpix_fire07,Feuer!Wirbel7,google\nponyta_gallop3,Galopp33,ptc\nmagikarp_spl9,Platsch#99,Google\nsnorlax_nap4,Schlaf$4,PTC\n`;
      expect(await read('accounts.csv', text)).toEqual([
        [2, 'vulpix_fire07', 'Feuer!Wirbel7', 'google'],
        [3, 'ponyta_gallop3', 'Galopp33', 'ptc'],
        [4, 'magikarp_spl9', 'Platsch#99', 'google'],
        [5, 'snorlax_nap4', 'Schlaf$4', 'ptc'],
      ]);
    });
  }

  it('the column first (`auth_service,username,password`, `service,username,password`), or between, in a `;` or tab table', async () => {
    const want = [
      [2, 'vulpix_fire07', 'Feuer!Wirbel7', 'google'],
      [3, 'ponyta_gallop3', 'Galopp33', 'ptc'],
    ];
    for (const column of ['auth_service', 'service', 'type'])
      expect(await read('a.csv', `${column},username,password\ngoogle,vulpix_fire07,Feuer!Wirbel7\nptc,ponyta_gallop3,Galopp33\n`)).toEqual(want);
    expect(await read('a.csv', 'username,service,password\nvulpix_fire07,google,Feuer!Wirbel7\nponyta_gallop3,ptc,Galopp33\n')).toEqual(want);
    for (const sep of [';', '\t'])
      expect(await read('a.txt', ['username', 'password', 'service'].join(sep) + '\n' + [['vulpix_fire07', 'Feuer!Wirbel7', 'google'], ['ponyta_gallop3', 'Galopp33', 'ptc']].map((r) => r.join(sep)).join('\n') + '\n')).toEqual(want);
  });

  it('a value that is no provider (`g`, `fresh`) is refused naming its line, never read as ptc', async () => {
    await expect(readDump(input('a.csv', 'username,password,service\nvulpix_fire07,Feuer!Wirbel7,g\nponyta_gallop3,Galopp33,fresh\n'))).rejects.toThrow(/line 2: provider is neither ptc nor google; line 3: provider is neither ptc nor google/);
    const r = await readDump(input('a.csv', 'username,password,service\nvulpix_fire07,Feuer!Wirbel7,google\nponyta_gallop3,Galopp33,g\n'));
    expect(r.accounts.map((a) => [a.username, a.provider])).toEqual([['vulpix_fire07', 'google']]);
    expect(r.rejected).toEqual([{ line: 3, reason: 'provider is neither ptc nor google' }]);
  });
});
