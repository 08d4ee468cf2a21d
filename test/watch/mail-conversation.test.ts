// Mails waiting in the inbox together are one conversation (issue 14): a seller's delivery and its
// reply dropped at once are read as `import a.eml b.eml` reads them (src/watch/mail-group.ts, reusing
// src/formats/mail/mail-batch.ts), so a reply scoped only by In-Reply-To / References applies to
// the delivery it answers; each file is still filed on its own, with its own reasons. Reply headers
// as mail clients write them: In-Reply-To / References with the answered Message-ID (RFC 5322
// 3.6.4; Thunderbird's mailnews/compose/src/nsMsgCompose.cpp sets both, Gmail and Outlook too).
import { afterEach, describe, expect, it } from 'vitest';
import { renameSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '../helpers/testdir.js';
import { allImported, blockReceipt, drop, failedNames, importedNames, makeInboxPool, startWatching, waiting, type Watching } from './helpers.js';

const running: Watching[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

const mail = (id: string, subject: string, date: string, body: string, answers?: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\nReferences: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
const twoAccounts = mail('d1', '2x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:00:00 +0000', 'Your accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n');
const oneAccount = mail('d3', '1x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:30:00 +0000', 'Your account:\nmisty_01:Old!Pass33\n');
// Says which account only by answering the one-account delivery: In-Reply-To / References.
const replyToOne = mail('d4', 'Re: 1x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass44\nThanks\n', 'd3');
const replyToTwo = mail('d2', 'Re: 2x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass42\nThanks\n', 'd1');

async function passwords(pool: Awaited<ReturnType<typeof makeInboxPool>>): Promise<Record<string, string | undefined>> {
  const snap = await (await pool.open()).read();
  return Object.fromEntries(['ash_01', 'ash_02', 'misty_01'].map((u) => [u, snap.get(u)?.password]));
}

describe('mails waiting in the inbox together', () => {
  it('apply a reply scoped only by In-Reply-To to the delivery it answers, whatever their names sort as', async () => {
    const pool = await makeInboxPool();
    // The reply's name sorts first: the conversation goes by Date.
    await drop(pool.inbox, 'level-30/a-reply.eml', replyToOne);
    await drop(pool.inbox, 'level-30/b-order.eml', twoAccounts);
    await drop(pool.inbox, 'level-30/c-order.eml', oneAccount);
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await allImported(pool, 3);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', misty_01: 'Fresh!Pass44' });
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass44|Pass33/);
  });

  it('dropped together into a running watcher, are read together too', async () => {
    const pool = await makeInboxPool();
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    // Written beside the inbox, then renamed in with no turn of the event loop between (a mail
    // client's "save all attachments", a Maildir delivery): the in-process watcher sees both.
    await mkdir(join(pool.inbox, 'level-30'), { recursive: true });
    await writeFile(join(pool.base, 'order.tmp'), oneAccount);
    await writeFile(join(pool.base, 'reply.tmp'), replyToOne);
    renameSync(join(pool.base, 'order.tmp'), join(pool.inbox, 'level-30/order.eml'));
    renameSync(join(pool.base, 'reply.tmp'), join(pool.inbox, 'level-30/reply.eml'));
    await allImported(pool, 2);
    expect(await passwords(pool)).toMatchObject({ misty_01: 'Fresh!Pass44' });
  });

  it('each go to failed/ with its own reason when the reply cannot tell which of two accounts', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', twoAccounts);
    await drop(pool.inbox, 'level-30/reply.eml', replyToTwo);
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await waitFor(async () => (await failedNames(pool.inbox)).filter((n) => n.endsWith('.eml')).length === 2 && (await waiting(pool.inbox)).length === 0, { what: 'both mails set aside' });
    await waitFor(() => (w.stderr().match(/\(moved to failed\//g) ?? []).length === 2, { what: 'both failures logged' });
    expect(w.stderr()).toMatch(/failed level-30\/order\.eml: .*line 10: its password may be stale.*reply\.eml/);
    expect(w.stderr()).toMatch(/failed level-30\/reply\.eml: .*line 11: /);
    expect(await importedNames(pool.inbox)).toEqual([]);
    expect(await passwords(pool)).toEqual({ ash_01: undefined, ash_02: undefined, misty_01: undefined });
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass42|Pass22/);
  });
});

// A delivery kept in Thunderbird's mbox (its local folders are mboxes; Gmail Takeout gives one per
// label) dropped with the seller's reply saved as .eml: one conversation, as `import inbox.mbox
// reply.eml` reads them (test/import/mail-mbox-conversation.test.ts); mboxrd `From ` envelope lines.
const mbox = (...messages: string[]) => messages.map((m) => `From shop@x.example Tue Dec  1 10:00:00 2026\n${m}\n`).join('');

describe('an mbox waiting with .eml files', () => {
  it('joins their conversation: a reply naming no login applies to the mbox message it answers', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/a-reply.eml', replyToOne);
    await drop(pool.inbox, 'level-30/inbox.mbox', mbox(twoAccounts, oneAccount));
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await allImported(pool, 2);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', misty_01: 'Fresh!Pass44' });
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass44|Pass33|Pass22/);
  });

  it('a reply that cannot tell which of the mbox message\'s two accounts: both files set aside naming the lines', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/inbox.mbox', mbox(twoAccounts));
    await drop(pool.inbox, 'level-30/reply.eml', replyToTwo);
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await waitFor(async () => (await failedNames(pool.inbox)).filter((n) => /\.(eml|mbox)$/.test(n)).length === 2 && (await waiting(pool.inbox)).length === 0, { what: 'both set aside' });
    await waitFor(() => (w.stderr().match(/\(moved to failed\//g) ?? []).length === 2, { what: 'both failures logged' });
    expect(w.stderr()).toMatch(/failed level-30\/inbox\.mbox: .*line 10: its password may be stale.*reply\.eml/);
    expect(await passwords(pool)).toEqual({ ash_01: undefined, ash_02: undefined, misty_01: undefined });
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass42|Pass22|Pass11/);
  });
});

// A mail of the conversation the pool could not take (a file of the pool that cannot be written:
// here a folder stands where the reply's receipt goes, EISDIR, a system error and no fault of the
// mail, import-file.ts isDumpFault): it stays in the inbox and is tried again WITH its conversation,
// though the delivery was filed meanwhile: read alone, a reply naming no login was refused.
describe('a mail of a conversation postponed', () => {
  it('is tried again with its conversation: the reply naming no login still applied once the pool takes it', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', oneAccount);
    await drop(pool.inbox, 'level-30/reply.eml', replyToOne);
    const blocker = await blockReceipt(pool, 'level-30/reply.eml');
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await waitFor(() => /cannot import level-30\/reply\.eml now: .*trying again/.test(w.stderr()), { what: 'the reply postponed' });
    await waitFor(async () => (await importedNames(pool.inbox)).includes('order.eml'), { what: 'the delivery filed' });
    expect(await waiting(pool.inbox)).toEqual(['level-30/reply.eml']);
    await rm(blocker, { recursive: true });
    await allImported(pool, 2);
    expect(await passwords(pool)).toMatchObject({ misty_01: 'Fresh!Pass44' });
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass44|Pass33/);
  });

  it('holds the mails after it: the reply waits for the delivery it answers, never imported before it', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', oneAccount);
    await drop(pool.inbox, 'level-30/reply.eml', replyToOne);
    const blocker = await blockReceipt(pool, 'level-30/order.eml');
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    // Tried twice: the reply's own turns (the inbox is scanned every 20 ms) came between.
    await waitFor(() => (w.stderr().match(/cannot import level-30\/order\.eml now/g) ?? []).length >= 2, { what: 'the delivery postponed twice' });
    expect(await waiting(pool.inbox)).toEqual(['level-30/order.eml', 'level-30/reply.eml']);
    expect(await importedNames(pool.inbox)).toEqual([]);
    await rm(blocker, { recursive: true });
    await allImported(pool, 2);
    expect(await passwords(pool)).toMatchObject({ misty_01: 'Fresh!Pass44' });
    expect(await failedNames(pool.inbox)).toEqual([]);
  });
});
