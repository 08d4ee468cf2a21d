// Telegram Desktop's HTML export of a chat is a folder (ChatExport_2017-11-14/: messages.html,
// messages2.html, ..., files/, photos/, css/, js/), written as telegramdesktop/tdesktop
// `export_output_html.cpp` writes it (test/fixtures/README.md; the fixture by
// test/fixtures/generators/make-telegram-html-export.py). Its first page is read with the rest
// (import/chat-export-pages.ts: the plan `import FOLDER` and an archive make): one chat, the pages
// in their links' order, the files its messages carry read as those messages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { companionPlan, type DumpTree } from '../../src/import/container-batch.js';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, input } from './helpers.js';

const EXPORT = 'telegram-export/ChatExport_2017-11-14';

/** The fixture's files by their paths in the dump (the folder named to `import`). */
function fixtureFiles(folder = EXPORT): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(FIXTURES, folder, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(FIXTURES, folder, path)).isDirectory()) walk(path);
      else files.set(path, readFileSync(join(FIXTURES, folder, path)).toString('utf8'));
    }
  };
  walk('');
  return files;
}

const treeOf = (files: ReadonlyMap<string, string>, paths = [...files.keys()]): DumpTree => ({ paths, read: async (path) => (files.has(path) ? { text: files.get(path)! } : undefined) });

/** What `import FOLDER` reads: each file the plan leaves alone, the first page with the files beside it. */
async function readFolder(files: ReadonlyMap<string, string>, paths?: string[]) {
  const plan = await companionPlan(treeOf(files, paths));
  const first = [...plan.chats][0];
  const read = first === undefined ? undefined : await readDump({ ...input(first, files.get(first)!), beside: plan.beside.get(first)! });
  return { plan, read, alone: [...files.keys()].filter((p) => p !== first && !plan.used.has(p)) };
}

describe("Telegram Desktop's HTML export folder read as one chat", () => {
  it("reads the pages in order (page 2's correction wins), the seller's file as its delivery, the buyer's file never", async () => {
    const { plan, read, alone } = await readFolder(fixtureFiles());
    // Every file of the export is the chat's: its pages, carried files, photos, style and script.
    expect(alone).toEqual([]);
    expect(read!.format).toMatch(/^telegram-html\b/);
    // files/accounts.txt's lines, the level its caption states; tgfile02 as corrected on messages2.html (its line 75).
    expect(read!.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [1, 'tgfile01', 'Pika!chu1', 30],
      [75, 'tgfile02', 'Star!mie22', 30],
      [3, 'tgfile03', 'Onix#Rock3', 30],
    ]);
    // The buyer's file (one login nobody delivered, one with another password) and the seller's file the export left out.
    expect(read!.rejected.map((r) => [r.line, r.reason])).toEqual([
      [1, expect.stringMatching(/^message 4207's file files\/my-list\.txt: an account in the exporter's own message/)],
      [2, expect.stringMatching(/^message 4207's file files\/my-list\.txt: tgfile01 written in the exporter's own message .* another password/)],
      [138, expect.stringMatching(/^messages2\.html message 4208: the file bonus\.txt it carries was left out of the export \("Not included, change data exporting settings to download\."\)/)],
    ]);
    expect(JSON.stringify(read)).not.toMatch(/Mew!two9|Pika!chu11/);
    expect(plan.beside.get('messages.html')!.files.size).toBe(4);
  });

  it('refuses a page read alone that has pages after or before it, naming them', async () => {
    const files = fixtureFiles();
    await expect(readDump(input('messages.html', files.get('messages.html')!))).rejects.toThrow(/^messages\.html:1: is the first page of a Telegram chat export whose messages go on in messages2\.html: .*import the export's folder/);
    await expect(readDump(input('messages2.html', files.get('messages2.html')!))).rejects.toThrow(/is page 2 of a Telegram chat export, and the pages before it \(messages\.html\) are not read with it/);
  });

  it('refuses the whole chat when a page its links name is missing from the folder', async () => {
    const files = fixtureFiles();
    files.delete('messages2.html');
    const { plan, read } = await readFolder(files).catch((error: Error) => ({ plan: undefined, read: error }));
    expect(plan).toBeUndefined();
    expect(String(read)).toMatch(/whose page messages2\.html is not in the folder: .* no page of it is read/);
  });

  it('leaves a carried file that is no text to be read alone, as a loose file', async () => {
    const files = fixtureFiles();
    files.set('files/accounts.txt', 'PK\u0003\u0004\u0000\u0000binary');
    const { read, alone } = await readFolder(files);
    expect(alone).toEqual(['files/accounts.txt']);
    expect(read!.accounts).toEqual([]);
    // Nothing delivered: page 2's correction (line 75) corrects no account, the buyer's lines are nobody's.
    expect(read!.rejected.map((r) => r.line)).toEqual([75, 1, 2, 138]);
  });
});

/** The layout of a tdesktop page (HtmlContext: a block tag on its own line, one blank of indent a level), trimmed to what a message needs. */
function page(n: number, last: boolean, messages: { id: number; from: string; text: string }[]): string {
  const out = [`<!DOCTYPE html>\n<html>\n\n <head>\n\n  <meta charset="utf-8"/>\n<title>Exported Data</title>\n  <link href="css/style.css" rel="stylesheet"/>\n </head>\n\n <body onload="CheckLocation();">\n\n  <div class="page_wrap">\n\n   <div class="page_header">\n\n    <div class="content">\n\n     <div class="text bold">\nPokeStockz\n     </div>\n\n    </div>\n\n   </div>\n\n   <div class="page_body chat_page">\n\n    <div class="history">\n`];
  if (n > 1) out.push(`\n     <a class="pagination block_link" href="${n === 2 ? 'messages.html' : `messages${n - 1}.html`}">\nPrevious messages\n     </a>\n`);
  for (const m of messages) out.push(`\n     <div class="message default clearfix" id="message${m.id}">\n\n      <div class="body">\n\n       <div class="from_name">\n${m.from}\n       </div>\n\n       <div class="text">\n${m.text}\n       </div>\n\n      </div>\n\n     </div>\n`);
  if (!last) out.push(`\n     <a class="pagination block_link" href="messages${n + 1}.html">\nNext messages\n     </a>\n`);
  out.push('\n    </div>\n\n   </div>\n\n  </div>\n\n </body>\n\n</html>\n');
  return out.join('');
}

describe('a chat of ten pages', () => {
  it('reads messages10.html after messages9.html, whatever order the folder lists them in', async () => {
    const files = new Map<string, string>();
    for (let n = 1; n <= 10; n++) {
      const messages = [{ id: n * 10, from: 'Ash K', text: `page ${n}, all fine` }];
      if (n === 1) messages.push({ id: 11, from: 'PokeStockz', text: 'your accounts, level 30:<pre>tgten01:First!pw1<br>tgten02:Other!pw2</pre>' });
      if (n === 9) messages.push({ id: 91, from: 'PokeStockz', text: 'new password for tgten01: <code>Ninth!pw9</code>' });
      if (n === 10) messages.push({ id: 101, from: 'PokeStockz', text: 'sorry, new password for tgten01: <code>Tenth!pw10</code>' });
      files.set(n === 1 ? 'messages.html' : `messages${n}.html`, page(n, n === 10, messages));
    }
    // Name order: messages.html, messages10.html, messages2.html, ... (a zip's or `ls`'s order).
    const { plan, read, alone } = await readFolder(files, [...files.keys()].sort());
    expect([...plan.chats]).toEqual(['messages.html']);
    expect(alone).toEqual([]);
    expect(read!.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['tgten01', 'Tenth!pw10', 30],
      ['tgten02', 'Other!pw2', 30],
    ]);
    expect(read!.rejected).toEqual([]);
  });
});

describe("Telegram Desktop's JSON export folder: result.json read with the files its messages carry", () => {
  const JSON_EXPORT = 'telegram-export/ChatExport_2017-11-16';

  it("the seller's `\"file\": \"files/accounts.txt\"` its delivery (corrected by a reply), the buyer's file never, a left-out file said", async () => {
    const { plan, read, alone } = await readFolder(fixtureFiles(JSON_EXPORT));
    expect([...plan.chats]).toEqual(['result.json']);
    // The carried files and the photo are the chat's: none imported on its own.
    expect(alone).toEqual([]);
    expect(read!.format).toMatch(/^telegram-json\b/);
    expect(read!.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [1, 'tgfile01', 'Pika!chu1', 30],
      [97, 'tgfile02', 'Star!mie22', 30],
      [3, 'tgfile03', 'Onix#Rock3', 30],
    ]);
    expect(read!.rejected.map((r) => [r.line, r.reason])).toEqual([
      [1, expect.stringMatching(/^message 4207's file files\/my-list\.txt: an account in the exporter's own message/)],
      [2, expect.stringMatching(/^message 4207's file files\/my-list\.txt: tgfile01 written in the exporter's own message .* another password/)],
      [125, expect.stringMatching(/^message 4208: the file bonus\.txt it carries was left out of the export \("File not included\. Change data exporting settings to download\."\)/)],
    ]);
    expect(JSON.stringify(read)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it('result.json read alone says each carried file unread, naming it, and imports none of its lines', async () => {
    const r = await readDump(input('result.json', fixtureFiles(JSON_EXPORT).get('result.json')!));
    expect(r.accounts).toEqual([]);
    expect(r.rejected.find((j) => j.line === 52)!.reason).toMatch(/^message 4204: the file files\/accounts\.txt it carries is not read with this result\.json alone: import the export's folder \(or its zip\)/);
  });
});
