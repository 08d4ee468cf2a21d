// Proxy lists whose logins look like accounts: a table whose header names a host and a port
// (`IP,Port,Username,Password`: the Monocle reader took `username`/`password` and imported every
// proxy's login), and `host:port user:pass` lines. Refused, saying what they are. Fixtures:
// test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe('proxy lists that name their columns or put the login after the proxy', () => {
  it('`IP,Port,Username,Password,Country` (CSV), `Host;Port;Login;Password`, a tab table: refused, naming the columns', async () => {
    await expect(readDump(fixture('proxies-table.csv'))).rejects.toThrow(/no accounts found.*it looks like a proxy or server list \(a table whose first line names its columns: IP, Port, Username, Password, Country\)/);
    for (const text of ['Host;Port;Login;Password\nproxy1.fastprox.example;1080;pogo77;Tt5hY2kk\nproxy2.fastprox.example;1080;pogo78;Mm3nB7qq\n', 'Proxy IP\tPort\tUsername\tPassword\n185.22.14.7\t8080\tpogo77\tTt5hY2kk\n185.22.14.8\t8080\tpogo78\tMm3nB7qq\n']) {
      await expect(readDump(input('proxies.txt', text))).rejects.toThrow(/it looks like a proxy or server list/);
    }
  });

  it('an account list with its own proxy after each account (`username,password,proxy`) is still read', async () => {
    const r = await readDump(input('accounts.csv', 'username,password,proxy\nvulpix_fire07,Feuer!Wirbel7,http://185.22.14.7:8080\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['vulpix_fire07', 'Feuer!Wirbel7']]);
  });

  it('`host:port user:pass` and `host:port user pass`: a proxy list', async () => {
    await expect(readDump(fixture('proxies-login-after.txt'))).rejects.toThrow(/no accounts found.*it looks like a proxy list \(3 of 3 lines\)/);
  });
});
