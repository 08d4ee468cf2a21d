// A Telegram Desktop export folder dropped into the inbox (`cp -r ChatExport_2017-11-14 inbox/`):
// its files land one by one, in any order. The watcher reads it as `import FOLDER` does, one chat
// from its first page (container-group.ts with import/chat-export-pages.ts), and until the folder
// is whole a page or file of it waits, never read as a loose list or a page alone.
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { containerGroup } from '../../src/watch/container-group.js';
import { ignoreRule } from '../../src/watch/ignore.js';
import { FIXTURES } from '../formats/helpers.js';
import { drop, failedNames, makeInboxPool, startWatching, waitForLines, waiting, type Watching } from './helpers.js';
import { waitFor } from '../helpers/testdir.js';
import { poolAccounts } from '../helpers/archives.js';

const EXPORT = join(FIXTURES, 'telegram-export', 'ChatExport_2017-11-14');
const AT = 'level-30/ChatExport_2017-11-14';

/** The export's files by their paths inside it. */
function exportFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(EXPORT, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(EXPORT, path)).isDirectory()) walk(path);
      else files.set(path, readFileSync(join(EXPORT, path)));
    }
  };
  walk('');
  return files;
}

const running: Watching[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

describe('a Telegram export folder dropped into the inbox', () => {
  it('waits while its first page is not there; then the first page takes the whole chat and every other file goes with it', async () => {
    const pool = await makeInboxPool(4);
    const ctx = { inbox: pool.inbox, root: pool.inbox, settleMs: 100, maxSize: 64 * 1024 * 1024, ignored: ignoreRule(pool.inbox) };
    const files = exportFiles();
    for (const [path, bytes] of files) if (path !== 'messages.html') await drop(pool.inbox, `${AT}/${path}`, bytes);
    // Page 2 links a page before it that is not there yet: it waits. A carried file goes with the
    // lowest page there (stop 64: its export's files/ are the chat's, never read alone), so waits with it.
    expect(await containerGroup(ctx, join(pool.inbox, AT, 'messages2.html'), false)).toEqual({ retryMs: 100 });
    expect(await containerGroup(ctx, join(pool.inbox, AT, 'files/accounts.txt'), false)).toEqual({ with: `${AT}/messages2.html` });
    await drop(pool.inbox, `${AT}/messages.html`, files.get('messages.html')!);
    const head = await containerGroup(ctx, join(pool.inbox, AT, 'messages.html'), false);
    expect(head && 'beside' in head ? head.companions.sort() : head).toEqual([...files.keys()].filter((p) => p !== 'messages.html').map((p) => `${AT}/${p}`).sort());
    expect(await containerGroup(ctx, join(pool.inbox, AT, 'files/accounts.txt'), false)).toEqual({ with: `${AT}/messages.html` });
    expect(await containerGroup(ctx, join(pool.inbox, AT, 'messages3.html'), false)).toEqual({ with: `${AT}/messages.html` });
    // The first page taken away (filed, or moved by hand) with its files left: they go with the lowest page left (which waits for the pages before it), not with a page no longer there.
    await rm(join(pool.inbox, AT, 'messages.html'));
    expect(await containerGroup(ctx, join(pool.inbox, AT, 'messages3.html'), false)).toEqual({ with: `${AT}/messages2.html` });
  });

  it("a JSON export's result.json waits while a file its messages carry is not there yet; once it is, the file goes with it", async () => {
    // stop 63 waited for an HTML export's pages and files only: result.json was read at once, and
    // files/accounts.txt, landing after it, was said unread (the seller's delivery lost to the chat).
    const json = join(FIXTURES, 'telegram-export', 'ChatExport_2017-11-16');
    const at = 'level-30/ChatExport_2017-11-16';
    const pool = await makeInboxPool(4);
    const ctx = { inbox: pool.inbox, root: pool.inbox, settleMs: 100, maxSize: 64 * 1024 * 1024, ignored: ignoreRule(pool.inbox) };
    for (const path of ['result.json', 'files/my-list.txt']) await drop(pool.inbox, `${at}/${path}`, readFileSync(join(json, path)));
    expect(await containerGroup(ctx, join(pool.inbox, at, 'result.json'), false)).toEqual({ retryMs: 100 });
    // After the waits, read without it (the reader names the file unread), as an HTML page's missing file is.
    const late = await containerGroup(ctx, join(pool.inbox, at, 'result.json'), true);
    expect(late && 'beside' in late ? late.companions : late).toEqual([`${at}/files/my-list.txt`]);
    await drop(pool.inbox, `${at}/files/accounts.txt`, readFileSync(join(json, 'files/accounts.txt')));
    const head = await containerGroup(ctx, join(pool.inbox, at, 'result.json'), false);
    expect(head && 'beside' in head ? head.companions.sort() : head).toEqual([`${at}/files/accounts.txt`, `${at}/files/my-list.txt`]);
  });

  it("a JSON export whose result.json is over half of max_dump_size: counted once, so its carried file still goes with it", async () => {
    // The plan reads result.json more than once (as a manifest's candidate, as the chat's head): stop 63's
    // review found each read counted against the cap, the chat refused and files/accounts.txt read alone.
    const json = join(FIXTURES, 'telegram-export', 'ChatExport_2017-11-16');
    const at = 'level-30/ChatExport_2017-11-16';
    const pool = await makeInboxPool(4);
    const size = statSync(join(json, 'result.json')).size + statSync(join(json, 'files', 'accounts.txt')).size;
    const ctx = { inbox: pool.inbox, root: pool.inbox, settleMs: 0, maxSize: size + 64, ignored: ignoreRule(pool.inbox) };
    for (const path of ['result.json', 'files/accounts.txt']) await drop(pool.inbox, `${at}/${path}`, readFileSync(join(json, path)));
    const head = await containerGroup(ctx, join(pool.inbox, at, 'result.json'), true);
    expect(head && 'beside' in head ? head.companions : head).toEqual([`${at}/files/accounts.txt`]);
    expect(await containerGroup(ctx, join(pool.inbox, at, 'files/accounts.txt'), true)).toEqual({ with: `${at}/result.json` });
  });

  // The only run of a dropped export through the watcher (a pool, 9 files settling and taking their turns: 2-6 s under load).
  it('the watcher imports the folder once, as one chat: the pages in order, the seller\'s file its delivery, nothing left or failed', async () => {
    const pool = await makeInboxPool(4);
    const w = await startWatching(pool, { settleMs: 100 });
    running.push(w);
    // Later pages first, as a copy in name order may land them (messages10.html before messages2.html).
    const files = [...exportFiles()].sort(([a], [b]) => (a === 'messages.html' ? 1 : b === 'messages.html' ? -1 : a.localeCompare(b)));
    for (const [path, bytes] of files) await drop(pool.inbox, `${AT}/${path}`, bytes, { fresh: true });
    await waitFor(async () => (await waiting(pool.inbox)).length === 0, { timeoutMs: 30_000, what: 'the export folder filed' });
    await waitForLines(w.stdout, 1);
    expect(w.stdout()).toBe(`imported ${AT}/messages.html: 3 added, 0 updated, 3 rejected (lines 1, 2, 138)\n`);
    expect(await poolAccounts(pool)).toEqual(['tgfile01 Pika!chu1 30 ptc', 'tgfile02 Star!mie22 30 ptc', 'tgfile03 Onix#Rock3 30 ptc']);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(w.stdout() + w.stderr()).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  // Stop 64 X: a slow copy (a chat with large photos over a share) lands a carried file after its
  // chat was read and filed. Read alone after the waits, the buyer's files/my-list.txt put its
  // tgfile01 password (one the seller had not given) over the seller's, and imported tgfile09.
  // A file of a Telegram export folder with no page beside it to read it with is set aside, saying why.
  it('a carried file that lands after its chat was filed is set aside, never read alone as a list', async () => {
    const pool = await makeInboxPool(4);
    const w = await startWatching(pool, { settleMs: 100 });
    running.push(w);
    const files = exportFiles();
    for (const [path, bytes] of files) if (path !== 'files/my-list.txt') await drop(pool.inbox, `${AT}/${path}`, bytes);
    await waitFor(async () => (await waiting(pool.inbox)).length === 0, { timeoutMs: 30_000, what: 'the export folder filed' });
    await drop(pool.inbox, `${AT}/files/my-list.txt`, files.get('files/my-list.txt')!);
    await waitFor(async () => (await waiting(pool.inbox)).length === 0, { timeoutMs: 30_000, what: 'the late file handled' });
    expect(await poolAccounts(pool)).toEqual(['tgfile01 Pika!chu1 30 ptc', 'tgfile02 Star!mie22 30 ptc', 'tgfile03 Onix#Rock3 30 ptc']);
    expect(await failedNames(pool.inbox)).toEqual(['my-list.txt', 'my-list.txt.error.txt']);
    await waitFor(() => w.stderr().includes('failed level-30/ChatExport_2017-11-14/files/my-list.txt: '), { what: 'its reason said' });
    expect(w.stderr()).toMatch(/my-list\.txt: is a file of the chat export ChatExport_2017-11-14 with no page of the chat beside it/);
    expect(w.stdout() + w.stderr()).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  // Stop 65 X: the same slow copy into a folder renamed from tdesktop's name (`seller chat/`):
  // nothing in the late file's path said it was the chat's, and it was read alone as a list.
  // The paths the chat's pages link that were not there yet are remembered when its head is read.
  it('a carried file that lands after its chat was filed, in a renamed export folder, is set aside too', async () => {
    const pool = await makeInboxPool(4);
    const w = await startWatching(pool, { settleMs: 100 });
    running.push(w);
    const at = 'level-30/seller chat';
    const files = exportFiles();
    for (const [path, bytes] of files) if (path !== 'files/my-list.txt') await drop(pool.inbox, `${at}/${path}`, bytes);
    await waitFor(async () => (await waiting(pool.inbox)).length === 0, { timeoutMs: 30_000, what: 'the export folder filed' });
    await drop(pool.inbox, `${at}/files/my-list.txt`, files.get('files/my-list.txt')!);
    await waitFor(async () => (await waiting(pool.inbox)).length === 0, { timeoutMs: 30_000, what: 'the late file handled' });
    expect(await poolAccounts(pool)).toEqual(['tgfile01 Pika!chu1 30 ptc', 'tgfile02 Star!mie22 30 ptc', 'tgfile03 Onix#Rock3 30 ptc']);
    expect(await failedNames(pool.inbox)).toEqual(['my-list.txt', 'my-list.txt.error.txt']);
    await waitFor(() => w.stderr().includes(`failed ${at}/files/my-list.txt: `), { what: 'its reason said' });
    expect(w.stderr()).toContain(`my-list.txt: is a file of the chat export ${at} with no page of the chat beside it`);
    expect(w.stdout() + w.stderr()).not.toMatch(/Mew!two9|Pika!chu11/);
  });
});
