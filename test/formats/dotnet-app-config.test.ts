// The .NET config files of the 2016 C# bots built on FeroxRev's Pokemon-Go-Rocket-API
// (src/formats/tools/dotnet-app-config.ts): the settings designer's `<setting name=...><value>`
// (NecronomiconCoding/NecroBot and Spegeli/PokemoGoBot-GottaCatchEmAll
// `PokemonGo.RocketAPI.Console/App.config`) and `<appSettings>`' `<add key= value=>`
// (d-haxton/HaxtonBot `PokemonGo.Haxton.Console/App.config`; brianzhouzc/RocketBot
// `PokemonGo/RocketAPI/Window/Settings.cs` with `Email`/`Password` for Google; xidus90/PokemonGo-Bot
// `bhelper/Settings.cs` with `Username`/`Password`). Only the login the auth type names
// is an account; an example's placeholders, a token login and anything unsure are refused by line.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

const config = (settings: string) => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <userSettings>
    <PokemonGo.RocketAPI.Console.UserSettings>
${settings}
    </PokemonGo.RocketAPI.Console.UserSettings>
  </userSettings>
</configuration>
`;
const setting = (name: string, value: string) => `      <setting name="${name}" serializeAs="String">\n        <value>${value}</value>\n      </setting>`;

describe('the Rocket API bots\' App.config', () => {
  it('NecroBot (July 2016): the PTC login, entities decoded, nothing else of the file', async () => {
    expect(await readExact('necrobot-2016-app.config')).toEqual({
      format: 'dotnet-app-config',
      accounts: [[24, 'squirtle_co77', 'Hydro<Pump> & "Surf":7', undefined, 'ptc']],
      rejected: [],
    });
  });

  it('GottaCatchEmAll: AuthType Google takes GoogleEmail/GooglePassword; the unused PTC placeholders are no account', async () => {
    expect(await readExact('gottacatchemall-app.config')).toEqual({
      format: 'dotnet-app-config',
      accounts: [[45, 'misty.waterflower.88@gmail.com', 'Starmie Psy:88', undefined, 'google']],
      rejected: [],
    });
  });

  it("HaxtonBot's appSettings: AccountType Ptc, a commented-out old password never read, the Google example fields unused", async () => {
    const r = await readDump(fixture('haxtonbot-app.config'));
    expect(r.accounts).toEqual([{ username: 'brock_pewter31', password: 'Geo&dude "31"', provider: 'ptc', line: 17 }]);
    expect(r.rejected).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/Onix0ld|googlepassword/);
  });

  it("RocketBot's window (AuthType google): its Email/Password are the login, the PTC fields beside them never read", async () => {
    const r = await readDump(fixture('rocketbot-window-app.config'));
    expect(r.accounts).toEqual([{ username: 'erika.celadon.77@gmail.com', password: 'Vile&plume "77"', provider: 'google', line: 22 }]);
    expect(r.rejected).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/erika_gloom7|Old!Gloom7/);
  });

  it('RocketBot with AuthType Ptc takes PtcUsername/PtcPassword, never the Google `Password` beside them', async () => {
    const text = fixture('rocketbot-window-app.config').text.replace('key="AuthType" value="google"', 'key="AuthType" value="Ptc"');
    const r = await readDump(input('PokemonGo.RocketAPI.Window.exe.config', text));
    expect(r.accounts).toEqual([{ username: 'erika_gloom7', password: 'Old!Gloom7', provider: 'ptc', line: 18 }]);
  });

  it("xidus90's bot: Username/Password, read as PTC only when AuthType is exactly `Ptc` (its Settings.cs reads `ptc` as Google)", async () => {
    const r = await readDump(fixture('xidus-pokemongo-bot-app.config'));
    expect(r.accounts).toEqual([{ username: 'surge_volt26', password: 'Raichu<Zap>26', provider: 'ptc', line: 16 }]);
    const lower = fixture('xidus-pokemongo-bot-app.config').text.replace('value="Ptc"', 'value="ptc"');
    const refused = readDump(input('App.config', lower));
    await expect(refused).rejects.toThrow(/line 15: the bot logs in with Google unless AuthType is exactly `Ptc`/);
    await expect(refused).rejects.not.toThrow(/Raichu/);
  });

  it('a Google login by refresh token has no password: refused naming the AuthType line, the PTC fields beside it never read', async () => {
    const refused = readDump(fixture('necrobot-2016-app-google-token.config'));
    await expect(refused).rejects.toThrow(/no accounts found.*line 21: a Google login by refresh token/);
  });

  it("the example's own values (Spegeli's `PtcUsername`/`PtcPassword`, HaxtonBot's `ptcusername`/`ptcpassword`) are refused", async () => {
    const spegeli = config([setting('AuthType', 'Ptc'), setting('PtcUsername', 'PtcUsername'), setting('PtcPassword', 'PtcPassword')].join('\n'));
    await expect(readDump(input('App.config', spegeli))).rejects.toThrow(/line 8: the example's placeholder/);
    const haxton = '<configuration>\n  <appSettings>\n    <add key="AccountType" value="Ptc" />\n    <add key="PtcUsername" value="ptcusername" />\n    <add key="PtcPassword" value="ptcpassword" />\n  </appSettings>\n</configuration>\n';
    await expect(readDump(input('App.config', haxton))).rejects.toThrow(/line 4: the example's placeholder/);
  });

  it('unsure is refused by line, never guessed: a login set twice to two values, markup inside a value, no AuthType', async () => {
    const twice = config([setting('AuthType', 'Ptc'), setting('PtcUsername', 'ash_k77'), setting('PtcPassword', 'First!Pass1'), setting('PtcPassword', 'Second!Pass2')].join('\n'));
    const r1 = readDump(input('App.config', twice));
    await expect(r1).rejects.toThrow(/ptcpassword is set twice \(lines 11 and 14\)/);
    await expect(r1).rejects.not.toThrow(/First!Pass1|Second!Pass2/);
    const cdata = config([setting('AuthType', 'Ptc'), setting('PtcUsername', 'ash_k77'), setting('PtcPassword', '<![CDATA[Pika<chu]]>')].join('\n'));
    await expect(readDump(input('App.config', cdata))).rejects.toThrow(/PtcPassword holds markup/);
    const noType = config([setting('PtcUsername', 'ash_k77'), setting('PtcPassword', 'Pika!chu77')].join('\n'));
    await expect(readDump(input('App.config', noType))).rejects.toThrow(/no AuthType/);
  });

  it('AuthType in any case, as Enum.Parse(..., true) reads it; another program\'s App.config is not claimed', async () => {
    const lower = config([setting('AuthType', 'PTC'), setting('PtcUsername', 'ash_k77'), setting('PtcPassword', 'Pika!chu77')].join('\n'));
    expect((await readDump(input('user.config', lower))).accounts).toEqual([{ username: 'ash_k77', password: 'Pika!chu77', provider: 'ptc', line: 8 }]);
    const other = '<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="Username" value="ash_k77" />\n    <add key="Password" value="Pika!chu77" />\n  </appSettings>\n</configuration>\n';
    const r = await readDump(input('App.config', other)).catch((e: Error) => e);
    expect(r instanceof Error ? r.message : r.format).not.toBe('dotnet-app-config');
  });
});

// disdain13/PokeRoadie `PokeRoadie/PokeRoadieSettings.cs` `Save`: `new XmlSerializer(typeof(PokeRoadieSettings))`
// writes `Configs/Settings.xml` (src/formats/tools/xmlserializer-accounts.ts; fixture: test/fixtures/README.md).
describe("PokeRoadie's Configs/Settings.xml and other XmlSerializer documents", () => {
  const XS = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
  const settings = (members: string) => `<?xml version="1.0"?>\r\n<PokeRoadieSettings ${XS}>\r\n${members}\r\n  <UseProxyUsername>proxyuser7</UseProxyUsername>\r\n  <UseProxyPassword>Squid!Pass7</UseProxyPassword>\r\n</PokeRoadieSettings>`;

  it("the settings' one login, XML escapes undone; the proxy's login and the bot's other settings never read", async () => {
    const r = await readDump(fixture('pokeroadie-settings.xml'));
    expect(r.format).toBe('xmlserializer-accounts');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.history])).toEqual([[4, 'roadie_ptc01', 'Road&ie<1>"x"', 'ptc', undefined]]);
    expect(r.rejected).toEqual([]);
  });

  it('AuthType Google: the Username is the Google login; empty Username and Password (Google device login) hold no account', async () => {
    const google = await readDump(input('Settings.xml', settings('  <AuthType>Google</AuthType>\r\n  <Username>roadie.trainer@gmail.com</Username>\r\n  <Password>Gloom 4 ever</Password>')));
    expect(google.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([[4, 'roadie.trainer@gmail.com', 'Gloom 4 ever', 'google']]);
    await expect(readDump(input('Settings.xml', settings('  <AuthType>Google</AuthType>\r\n  <Username />\r\n  <Password />')))).rejects.toThrow(/no accounts found: an XmlSerializer document/);
  });

  it('a List<Account> (`ArrayOfAccount`): each record an account; a nil password, a connection\'s login and another provider refused by line', async () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<ArrayOfAccount ${XS}>
  <Account>
    <Username>ash_xs01</Username>
    <Password>Pika&amp;1</Password>
  </Account>
  <Account>
    <Username>misty_xs02</Username>
    <Password xsi:nil="true" />
  </Account>
  <Account>
    <Host>203.0.113.9</Host>
    <Port>1080</Port>
    <Username>socksuser</Username>
    <Password>Socks!Pw9</Password>
  </Account>
  <Account>
    <AuthType>Facebook</AuthType>
    <Username>brock_xs03</Username>
    <Password>Onix!333</Password>
  </Account>
</ArrayOfAccount>`;
    const r = await readDump(input('accounts.xml', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([[4, 'ash_xs01', 'Pika&1', undefined]]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [8, expect.stringMatching(/no password \(missing or nil\)/)],
      // A proxy's or a database's login beside its host and port is no game account.
      [14, 'connection settings (host, database or port), not an account'],
      [19, expect.stringMatching(/provider other than Ptc or Google/)],
    ]);
  });

  // Members marked [XmlAttribute] are written as attributes of the record's element, double-quoted,
  // `"` `<` `&` escaped; a record may mix both.
  it('[XmlAttribute] members: the login and password as attributes, escapes undone, mixed with elements; a record without a password refused', async () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<ArrayOfAccount ${XS}>
  <Account Username="ash_at01" Password="Pika &quot;1&quot; &amp; co" AuthType="Ptc" />
  <Account UserName="misty_at02">
    <Password>Star&lt;mie2</Password>
  </Account>
  <Account Username="brock_at03" />
</ArrayOfAccount>`;
    const r = await readDump(input('accounts.xml', text));
    expect(r.format).toBe('xmlserializer-accounts');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [3, 'ash_at01', 'Pika "1" & co', 'ptc'],
      [4, 'misty_at02', 'Star<mie2', undefined],
    ]);
    expect(r.rejected).toEqual([{ line: 7, reason: 'the Account record has no password (missing or nil)' }]);
  });
});

// PokeMaster (Logxn/PokemonGo-Bot): each profile's `Configs/<profile>.json`, Json.NET's indented
// `ProfileSettings` (`PokemonGo.RocketAPI.Logic/Shared/ProfileSettings.cs` `SaveToFile`), its password
// encrypted when `UsePwdEncryption` is set (`PokemonGo.RocketAPI.Console/Encryption.cs`).
// Readers: src/formats/tools/pokemaster-profile.ts, pokemaster-password.ts; fixtures: test/fixtures/README.md.
const profileRows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.history]);
const profile = (fields: string) => `{\r\n  "pFHashKey": "PH7A2B9C4D1E6F3A8B5C",\r\n  "SessionHash": null,\r\n${fields}\r\n  "AutoUpdate": true\r\n}`;

describe("GottaCatchEmAll's config.xml, kept by XmlDocument", () => {
  it('the PTC login as InnerText gives it (escapes undone), its settings and Pokémon lists never read', async () => {
    expect(await readExact('gottacatchemall-config.xml')).toEqual({ format: 'xmldocument-config', accounts: [[2, 'gcea_ptc01', 'Gotta&Catch<1 "x"', undefined, 'ptc']], rejected: [] });
  });

  it('its DefaultSettings.xml untouched (the login elements a line break and an indent) holds no account, said; another <root> document is not claimed', async () => {
    const template = '<root>\n  <PtcUsername>\n  </PtcUsername>\n  <PtcPassword>\n  </PtcPassword>\n  <DefaultLatitude>-33.8589188036947</DefaultLatitude>\n</root>';
    await expect(readDump(input('config.xml', template))).rejects.toThrow(/config\.xml: no accounts found: a bot's config\.xml \(XmlDocument `<root>`\) whose PtcUsername and PtcPassword are empty/);
    await expect(readDump(input('config.xml', '<root>\n  <Username>bob</Username>\n  <Theme>dark</Theme>\n</root>'), { format: 'xmldocument-config' })).rejects.toThrow(/is not an XmlDocument config/);
  });
});

describe("PokeMaster's Configs/<profile>.json", () => {
  it('the profile login, AuthType 1 as PTC; the hashing key and the proxy login never read', async () => {
    const r = await readDump(fixture('pokemaster-profile.json'));
    expect(r.format).toBe('pokemaster-profile');
    expect(profileRows(r)).toEqual([[5, 'ash_pm01', 'Pika!chu1', 'ptc', undefined]]);
    expect(JSON.stringify(r)).not.toMatch(/proxyuser7|Squid!Pass7|PH7A2B/);
  });

  it('UsePwdEncryption: the password decrypted as the program decrypts it (3DES under its fixed key), never the stored text', async () => {
    const r = await readDump(fixture('pokemaster-profile-encrypted.json'));
    expect(profileRows(r)).toEqual([[5, 'misty_pm02', 'Star&mie:2', 'ptc', undefined]]);
  });

  it('AuthType 0 is Google; a stored value that does not decrypt is refused by its line, never imported as the password', async () => {
    const google = await readDump(input('Default.json', profile('  "AuthType": 0,\r\n  "Username": "misty.pm03@gmail.com",\r\n  "Password": "Gloom 4 ever",\r\n  "UsePwdEncryption": false,')));
    expect(profileRows(google)).toEqual([[5, 'misty.pm03@gmail.com', 'Gloom 4 ever', 'google', undefined]]);
    const bad = readDump(input('Default.json', profile('  "AuthType": 1,\r\n  "Username": "ash_pm01",\r\n  "Password": "QUJDREVGR0g=",\r\n  "UsePwdEncryption": true,')));
    await expect(bad).rejects.toThrow(/line 6: the password is stored encrypted \(UsePwdEncryption\) and does not decrypt/);
    await expect(bad).rejects.not.toThrow(/QUJDREVGR0g/);
  });

  it('the older GoogleUsername/GooglePassword at the top replace the pair, as LoadFromStringJSON reads them', async () => {
    const r = await readDump(input('Default.json', profile('  "AuthType": 0,\r\n  "Username": "",\r\n  "Password": "",\r\n  "UsePwdEncryption": false,\r\n  "GoogleUsername": "brock.pm04@gmail.com",\r\n  "GooglePassword": "Onix rock 4",')));
    expect(profileRows(r)).toEqual([[8, 'brock.pm04@gmail.com', 'Onix rock 4', 'google', undefined]]);
  });
});

// Mixalow/PokemonGo-Bot-SimpleGUI `PokemonGo.RocketAPI.GUI/LoginForm.cs`: its account manager appends
// `user + ": " + pass + ": " + type` to `Configs/accounts.txt` (CRLF); read back with `Split(':')`.
describe("PokemonGo-Bot-SimpleGUI's Configs/accounts.txt", () => {
  it('each line its account and provider, a password holding `:` or a blank whole, nothing else read', async () => {
    const r = await readDump(fixture('simplegui-accounts.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level])).toEqual([
      [1, 'ash_gui01', 'Pika!chu1', 'ptc', undefined],
      [2, 'misty_gui02', 'Star:mie2', 'ptc', undefined],
      [3, 'brock_gui03', 'Onix rock3', 'ptc', undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });
});
