// A reply quoting a large delivery (issue 14 with issue 16's sizes): the buyer's "thanks, got them"
// above the seller's whole list quoted with `>` (Gmail's `On DATE NAME <ADDR> wrote:` over `> `
// lines, RFC 3676 4.5 quote depth). Two things broke at that size: the e-mail reader put the
// list's accounts back with one spread call, and 150,000 of them overflowed the call stack (the
// mail was refused, "the email-text reader failed (RangeError)"); and a dump of 200,000 accounts
// and more is held as columns (import-dump.ts COLUMNS_FROM), which the quoted-copy check
// (quoted-copies.ts) let through unchecked, so a quoted old password overwrote the pool's newer one.
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { readForImport, withPoolOf } from '../../src/import/import-dump.js';
import { recordsOf, toColumnDump, type ColumnDump } from '../../src/import/dump-columns.js';

const reply = (quoted: string[]) =>
  `From: Buyer <me@example.net>\nTo: shop@x.example\nSubject: Re: order\nDate: Tue, 01 Dec 2026 12:00:00 +0000\nMessage-ID: <r1@example.net>\nContent-Type: text/plain; charset=utf-8\n\nThanks, got them.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Shop <shop@x.example> wrote:\n${quoted.map((l) => `> ${l}`).join('\n')}\n`;

describe('a reply quoting a large delivery', () => {
  it('150,000 quoted accounts: all read, each a quoted copy at its line', async () => {
    const n = 150_000;
    const r = await readDump(toDumpInput('reply.eml', Buffer.from(reply(Array.from({ length: n }, (_, i) => `q${i}x:Pw!${i}a`)))));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.length).toBe(n);
    expect(r.accounts.every((a) => a.quoted)).toBe(true);
    expect(r.accounts.at(-1)).toMatchObject({ username: `q${n - 1}x`, password: `Pw!${n - 1}a`, line: 10 + n });
    // A bound on a hang, not a measure: ~4 s of CPU, 30-75 s of wall with the machine loaded.
  }, 180_000);

  it('held as columns: a quoted old password never overwrites the pool\'s newer one, refused by its line', async () => {
    const pool = await makePool();
    const dir = join(pool.base, 'mails');
    await mkdir(dir);
    await writeFile(join(dir, 'stock.txt'), 'ash_01:Old!Pass11\nash_02:Fresh!Pass42\n');
    expect((await cli(['import', join(dir, 'stock.txt'), '--level', '30', ...pool.args])).code).toBe(0);
    // Read as the import reads it, then held as columns as a dump of COLUMNS_FROM accounts is.
    const read = await readForImport('reply.eml', Buffer.from(reply(['ash_01:Old!Pass11', 'ash_02:Old!Pass22', 'misty_03:New!Pass33'])), {});
    const columns = toColumnDump(read as Parameters<typeof toColumnDump>[0]);
    const checked = (await (await pool.open()).rehearse((tx) => withPoolOf(tx, 'reply.eml', columns))) as ColumnDump;
    const records = recordsOf(checked);
    expect(Array.from({ length: records.length }, (_, i) => `${records.at(i).username}:${records.at(i).line}`)).toEqual(['ash_01:11', 'misty_03:13']);
    expect(checked.rejected).toEqual([{ line: 12, reason: expect.stringMatching(/^ash_02 quoted from an earlier mail with another password than the pool gives it/) }]);
    // Nothing to drop: the very same columns, no records made.
    const same = await readForImport('reply.eml', Buffer.from(reply(['ash_01:Old!Pass11', 'misty_03:New!Pass33'])), {});
    const sameColumns = toColumnDump(same as Parameters<typeof toColumnDump>[0]);
    expect(await (await pool.open()).rehearse((tx) => withPoolOf(tx, 'reply.eml', sameColumns))).toBe(sameColumns);
  });
});
