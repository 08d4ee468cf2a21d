// Logins and proxies at a machine's own name, without a dot (`localhost`, `raspberrypi`,
// `vps-fra1`): before, only an IP or a name with a domain was a host, so `localhost:22:root:pw`
// was imported as the account `localhost` with the password `22:root:pw`, and
// `localhost:8080:user:pass` and `user:pass@proxybox:3128` as accounts too.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const HOST = 'looks like a login to a host (`user:password@host`, as ssh and server lists write it), not an account';

describe('hosts named without a dot', () => {
  it('logins at a service port of localhost or a LAN name are refused as logins to hosts, never accounts', async () => {
    await expect(readDump(fixture('server-logins-hostnames.txt'))).rejects.toThrow(/no accounts found; .*it looks like logins to hosts .*\(7 of 7 lines\)/);
    await expect(readDump(fixture('server-logins-hostnames.txt'))).rejects.not.toThrow(/Toor17|Rasp!berry17/);
  });

  it('proxies at localhost or a LAN name are refused as a proxy list', async () => {
    await expect(readDump(fixture('proxies-hostnames.txt'))).rejects.toThrow(/no accounts found; .*it looks like a proxy list \(5 of 5 lines\)/);
  });

  it('among accounts, such a line is rejected for what it is and the accounts are read', async () => {
    const r = await readDump(input('stock.txt', 'ash_k01:Pika!chu01\nlocalhost:22:root:Toor1234\nmisty_w02:Star!mie02\nuser7:Prox!y77@proxybox:3128\nbrock_r03:Onix!Rock03\nvps1:2222:admin:Vps!Pass2\ntogepi_s04:Egg!Spike04\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'ash_k01', 'Pika!chu01'],
      [3, 'misty_w02', 'Star!mie02'],
      [5, 'brock_r03', 'Onix!Rock03'],
      [7, 'togepi_s04', 'Egg!Spike04'],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[2, HOST], [4, 'looks like a proxy (host:port), not an account'], [6, HOST]]);
  });

  it('a level in the second column (21, 22, 23, 25 are ports too) stays a level under a header naming it', async () => {
    for (const [header, rows] of [
      ['Login:Level:Password:Email', ['ash01:22:Pikachu1:ash@mail.example', 'misty02:25:Starmie2:misty@mail.example', 'brock03:30:Onix3rock:brock@mail.example']],
      ['Login:Level:Password:Team', ['ash01:22:Pikachu1:mystic', 'misty02:25:Starmie2:Valor', 'brock03:30:Onix3rock:instinct']],
      ['Login;Level;Password', ['ash01;22;Pikachu1', 'misty02;25;Starmie2', 'brock03;30;Onix3rock']],
    ] as const) {
      const r = await readDump(input('levels.txt', [header, ...rows].join('\n') + '\n'));
      expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
        ['ash01', 'Pikachu1', 22],
        ['misty02', 'Starmie2', 25],
        ['brock03', 'Onix3rock', 30],
      ]);
    }
  });
});
