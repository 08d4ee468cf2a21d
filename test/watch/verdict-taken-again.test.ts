// A checker's verdict file tells no time (ShuckleTools' blindCheck appends `ptc,user,pass` to
// `<account file>_banned.csv`, billyj85/ShuckleTools `common_blindcheck.py`; the fixture is
// test/fixtures/dumps/shuckletools-blindcheck.csv). Dropped into the inbox a second time, after
// the accounts were checked again, its old verdicts must not come back: the same content counts
// from when the inbox first took it (src/watch/taken-files.ts), and the watcher says so.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixtureBytes } from '../formats/helpers.js';
import { drop, failedNames, importedNames, makeInboxPool, waiting } from './helpers.js';

const FILE = 'level-30/accounts.csv_banned.csv';

describe('a verdict file dropped into the inbox again', () => {
  it('states no verdict again: a ban lifted since stays lifted, and the line says when the content was first taken', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, FILE, fixtureBytes('shuckletools-blindcheck.csv'));
    const first = await cli(['watch', '--once', ...pool.args]);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toMatch(/taken/);
    let accounts = await (await pool.open()).read();
    expect(accounts.get('shuckle_k01')!.state).toBe('temp_banned');
    const bannedAt = accounts.get('shuckle_k02')!.state_at;

    // Our own check since: shuckle_k01 is fine.
    expect((await cli(['mark', 'shuckle_k01', '--verdict', 'ok', ...pool.args])).code).toBe(0);

    await drop(pool.inbox, FILE, fixtureBytes('shuckletools-blindcheck.csv'));
    const again = await cli(['watch', '--once', ...pool.args]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/imported level-30\/accounts\.csv_banned\.csv: 0 added, 0 updated/);
    expect(again.stderr).toMatch(/level-30\/accounts\.csv_banned\.csv: the same content was taken on \d{4}-\d\d-\d\dT[\d:.]+Z \(as level-30\/accounts\.csv_banned\.csv\): its verdicts count from then/);
    accounts = await (await pool.open()).read();
    expect(accounts.get('shuckle_k01')!.state).toBe('ok');
    expect(accounts.get('shuckle_k02')!.state_at).toBe(bannedAt); // its cool-down not restarted
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(['accounts.csv_banned (1).csv', 'accounts.csv_banned.csv']);
  });

  it('other content under the same name is news: its verdicts are stated as usual', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, FILE, fixtureBytes('shuckletools-blindcheck.csv'));
    await cli(['watch', '--once', ...pool.args]);
    expect((await cli(['mark', 'shuckle_k01', '--verdict', 'ok', ...pool.args])).code).toBe(0);
    // The checker ran again and appended: the file is new content, shuckle_k01 banned anew.
    await drop(pool.inbox, FILE, Buffer.concat([fixtureBytes('shuckletools-blindcheck.csv'), Buffer.from('ptc,shuckle_k09,Sh9ckle!09\n')]));
    const again = await cli(['watch', '--once', ...pool.args]);
    expect(again.stderr).not.toMatch(/taken/);
    expect((await (await pool.open()).read()).get('shuckle_k01')!.state).toBe('temp_banned');
  });
});
