// A shop's `Status:` line in an account's block is that account's verdict, whether the template
// puts it after the password or above the login (`Status: Banned` / `Login: x` / `Password: y`).
// Read as the line after the previous account, it gave that account the next one's ban and left
// the banned account healthy. Fixture and source: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = async (name: string, text?: string) => (await readDump(text === undefined ? fixture(name) : input(name, text))).accounts.map((a) => [a.username, a.level, a.state]);

describe('a status line above the login', () => {
  it('each block\'s `Status:` is its own account\'s verdict, with blank lines between the blocks or none', async () => {
    expect(await read('seller-status-first.txt')).toEqual([
      ['charmander_f4', 30, 'ok'],
      ['squirtle_w7', 28, 'perm_banned'],
      ['bulbasaur_g2', undefined, 'ok'],
      ['pidgey_sky9', undefined, 'temp_banned'],
      ['rattata_n3', undefined, 'ok'],
    ]);
  });

  it('a status after the password still belongs to the account above it; one a blank line away from any login states nothing', async () => {
    const after = 'Username: charmander_f4\nPassword: Ember!Tail44\nStatus: banned\nUsername: squirtle_w7\nPassword: Bubble#Gun72\nStatus: OK\n';
    expect(await read('order.txt', after)).toEqual([
      ['charmander_f4', undefined, 'perm_banned'],
      ['squirtle_w7', undefined, 'ok'],
    ]);
    const apart = 'Status: banned\n\nUsername: charmander_f4\nPassword: Ember!Tail44\n';
    expect(await read('order.txt', apart)).toEqual([['charmander_f4', undefined, undefined]]);
  });
});
