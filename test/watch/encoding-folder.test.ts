// `import --encoding NAME` for dropped files: a folder named `encoding-NAME` (encoding-folder.ts)
// names the charset of its files that are not UTF-8, beside a level folder; one naming no charset
// sets its files aside with the reason. Fixture: test/fixtures/README.md (`list-cp1251.txt`).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { drop, makeInboxPool } from './helpers.js';

const CP1251 = join(import.meta.dirname, '../fixtures/dumps/list-cp1251.txt');

describe('an encoding folder in the inbox', () => {
  it("a windows-1251 list dropped into encoding-cp1251/ imports exact; one in encoding-klingon/ is set aside naming why", async () => {
    const pool = await makeInboxPool(4);
    const bytes = await readFile(CP1251);
    await drop(pool.inbox, 'level-30/encoding-cp1251/stock.txt', bytes);
    await drop(pool.inbox, 'level-30/encoding-klingon/other.txt', bytes);
    const done = await cli(['watch', '--once', ...pool.args]);
    expect(done.stdout).toContain('imported level-30/encoding-cp1251/stock.txt: 3 added');
    const exported = (await cli(['export', '--format', 'json', ...pool.args])).stdout;
    expect(exported).toContain('"username":"ivan_92","password":"пароль2017","provider":"ptc","level":30');
    const notes = (await readdir(join(pool.inbox, 'failed'))).filter((n) => n.endsWith('.error.txt'));
    expect(notes).toHaveLength(1);
    expect(await readFile(join(pool.inbox, 'failed', notes[0]!), 'utf8')).toContain('"klingon" names no charset');
  });
});
