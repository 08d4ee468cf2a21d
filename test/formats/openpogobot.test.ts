// OpenPoGoBot's config/config.yml (tehp/OpenPoGoBot `config/config.yml.example`): its `login:`
// block is the bot's one account. Before, the file was refused as "a config file" although it
// holds an account a careful operator would import, as PokemonGo-Bot's auth.json is read.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, fixtureBytes, input } from './helpers.js';

const exact = async (name: string, text?: string) => {
  const r = await readDump(text === undefined ? fixture(name) : input(name, text));
  return { format: r.format, accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.provider]), rejected: r.rejected };
};

describe('OpenPoGoBot config.yml', () => {
  it('the login block gives the one account with its provider; the Maps key never enters', async () => {
    expect(await exact('openpogobot-config.yml')).toEqual({ format: 'openpogobot', accounts: [[24, 'openbot_gary7', 'Eevee#Evolve: 3', 'ptc']], rejected: [] });
    expect(JSON.stringify(await readDump(fixture('openpogobot-config.yml')))).not.toMatch(/AIzaSy/);
  });

  it('an unquoted password is kept as typed (YAML would read `0123456` as a number) and a Google login keeps its provider', async () => {
    const text = 'login:\n  auth_service: google\n  username: open.bot.misty@gmail.com\n  password: 0123456789\nmapping:\n  gmapkey: x\n';
    expect((await exact('config.yml', text)).accounts).toEqual([[3, 'open.bot.misty@gmail.com', '0123456789', 'google']]);
  });

  it("the unedited example's placeholders are no account", async () => {
    const example = fixtureBytes('openpogobot-config.yml').toString('utf8').replace('"openbot_gary7"', '"YOURACCOUNT@gmail.com"').replace('"Eevee#Evolve: 3"', '"YOURPASSWORD"');
    await expect(readDump(input('config.yml', example))).rejects.toThrow(/no accounts found; read as openpogobot/);
  });

  it('an extra backup login is named, never imported; a config.yml whose YAML breaks is refused at that line, not read as a letter', async () => {
    const fixed = fixtureBytes('openpogobot-config.yml').toString('utf8');
    // The bot reads login.username and login.password alone (pokemongo_bot/__init__.py): a backup pair beside them is named.
    const backup = fixed.replace('    password: "Eevee#Evolve: 3"\n', '$&    backup_username: "openbot_gary8"\n    backup_password: "Pika#Chu: 9"\n');
    const read = await readDump(input('config.yml', backup));
    expect(read.accounts.map((a) => a.username)).toEqual(['openbot_gary7']);
    expect(read.notes?.join('\n')).toMatch(/backup_username\/backup_password.*lines 26-27/);
    // Two blanks under a block of four, or a tab: ruamel.yaml (app/kernel.py) refuses it, and so do we, by its line.
    for (const indent of ['  ', '\t']) {
      const broken = fixed.replace('    password: "Eevee#Evolve: 3"\n', `$&${indent}backup_username: "openbot_gary8"\n${indent}backup_password: "Pika#Chu: 9"\n`);
      const refusal = readDump(input('config.yml', broken));
      await expect(refusal).rejects.toThrow(/^config\.yml:26: an OpenPoGoBot config\.yml .* not valid YAML/);
      await expect(refusal).rejects.not.toThrow(/email-text|Pika#Chu|Eevee/);
    }
  });
});
