// `accountpool import` of a Gmail Takeout mbox whose reply corrects a delivered account in a
// sentence (`Sorry, the new password for gmacc2 is X`), and of the same two mails saved as .eml
// files: the pool holds the new password, never the old one, and no password is printed.
// Fixture: test/fixtures/README.md (`mail-gmail-takeout-thread.mbox`).
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { FIXTURES } from '../formats/helpers.js';

async function passwords(pool: TestPool): Promise<Record<string, string | undefined>> {
  const snap = await (await pool.open()).read();
  return Object.fromEntries(['gmacc1', 'gmacc2', 'gmacc3'].map((u) => [u, snap.get(u)?.password]));
}

/** The mbox's order 1 (its third message) and its reply (its second) as order.eml and reply.eml, each without the envelope line. */
async function orderAndReply(pool: TestPool, reply = (text: string) => text): Promise<string> {
  const dir = join(pool.base, 'mails');
  await mkdir(dir);
  const messages = (await readFile(join(FIXTURES, 'mail-gmail-takeout-thread.mbox'), 'utf8')).split(/^From \S+@xxx [^\r\n]*\r\n/m).slice(1);
  await writeFile(join(dir, 'order.eml'), messages[2]!);
  await writeFile(join(dir, 'reply.eml'), reply(messages[1]!));
  return dir;
}

describe('import: a seller\'s correction in a sentence', () => {
  it('a Takeout mbox: the sentence and the X-GM-THRID reply correct their accounts', async () => {
    const pool = await makePool();
    const r = await cli(['import', join(FIXTURES, 'mail-gmail-takeout-thread.mbox'), '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 added/);
    expect(await passwords(pool)).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Fresh!Pass42', gmacc3: 'Fresh!Pass43' });
    expect(r.stdout + r.stderr).not.toMatch(/Pass\d\d/);
  });

  it('the delivery and the reply as two .eml files of one import: the same', async () => {
    const pool = await makePool();
    const dir = await orderAndReply(pool);
    const r = await cli(['import', join(dir, 'reply.eml'), join(dir, 'order.eml'), '--level', '30', ...pool.args]);
    expect(r.stderr).toMatch(/2 imported, 0 refused/);
    expect(r.stderr).not.toMatch(/rejected/);
    expect(r.code).toBe(0);
    expect(await passwords(pool)).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Fresh!Pass42', gmacc3: undefined });
  });

  it('the reply imported alone after its delivery: the pool\'s gmacc2 corrected, as a sentence naming its login is', async () => {
    const pool = await makePool();
    // The reply without the delivery it quotes: only its sentence names gmacc2.
    const dir = await orderAndReply(pool, (reply) => reply.replace(/\r\nOn Tue[^]*$/, '\r\n'));
    expect((await cli(['import', join(dir, 'order.eml'), '--level', '30', ...pool.args])).code).toBe(0);
    const r = await cli(['import', join(dir, 'reply.eml'), ...pool.args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 updated/);
    expect(await passwords(pool)).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Fresh!Pass42', gmacc3: undefined });
  });
});
