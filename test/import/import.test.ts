// The import command and its rules, as an operator meets them.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import fc from 'fast-check';
import { makeAccount } from '../helpers/accounts.js';
import { unkeptFieldsOf } from '../../src/account-fields.js';

async function write(pool: TestPool, name: string, text: string): Promise<string> {
  const path = join(pool.base, name);
  await writeFile(path, text);
  return path;
}

async function account(pool: TestPool, name: string) {
  return (await (await pool.open()).read()).get(name);
}

describe('import', () => {
  it('adds new accounts in file order, and the report says what happened without passwords', async () => {
    const pool = await makePool(4);
    const file = await write(pool, 'seller.txt', 'zed:pw-z\nalpha:pw-a\nmid:pw-m\nalpha:pw-again\nbroken:\n');
    const result = await cli(['import', file, '--level', '30', ...pool.args]);
    // 1, not 0: line 5's account was not taken, and a script must tell (the other three are in).
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`imported ${file}: 3 added, 0 updated, 1 duplicate, 1 rejected (line 5)\n`);
    expect(result.stderr).toContain(`${file}:5: rejected: `);
    expect(result.stderr).toContain(`${file}:4: duplicate of line 2, skipped`);
    expect(result.stdout + result.stderr).not.toMatch(/pw-/);
    const seqs = await Promise.all(['zed', 'alpha', 'mid'].map(async (n) => (await account(pool, n))!.seq));
    expect(seqs[0]).toBeLessThan(seqs[1]!);
    expect(seqs[1]).toBeLessThan(seqs[2]!);
    expect((await account(pool, 'alpha'))!.password).toBe('pw-a'); // the first of the duplicates
  });

  it('updates a known account: new password reported, level only raised unless --set-level, device filled, state kept', async () => {
    const pool = await makePool(4);
    await cli(['import', await write(pool, 'a.txt', 'ash:old1\n'), '--level', '31', ...pool.args]);
    await cli(['mark', 'ash', '--verdict', 'warned', ...pool.args]);
    const before = (await account(pool, 'ash'))!;
    const csv = await write(pool, 'monocle.csv', 'username,password,provider,model,iOS,id\nASH,new,ptc,"iPhone9,3",10.3.3,0123456789ABCDEF0123456789ABCDEF\n');
    const result = await cli(['import', csv, '--level', '30', ...pool.args]);
    expect(result.stdout).toContain('0 added, 1 updated');
    expect(result.stdout).toContain('changed: 1 password, 1 device');
    const after = (await account(pool, 'ash'))!;
    expect(after).toMatchObject({ username: 'ash', password: 'new', level: 31, state: 'warned', state_at: before.state_at, device: { model: 'iPhone9,3', ios: '10.3.3', id: '0123456789abcdef0123456789abcdef' } });
    await cli(['import', csv, '--level', '30', '--set-level', ...pool.args]);
    expect((await account(pool, 'ash'))!.level).toBe(30);
    const again = await cli(['import', csv, '--level', '30', '--set-level', ...pool.args]);
    expect(again.stdout).toContain('0 added, 0 updated, 1 unchanged');
  });

  it('takes the level from a column first, refuses to guess when none is known, and needs none for known accounts', async () => {
    const pool = await makePool(4);
    const withColumn = await write(pool, 'lv.csv', 'username,password,level\nhigh,x,35\n');
    expect((await cli(['import', withColumn, '--level', '30', ...pool.args])).code).toBe(0);
    expect((await account(pool, 'high'))!.level).toBe(35);
    const plain = await write(pool, 'p.txt', 'newbie:x1\n');
    const refused = await cli(['import', plain, ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${plain}:1: no level known for 1 account; give --level N`);
    expect(await account(pool, 'newbie')).toBeUndefined();
    expect((await cli(['import', withColumn, ...pool.args])).code).toBe(0);
    await pool.configure({ default_level: '28' });
    expect((await cli(['import', plain, ...pool.args])).code).toBe(0);
    expect((await account(pool, 'newbie'))!.level).toBe(28);
  });

  it('a checker output named by its verdict records that verdict', async () => {
    const pool = await makePool(4);
    await cli(['import', await write(pool, 'all.txt', 'a1:x\na2:y\n'), '--level', '30', ...pool.args]);
    const blind = await write(pool, 'accounts-blind.csv', 'ptc,a2,y\n');
    expect((await cli(['import', blind, ...pool.args])).stdout).toContain('changed: 1 verdict');
    expect((await account(pool, 'a2'))!.state).toBe('blind');
    expect((await account(pool, 'a1'))!.state).toBe('ok');
  });

  it("PGNumbra's captcha and error files record the captcha flag and a failed check's retry time, never a ban", async () => {
    const pool = await makePool(4);
    await cli(['import', await write(pool, 'all.txt', 'a1:x\na2:y\n'), '--level', '30', ...pool.args]);
    const captcha = await write(pool, 'accounts-captcha.csv', 'ptc,a1,x\nptc,fresh1,z\n');
    const dry = await cli(['import', captcha, '--level', '30', '--dry-run', ...pool.args]);
    expect(dry.stdout).toMatch(/ a1 +\*{8} +30 +ptc +captcha /);
    expect((await cli(['import', captcha, '--level', '30', ...pool.args])).stdout).toContain('changed: 1 captcha');
    expect(await account(pool, 'a1')).toMatchObject({ state: 'ok', captcha: true });
    expect(await account(pool, 'fresh1')).toMatchObject({ state: 'ok', captcha: true, password: 'z' });
    const error = await write(pool, 'accounts-error.csv', 'ptc,a2,y\n');
    expect((await cli(['import', error, ...pool.args])).stdout).toContain('changed: 1 check error');
    const a2 = (await account(pool, 'a2'))!;
    expect(a2.state).toBe('ok');
    expect(Date.parse(a2.available_at!) - Date.now()).toBeGreaterThan(30 * 60_000); // check_error: 1h
  });

  it('--dry-run reports and writes nothing; --json reports per file; - reads stdin', async () => {
    const pool = await makePool(4);
    const shardsBefore = await readdir(join(pool.dir, 'shards'));
    const bytesBefore = await Promise.all(shardsBefore.map((f) => readFile(join(pool.dir, 'shards', f), 'utf8')));
    const dry = await cli(['import', '-', '--level', '30', '--dry-run', ...pool.args], { stdin: 'u1:p1\nu2:p2\n' });
    expect(dry.stdout).toBe('would import stdin: 2 added, 0 updated, 0 rejected\n  read as plain: detected (plain 0.50)\n  accounts:\n    u1  ********  30  ptc\n    u2  ********  30  ptc\n');
    expect(await Promise.all(shardsBefore.map((f) => readFile(join(pool.dir, 'shards', f), 'utf8')))).toEqual(bytesBefore);
    const json = await cli(['import', '-', '--level', '30', '--json', ...pool.args], { stdin: 'u1:p1\nu2:\n' });
    expect(JSON.parse(json.stdout)).toMatchObject({ file: 'stdin', added: 1, updated: 0, rejected: [{ line: 2 }], dryRun: false });
  });

  it('- reads what is piped into the real process (bin/accountpool.js)', async () => {
    const pool = await makePool(4);
    const piped = await runCli(['import', '-', '--level', '30', '--json', ...pool.args], { stdin: 'u1:p1\nu2:p2\n' });
    expect(JSON.parse(piped.stdout)).toMatchObject({ file: 'stdin', added: 2, dryRun: false });
    expect((await account(pool, 'u2'))?.level).toBe(30);
  });

  it('a file from which nothing can be read is an error naming the formats tried; other files still import', async () => {
    const pool = await makePool(4);
    const junk = await write(pool, 'junk.bin', '\u0001\u0002 just some words here\nand more words\n');
    const good = await write(pool, 'good.txt', 'fine:pw1\n');
    const result = await cli(['import', junk, good, '--level', '30', ...pool.args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${junk.replace(/[.]/g, '\\.')}.*(tried|detection)`));
    expect(result.stdout).toContain('imported');
    expect(await account(pool, 'fine')).toBeDefined();
  });

  it('export + import moves a pool: every account keeps its verdict, cool-down, place in the circle and own fields', async () => {
    const from = await makePool(4);
    await cli(['import', await write(from, 'a.txt', 'first:p1\nsecond:p2\nthird:p3\n'), '--level', '30', ...from.args]);
    await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(from.base, 'x.csv'), ...from.args]);
    await cli(['mark', 'second', '--verdict', 'blind', ...from.args]);
    await (await from.open()).transaction((tx) => tx.put({ ...tx.get('third')!, note: 'from bob' }));
    const backup = join(from.base, 'backup.jsonl');
    expect((await cli(['export', '--out', backup, ...from.args])).code).toBe(0);
    const to = await makePool(8);
    expect((await cli(['import', backup, ...to.args])).stdout).toContain('3 added');
    const before = [...(await (await from.open()).read()).accounts()];
    const after = await (await to.open()).read();
    for (const account of before) {
      const { holder: _h, held_until: _u, seq: _s, ...kept } = account;
      expect(after.get(account.username)).toMatchObject(kept);
      expect(after.get(account.username)!.holder).toBeUndefined(); // holds belong to the old pool's scanners
    }
    // The circle turns on where it was: the two never-used accounts first, the used one last.
    const next = await cli(['allocate', '--count', '2', '--no-check', '--allow-partial', '--accountcsv', join(to.base, 'y.csv'), ...to.args]);
    expect(next.stdout).toContain('allocated 2 accounts'); // second is blind, still cooling down
    const given = (await readFile(join(to.base, 'y.csv'), 'utf8')).split('\n').slice(1, 3).map((l) => l.split(',')[0]);
    expect(given).toEqual(['third', 'first']);
  });
});

// What a pool holds and `verify` passes (account-fields.ts unkeptFieldsOf finds nothing), its
// export imports unchanged into another pool: the import's rules (the field names withheld, the
// text shape) are the ones verify applies, so a pool never refuses what it wrote itself (a note
// `bob@x.example paid` an operator added by hand was refused before).
const FIELD_NAMES = ['note', 'notes', 'reason', 'nickname', 'last_uuid', 'in_use_by', 'instance_id', 'group', 'device_id', 'proxy_name', 'team', 'email', 'spins', 'captcha', 'last_login', 'Seller Note', 'tags2'];
const fieldValue = fc.oneof(
  fc.integer({ min: -5, max: 10 ** 9 }),
  fc.boolean(),
  fc.constantFrom('2017-07-22', '2017-07-22 14:53:11', '2026-11-20T10:00:00.000Z', 'bob@x.example paid', 'paid by bob@x.example', 'bob@x.example', 'Wk#A1b', 'iPhone#A1b', 'mystic', 'code3: banned 2017-07-22', '40.7128,-74.0060', 'mailto:bob@x.example', '12:30@home', 'true', '0123', ' spaced '),
  fc.uuid(),
  fc.base64String({ minLength: 4, maxLength: 24 }),
  fc.string({ maxLength: 40 }),
);
const accountFields = fc.dictionary(fc.constantFrom(...FIELD_NAMES), fieldValue, { maxKeys: 4 });

describe('export + import of a pool verify passes', () => {
  it('imports every account with every field unchanged', async () => {
    // One pair of pools for every run (a run's accounts are new names; those of the runs before are
    // exported again and stay unchanged): the property's cost is one export and one import a run.
    const [from, to] = await Promise.all([makePool(2), makePool(2)]);
    const backup = join(from.base, 'backup.jsonl');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(accountFields, { minLength: 1, maxLength: 6 }), async (fieldsOf) => {
        const accounts = fieldsOf.map((fields, i) => makeAccount(run * 100 + i, { ...fields, note2: `line ${i}` }));
        // Only a pool the rules accept: what verify would name is not the pool's own to move.
        fc.pre(accounts.every((a) => unkeptFieldsOf(a, a.password).length === 0));
        run++;
        await (await from.open()).transaction((tx) => accounts.forEach((a) => tx.put({ ...a, seq: tx.nextSeq() })));
        const exported = await cli(['export', '--out', backup, ...from.args]);
        expect(exported.code, exported.stderr).toBe(0);
        const imported = await cli(['import', backup, ...to.args]);
        expect(imported.code, imported.stdout + imported.stderr).toBe(0);
        expect(imported.stdout).toMatch(new RegExp(`: ${accounts.length} added, 0 updated,( \\d+ unchanged,)? 0 rejected`));
        const after = await (await to.open()).read();
        for (const { seq: _s, ...kept } of accounts) expect(after.get(kept.username)).toMatchObject(kept);
      }),
      { numRuns: 4 },
    );
  });
});
