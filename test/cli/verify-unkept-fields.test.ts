// Fields already in a pool that no import lets in today (src/account-fields.ts unkeptFieldsOf): a
// token, a PIN or a phone number an older version kept from a dump, or an operator added by hand
// (as bad: shards go to every peer in the clear), and text holding a login or the account's own
// password. verify names each by account and shard line, never the value; --fix removes those
// fields and nothing else (an operator's own note stays).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { testdir } from '../helpers/testdir.js';
import { logLinePlaces } from '../../src/store/log-line-places.js';

const VALUES = ['4071', '15550123456', 'tok-9f8e7d6c5b', 'scan:Hunter2pw@db', 'Pw-leak-77'];

describe('verify: fields beside an account that no import would keep', () => {
  it('names them by account and line, never the value; --fix removes them and keeps the rest', async () => {
    const pool = await makePool(4);
    const opened = await pool.open();
    await opened.transaction((tx) => {
      tx.put(makeAccount(0, { username: 'ash01x', password: 'pw-a1', pin: 4071, phoneNumber: 15550123456, note: 'from bob', stardust: 1200 }));
      tx.put(makeAccount(1, { username: 'misty02x', password: 'Pw-leak-77', refresh_token: 'tok-9f8e7d6c5b', instance: 'https://scan:Hunter2pw@db.example/rm', nickname: 'copy of Pw-leak-77' }));
      tx.put(makeAccount(2, { username: 'brock03x', password: 'pw-c3', team: 'mystic', spins: 412 }));
    });
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/shards\/\d+\.yaml:\d+: account ash01x: field `phoneNumber` is named for a credential, a code that takes an account over or personal data; field `pin` is named[^\n]*verify --fix removes them\)$/m);
    expect(verify.stdout).toMatch(/shards\/\d+\.yaml:\d+: account misty02x: field `instance` holds a web address with a login in it; field `nickname` holds the account's password; field `refresh_token` is named/);
    expect(verify.stdout).not.toContain('brock03x');
    expect(verify.stdout).toContain('2 problems in');
    const json = await cli(['verify', '--json', ...pool.args]);
    for (const said of [verify.stdout + verify.stderr, json.stdout + json.stderr]) for (const value of VALUES) expect(said).not.toContain(value);

    const fix = await cli(['verify', '--fix', ...pool.args]);
    expect(fix.code, fix.stderr).toBe(0);
    const shards = (await Promise.all((await readdir(join(pool.dir, 'shards'))).filter((n) => n.endsWith('.yaml')).map((n) => readFile(join(pool.dir, 'shards', n), 'utf8')))).join('\n');
    for (const value of [...VALUES.slice(0, -1), 'copy of']) expect(shards).not.toContain(value);
    expect(shards).toMatch(/"ash01x":[^\n]*"note": "from bob"/);
    expect(shards).toMatch(/"ash01x":[^\n]*"stardust": 1200/);
    expect(shards).toMatch(/"brock03x":[^\n]*"spins": 412/);
    expect(shards).toMatch(/"misty02x":[^\n]*"password": "Pw-leak-77"/);
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  it("names them in a record of the change log not yet in its shard (serve's), and --fix removes them there too", async () => {
    const pool = await makePool(2);
    const opened = await pool.open();
    await opened.transaction((tx) => {
      tx.put(makeAccount(0, { username: 'ash01x', password: 'pw-a1', spins: 3 }));
      tx.put(makeAccount(1, { username: 'misty02x', password: 'pw-b2' }));
    });
    // A later change that went through the change log (as serve's do): the shard's line is clean, the record is not.
    await opened.transaction((tx) => tx.put({ ...tx.get('ash01x')!, accountpin: 4071, note: 'mail ash@x.example:Hunter2pw' }), { via: 'log' });
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    // Named by the segment's file and line the record is on (what an operator opens), never by a value.
    const named = verify.stdout.match(/(\S+\.changes\.log):(\d+): account ash01x \(its record in the change log, not yet in shard \d+\): field `accountpin` is named for [^\n]*; field `note` holds an e-mail address[^\n]*verify --fix removes them\)$/m);
    expect(named, verify.stdout).not.toBeNull();
    expect((await readFile(named![1]!, 'utf8')).split('\n')[Number(named![2]) - 1]).toMatch(/^"ash01x": \{[^\n]*"accountpin": 4071/);
    expect(verify.stdout).toContain('1 problem in');
    const json = await cli(['verify', '--json', ...pool.args]);
    for (const said of [verify.stdout + verify.stderr, json.stdout + json.stderr]) for (const value of ['4071', 'Hunter2pw']) expect(said).not.toContain(value);

    const fix = await cli(['verify', '--fix', ...pool.args]);
    expect(fix.code, fix.stderr + fix.stdout).toBe(0);
    expect(fix.stderr).toContain(`${named![1]}:${named![2]}: removed field \`accountpin\`, field \`note\` of account ash01x`);
    for (const value of ['4071', 'Hunter2pw']) expect(fix.stderr + fix.stdout).not.toContain(value);
    // No file of the pool's holds them any more: the shards were written without them, the log folded away.
    const files = (await readdir(pool.dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const text = (await Promise.all(files.map((e) => readFile(join(e.parentPath, e.name), 'latin1')))).join('\n');
    expect(text).not.toContain('Hunter2pw');
    expect(text).not.toContain('accountpin');
    expect(text).toMatch(/"ash01x":[^\n]*"spins": 3/);
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  it("finds a record's line in the previous segment or the current one, the latest where both hold it", async () => {
    const record = '"ash01x": {"password": "pw-a1"}';
    const dir = await testdir({
      '.changes.old.log': `#tx 0123456789abcdef 2 "a"\n${record}\n"misty02x": {}\n`,
      '.changes.log': `#tx 0123456789abcdef 1 "b"\n"brock03x": {}\n`,
    });
    const log = join(dir, '.changes.log');
    expect(await logLinePlaces(log, new Set([record, '"brock03x": {}', 'absent']))).toEqual(
      new Map([
        [record, { file: join(dir, '.changes.old.log'), line: 2 }],
        ['"brock03x": {}', { file: log, line: 2 }],
      ]),
    );
    const both = await testdir({ '.changes.old.log': `${record}\n`, '.changes.log': `#tx x 1 "b"\n\n${record}\n` });
    expect((await logLinePlaces(join(both, '.changes.log'), new Set([record]))).get(record)).toEqual({ file: join(both, '.changes.log'), line: 3 });
  });
});
