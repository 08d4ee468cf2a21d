// An account already in a pool whose name holds a mark no login holds (`ash,02`: a line split at
// the wrong place, imported before import refused such names, or typed in by hand): verify names
// it by file and line, `--fix` refuses rather than delete it, and allocate never hands it out (a
// `,` in the name would also cut its line of RocketMap's accounts.csv). The same rule import
// refuses new names by (src/login-marks.ts); a company's Google address with an apostrophe is a login.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';

describe('verify: names no login holds, already in the pool', () => {
  it('names each by file and line, --fix refuses, allocate leaves them out', async () => {
    const pool = await makePool(4);
    const opened = await pool.open();
    await opened.transaction((tx) => {
      tx.put(makeAccount(0, { username: 'ash,02', password: 'pw-cut' }));
      tx.put(makeAccount(1, { username: '"misty03"', password: 'pw-quoted' }));
      tx.put(makeAccount(2, { username: 'brock04', password: 'pw-ok' }));
      tx.put(makeAccount(3, { username: "o'neil@corp.example", provider: 'google', password: 'pw-corp' }));
    });
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/shards\/\d+\.yaml:\d+: account ash,02: username holds `,`: a PTC username never does/);
    expect(verify.stdout).toMatch(/shards\/\d+\.yaml:\d+: account "misty03": username holds `"`/);
    expect(verify.stdout).not.toMatch(/brock04|o'neil/);
    expect(verify.stdout).toContain('2 problems in');
    expect(verify.stdout + verify.stderr).not.toMatch(/pw-/);

    // Never deleted: --fix says what to do and writes nothing.
    const shards = async () => Promise.all((await readdir(join(pool.dir, 'shards'))).sort().map((n) => readFile(join(pool.dir, 'shards', n), 'utf8')));
    const shardsBefore = await shards();
    const fix = await cli(['verify', '--fix', ...pool.args]);
    expect(fix.code).not.toBe(0);
    expect(fix.stderr).toContain('cannot fix: ');
    expect(fix.stderr).toContain('account ash,02: username holds `,`');
    expect(await shards()).toEqual(shardsBefore);

    // Four asked, two can be handed out: the refusal names the two left out and why.
    const out = join(pool.base, 'accounts.csv');
    const short = await cli(['allocate', '--count', '4', '--no-check', '--accountcsv', out, ...pool.args]);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/left out 2 accounts named as no login can be: .*ash,02 \(username holds `,`.*not handed out until its name is corrected/);
    expect(short.stdout + short.stderr).not.toMatch(/pw-/);
    const allocate = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', out, ...pool.args]);
    expect(allocate.code, allocate.stderr).toBe(0);
    const csv = await readFile(out, 'utf8');
    expect(csv).toContain('brock04');
    expect(csv).toContain("o'neil@corp.example");
    expect(csv).not.toMatch(/ash|misty/);
  });
});
