// A mail conversation (mail-group.ts) the watcher stopped in the middle of: the delivery imported
// and filed, its reply left in the inbox (the pool could not take it: here a folder stands where
// its receipt goes, EISDIR, no fault of the mail), then the watcher killed with SIGKILL or run
// again with `--once`. Read alone at the next start, the reply naming no login (`Sorry, the new
// password is X`) was refused and the delivery's old password stayed. The conversation is kept in
// a sealed record of its members' names and hashes (src/watch/held-record.ts) and read again at
// start from the same bytes (src/watch/held-rebuild.ts), the filed delivery found in imported/.
// Reply headers In-Reply-To / References with the answered Message-ID (RFC 5322 3.6.4).
import { describe, expect, it } from 'vitest';
import { readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { blockReceipt, drop, failedNames, importedNames, makeInboxPool, waiting, type InboxPool } from './helpers.js';
import { HeldRecord } from '../../src/watch/held-record.js';
import { realpath } from 'node:fs/promises';

const mail = (id: string, subject: string, date: string, body: string, answers?: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\nReferences: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
const oneAccount = mail('d3', '1x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:30:00 +0000', 'Your account:\nmisty_01:Old!Pass33\n');
// Names no login: which account only by answering the delivery.
const replyToOne = mail('d4', 'Re: 1x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass44\nThanks\n', 'd3');

async function misty(pool: InboxPool): Promise<string | undefined> {
  return (await (await pool.open()).read()).get('misty_01')?.password;
}

/** The delivery filed, the reply left in the inbox by a pool error, the watcher then killed. */
async function stoppedMidConversation(pool: InboxPool): Promise<string> {
  await drop(pool.inbox, 'level-30/order.eml', oneAccount);
  await drop(pool.inbox, 'level-30/reply.eml', replyToOne);
  const blocker = await blockReceipt(pool, 'level-30/reply.eml');
  const child = startCli(['watch', '--settle', '50ms', ...pool.args]);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await waitFor(() => /cannot import level-30\/reply\.eml now/.test(err), { what: 'the reply postponed' });
  await waitFor(async () => (await importedNames(pool.inbox)).includes('order.eml'), { what: 'the delivery filed' });
  child.kill('SIGKILL');
  expect((await child.closed).signal).toBe('SIGKILL');
  expect(await waiting(pool.inbox)).toEqual(['level-30/reply.eml']);
  expect(await misty(pool)).toBe('Old!Pass33');
  await rm(blocker, { recursive: true });
  return err;
}

describe('a mail conversation the watcher stopped in the middle of', () => {
  it('killed with SIGKILL and started again: the reply is still read with its filed delivery', async () => {
    const pool = await makeInboxPool();
    await stoppedMidConversation(pool);
    const r = await cli(['watch', '--once', '--settle', '50ms', ...pool.args]);
    // The killed watcher may have died holding the pool's lock (a retry of the reply under way): the
    // next one waits until the lock goes stale and says so, nothing else.
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('waiting for the pool to import level-30/reply.eml: pool is busy'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imported level-30\/reply\.eml: 0 added, 1 updated/);
    expect(await misty(pool)).toBe('Fresh!Pass44');
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual([]);
    // Done with: no record left to be read again.
    expect(await new HeldRecord(pool.dir, await realpath(pool.inbox)).load()).toEqual([]);
    expect(r.stdout + r.stderr).not.toMatch(/Pass44|Pass33/);
  });

  it('`watch --once` leaving the reply held, run again: the same', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', oneAccount);
    await drop(pool.inbox, 'level-30/reply.eml', replyToOne);
    const blocker = await blockReceipt(pool, 'level-30/reply.eml');
    const first = await cli(['watch', '--once', '--settle', '50ms', ...pool.args]);
    expect(first.stderr).toMatch(/cannot import level-30\/reply\.eml now/);
    expect(await waiting(pool.inbox)).toEqual(['level-30/reply.eml']);
    await rm(blocker, { recursive: true });
    const again = await cli(['watch', '--once', '--settle', '50ms', ...pool.args]);
    expect(again.code).toBe(0);
    expect(await misty(pool)).toBe('Fresh!Pass44');
    expect(await failedNames(pool.inbox)).toEqual([]);
  });

  it('its filed delivery deleted meanwhile: the reply set aside naming it, never read alone', async () => {
    const pool = await makeInboxPool();
    await stoppedMidConversation(pool);
    const imported = join(pool.inbox, 'imported');
    for (const day of await readdir(imported)) await unlink(join(imported, day, 'order.eml')).catch(() => {});
    const r = await cli(['watch', '--once', '--settle', '50ms', ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed level-30\/reply\.eml: was read with level-30\/order\.eml as one conversation before the watcher stopped/);
    expect(await failedNames(pool.inbox)).toContain('reply.eml');
    expect(await misty(pool)).toBe('Old!Pass33');
  });

  it('a record edited by hand (or not sealed here) is no record: the reply is read alone, as before', async () => {
    const pool = await makeInboxPool();
    await stoppedMidConversation(pool);
    const record = new HeldRecord(pool.dir, await realpath(pool.inbox));
    expect((await record.load()).map((g) => g.map((m) => m.name))).toEqual([['level-30/order.eml', 'level-30/reply.eml']]);
    await writeFile(record.path, JSON.stringify({ groups: [] }));
    const r = await cli(['watch', '--once', '--settle', '50ms', ...pool.args]);
    expect(r.stderr).toMatch(/failed level-30\/reply\.eml/);
    expect(await misty(pool)).toBe('Old!Pass33');
  });
});
