// A seller's delivery and its reply packed in ONE archive (a .zip of the saved .eml files, a
// .tar.gz of them) are one conversation, read as `import delivery.eml reply.eml` reads the loose
// files (src/formats/mail/mail-batch.ts): in Date order whatever the members' names sort as, a reply
// that names no login applied to the one account of the delivery it answers (In-Reply-To /
// References), and refused with the delivery's accounts when it cannot tell which one. Reply
// headers as mail clients write them: In-Reply-To / References with the answered Message-ID and a
// `Re:` subject (RFC 5322 3.6.4; Thunderbird's mailnews/compose/src/nsMsgCompose.cpp sets both).
import { describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { makeArchive } from '../helpers/archives.js';

const mail = (id: string, subject: string, date: string, body: string, answers?: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\nReferences: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
const oneAccount = mail('d3', '1x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:30:00 +0000', 'Your account:\nmisty_01:Old!Pass33\n');
const twoAccounts = mail('d1', '2x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:00:00 +0000', 'Your accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n');
// Names no login: which account only by answering the delivery.
const replyToOne = mail('d4', 'Re: 1x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nthe password of the account you bought is now Fresh!Pass44\nThanks\n', 'd3');
const replyToTwo = mail('d2', 'Re: 2x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nSorry, the new password is Fresh!Pass42\nThanks\n', 'd1');

async function passwords(pool: TestPool): Promise<Record<string, string | undefined>> {
  const snap = await (await pool.open()).read();
  return Object.fromEntries(['ash_01', 'ash_02', 'misty_01'].map((u) => [u, snap.get(u)?.password]));
}

async function packed(pool: TestPool, kind: 'zip' | 'tar', name: string, members: Record<string, string>): Promise<string> {
  const dir = join(pool.base, 'mails');
  await mkdir(dir, { recursive: true });
  return makeArchive(kind, join(dir, name), Object.entries(members).map(([n, text]) => ({ name: n, text })));
}

describe('a delivery and its reply packed in one archive', () => {
  it.each([
    ['zip', 'mails.zip'],
    ['tar', 'mails.tar.gz'],
  ] as const)('apply a reply naming no login to the account it answers, the reply member first (%s)', async (kind, name) => {
    const pool = await makePool();
    // The reply's name sorts first: the conversation goes by Date, as the loose files do.
    const file = await packed(pool, kind, name, { 'a-reply.eml': replyToOne, 'b-order.eml': twoAccounts, 'c-order.eml': oneAccount });
    const r = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', misty_01: 'Fresh!Pass44' });
    expect(r.stdout + r.stderr).not.toMatch(/Pass44|Pass33|Pass22/);
  });

  it('--dry-run shows the conversation as the import does it: the reply an update of the delivered account', async () => {
    const pool = await makePool();
    const file = await packed(pool, 'zip', 'mails.zip', { 'a-reply.eml': replyToOne, 'c-order.eml': oneAccount });
    const dry = await cli(['import', '--dry-run', file, '--level', '30', ...pool.args]);
    expect(dry.code).toBe(0);
    // Each member's line in Date order: the delivery adds, the reply updates the same account.
    const members = dry.stdout.split('\n').filter((l) => /mails\.zip!/.test(l));
    expect(members.join('\n')).toMatch(/c-order\.eml.*1 added[\s\S]*a-reply\.eml.*1 updated/);
    expect(dry.stdout + dry.stderr).not.toMatch(/Pass44|Pass33/);
    expect(await passwords(pool)).toEqual({ ash_01: undefined, ash_02: undefined, misty_01: undefined });
  });

  it('refuse the archive naming both members when the reply cannot tell which of two accounts', async () => {
    const pool = await makePool();
    const file = await packed(pool, 'zip', 'mails.zip', { 'order.eml': twoAccounts, 'reply.eml': replyToTwo });
    const r = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/order\.eml:10: rejected: its password may be stale.*reply\.eml/);
    expect(r.stderr).toMatch(/reply\.eml:11: rejected/);
    expect(await passwords(pool)).toMatchObject({ ash_02: undefined });
    expect(r.stdout + r.stderr).not.toMatch(/Pass42|Pass22/);
  });
});
