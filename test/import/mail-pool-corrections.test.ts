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
    // What the pool's account took is said by login and line (stop 62 L), the rest silent.
    expect(r.stderr).toBe(`${join(dir, 'reply2.eml')}: note: line 11 corrects the password of \`ash_02\`, which this file does not deliver (the pool held it, or another file of this import delivered it): its password is now the one the line gives\naccountpool import: 2 files, 2 imported, 0 refused\n`);
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

// Stop 62 L: a loose text of corrections alone (`fix.txt`: "sorry, the password for ash_02 is now X"),
// dropped with the delivery or after it. Its sentences are the replies' (lone-corrections.ts): applied
// to the one account of the pool or of the same import it names, else refused; never an account made.
describe('a loose text file of corrections alone (fix.txt)', () => {
  const list = 'ash_01:Old!Pass11\nash_02:Old!Pass22\n';
  const fix = 'sorry, the password for ash_02 is now Fresh!Pass42\n';
  async function files(pool: TestPool, named: Record<string, string>): Promise<string[]> {
    const dir = join(pool.base, 'texts');
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(named)) await writeFile(join(dir, name), text);
    return Object.keys(named).map((name) => join(dir, name));
  }

  it('imported after its delivery is in the pool: applied to the account it names, said by login and line, nothing else changed', async () => {
    const pool = await makePool();
    await delivered(pool);
    const [path] = await files(pool, { 'fix.txt': fix });
    const r = await cli(['import', path!, ...pool.args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fix\.txt: 0 added, 1 updated, 0 rejected; changed: 1 password/);
    expect(r.stderr).toContain('fix.txt: note: line 1 corrects the password of `ash_02`, which this file does not deliver');
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: undefined });
    expect(r.stdout + r.stderr).not.toMatch(/Pass42|Pass22/);
    // Imported again (the watcher's failed/ dropped back, a second copy of the seller's mail):
    // nothing changes, and the note says the pool holds it already, never that it corrects.
    const again = await cli(['import', path!, ...pool.args]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/fix\.txt: 0 added, 0 updated, 1 unchanged, 0 rejected/);
    expect(again.stderr).toContain('fix.txt: note: line 1 gives `ash_02` the password the pool already holds for it (applied before): nothing changed');
    expect(again.stderr).not.toContain('corrects');
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: undefined });
  });

  it('named before its delivery in one import (a dry run too): applied after it, never undone by the delivery\'s old password', async () => {
    const pool = await makePool();
    const [fixPath, listPath] = await files(pool, { 'fix.txt': fix, 'list.txt': list });
    const dry = await cli(['import', fixPath!, listPath!, '--level', '30', '--dry-run', ...pool.args]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/list\.txt: 2 added[^]*would import [^ ]*fix\.txt: 0 added, 1 updated/);
    expect(await pooled(pool)).toEqual({ ash_01: undefined, ash_02: undefined, ash_03: undefined });
    const r = await cli(['import', fixPath!, listPath!, '--level', '30', ...pool.args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/list\.txt: 2 added[^]*imported [^ ]*fix\.txt: 0 added, 1 updated/);
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: undefined });
    // The delivery imported again with the fix, named after it: the correction still has the last word.
    await cli(['import', fixPath!, listPath!, '--level', '30', ...pool.args]);
    expect(await pooled(pool)).toMatchObject({ ash_02: 'Fresh!Pass42' });
  });

  it('in one .zip with its delivery, the fix member first: applied after the delivery member', async () => {
    const pool = await makePool();
    const zip = makeArchive('zip', join(pool.base, 'both.zip'), [{ name: 'fix.txt', text: fix }, { name: 'list.txt', text: list }]);
    const r = await cli(['import', zip, '--level', '30', ...pool.args]);
    expect(r.code).toBe(0);
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42', ash_03: undefined });
  });

  it('changes no account it does not name: another login, none, or two of the pool are refused by line, the pool unchanged', async () => {
    const pool = await makePool();
    await delivered(pool);
    const [other, none, two] = await files(pool, {
      'other.txt': 'sorry, the password for misty_09 is now Fresh!Pass42\n',
      'none.txt': 'sorry, the password is now Fresh!Pass42\n',
      'two.txt': 'the new password for ash_01 and ash_02 is Fresh!Pass42\n',
    });
    const r = await cli(['import', other!, none!, two!, ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('other.txt: no accounts found; read as plain; 1 line rejected (line 1: a correction of the password of `misty_09`, an account neither this file nor the pool holds: nothing was imported and the pool was not changed');
    // (Naming no login, its new password's `pass42` was said to be the login it corrects.)
    expect(r.stderr).toMatch(/none\.txt: no accounts found; read as plain [^\n]*a letter without accounts/);
    expect(r.stderr).not.toContain('pass42');
    expect(r.stderr).toMatch(/two\.txt: no accounts found; .*corrects the password of `ash_01`.*the pool was not changed/);
    expect(r.stderr).toContain('3 files, 0 imported, 3 refused');
    expect(await pooled(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22', ash_03: undefined });
    expect(r.stdout + r.stderr).not.toMatch(/Pass42/);
  });
});
