// A thrown error in the middle of a conversation (issue 14, stop 47's review): a mail of it that
// cannot be filed because its folder cannot be written (the folder made immutable, `chattr +i`:
// read-only even to root, which these tests run as; the rename out of it fails with EPERM, as
// it fails with EACCES for a user without write permission: a system error the watcher throws,
// neither the mail's fault nor the pool's). The mails after it were judged with the delivery before it; read at their own
// turns, the delivery filed by then, a reply naming no login was read without its delivery and
// set aside as a lone correction. They are held with the mail that threw (held-groups.ts) and
// tried again with it, with the conversation's word on them. Mails as mail-conversation.test.ts
// writes them (In-Reply-To / References, RFC 5322 3.6.4).
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '../helpers/testdir.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { allImported, drop, failedNames, importedNames, makeInboxPool, startWatching, waiting, type Watching } from './helpers.js';

const running: Watching[] = [];
const locked: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
  for (const dir of locked.splice(0)) execFileSync('chattr', ['-i', dir]);
});

/** Why the folder cannot be made read-only here (no chattr, a file system without the flag, not root); undefined when it can. */
function whyNoImmutable(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'accountpool-chattr-'));
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    return undefined;
  } catch (error) {
    return `chattr +i: ${(error as Error).message}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const skipReason = whyNoImmutable();
if (skipReason) console.warn(`skipping the read-only folder test: ${skipReason}`);

const mail = (id: string, subject: string, date: string, body: string, answers?: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\nReferences: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
const delivery = mail('d3', '1x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:30:00 +0000', 'Your account:\nmisty_01:Old!Pass33\n');
const otherOrder = mail('d5', '1x Lvl 30 PTC (order 2)', 'Tue, 01 Dec 2026 10:45:00 +0000', 'Your account:\nbrock_01:Old!Pass55\n');
// Says which account only by answering the delivery.
const reply = mail('d4', 'Re: 1x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass44\nThanks\n', 'd3');

/** `dir` made read-only (immutable: nothing renamed out of it), until `writable` is called. */
function readOnly(dir: string): () => void {
  execFileSync('chattr', ['+i', dir]);
  locked.push(dir);
  return () => {
    execFileSync('chattr', ['-i', dir]);
    locked.splice(locked.indexOf(dir), 1);
  };
}

describe.skipIf(skipReason)('a thrown error in the middle of a conversation', () => {
  it('holds the mails after it: the reply is never read without its delivery, and applies once the folder is writable', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', delivery);
    await drop(pool.inbox, 'level-30/stuck/order-2.eml', otherOrder);
    await drop(pool.inbox, 'level-30/reply.eml', reply);
    const writable = readOnly(join(pool.inbox, 'level-30', 'stuck'));
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await waitFor(() => /cannot import .*now: .*(EPERM|EACCES)/.test(w.stderr()), { what: 'the stuck mail postponed' });
    await waitFor(async () => (await importedNames(pool.inbox)).includes('order.eml'), { what: 'the delivery filed' });
    // The reply's own turns come and go (the inbox is scanned every 20 ms): it waits with the stuck mail.
    await waitFor(() => (w.stderr().match(/cannot import .*now/g) ?? []).length >= 2, { what: 'the stuck mail tried twice' });
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await waiting(pool.inbox)).toEqual(['level-30/reply.eml', 'level-30/stuck/order-2.eml']);
    writable();
    await allImported(pool, 3);
    const snap = await (await pool.open()).read();
    expect(snap.get('misty_01')?.password).toBe('Fresh!Pass44');
    expect(snap.get('brock_01')?.password).toBe('Old!Pass55');
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass44|Pass33|Pass55/);
  });
});
