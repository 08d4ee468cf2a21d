// `import` of mail as Apple Mail stores it, and of office files (issue 14): an .emlx is one mail of
// the import's conversation as an .eml is (mail-batch.ts' isMailName); a spreadsheet is read as
// its sheets. Fixtures: test/fixtures/README.md (mail-apple-mail.emlx: terhechte/emlx
// src/lib.rs; accounts-sheet.xlsx: ECMA-376 Part 2).
import { describe, expect, it } from 'vitest';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { FIXTURES } from '../formats/helpers.js';

const reply = `From: PoGo Accounts Shop <shop@pogo-accounts.example>\nTo: trainer@icloud.example\nSubject: Re: Your order #5531: 2x PTC level 30\nDate: Tue, 01 Dec 2026 12:00:00 +0000\nMessage-ID: <5531-r@pogo-accounts.example>\nIn-Reply-To: <5531@pogo-accounts.example>\nContent-Type: text/plain; charset=utf-8\n\nSorry,\nNew password for apple_02: Fresh!Pass92\n`;

describe('import of stored mail shapes', () => {
  it('an Apple Mail .emlx and the .eml reply correcting it are one conversation', async () => {
    const pool = await makePool();
    await copyFile(join(FIXTURES, 'mail-apple-mail.emlx'), join(pool.base, '5531.emlx'));
    await writeFile(join(pool.base, 'reply.eml'), reply);
    const r = await cli(['import', join(pool.base, 'reply.eml'), join(pool.base, '5531.emlx'), '--level', '30', ...pool.args]);
    expect(r.stderr).not.toMatch(/Pass3|Pass92/);
    expect(r.code).toBe(0);
    const snap = await (await pool.open()).read();
    expect([snap.get('apple_01')?.password, snap.get('apple_02')?.password]).toEqual(['Orchard!Pass31', 'Fresh!Pass92']);
  });

  it('a loose .xlsx is imported, its sheet read as a CSV is (sheets/spreadsheets.ts)', async () => {
    const pool = await makePool();
    const r = await cli(['import', join(FIXTURES, 'accounts-sheet.xlsx'), '--level', '30', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await (await pool.open()).read()).get('sheet_01')?.password).toBe('Sheet!Pass21');
  });
});
