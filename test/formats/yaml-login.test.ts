// A bot's YAML settings whose one block holds its login (pogosandbox/pogonode `data/config.yaml`, and
// the `data/config.actual.yaml` its `src/helpers/config.ts` writes at each start). Before, both were
// refused as "a config file" or "unsure", though the JSON form of the same block was read
// (json-nested-login.ts) and a careful operator imports the one account.
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { fixture, fixtureBytes, input } from './helpers.js';

const exact = async (name: string, text?: string) => {
  const r = await readDump(text === undefined ? fixture(name) : input(name, text));
  return { format: r.format, accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.provider]), rejected: r.rejected };
};

describe('a YAML config with a login block', () => {
  it("pogonode's config.yaml (PTC named by the comment above the block) and the config.actual.yaml it writes (type: ptc)", async () => {
    expect(await exact('pogonode-config.yaml')).toEqual({ format: 'yaml-login', accounts: [[14, 'MistyCerulean', 'Starmie2016', 'ptc']], rejected: [] });
    // js-yaml's dump quotes a password holding `: ` and ` #`: read as the bot reads it.
    expect(await exact('pogonode-config-actual.yaml')).toEqual({ format: 'yaml-login', accounts: [[2, 'MistyCerulean', 'Star: mie #2016', 'ptc']], rejected: [] });
    expect(JSON.stringify(await readDump(fixture('pogonode-config-actual.yaml')))).not.toMatch(/9f2c41e07ab3|gmap/);
  });

  it('a password is kept as typed, a provider and a level in the block are read', async () => {
    const text = 'auth:\n  provider: google\n  username: pogo.node.brock@gmail.com\n  password: 0123456789\n  level: 31\nspeed: 5\n';
    const r = await readDump(input('config.yaml', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level])).toEqual([[3, 'pogo.node.brock@gmail.com', '0123456789', 'google', 31]]);
  });

  it("the unedited example's placeholders are no account", async () => {
    const example = fixtureBytes('pogonode-config.yaml').toString('utf8').replace('user: MistyCerulean', 'user: username').replace('password: Starmie2016', 'password: password');
    await expect(readDump(input('config.yaml', example))).rejects.toThrow(/no accounts found; read as yaml-login/);
  });

  it("another program's credentials block is left alone: no game named, a connection beside it, a PTC comment elsewhere", () => {
    const others = [
      '# Grafana settings\ncredentials:\n  user: admin\n  password: Admin123x\nserver:\n  port: 3000\n',
      'mqtt:\n  broker: x\ndb:\n  host: localhost\ncredentials:\n  user: bob\n  password: Pw123456x\n  type: ptc\n',
      '# PTC Credentials are set in the UI\nspeed: 5\n\nauth:\n  user: someone\n  password: Pw123456x\n',
    ];
    for (const text of others) expect(detectFormat(input('config.yaml', text))?.name).not.toBe('yaml-login');
  });
});
