// PGNumbra's accounts-captcha.csv (rakuuhwa/PGNumbra `shadowcheck.py`, fixture
// test/fixtures/dumps/pgnumbra-accounts-captcha.csv) states a captcha flag, not a verdict. Dropped
// into the inbox again after the flag was cleared (the scanner solved the captcha and posted
// `captcha: false` to `serve`), the same content must not raise the flag again: it was stated when
// the inbox first took that content (src/watch/taken-files.ts), and nothing since is older.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixtureBytes } from '../formats/helpers.js';
import { drop, failedNames, makeInboxPool, waiting } from './helpers.js';

const FILE = 'level-30/accounts-captcha.csv';

describe('a captcha file dropped into the inbox again', () => {
  it('raises no flag cleared since; new content under the same name still does', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, FILE, fixtureBytes('pgnumbra-accounts-captcha.csv'));
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    expect((await (await pool.open()).read()).get('numbra_capt01')!.captcha).toBe(true);

    // The captcha solved since: the flag cleared, as a scanner's update through `serve` clears it.
    await (await pool.open()).transaction((tx) => tx.put({ ...tx.get('numbra_capt01')!, captcha: false }));

    await drop(pool.inbox, FILE, fixtureBytes('pgnumbra-accounts-captcha.csv'));
    const again = await cli(['watch', '--once', ...pool.args]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/imported level-30\/accounts-captcha\.csv: 0 added, 0 updated/);
    expect(again.stderr).toMatch(/the same content was taken on/);
    expect((await (await pool.open()).read()).get('numbra_capt01')!.captcha).toBe(false);

    // The checker ran again and appended: new content, its captcha news again.
    await drop(pool.inbox, FILE, Buffer.concat([fixtureBytes('pgnumbra-accounts-captcha.csv'), Buffer.from('ptc,numbra_capt09,Capt9!pw\n')]));
    const third = await cli(['watch', '--once', ...pool.args]);
    expect(third.code).toBe(0);
    expect(third.stderr).not.toMatch(/taken on/);
    expect((await (await pool.open()).read()).get('numbra_capt01')!.captcha).toBe(true);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual([]);
  });
});
