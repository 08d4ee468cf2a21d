// Instance names are the holders of accounts: one rule (instanceNameProblem in src/model.ts) for
// every way a name comes in, and allocate's "(checking)" reservations in a namespace no instance
// name can reach.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli, ROOT } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { serveAccounts } from '../server/helpers.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';

async function poolOf(count: number): Promise<TestPool> {
  const pool = await makePool(4);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, Array.from({ length: count }, (_, i) => `acc${i}:pw-acc${i}`).join('\n'));
  expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  return pool;
}

async function usernamesIn(file: string): Promise<string[]> {
  return (await readDump(toDumpInput(file, await readFile(file)))).accounts.map((a) => a.username);
}

/** Names that broke `status` (a newline fakes a line), the terminal (ESC), or sense (empty, 10 KB). */
const HOSTILE = ['east\nheld by west: 400 accounts', 'east\u001b[2J', '', '   ', 'x'.repeat(10_000), 'east\u202eevil', 'east (checking)'];

describe('instance names', () => {
  it('allocate --instance "east (checking)" cannot take the accounts instance east is checking', async () => {
    const pool = await poolOf(4);
    // A checker that answers only once told to: east's accounts stay reserved meanwhile.
    const gate = join(pool.base, 'go');
    const program = join(pool.base, 'slow-check.mjs');
    await writeFile(
      program,
      `import { existsSync } from 'node:fs';
let input = ''; for await (const chunk of process.stdin) input += chunk;
while (!existsSync(${JSON.stringify(gate)})) await new Promise((r) => setTimeout(r, 20));
for (const line of input.split('\\n').filter(Boolean)) console.log(JSON.stringify({ username: JSON.parse(line).username, verdict: 'ok' }));`,
    );
    await pool.configure({ checker: 'command', checker_command: `[${process.execPath}, ${program}]`, checker_timeout: '30s' });
    const eastFile = join(pool.base, 'east.csv');
    const east = startCli(['allocate', '--count', '2', '--accountcsv', eastFile, '--instance', 'east', ...pool.args], { cwd: ROOT });
    await waitFor(async () => (await cli(['status', ...pool.args])).stdout.includes('held by east (checking): 2 accounts'), { what: "east's reservation" });

    const other = join(pool.base, 'other.csv');
    const collider = await cli(['allocate', '--count', '4', '--no-check', '--accountcsv', other, '--instance', 'east (checking)', ...pool.args]);
    expect(collider.code).toBe(2);
    expect(collider.stderr).toMatch(/--instance must not end with " \(checking\)"/);
    await writeFile(gate, '');
    expect((await east.closed).code).toBe(0);

    // The rest go to another instance: never one of east's.
    const west = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', other, '--instance', 'west', ...pool.args]);
    expect(west.code, west.stderr).toBe(0);
    const mine = await usernamesIn(eastFile);
    expect(mine).toHaveLength(2);
    expect((await usernamesIn(other)).filter((u) => mine.includes(u))).toEqual([]);
  });

  it('allocate and release refuse a hostile --instance without echoing it, and status stays one line per holder', async () => {
    const pool = await poolOf(2);
    const out = join(pool.base, 'a.csv');
    for (const name of HOSTILE) {
      for (const args of [
        ['allocate', '--count', '1', '--no-check', '--accountcsv', out, '--instance', name],
        ['release', '--instance', name],
      ]) {
        const result = await cli([...args, ...pool.args]);
        expect(result.code, `${args[0]} ${JSON.stringify(name.slice(0, 40))}`).toBe(2);
        expect(result.stderr).toMatch(/--instance must/);
        expect(result.stderr).not.toContain('\u001b');
        expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      }
    }
    const status = await cli(['status', ...pool.args]);
    expect(status.stdout).not.toMatch(/held by/);
    // Spaces around a name are trimmed, as serve always trimmed system_id.
    expect((await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', out, '--instance', '  east  ', ...pool.args])).code).toBe(0);
    expect((await cli(['status', ...pool.args])).stdout).toContain('held by east: 1 account');
  });

  it('the accounts file path stands in for the name only when it passes the same rule', async () => {
    const pool = await poolOf(1);
    const result = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(pool.base, 'a\nb.csv'), ...pool.args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/give --instance NAME/);
  });

  it('serve refuses the same names as system_id in requests, and never makes one a holder through an update', async () => {
    const s = await serveAccounts(['alice', 'bob']);
    for (const name of HOSTILE) {
      const asked = await s.call('GET', `/account/request?system_id=${encodeURIComponent(name)}&count=1`);
      expect(asked.status, JSON.stringify(name.slice(0, 40))).toBe(400);
      expect(asked.json).toEqual([]); // what PGPool's clients read as "none left"
      expect(decodeURIComponent(asked.headers.get('x-accountpool-error') ?? '')).toMatch(/system_id (is required|must)/);
      // An update's fields are taken one by one, as PGPool took them: this one is ignored.
      expect((await s.call('POST', '/account/update', { username: 'alice', system_id: name })).status).toBe(200);
    }
    expect(s.log.join('\n')).not.toContain('\u001b');
    const status = await s.call('GET', '/status');
    expect(status.json.holders).toEqual([]);
  });
});
