// A seller's delivery and the later "new password for ash_02" reply saved as separate .eml files
// (issue 14): read as one conversation by Date (src/formats/mail/mail-batch.ts), and a reply
// imported after its delivery checked against the pool (src/import/pool-corrections.ts).
// Reply headers as mail clients write them: In-Reply-To / References with the answered
// Message-ID and a `Re:` subject (RFC 5322 3.6.4; Thunderbird's nsMsgCompose.cpp, Gmail and
// Outlook do the same; see src/formats/mail/mail-thread.ts).
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

const delivery = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nYour accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
const reply = (sentence: string, answers = true) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 11:00:00 +0000\nMessage-ID: <d2@x.example>\n${answers ? 'In-Reply-To: <d1@x.example>\nReferences: <d1@x.example>\n' : ''}Content-Type: text/plain; charset=utf-8\n\nHi,\n${sentence}\nThanks\n`;

async function passwords(pool: TestPool): Promise<Record<string, string | undefined>> {
  const snap = await (await pool.open()).read();
  return { ash_01: snap.get('ash_01')?.password, ash_02: snap.get('ash_02')?.password };
}

async function folder(pool: TestPool, files: Record<string, string>): Promise<string> {
  const dir = join(pool.base, 'mails');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('separate .eml files of one import', () => {
  it('apply a later reply to the account another file delivered, whatever their names sort as (Date order)', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'a-reply.eml': reply('New password for ash_02: Fresh!Pass42'), 'b-delivery.eml': delivery });
    const r = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
    expect(r.stdout.indexOf('b-delivery.eml')).toBeLessThan(r.stdout.indexOf('a-reply.eml'));
    expect(r.stderr + r.stdout).not.toContain('Old!Pass22');
  });

  it('refuse the delivered accounts and the sentence when the reply names none of two', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'delivery.eml': delivery, 'reply.eml': reply('Sorry, the new password is Fresh!Pass42') });
    const r = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(r.code).toBe(1);
    expect(await passwords(pool)).toEqual({ ash_01: undefined, ash_02: undefined });
    expect(r.stderr).toMatch(/delivery\.eml:10: rejected: its password may be stale.*in .*reply\.eml/);
    expect(r.stderr).toMatch(/reply\.eml:11: rejected/);
    expect(r.stderr + r.stdout).not.toContain('Fresh!Pass42');
  });
});

describe('a reply imported after its delivery', () => {
  it('is applied when it names a login of the pool and says the password changed', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'delivery.eml': delivery });
    expect((await cli(['import', join(dir, 'delivery.eml'), '--level', '30', ...pool.args])).code).toBe(0);
    await writeFile(join(dir, 'reply.eml'), reply('New password for ash_02: Fresh!Pass42'));
    const r = await cli(['import', join(dir, 'reply.eml'), ...pool.args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 updated');
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
  });

  it.each([
    ['names no login', 'Sorry, the new password is Fresh!Pass42'],
    ['names a login the pool does not hold', 'New password for ash_99: Fresh!Pass42'],
  ])('is refused by its line when it %s, the pool unchanged', async (_, sentence) => {
    const pool = await makePool();
    const dir = await folder(pool, { 'delivery.eml': delivery });
    await cli(['import', join(dir, 'delivery.eml'), '--level', '30', ...pool.args]);
    await writeFile(join(dir, 'reply.eml'), reply(sentence, false));
    const r = await cli(['import', join(dir, 'reply.eml'), ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 9: a correction of a password for no account this mail delivers');
    expect(r.stderr).not.toContain('Fresh!Pass42');
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22' });
  });
});
