// An older password is never taken back (stop 65 X): a fix already applied and since replaced, a
// dump re-dropped after a fix, a seller's first reply re-sent after the second, each imported
// again, gave the account the password the game no longer takes. Now the pool's newer one stays
// and the import says so with file and line (src/replaced-passwords.ts); `--older-passwords`
// takes it back on purpose. The mails are as mail-pool-corrections.test.ts writes them.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

async function passwordOf(pool: TestPool, username: string): Promise<string | undefined> {
  return (await (await pool.open()).read()).get(username)?.password;
}

async function file(pool: TestPool, name: string, text: string): Promise<string> {
  const path = join(pool.base, name);
  await writeFile(path, text);
  return path;
}

const importing = (pool: TestPool, ...args: string[]) => cli(['import', ...args, ...pool.args]);

const reply = (n: number, password: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 1${n}:00:00 +0000\nMessage-ID: <r${n}@x.example>\nIn-Reply-To: <d1@x.example>\nReferences: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nHi,\nNew password for ash_02: ${password}\nThanks\n`;

describe('an older password is never taken back', () => {
  it('a fix.txt dropped again after a newer one: the newer password stays, the file and line named, no password shown', async () => {
    const pool = await makePool();
    expect((await importing(pool, await file(pool, 'list.txt', 'ash_01:Old!Pass11\nash_02:Old!Pass22\n'), '--level', '30')).code).toBe(0);
    const first = await file(pool, 'fix.txt', 'sorry, the password for ash_02 is now Fresh!Pass42\n');
    const second = await file(pool, 'fix2.txt', 'sorry again, the password for ash_02 is now Newer!Pass52\n');
    expect((await importing(pool, first)).code).toBe(0);
    expect((await importing(pool, second)).code).toBe(0);
    expect(await passwordOf(pool, 'ash_02')).toBe('Newer!Pass52');

    const again = await importing(pool, first);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('fix.txt: 0 added, 0 updated, 1 unchanged, 0 rejected; 1 older password not taken back: line 1 gives ash_02 a password the pool replaced since');
    expect(again.stderr).not.toContain('corrects');
    expect(again.stdout + again.stderr).not.toMatch(/Pass42|Pass52|Pass22/);
    expect(await passwordOf(pool, 'ash_02')).toBe('Newer!Pass52');
    // The password of the list, two changes back, neither.
    const list = await importing(pool, join(pool.base, 'list.txt'));
    expect(list.stdout).toContain('line 2 gives ash_02 a password the pool replaced since');
    expect(await passwordOf(pool, 'ash_02')).toBe('Newer!Pass52');
    expect(await passwordOf(pool, 'ash_01')).toBe('Old!Pass11');
    // The account keeps fingerprints of the passwords replaced, newest first, never the passwords.
    const record = (await (await pool.open()).read()).get('ash_02')!;
    expect(record.passwords_replaced).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/), expect.stringMatching(/^[0-9a-f]{16}$/)]);
    expect(JSON.stringify(record)).not.toMatch(/Pass42|Pass22/);

    // The operator who knows the older one is right again takes it on purpose; then the newer is the older one.
    const taken = await importing(pool, first, '--older-passwords');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toMatch(/fix\.txt: 0 added, 1 updated, 0 rejected; changed: 1 password/);
    // ... and the import says the fix changed it, as any correction of an account it does not deliver.
    expect(taken.stdout + taken.stderr).toContain('line 1 corrects the password of `ash_02`');
    expect(await passwordOf(pool, 'ash_02')).toBe('Fresh!Pass42');
    expect((await importing(pool, second)).stdout).toContain('fix2.txt: 0 added, 0 updated, 1 unchanged, 0 rejected; 1 older password not taken back: line 1');
    expect(await passwordOf(pool, 'ash_02')).toBe('Fresh!Pass42');
  });

  it("a seller's first reply re-sent after the second, and the delivery re-dropped: the second reply's password stays", async () => {
    const pool = await makePool();
    const delivery = await file(pool, 'delivery.eml', `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nYour accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n`);
    expect((await importing(pool, delivery, '--level', '30')).code).toBe(0);
    const one = await file(pool, 'reply1.eml', reply(1, 'Fresh!Pass42'));
    const two = await file(pool, 'reply2.eml', reply(2, 'Newer!Pass52'));
    expect((await importing(pool, one)).code).toBe(0);
    expect((await importing(pool, two)).code).toBe(0);
    // Re-sent: another copy, another name (a mail client saving it twice).
    const resent = await file(pool, 'reply1 (1).eml', reply(1, 'Fresh!Pass42'));
    const r = await importing(pool, resent);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reply1 \(1\)\.eml: 0 added, 0 updated, 1 unchanged, 0 rejected; 1 older password not taken back: line \d+ gives ash_02/);
    const d = await importing(pool, delivery);
    expect(d.stdout).toMatch(/delivery\.eml: 0 added, 0 updated, 2 unchanged, 0 rejected; 1 older password not taken back: line \d+ gives ash_02/);
    expect(await passwordOf(pool, 'ash_02')).toBe('Newer!Pass52');
  });
});
