// A reply or forward quotes an earlier delivery (issue 14): the buyer's "thanks, got them" answers the
// seller's FIRST mail, quoting ash_02's old password, and is dated after the seller's "new password for
// ash_02" mail. Merged last, that quoted copy put the old password back in the pool. Quoting as Gmail
// writes it (`On DATE NAME <ADDR> wrote:` over `> ` lines), threads by In-Reply-To / References
// (RFC 5322 3.6.4). A quoted copy of an account now never overwrites a newer password: the same one
// is nothing new, one the conversation had and changed is dropped, any other is refused by its line.
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { makeArchive } from '../helpers/archives.js';

const mail = (id: string, subject: string, date: string, body: string, answers?: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\nReferences: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
const delivery = mail('d1', '2x Lvl 30 PTC', 'Tue, 01 Dec 2026 10:00:00 +0000', 'Your accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n');
const correction = mail('d2', 'Re: 2x Lvl 30 PTC', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nNew password for ash_02: Fresh!Pass42\nThanks\n', 'd1');
/** The buyer's later answer to the first mail, quoting the delivery (lines 14-15: ash_01, ash_02). */
const thanks = (quoted = 'ash_02:Old!Pass22') =>
  mail('d3', 'Re: 2x Lvl 30 PTC', 'Tue, 01 Dec 2026 12:00:00 +0000', `Thanks, got them.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Shop <shop@x.example> wrote:\n> Your accounts:\n> ash_01:Old!Pass11\n> ${quoted}\n`, 'd1');

// The same delivery forwarded as an attachment (RFC 2046 5.2.1 `message/rfc822`, as Thunderbird's
// "Forward As Attachment" and Outlook's "Forward as attachment" send it), dated after the
// correction: the attached mail is a copy as old as the delivery, as an inline forward's is.
const forwardAttached = (quoted = 'ash_02:Old!Pass22') =>
  `From: Buyer <me@example.net>\nTo: friend@example.org\nSubject: Fwd: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 12:00:00 +0000\nMessage-ID: <f1@example.net>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nHere is what I got.\n\n--b1\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="2x Lvl 30 PTC.eml"\n\n${delivery.replace('ash_02:Old!Pass22', quoted)}\n--b1--\n`;

async function passwords(pool: TestPool) {
  const snap = await (await pool.open()).read();
  return { ash_01: snap.get('ash_01')?.password, ash_02: snap.get('ash_02')?.password };
}

async function folder(pool: TestPool, files: Record<string, string>) {
  const dir = join(pool.base, 'mails');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe.each([
  { how: 'quoting it (Gmail `>` lines)', copy: thanks, line: 15 },
  { how: 'forwarding it as a message/rfc822 attachment', copy: forwardAttached, line: 27 },
])('a later mail $how', ({ copy, line }) => {
  it('imported together (`import mails/`): the copied old password never beats the correction', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'a.eml': delivery, 'b.eml': correction, 'c.eml': copy() });
    const r = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(r.stderr).not.toMatch(/rejected|refused: [1-9]|[1-9] refused/);
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
  });

  it('imported one after another: the pool\'s newer password stays, the copied line refused by its line', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'a.eml': delivery, 'b.eml': correction, 'c.eml': copy() });
    for (const f of ['a.eml', 'b.eml']) expect((await cli(['import', join(dir, f), '--level', '30', ...pool.args])).code).toBe(0);
    const r = await cli(['import', join(dir, 'c.eml'), '--level', '30', ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`c.eml:${line}: rejected: ash_02 quoted from an earlier mail with another password than the pool gives it`);
    expect(r.stdout + r.stderr).not.toMatch(/Pass22|Pass42|Pass11/);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
  });
});

describe('a later mail quoting an earlier delivery', () => {

  it('a quoted password no mail of the import gave: refused naming its line, never guessed newer', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'a.eml': delivery, 'b.eml': correction, 'c.eml': thanks('ash_02:Other!Pass99') });
    const r = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/c\.eml:15: rejected: ash_02 quoted from an earlier mail with another password than another mail of this import/);
    expect(r.stdout + r.stderr).not.toContain('Pass99');
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
  });

  it('a quoted delivery whose accounts the pool holds with the same passwords: imported, nothing refused', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'a.eml': delivery, 'c.eml': thanks() });
    expect((await cli(['import', join(dir, 'a.eml'), '--level', '30', ...pool.args])).code).toBe(0);
    const r = await cli(['import', join(dir, 'c.eml'), '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22' });
  });

  it('a .zip of the three mails: the same', async () => {
    const pool = await makePool();
    const dir = join(pool.base, 'z');
    await mkdir(dir);
    const file = await makeArchive('zip', join(dir, 'mails.zip'), [{ name: 'c.eml', text: thanks() }, { name: 'a.eml', text: delivery }, { name: 'b.eml', text: correction }]);
    const r = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
  });
});

describe('a later mail forwarding an earlier delivery as a message/rfc822 attachment', () => {
  it('in an mbox after the correction: the same', async () => {
    const pool = await makePool();
    const box = [delivery, correction, forwardAttached()].map((m) => `From shop@x.example Tue Dec  1 10:00:00 2026\n${m}\n`).join('');
    const dir = await folder(pool, { 'inbox.mbox': box });
    const r = await cli(['import', join(dir, 'inbox.mbox'), '--level', '30', ...pool.args]);
    expect(r.stderr).not.toMatch(/rejected|refused: [1-9]|[1-9] refused/);
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Fresh!Pass42' });
  });

  it('a new delivery forwarded as an attachment, nothing known of its logins: imported', async () => {
    const pool = await makePool();
    const dir = await folder(pool, { 'c.eml': forwardAttached() });
    const r = await cli(['import', join(dir, 'c.eml'), '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ ash_01: 'Old!Pass11', ash_02: 'Old!Pass22' });
  });
});
