// Concurrency: requests at once never share an account, inside the server (group commit) and
// across processes (`accountpool allocate` on the same pool at the same time).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { serveAccounts, stored } from './helpers.js';

const names = (n: number, prefix = 'acc') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('the server under concurrency', () => {
  it('50 concurrent requests never share an account, and the dry ones get []', async () => {
    const s = await serveAccounts(names(70));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => s.call('GET', `/account/request?system_id=scanner${i}&count=${i % 2 === 0 ? 1 : 2}`)));
    const given: string[] = [];
    for (const [i, r] of answers.entries()) {
      expect(r.status).toBe(200);
      const list = Array.isArray(r.json) ? r.json : [r.json];
      for (const a of list) expect(a.system_id).toBe(`scanner${i}`);
      given.push(...list.map((a: { username: string }) => a.username));
    }
    expect(given).toHaveLength(70); // 25 ask for 1 and 25 for 2: 75 asked, 70 exist
    expect(new Set(given).size).toBe(70);
    // Every answered account is held by the system it was given to.
    const pool = await stored(s);
    for (const [i, r] of answers.entries()) {
      for (const a of Array.isArray(r.json) ? r.json : [r.json]) expect(pool.get(a.username)!.holder).toBe(`scanner${i}`);
    }
    expect(s.server.stats.batches).toBeLessThan(50); // group commit: fewer transactions than requests
  });

  it('requests, updates and releases interleaved from many clients leave every account with one holder', async () => {
    const s = await serveAccounts(names(30));
    const holding = new Map<string, string>(); // username -> client, as the clients believe
    const client = async (id: number) => {
      for (let round = 0; round < 6; round++) {
        const r = await s.call('GET', `/account/request?system_id=c${id}`);
        if (Array.isArray(r.json)) continue; // dry for a moment
        const name = r.json.username as string;
        expect(holding.has(name), `${name} given to c${id} while c${holding.get(name)} holds it`).toBe(false);
        holding.set(name, String(id));
        await s.call('POST', '/account/update', { username: name, system_id: `c${id}`, rareless_scans: round });
        holding.delete(name);
        await s.call('POST', '/account/release', { username: name, system_id: null });
      }
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => client(i)));
    const pool = await stored(s);
    expect([...pool.values()].filter((a) => a.holder !== undefined)).toEqual([]);
  });

  it('serve and concurrent `accountpool allocate` processes never give one account to two holders', async () => {
    const s = await serveAccounts(names(300));
    const files = [0, 1, 2].map((i) => join(s.base, `allocate${i}.csv`));
    let running = true;
    const allocations = Promise.all(files.map((file, i) => runCli(['allocate', '--count', '40', '--no-check', '--accountcsv', file, '--pool', s.pool.dir, '--instance', `cli${i}`])));
    void allocations.finally(() => (running = false));
    // Ten web clients keep taking accounts for as long as the allocate processes run (at most 150).
    const fromServer: string[] = [];
    let calls = 0;
    const client = async (id: number) => {
      while (running && fromServer.length < 150) {
        const r = await s.call('GET', `/account/request?system_id=web${id}&count=1`);
        calls++;
        if (!Array.isArray(r.json)) fromServer.push(r.json.username);
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => client(i)));
    const cliResults = await allocations;
    for (const r of cliResults) expect(r.code, r.stderr).toBe(0);
    const fromCli = (await Promise.all(files.map(async (f) => (await readDump(toDumpInput(f, await readFile(f)))).accounts.map((a) => a.username)))).flat();
    expect(fromCli).toHaveLength(120);
    expect(calls).toBeGreaterThan(10); // the server was busy while allocate ran
    const all = [...fromCli, ...fromServer];
    expect(new Set(all).size).toBe(all.length);
    const pool = await stored(s);
    for (const name of fromServer) expect(pool.get(name)!.holder).toMatch(/^web\d$/);
    for (const name of fromCli) expect(pool.get(name)!.holder).toMatch(/^cli\d$/);
  });
});
