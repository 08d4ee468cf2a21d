// A running server keeps its own view of the change log (src/store/log-view.ts): a password fixed
// by hand in a shard while it runs is what it hands out next, and its logged holds stay
// (test/store/hand-edit.test.ts covers the CLI).
import { describe, expect, it } from 'vitest';
import { editLine, shardLine } from '../helpers/pool.js';
import { serveAccounts } from './helpers.js';

const names = (answer: { json: { username: string }[] }) => answer.json.map((a) => a.username);

describe('serve and a hand edit of a shard', () => {
  it('hands out the password fixed by hand, keeps the account held meanwhile, and writes both when it stops', async () => {
    const s = await serveAccounts(['acc1', 'acc2', 'acc3', 'acc4']);
    expect(names(await s.call('GET', '/account/request?system_id=east&count=2'))).toEqual(['acc1', 'acc2']);
    await editLine(s.pool.dir, 'acc1', (line) => line.replace('"password": "pw-acc1"', '"password": "fixed-pw"'));
    expect(names(await s.call('GET', '/account/request?system_id=west&count=5'))).toEqual(['acc3', 'acc4']);
    expect((await s.store.read()).get('acc1')).toMatchObject({ password: 'fixed-pw', holder: 'east' });
    s.advance(60_000);
    expect((await s.call('POST', '/account/release', [{ username: 'acc1' }])).status).toBe(200);
    const north = await s.call('GET', '/account/request?system_id=north&count=1');
    expect(north.json).toMatchObject({ username: 'acc1', password: 'fixed-pw' });
    await s.server.close();
    expect((await shardLine(s.pool.dir, 'acc1')).line).toMatch(/"password": "fixed-pw".*"holder": "north"/);
  });
});
