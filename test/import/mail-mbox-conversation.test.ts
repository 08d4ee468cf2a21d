// A delivery kept in an mbox (Thunderbird's local folders are mboxes; Gmail Takeout gives one per
// label) and the seller's reply saved as a separate .eml: one conversation, as two .eml files or one
// mbox are (src/formats/mail/mail-batch.ts), loose (`import inbox.mbox reply.eml`) or packed in one
// archive. mboxrd `From ` envelope lines (as mail-client-shapes.test.ts cites them); reply headers
// In-Reply-To / References with the answered Message-ID (RFC 5322 3.6.4).
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { makeArchive } from '../helpers/archives.js';

const mail = (id: string, subject: string, date: string, body: string, answers?: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\nReferences: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
const mbox = (...messages: string[]) => messages.map((m) => `From shop@x.example Tue Dec  1 10:00:00 2026\n${m}\n`).join('');
const twoAccounts = mail('d1', '2x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:00:00 +0000', 'Your accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n');
const oneAccount = mail('d3', '1x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:30:00 +0000', 'Your account:\nmisty_01:Old!Pass33\n');
// Names no login: which account only by answering the one-account delivery.
const replyToOne = mail('d4', 'Re: 1x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass44\nThanks\n', 'd3');
const replyToTwo = mail('d2', 'Re: 2x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass42\nThanks\n', 'd1');

async function passwords(pool: TestPool): Promise<Record<string, string | undefined>> {
  const snap = await (await pool.open()).read();
  return Object.fromEntries(['ash_01', 'ash_02', 'misty_01'].map((u) => [u, snap.get(u)?.password]));
}

describe('an mbox and a separate .eml of one import', () => {
  it('loose: a reply naming no login applies to the account of the mbox message it answers', async () => {
    const pool = await makePool();
    const dir = join(pool.base, 'mails');
    await mkdir(dir);
    await writeFile(join(dir, 'inbox.mbox'), mbox(twoAccounts, oneAccount));
    await writeFile(join(dir, 'reply.eml'), replyToOne);
    const r = await cli(['import', join(dir, 'reply.eml'), join(dir, 'inbox.mbox'), '--level', '30', ...pool.args]);
    expect(r.stderr).not.toMatch(/rejected|[1-9] refused/);
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', misty_01: 'Fresh!Pass44' });
    expect(r.stdout + r.stderr).not.toMatch(/Pass44|Pass33|Pass22/);
  });

  it('in one .zip: the same', async () => {
    const pool = await makePool();
    const dir = join(pool.base, 'z');
    await mkdir(dir);
    const file = await makeArchive('zip', join(dir, 'mails.zip'), [{ name: 'a-reply.eml', text: replyToOne }, { name: 'inbox.mbox', text: mbox(twoAccounts, oneAccount) }]);
    const r = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', misty_01: 'Fresh!Pass44' });
  });

  it('a reply that cannot tell which of the mbox message\'s two accounts: both refused with it, naming the lines, the rest imported', async () => {
    const pool = await makePool();
    const dir = join(pool.base, 'mails');
    await mkdir(dir);
    await writeFile(join(dir, 'inbox.mbox'), mbox(twoAccounts, oneAccount));
    await writeFile(join(dir, 'reply.eml'), replyToTwo);
    const r = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(r.code).toBe(1);
    // ash_01, ash_02 at lines 10-11 of the mbox (its envelope line first), as the mbox read alone gives them.
    expect(r.stderr).toMatch(/inbox\.mbox:10: rejected: its password may be stale.*reply\.eml/);
    expect(r.stderr).toMatch(/inbox\.mbox:11: rejected: its password may be stale/);
    expect(r.stderr).toMatch(/reply\.eml:11: rejected/);
    expect(await passwords(pool)).toEqual({ ash_01: undefined, ash_02: undefined, misty_01: 'Old!Pass33' });
    expect(r.stdout + r.stderr).not.toMatch(/Pass42|Pass22|Pass11/);
  });
});
