// A conversation its exporter splits over several files of one folder, read as one when they are
// imported together (formats/mail/split-chat-files.ts; fixtures by generators/make-split-chats.py):
// a Messenger thread's message_1.json (the newest) and message_2.json, a Slack channel's days,
// Messenger's HTML download in its 2018 and 2022 markup. Each file alone still reads as before.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import type { DumpInput } from '../../src/formats/types.js';
import { fixture } from './helpers.js';

/** `head` read with the other files of its folder, as an import of the folder hands them over (import/split-chat-plan.ts). */
function withOthers(dir: string, head: string, others: string[], refused: [string, string][] = []): DumpInput {
  const input = fixture(`${dir}/${head}`);
  const files = new Map(others.map((name) => [name, fixture(`${dir}/${name}`).text]));
  return { ...input, beside: { dir: '', files, refused: new Map(refused) } };
}

const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.level]);

describe("Messenger's thread split over message_1.json and message_2.json", () => {
  const DIR = 'messenger-split/pokestockz_kx3r9vq2wz';

  it('reads the two files as one thread, oldest first: the correction in the newer file wins; a refusal names its file', async () => {
    const r = await readDump(withOthers(DIR, 'message_1.json', ['message_2.json']));
    expect(r.format).toMatch(/^messenger-json\b/);
    expect(rows(r)).toEqual([
      // The line that gave each its password: message_2.json's delivery, fbsplit02's correction in message_1.json; a level stated in one message is not another's.
      [20, 'fbsplit01', 'Pika!chu1', 30],
      [20, 'fbsplit02', 'Star!mie22', 30],
      [14, 'fbsplit03', 'Évoli!Eve3', undefined],
    ]);
    // An account of the later file names it (DumpAccount.file); one whose line is the imported file's names none.
    expect(r.accounts.map((a) => a.file)).toEqual(['message_2.json', undefined, 'message_2.json']);
    // The buyer's own account in the older file (its line there, its file named) and in the newer one.
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/s, '')])).toEqual([
      [26, 'message_2.json message 2'],
      [14, 'message 7'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Old!acc8|Mew!two9|Star!mie2"/);
  });

  it('alone, each file reads as before: the older delivery stands, the newer correction names an account it does not give', async () => {
    const older = await readDump(fixture(`${DIR}/message_2.json`));
    expect(older.accounts.map((a) => [a.username, a.password])).toEqual([
      ['fbsplit01', 'Pika!chu1'],
      ['fbsplit02', 'Star!mie2'],
      ['fbsplit03', 'Évoli!Eve3'],
    ]);
  });

  it('refuses the whole thread when a file of it could not be read, naming that file', async () => {
    const err = await readDump(withOthers(DIR, 'message_1.json', [], [['message_2.json', 'holds more than 10 bytes (max_dump_size)']])).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/message_1\.json:1: is the first file of a Messenger conversation .* whose file message_2\.json holds more than 10 bytes/);
  });
});

describe("a Slack channel's days", () => {
  const DIR = 'slack-days/trading';

  it("reads the days as one channel: a reply on the second day in a thread begun on the first corrects that thread's account", async () => {
    const r = await readDump(withOthers(DIR, '2017-11-14.json', ['2017-11-15.json']));
    expect(r.format).toMatch(/^slack-json\b/);
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['slackd01', 'Pika<chu1'],
      ['slackd02', 'Star&mie22'],
      ['slackd03', 'Onix#Rock3'],
    ]);
    expect(r.rejected.map((j) => j.reason)).toEqual([expect.stringMatching(/^2017-11-15\.json message 1510772580\.000300: it carries more\.txt/)]);
  });

  it('alone, the first day gives its password as it stood that day', async () => {
    const r = await readDump(fixture(`${DIR}/2017-11-14.json`));
    expect(r.accounts.find((a) => a.username === 'slackd02')?.password).toBe('Star&mie2');
  });
});

describe("Messenger's HTML download", () => {
  const EXACT = [
    ['fbhtml01', 'Pika!chu1', 30],
    ['fbhtml02', 'Star<mie22', 30],
    ['fbhtml03', 'Évoli&Eve3', undefined],
  ];

  it('2018-2021 markup: sender, text and order read as the JSON is; the buyer\'s lines refused', async () => {
    const r = await readDump(fixture('messenger-html-2018/pokestockz_kx3r9vq2wz/message_1.html'));
    expect(r.format).toMatch(/^messenger-html\b/);
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(EXACT);
    expect(r.rejected).toHaveLength(2);
    expect(JSON.stringify(r)).not.toMatch(/Old!acc8|Mew!two9/);
  });

  it('2022 markup over message_1.html and message_2.html: one thread, the newer page\'s correction applied', async () => {
    const r = await readDump(withOthers('messenger-html-2022/pokestockz_kx3r9vq2wz', 'message_1.html', ['message_2.html']));
    expect(r.format).toMatch(/^messenger-html\b/);
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(EXACT);
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/s, '')])).toEqual([
      [4, 'message_2.html message 2'],
      [2, 'message 7'],
    ]);
  });

  it('a page of no messages by that markup, or a chat with no accounts, imports nothing', async () => {
    const page = fixture('messenger-html-2018/pokestockz_kx3r9vq2wz/message_1.html').text.replace(/[a-z]+\d\d:[^<]+/g, 'no account here');
    const err = await readDump({ ...fixture('messenger-html-2018/pokestockz_kx3r9vq2wz/message_1.html'), text: page, bytes: Buffer.from(page) }).then(
      (r) => r.accounts,
      () => [],
    );
    expect(err).toEqual([]);
  });
});
