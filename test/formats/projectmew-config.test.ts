// ProjectMew's Config/Config.json (src/formats/tools/projectmew-config.ts): PhoenixICE/ProjectMew
// `ProjectMew/Config/ConfigFile.cs` (its fields), `Config/FileTools.cs` (Json.NET, indented,
// rewritten at each start), `Commands.cs` and `PSPlayer.cs` (PTC by user and password, Google by a
// device code whose refresh token it keeps). A filled PTC pair is an account; a refresh token never is.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const asWritten = (fields: Record<string, unknown>) =>
  JSON.stringify({ RefreshToken: null, PtcUserName: null, PtcPassword: null, Longitude: 0, Latitude: 0, Altitude: 0, EvolveList: null, EvolveListIsBlack: false, ...fields }, null, 2).replace(/\n/g, '\r\n');

describe("ProjectMew's Config.json", () => {
  it('the filled PTC pair is one PTC account, its password exact; the location and evolve list never read', async () => {
    const r = await readDump(fixture('projectmew-config.json'));
    expect(r.format).toBe('projectmew-config');
    expect(r.accounts).toEqual([{ username: 'mew_phoenix16', password: 'Psych1c "Mew":151', provider: 'ptc', line: 3 }]);
    expect(r.rejected).toEqual([]);
  });

  it('the file as ProjectMew writes it (both null) imports nothing, saying why', async () => {
    await expect(readDump(input('Config.json', asWritten({})))).rejects.toThrow(/no accounts found.*line 3: no PtcUserName and PtcPassword filled in/);
  });

  it('a Google refresh token alone is refused by its line as a session, and the token is never printed', async () => {
    const token = '1/fFAGRNJru1FTz70BzhT3Zg';
    const refused = readDump(input('Config.json', asWritten({ RefreshToken: token })));
    await expect(refused).rejects.toThrow(/line 2: only a Google refresh token/);
    await expect(refused).rejects.not.toThrow(token);
  });

  it('a half-filled pair is refused by its line, naming the missing half and not the password', async () => {
    const refused = readDump(input('Config.json', asWritten({ PtcPassword: 'Only:Pass1' })));
    await expect(refused).rejects.toThrow(/line 3: the PTC login is half filled \(no PtcUserName\)/);
    await expect(refused).rejects.not.toThrow('Only:Pass1');
  });

  it('names in any case, as Json.NET matches them; a token beside the pair changes nothing', async () => {
    const lower = '{\n"refreshToken": "1/abc",\n"ptcUsername": "mew_lower2",\n"ptcPassword": "Tr4nsform!"\n}';
    expect((await readDump(input('Config.json', lower))).accounts).toEqual([{ username: 'mew_lower2', password: 'Tr4nsform!', provider: 'ptc', line: 3 }]);
  });
});
