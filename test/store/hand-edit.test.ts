// A hand edit of a shard line whose account has a record in the change log (every account
// allocated or released since the last fold): the edit and the logged record are merged field by
// field (src/store/hand-edits.ts, the rules of src/account-merge.ts), for readers and for the fold.
// The operator's fixed password is handed out next; the logged hold stays, so the account is never
// handed to a second instance.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { decodeLog, encodeEntry, readLog } from '../../src/store/change-log.js';
import { cli } from '../helpers/cli.js';
import { editLine, poolWithAccounts, shardLine, type TestPool } from '../helpers/pool.js';

async function allocate(pool: TestPool, instance: string, count: number, ...flags: string[]): Promise<string[]> {
  const out = join(pool.base, `${instance}.csv`);
  const result = await cli(['allocate', '--count', String(count), '--no-check', '--format', 'rocketmap', '--accountcsv', out, '--instance', instance, ...flags, ...pool.args]);
  expect(result.code, result.stderr).toBe(0);
  return (await readFile(out, 'utf8')).split('\n').filter(Boolean);
}

const nameOf = (csvLine: string) => csvLine.split(',')[1]!;

describe('hand edits of accounts in the change log', () => {
  it('a password fixed by hand in the shard of an allocated account is handed out next, and the account stays held', async () => {
    const pool = await poolWithAccounts(20);
    const east = (await allocate(pool, 'east', 5)).map(nameOf);
    // Two of east's five accounts share a shard (4 shards): one gets a new password, the other a new level.
    const files = await Promise.all(east.map(async (name) => (await shardLine(pool.dir, name)).file));
    const i = files.findIndex((file, n) => files.indexOf(file) !== n);
    const [fixed, leveled] = [east[files.indexOf(files[i]!)]!, east[i]!];
    // Not in the canonical spelling (two spaces), as an editor may leave it: compared as accounts, not bytes.
    await editLine(pool.dir, fixed, (line) => line.replace(/"password": "secret-\d+"/, '"password":  "fixed-pw"'));
    await editLine(pool.dir, leveled, (line) => line.replace('"level": 30', '"level": 35'));

    const read = await (await Pool.open(pool.dir)).read();
    expect(read.get(fixed)).toMatchObject({ password: 'fixed-pw', holder: 'east' });
    expect(read.get(leveled)).toMatchObject({ level: 35, holder: 'east' });

    // Never handed to a second instance: west gets every other account, not east's five.
    const west = (await allocate(pool, 'west', 20, '--allow-partial')).map(nameOf);
    expect(west).toHaveLength(15);
    expect(west.filter((name) => east.includes(name))).toEqual([]);
    // East allocates again: its five are all that is free, the fixed password is in its file.
    const again = await allocate(pool, 'east', 5);
    expect(again.find((line) => nameOf(line) === fixed)).toBe(`ptc,${fixed},fixed-pw`);

    // The fold writes both: the hand edits and the logged holds.
    const verify = await cli(['verify', '--fix', ...pool.args]);
    expect(verify.code, verify.stderr).toBe(0);
    expect((await readLog(join(pool.dir, '.changes.log'))).entries).toBe(0);
    expect((await shardLine(pool.dir, fixed)).line).toMatch(/"password": "fixed-pw".*"holder": "east"/);
    expect((await shardLine(pool.dir, leveled)).line).toMatch(/"level": 35.*"holder": "east"|"holder": "east".*"level": 35/);
  });

  it('a level fixed by hand of an account the scanner just marked keeps the logged verdict, and the fold writes both', async () => {
    const pool = await poolWithAccounts(8);
    const marked = await cli(['mark', 'acc3', '--verdict', 'temp_banned', ...pool.args]);
    expect(marked.code, marked.stderr).toBe(0);
    await editLine(pool.dir, 'acc3', (line) => line.replace('"level": 30', '"level": 34'));
    expect((await (await Pool.open(pool.dir)).read()).get('acc3')).toMatchObject({ level: 34, state: 'temp_banned' });
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
    expect((await shardLine(pool.dir, 'acc3')).line).toMatch(/"level": 34.*"state": "temp_banned"/);
  });

  it('an account deleted by hand whose record is in the log is kept with its hold, so no change is lost', async () => {
    const pool = await poolWithAccounts(8);
    const [held] = (await allocate(pool, 'east', 1)).map(nameOf);
    const { file, line } = await shardLine(pool.dir, held!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(`${line}\n`, ''));
    const read = await (await Pool.open(pool.dir)).read();
    expect(read.get(held!)).toMatchObject({ holder: 'east' });
    // A line gone from a shard is a loss verify names, as for any account; confirmed, the fold
    // writes the logged account back rather than lose its hold.
    const refused = await cli(['verify', '--fix', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/shards\/.*holds \d+ accounts?, 1 fewer than/);
    const accepted = await cli(['verify', '--fix', '--accept-loss', ...pool.args]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect((await shardLine(pool.dir, held!)).line).toContain('"holder": "east"');
  });

  it('a logged entry carries the base line of an account logged for the first time since the fold, and only then', async () => {
    const pool = await poolWithAccounts(8);
    const opened = await Pool.open(pool.dir);
    const before = (await shardLine(pool.dir, 'acc1')).line;
    await opened.transaction((tx) => tx.put({ ...tx.get('acc1')!, level: 31 }));
    await opened.transaction((tx) => tx.put({ ...tx.get('acc1')!, level: 32 }));
    const log = decodeLog('log', await readFile(join(pool.dir, '.changes.log')));
    expect(log.entries).toBe(2);
    expect([...log.bases]).toEqual([['acc1', before]]);
    expect((await readFile(join(pool.dir, '.changes.log'), 'utf8')).split('\n').filter((l) => l === before)).toHaveLength(1);
    // A torn or altered base line fails the entry's checksum like any other line.
    const text = await readFile(join(pool.dir, '.changes.log'), 'utf8');
    expect(decodeLog('log', Buffer.from(text.replace(before, before.replace('secret-1', 'secret-9')))).entries).toBe(0);
  });

  it('an entry of an older version (no base lines) still reads, and its record wins over the shard line as it always did', async () => {
    const pool = await poolWithAccounts(8);
    const opened = await Pool.open(pool.dir);
    const account = (await opened.read()).get('acc2')!;
    const entry = encodeEntry([{ ...account, level: 33 }], 'mark 1 account');
    expect(entry.split('\n')[0]).toMatch(/^#tx [0-9a-f]{16} 1 "mark 1 account"$/);
    await writeFile(join(pool.dir, '.changes.log'), entry);
    expect((await (await Pool.open(pool.dir)).read()).get('acc2')).toMatchObject({ level: 33, password: 'secret-2' });
    await editLine(pool.dir, 'acc2', (line) => line.replace('"password": "secret-2"', '"password": "fixed-2"'));
    expect((await (await Pool.open(pool.dir)).read()).get('acc2')).toMatchObject({ level: 33, password: 'secret-2' });
  });
});

describe('a hand edit between two logged changes of one account', () => {
  it('the later change is kept by every reader, a fresh process as much as the one that wrote it', async () => {
    // As serve does: one long-lived process logs a PGPool level update (29), the operator edits
    // the shard line by hand (31), then the process logs another update (30). The second entry
    // must carry the edited line as its base: merged against the first entry's base, where the
    // level was already 30, the second update looked like no change and the hand edit won.
    const pool = await poolWithAccounts(6);
    const live = await Pool.open(pool.dir);
    await live.transaction((tx) => tx.put({ ...tx.get('acc3')!, level: 29 }));
    await editLine(pool.dir, 'acc3', (line) => line.replace('"level": 30', '"level": 31'));
    await live.transaction((tx) => tx.put({ ...tx.get('acc3')!, level: 30, password: 'changed-pw' }));

    expect((await live.read()).get('acc3')).toMatchObject({ level: 30, password: 'changed-pw' });
    expect((await (await Pool.open(pool.dir)).read()).get('acc3')).toMatchObject({ level: 30, password: 'changed-pw' });
    const shown = await cli(['show', 'acc3', ...pool.args]);
    expect(shown.stdout).toMatch(/level: 30\b/);
  });
});
