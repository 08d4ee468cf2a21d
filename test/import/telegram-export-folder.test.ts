// `import ChatExport_2017-11-14/` and `import chat.zip`: Telegram Desktop's HTML export of a chat
// (test/fixtures/README.md) read as one chat, its pages and files never imported on their own.
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { makeArchive, poolAccounts, type Member } from '../helpers/archives.js';
import { FIXTURES } from '../formats/helpers.js';

const EXPORT = join(FIXTURES, 'telegram-export', 'ChatExport_2017-11-14');

const accounts = (pool: TestPool) => poolAccounts(pool);

const DELIVERED = ['tgfile01 Pika!chu1 30 ptc', 'tgfile02 Star!mie22 30 ptc', 'tgfile03 Onix#Rock3 30 ptc'];

describe("Telegram Desktop's HTML export imported as a folder or a zip", () => {
  it("import FOLDER: one chat, the seller's file its delivery as corrected on page 2; the rest of the export said once, not imported", async () => {
    const pool = await makePool(4);
    const run = await cli(['import', EXPORT, ...pool.args]);
    // The buyer's file and the file the export left out are refused by their lines: exit 1.
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`imported ${join(EXPORT, 'messages.html')}: 3 added, 0 updated, 3 rejected (lines 1, 2, 138)\n`);
    expect(run.stderr).toContain(`${join(EXPORT, 'messages.html')}: read as one Telegram chat with 8 more files of its export`);
    expect(run.stderr).toContain(`${join(EXPORT, 'messages.html')}:138: rejected: messages2.html message 4208: the file bonus.txt it carries was left out of the export`);
    expect(await accounts(pool)).toEqual(DELIVERED);
    expect(run.stdout + run.stderr).not.toMatch(/Mew!two9|Pika!chu11|Star!mie2\b/);
  });

  it('a zip of the folder: the same accounts in one transaction, its other members passed over as the chat\'s', async () => {
    const pool = await makePool(4);
    const members: Member[] = [];
    const walk = (rel: string) => {
      for (const name of readdirSync(join(EXPORT, rel)).sort()) {
        const path = rel === '' ? name : `${rel}/${name}`;
        if (statSync(join(EXPORT, path)).isDirectory()) walk(path);
        else members.push({ name: `ChatExport_2017-11-14/${path}`, b64: readFileSync(join(EXPORT, path)).toString('base64') });
      }
    };
    walk('');
    const zip = makeArchive('zip', join(pool.base, 'chat.zip'), members);
    const run = await cli(['import', zip, ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`imported ${zip}: 3 added, 0 updated, 3 rejected`);
    expect(await accounts(pool)).toEqual(DELIVERED);
  });

  it('import FOLDER reads no more of one export than max_dump_size, as its zip: past it the chat is refused naming the page, nothing imported', async () => {
    // stop 63: each page and file was bounded alone, the export not at all (a folder of thousands
    // of pages was held whole); a zip of it was already refused past max_dump_size unpacked.
    const pool = await makePool(4);
    // Every file of the fixture is under 4.2 KB; its first two pages together 8.2 KB.
    await pool.configure({ max_dump_size: '6000' });
    const run = await cli(['import', EXPORT, ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(EXPORT, 'messages.html')}:1: is the first page of a Telegram chat export whose page messages2.html takes the export's files read with it past max_dump_size (6000 bytes)`);
    // The files its messages carry are the chat's, refused with it: none imported as a list of its own (the buyer's my-list.txt).
    const withLevel = await cli(['import', EXPORT, '--level', '30', ...pool.args]);
    expect(withLevel.code).toBe(1);
    expect(withLevel.stdout + withLevel.stderr).not.toMatch(/my-list\.txt: \d+ added|accounts\.txt: \d+ added/);
    expect(await accounts(pool)).toEqual([]);
  });

  it('import FOLDER of an export copied without its first page: the files its pages carry are the chat\'s, none imported as a list', async () => {
    // Stop 64 X: the chain read from messages2.html was whole, so the files page 1 carries were no
    // one's: files/accounts.txt was imported as a list with tgfile02's password before page 2's correction.
    const pool = await makePool(4);
    const copy = join(pool.base, 'ChatExport_2017-11-14');
    await cp(EXPORT, copy, { recursive: true });
    await rm(join(copy, 'messages.html'));
    const run = await cli(['import', copy, '--level', '30', ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(copy, 'messages2.html')}:1: is page 2 of a Telegram chat export, and the pages before it (messages.html) are not read with it`);
    expect(run.stdout + run.stderr).not.toMatch(/my-list\.txt: \d+ added|accounts\.txt: \d+ added/);
    expect(await accounts(pool)).toEqual([]);
  });

  // The only run of a JSON export through `import FOLDER` (a pool, an import, an export: ~4 s under load).
  it("import FOLDER of a JSON export: result.json read with files/accounts.txt, which is never imported alone", async () => {
    const folder = join(FIXTURES, 'telegram-export', 'ChatExport_2017-11-16');
    const pool = await makePool(4);
    const run = await cli(['import', folder, ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`imported ${join(folder, 'result.json')}: 3 added, 0 updated, 3 rejected (lines 1, 2, 125)\n`);
    expect(await accounts(pool)).toEqual(DELIVERED);
    expect(run.stdout + run.stderr).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it('import FOLDER of an "HTML and JSON" export: the chat read once, from result.json, its pages said read with it', async () => {
    // tdesktop's export_output_html_and_json.cpp runs both writers into one folder: the HTML
    // fixture's pages and the JSON fixture's result.json are the same chat (PokeStockz, the same files/).
    const pool = await makePool(4);
    const folder = join(pool.base, 'ChatExport_2017-11-18');
    cpSync(EXPORT, folder, { recursive: true });
    cpSync(join(FIXTURES, 'telegram-export', 'ChatExport_2017-11-16', 'result.json'), join(folder, 'result.json'));
    const run = await cli(['import', folder, ...pool.args]);
    expect(run.code).toBe(1);
    // One import, not two of the same accounts (stop 63 read messages.html and result.json each).
    expect(run.stdout).toBe(`imported ${join(folder, 'result.json')}: 3 added, 0 updated, 3 rejected (lines 1, 2, 125)\n`);
    expect(run.stderr).toContain(`${join(folder, 'messages.html')} and 2 more pages: the same chat as ${join(folder, 'result.json')} (Telegram Desktop's "HTML and JSON" export writes it twice): read once, from ${join(folder, 'result.json')}`);
    expect(await accounts(pool)).toEqual(DELIVERED);
  });
});
