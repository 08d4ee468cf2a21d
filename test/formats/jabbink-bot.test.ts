// PokemonGoBot, jabbink's Kotlin bot (jabbink/PokemonGoBot): its `config.properties` (typed from
// `config.properties.template`, read by `Settings.kt` `SettingsParser`) and its
// `bot-settings/NAME.json` (`util/io/SettingsJSONWriter.kt`, Jackson's pretty printer) each hold
// one account; it is read with its provider as the bot tells it, and nothing of the proxy login,
// REST API password or Maps key beside it.
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { readProperties } from '../../src/formats/java-properties.js';
import { DumpError } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';

const SECRETS = /Pr0xy|R3st|Another!Secret|AIzaSy|proxyuser/;

describe('PokemonGoBot (jabbink) config.properties', () => {
  it('reads username and password as Properties.load does (`\\\\` is one backslash, `#` inside a value stays), a PTC login', async () => {
    const r = await readDump(fixture('jabbink-bot-config.properties'));
    expect(r.format).toBe('jabbink-bot');
    expect(r.accounts).toEqual([{ username: 'bulbasaur_k9', password: 'Razor\\Leaf:9#!', provider: 'ptc', line: 2 }]);
    expect(JSON.stringify(r)).not.toMatch(SECRETS);
  });

  it('decodes base64_password when password is blank, and a username with @ is a Google login (CRLF)', async () => {
    const r = await readDump(fixture('jabbink-bot-base64.properties'));
    expect(r.accounts).toEqual([{ username: 'gloom.trainer@gmail.com', password: 'Sleep P\u00f3wder=3', provider: 'google', line: 2 }]);
    expect(JSON.stringify(r)).not.toMatch(SECRETS);
  });

  it('an empty username is the bot\'s Google token login: refused naming the token line, nothing invented', async () => {
    const text = '# PTC/Google login credentials\nusername=\npassword=\n\ntoken=1/abcDEF-refresh-token\nlatitude=1.5\nlongitude=2.5\n';
    await expect(readDump(input('config.properties', text))).rejects.toThrow(/config\.properties: .*line 5: .*token login/);
  });

  it('a base64_password the bot could not decode is refused by its line', async () => {
    const text = 'username=oddish_z1\npassword=\nbase64_password=not*base64\nlatitude=1.5\nlongitude=2.5\n';
    await expect(readDump(input('config.properties', text))).rejects.toThrow(/config\.properties: .*line 3: base64_password is not base64/);
  });

  // Properties.load keeps the blanks ending a value (the JDK's javadoc of load(Reader)), and
  // jabbink/PokemonGoBot `Settings.kt` `SettingsParser` logs in with `getProperty("password")`
  // as it is: the password is read with them, as the bot sends it; a username ending so is no login.
  it('blanks after the password are part of it, as the bot reads it; blanks after the username refuse the file naming its line', async () => {
    const config = (user: string, pass: string) => `username=${user}\r\npassword=${pass}\r\nlatitude=52.37 \r\nlongitude=4.89\t\r\n`;
    const kept = await readDump(input('config.properties', config('bulbasaur_k9', 'Razor!Leaf9 \t')));
    expect(kept.accounts).toEqual([{ username: 'bulbasaur_k9', password: 'Razor!Leaf9 \t', provider: 'ptc', line: 1 }]);
    // Escaped, a trailing blank is the same to the JDK.
    const escaped = await readDump(input('config.properties', config('bulbasaur_k9', 'Razor!Leaf9\\u0020')));
    expect(escaped.accounts.map((a) => a.password)).toEqual(['Razor!Leaf9 ']);
    // Blanks before the value are the separator's (dropped), not the password's.
    const before = await readDump(input('config.properties', config('bulbasaur_k9', '  Razor!Leaf9')));
    expect(before.accounts.map((a) => a.password)).toEqual(['Razor!Leaf9']);
    const user = readDump(input('config.properties', config('bulbasaur_k9  ', 'Razor!Leaf9')));
    await expect(user).rejects.toThrow(/config\.properties: .*line 1: the username ends in blanks/);
    await expect(user).rejects.not.toThrow(/Razor/);
  });

  it('another program\'s properties with a username and password but no bot location are not claimed', () => {
    const text = 'url=jdbc:mysql://localhost/db\nusername=dbadmin\npassword=Sql!pass1\ndriver=com.mysql.jdbc.Driver\n';
    expect(detectFormat(input('db.properties', text))?.name).not.toBe('jabbink-bot');
  });
});

describe('PokemonGoBot (jabbink) bot-settings JSON', () => {
  it('reads the credentials object of a saved bot, and none of its proxy, REST API or Maps secrets', async () => {
    const r = await readDump(fixture('jabbink-bot-settings.json'));
    expect(r.format).toBe('jabbink-bot');
    expect(r.accounts).toEqual([{ username: 'starmie_m1', password: 'Water:Gun,7"x\\', provider: 'ptc', line: 10 }]);
    expect(JSON.stringify(r)).not.toMatch(SECRETS);
  });

  it('a google-auto login is a Google account', async () => {
    const text = '{\n  "name" : "b",\n  "latitude" : 1.0,\n  "longitude" : 2.0,\n  "credentials" : {\n    "type" : "google-auto",\n    "username" : "vileplume.bot@gmail.com",\n    "password" : "Petal Dance!2"\n  }\n}';
    const r = await readDump(input('b.json', text));
    expect(r.accounts).toEqual([{ username: 'vileplume.bot@gmail.com', password: 'Petal Dance!2', provider: 'google', line: 7 }]);
  });

  it('a google token login (no username or password) is refused, not imported', async () => {
    const text = '{\n  "name" : "t",\n  "latitude" : 1.0,\n  "longitude" : 2.0,\n  "credentials" : {\n    "type" : "google",\n    "token" : "1/abc-refresh"\n  }\n}';
    await expect(readDump(input('t.json', text))).rejects.toThrow(DumpError);
    await expect(readDump(input('t.json', text))).rejects.toThrow(/t\.json: .*line 5: .*token login/);
  });
});

describe('Java properties (Properties.load)', () => {
  it('splits at the first =, : or blank, drops blanks before the value and keeps those after it', () => {
    const p = readProperties('a=1\nb : 2\nc 3\n  d=x \n')!;
    expect([...p].map(([k, v]) => [k, v.value, v.line])).toEqual([['a', '1', 1], ['b', '2', 2], ['c', '3', 3], ['d', 'x ', 4]]);
  });

  it('joins a line ending in an odd number of backslashes with the next (its leading blanks dropped), decodes \\uXXXX and escaped separators', () => {
    const p = readProperties('# c\n! c\npassword=Vine\\\n    Whip\\u00e9\nkey\\:x=\\=y\\\\\n')!;
    expect(p.get('password')).toEqual({ value: 'VineWhip\u00e9', line: 3 });
    expect(p.get('key:x')?.value).toBe('=y\\');
  });

  it('a malformed \\u escape fails the file, as the JDK does', () => {
    expect(readProperties('password=ab\\u12g4\n')).toBeUndefined();
  });
});
