// A seller's correction reaches the pool wherever it comes (issue 14): in a mail that also delivers
// new accounts, and in a mail packed in an archive (a .zip of saved .eml files, an mbox in a
// .tar.gz): the same rule as a loose reply (src/import/pool-corrections.ts). Reply headers as mail
// clients write them: In-Reply-To / References with the answered Message-ID and a `Re:` subject
// (RFC 5322 3.6.4; Thunderbird's mailnews/compose/src/nsMsgCompose.cpp sets both).
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { makeArchive } from '../helpers/archives.js';

const delivery = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nYour accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
const reply = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 11:00:00 +0000\nMessage-ID: <d2@x.example>\nIn-Reply-To: <d1@x.example>\nReferences: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nHi,\nNew password for ash_02: Fresh!Pass42\nThanks\n`;
// The next order's mail: its own account, and a word about the last order's ash_02.
const nextOrder = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 1x Lvl 30 PTC\nDate: Wed, 02 Dec 2026 09:00:00 +0000\nMessage-ID: <d3@x.example>\nContent-Type: text/plain; charset=utf-8\n\nYour new order:\nash_03:New!Pass33\n\nAlso: new password for ash_02: Fresh!Pass42\nRegards\n`;

async function pooled(pool: TestPool): Promise<Record<string, string | undefined>> {
  const snap = await (await pool.open()).read();
  return Object.fromEntries(['ash_01', 'ash_02', 'ash_03'].map((u) => [u, snap.get(u)?.password]));
}

async function delivered(pool: TestPool): Promise<string> {
  const dir = join(pool.base, 'mails');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'delivery.eml'), delivery);
  expect((await cli(['import', join(dir, 'delivery.eml'), '--level', '30', ...pool.args])).code).toBe(0);
  return dir;
}

describe('a correction of an account of the pool', () => {
  it('is applied from a mail that also delivers new accounts, both kept', async () => {
    const pool = await makePool();
    const dir = await delivered(pool);
    await writeFile(join(dir, 'next.eml'), nextOrder);
    const r = await cli(['import', join(dir, 'next.eml'), ...pool.args]);
    expect(r.stdout).toMatch(/1 added.*1 updated|1 updated.*1 added/);
    expect(r.code).toBe(0);
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: 'New!Pass33' });
    expect(r.stdout + r.stderr).not.toMatch(/Pass42|Pass33/);
  });

  it('is applied from such a mail imported with an unrelated delivery (a conversation that changes neither)', async () => {
    // The conversation leaves both mails as read; each is imported as read alone would be:
    // next.eml's word on ash_02 still reaches the pool (mail-batch.ts' asReadAlone).
    const pool = await makePool();
    const dir = await delivered(pool);
    await writeFile(join(dir, 'next.eml'), nextOrder);
    const other = delivery.replace(/ash_01:Old!Pass11\nash_02:Old!Pass22/, 'misty_01:Misty!Pass71').replace('<d1@', '<o1@').replace('2x Lvl', '1x Lvl');
    await writeFile(join(dir, 'other.eml'), other);
    const r = await cli(['import', join(dir, 'next.eml'), join(dir, 'other.eml'), ...pool.args]);
    expect(r.code).toBe(0);
    const snap = await (await pool.open()).read();
    expect({ ...(await pooled(pool)), misty_01: snap.get('misty_01')?.password }).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: 'New!Pass33', misty_01: 'Misty!Pass71' });
  });

  it('in such a mail naming no login of the pool is refused by its line, the new accounts imported', async () => {
    const pool = await makePool();
    const dir = await delivered(pool);
    await writeFile(join(dir, 'next.eml'), nextOrder.replace('for ash_02', 'for misty_09'));
    const r = await cli(['import', join(dir, 'next.eml'), ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/next\.eml:11: rejected: a correction of a password for no account this mail delivers/);
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', ash_03: 'New!Pass33' });
  });

  it('is applied from a reply inside a .zip of saved mails', async () => {
    const pool = await makePool();
    const dir = await delivered(pool);
    const zip = makeArchive('zip', join(dir, 'replies.zip'), [{ name: 'reply.eml', text: reply }]);
    const r = await cli(['import', zip, ...pool.args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 updated');
    expect(await pooled(pool)).toMatchObject({ ash_02: 'Fresh!Pass42' });
  });

  it('is applied from an mbox inside a .tar.gz', async () => {
    const pool = await makePool();
    const dir = await delivered(pool);
    const mbox = `From shop@x.example Tue Dec  1 11:00:00 2026\n${reply}\n`;
    const tgz = makeArchive('tar', join(dir, 'mail.tar.gz'), [{ name: 'Shop.mbox', text: mbox }]);
    const r = await cli(['import', tgz, ...pool.args]);
    expect(r.code).toBe(0);
    expect(await pooled(pool)).toMatchObject({ ash_02: 'Fresh!Pass42' });
  });

  it('inside an archive, naming no login of the pool, is rejected naming the member and line', async () => {
    const pool = await makePool();
    const dir = await delivered(pool);
    const zip = makeArchive('zip', join(dir, 'replies.zip'), [{ name: 'reply.eml', text: reply.replace('for ash_02', 'for misty_09') }]);
    const r = await cli(['import', zip, ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/replies\.zip.*reply\.eml/);
    expect(r.stderr).toMatch(/reply\.eml:11: rejected: a correction of a password for no account/);
    expect(await pooled(pool)).toMatchObject({ ash_02: 'Old!Pass22' });
  });

  it('is applied from a reply that also corrects an account another file of the same import delivered', async () => {
    const pool = await makePool();
    const dir = await delivered(pool);
    // Another order, then its reply: one sentence for its account, one for the pool's ash_02.
    const order = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 1x Lvl 30 PTC\nDate: Wed, 02 Dec 2026 09:00:00 +0000\nMessage-ID: <d5@x.example>\nContent-Type: text/plain; charset=utf-8\n\nmisty_01:Old!Pass55\n`;
    const both = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 1x Lvl 30 PTC\nDate: Wed, 02 Dec 2026 10:00:00 +0000\nMessage-ID: <d6@x.example>\nIn-Reply-To: <d5@x.example>\nReferences: <d5@x.example>\nContent-Type: text/plain; charset=utf-8\n\nNew password for misty_01: Fresh!Pass55\nNew password for ash_02: Fresh!Pass42\n`;
    await writeFile(join(dir, 'order2.eml'), order);
    await writeFile(join(dir, 'reply2.eml'), both);
    const r = await cli(['import', join(dir, 'order2.eml'), join(dir, 'reply2.eml'), '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('accountpool import: 2 files, 2 imported, 0 refused\n');
    expect(r.code).toBe(0);
    const snap = await (await pool.open()).read();
    expect([snap.get('misty_01')?.password, snap.get('ash_02')?.password]).toEqual(['Fresh!Pass55', 'Fresh!Pass42']);
  });

  it('is applied from a reply packed in one .zip with its delivery (the delivery member first)', async () => {
    const pool = await makePool();
    const dir = join(pool.base, 'mails');
    await mkdir(dir, { recursive: true });
    const zip = makeArchive('zip', join(dir, 'mails.zip'), [{ name: '1-delivery.eml', text: delivery }, { name: '2-reply.eml', text: reply }]);
    const r = await cli(['import', zip, '--level', '30', ...pool.args]);
    expect(r.code).toBe(0);
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: undefined });
  });
});
