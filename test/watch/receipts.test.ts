// A watcher killed after its import committed but before it filed the file: on restart the file
// is filed, not imported again, so a checker's verdicts are not stated twice (receipts.ts).
import { describe, expect, it } from 'vitest';
import { lstat, readdir, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { importDump } from '../../src/import/import-dump.js';
import { Receipts, RECEIPTS_DIR } from '../../src/watch/receipts.js';
import { drop, importedNames, makeInboxPool, waiting, type InboxPool } from './helpers.js';

async function stateOf(pool: InboxPool, username: string): Promise<string | undefined> {
  return (await (await pool.open()).read()).get(username)?.state;
}

/** What a watcher leaves when killed right after the import's commit: the pool and the receipt written, the file still in the inbox. */
async function importWithoutFiling(pool: InboxPool, name: string): Promise<void> {
  const path = join(pool.inbox, name);
  const bytes = await readFile(path);
  const info = await lstat(path);
  const receipts = new Receipts(pool.dir, await realpath(pool.inbox));
  await importDump(await pool.open(), { name, bytes }, {}, {
    within: async (tx, report) => {
      const receipt = await receipts.prepare(name, bytes, info, report);
      tx.writeFile(receipt.path, receipt.data);
    },
  });
}

describe('inbox receipts', () => {
  it('files a dump a killed watcher had imported, without stating its verdicts again', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\nmew_two:pw-2\n');
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    await drop(pool.inbox, 'accounts-blind.csv', 'ptc,mew_one,pw-1\nptc,mew_two,pw-2\n');
    await importWithoutFiling(pool, 'accounts-blind.csv');
    expect(await stateOf(pool, 'mew_one')).toBe('blind');
    expect(await readdir(pool.dir)).toContain(RECEIPTS_DIR); // kept by the pool, out of the inbox's reach
    // Meanwhile the operator finds mew_one fine after all.
    expect((await cli(['mark', 'mew_one', '--verdict', 'ok', ...pool.args])).code).toBe(0);

    const restarted = await cli(['watch', '--once', ...pool.args]);
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toBe('imported accounts-blind.csv: 0 added, 2 updated, 0 rejected; changed: 2 verdict\n');
    expect(await stateOf(pool, 'mew_one')).toBe('ok');
    expect(await stateOf(pool, 'mew_two')).toBe('blind');
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(['accounts-blind.csv', 'sellers.txt']);
    expect(await readdir(pool.dir)).not.toContain(RECEIPTS_DIR);
  });

  it('files a dump a watcher killed before removing its journal had imported, and imports the next ones', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    await drop(pool.inbox, 'sellers.txt', 'mew_one:pw-1\n');
    await importWithoutFiling(pool, 'sellers.txt');
    // Killed after the commit's renames, before the journal went: the journal, now only naming
    // the receipt's temp that was renamed already, is replayed by the next transaction. By then
    // the receipt's folder is gone, removed once the file was filed.
    const receipt = join(pool.dir, RECEIPTS_DIR, (await readdir(join(pool.dir, RECEIPTS_DIR)))[0]!);
    const [name] = await readdir(receipt);
    const move = { temp: join(receipt, `.${name}.tx-1-0-0.tmp`), target: join(receipt, name!) };
    await writeFile(join(pool.dir, '.journal.json'), JSON.stringify({ state: 'committed', moves: [move], removes: [], appends: [] }));
    await drop(pool.inbox, 'more.txt', 'mew_two:pw-2\n');

    const restarted = await cli(['watch', '--once', ...pool.args]);
    expect(restarted.stderr).toBe('');
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toContain('imported more.txt: 1 added');
    expect(await importedNames(pool.inbox)).toEqual(['more.txt', 'sellers.txt']);
    expect(await stateOf(pool, 'mew_two')).toBeDefined();
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  it('files a dump whose watcher was killed in the middle of its commit\'s renames, before its receipt was in place', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\nmew_two:pw-2\n');
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    await drop(pool.inbox, 'accounts-blind.csv', 'ptc,mew_one,pw-1\nptc,mew_two,pw-2\n');
    await importWithoutFiling(pool, 'accounts-blind.csv');
    expect((await cli(['mark', 'mew_one', '--verdict', 'ok', ...pool.args])).code).toBe(0);
    // The renames run side by side: the shards' were done, the receipt's was not.
    const folder = join(pool.dir, RECEIPTS_DIR, (await readdir(join(pool.dir, RECEIPTS_DIR)))[0]!);
    const [name] = await readdir(folder);
    const move = { temp: join(folder, `.${name}.tx-1-0-0.tmp`), target: join(folder, name!) };
    await rename(move.target, move.temp);
    await writeFile(join(pool.dir, '.journal.json'), JSON.stringify({ state: 'committed', moves: [move], removes: [], appends: [] }));

    const restarted = await cli(['watch', '--once', ...pool.args]);
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toBe('imported accounts-blind.csv: 0 added, 2 updated, 0 rejected; changed: 2 verdict\n');
    expect(await stateOf(pool, 'mew_one')).toBe('ok'); // not stated blind again
    expect(await importedNames(pool.inbox)).toEqual(['accounts-blind.csv', 'sellers.txt']);
    expect(await readdir(pool.dir)).not.toContain('.journal.json');
  });

  it('forgets a receipt whose file was filed, and imports the same dump dropped again', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\n');
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    const text = 'ptc,mew_one,pw-1\n';
    await drop(pool.inbox, 'accounts-blind.csv', text);
    await importWithoutFiling(pool, 'accounts-blind.csv');
    // Filed, then killed before the receipt was removed: the receipt outlives its file.
    await drop(pool.inbox, 'imported/2026-11-24/accounts-blind.csv', text);
    await unlink(join(pool.inbox, 'accounts-blind.csv'));
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    expect(await readdir(pool.dir)).not.toContain(RECEIPTS_DIR);

    // The operator clears the verdict; the checker runs again and writes the same file: a new verdict.
    expect((await cli(['mark', 'mew_one', '--verdict', 'ok', ...pool.args])).code).toBe(0);
    await drop(pool.inbox, 'accounts-blind.csv', text);
    const again = await cli(['watch', '--once', ...pool.args]);
    expect(again.stdout).toBe('imported accounts-blind.csv: 0 added, 1 updated, 0 rejected; changed: 1 verdict\n');
    expect(await stateOf(pool, 'mew_one')).toBe('blind');
  });
});
