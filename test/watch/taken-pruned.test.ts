// The records of content the inbox took (.cache/inbox-taken/, src/watch/taken-files.ts) are kept as
// long as imported/ keeps the day folder the file was filed into: the operator clears old days of
// imported/ and the pool forgets what it took then, at the watcher's next start. Before, nothing
// pruned them (~120 bytes a file, forever). The verdict file: ShuckleTools' blindCheck output
// (billyj85/ShuckleTools `common_blindcheck.py`; test/fixtures/dumps/shuckletools-blindcheck.csv).
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdir, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { fixtureBytes } from '../formats/helpers.js';
import { drop, makeInboxPool, waiting } from './helpers.js';

const FILE = 'level-30/accounts.csv_banned.csv';

describe("the inbox's records of content taken", () => {
  it('stay while their day folder is in imported/, and go once it is removed: the same file then counts as new', async () => {
    const pool = await makeInboxPool(4);
    const records = join(pool.dir, '.cache', 'inbox-taken', createHash('sha1').update(await realpath(pool.inbox)).digest('hex').slice(0, 16));
    await drop(pool.inbox, FILE, fixtureBytes('shuckletools-blindcheck.csv'));
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    expect(await readdir(records)).toHaveLength(1);

    // A start with the day still in imported/ keeps it: the same bytes are known.
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    expect(await readdir(records)).toHaveLength(1);
    await drop(pool.inbox, FILE, fixtureBytes('shuckletools-blindcheck.csv'));
    expect((await cli(['watch', '--once', ...pool.args])).stderr).toMatch(/the same content was taken on/);

    // The operator clears imported/ of that day: at the next start the pool forgets that content.
    const days = await readdir(join(pool.inbox, 'imported'));
    for (const day of days) await rm(join(pool.inbox, 'imported', day), { recursive: true });
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    expect(await readdir(records)).toEqual([]);
    await drop(pool.inbox, FILE, fixtureBytes('shuckletools-blindcheck.csv'));
    const again = await cli(['watch', '--once', ...pool.args]);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/taken on/);
    expect(await readdir(records)).toHaveLength(1);
    expect(await waiting(pool.inbox)).toEqual([]);
  });
});
