// `import --dry-run` of a seller's delivery and its reply (issue 14): the preview says what the
// real import of the same files does, file by file: the reply's corrected account as an update of
// the account the delivery adds, never as an account of its own. Reply headers as mail clients
// write them (RFC 5322 3.6.4; Thunderbird's mailnews/compose/src/nsMsgCompose.cpp).
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const delivery = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nYour accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
const reply = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 11:00:00 +0000\nMessage-ID: <d2@x.example>\nIn-Reply-To: <d1@x.example>\nReferences: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nHi,\nSorry, ash_02 had a typo, new password for ash_02: Fresh!Pass42\nThanks\n`;

/** Each file's report line, `delivery.eml: ...`, without the preview's other lines. */
const reports = (out: string) => out.split('\n').filter((l) => /\.eml: /.test(l));

/** A new pool and a folder holding the delivery and `replyText`, with `import --dry-run` of it. */
async function dryRunOf(replyText: string) {
  const pool = await makePool();
  const dir = join(pool.base, 'mails');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'delivery.eml'), delivery);
  await writeFile(join(dir, 'reply.eml'), replyText);
  return { pool, dir, dry: await cli(['import', '--dry-run', dir, '--level', '30', ...pool.args]) };
}

describe('import --dry-run of a delivery and its reply', () => {
  it('shows what the real import does: 2 added, then 1 updated', async () => {
    const { pool, dir, dry } = await dryRunOf(reply);
    const real = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(real.code).toBe(0);
    expect(dry.code).toBe(0);
    expect(reports(real.stdout).join('\n')).toMatch(/delivery\.eml.*2 added[\s\S]*reply\.eml.*1 updated/);
    expect(reports(dry.stdout).map((l) => l.replace('would import', 'imported'))).toEqual(reports(real.stdout));
    expect(dry.stdout + dry.stderr).not.toMatch(/Pass42|Pass22/);
  });
});

describe('import --dry-run of a delivery and a reply correcting it with an arrow alone', () => {
  it('the old password on the left (`Old!Pass22 → X`) is an update of that account, never an account named after it', async () => {
    const { dry } = await dryRunOf(reply.replace('Sorry, ash_02 had a typo, new password for ash_02: Fresh!Pass42', 'Old!Pass22 → Fresh!Pass42'));
    expect(dry.code).toBe(0);
    expect(reports(dry.stdout).join('\n')).toMatch(/delivery\.eml.*2 added[\s\S]*reply\.eml.*0 added, 1 updated/);
    expect(dry.stdout + dry.stderr).not.toMatch(/Pass42|Pass22/);
  });
});

describe('import --dry-run of an order mail correcting its own accounts', () => {
  it('shows the corrected accounts as the import adds them, and the correction for a login it does not deliver rejected by its line', async () => {
    const pool = await makePool();
    const file = join(pool.base, 'mail-order-corrections.eml');
    await writeFile(file, await readFile(new URL('../fixtures/dumps/mail-order-corrections.eml', import.meta.url)));
    const dry = await cli(['import', '--dry-run', file, ...pool.args]);
    const out = dry.stdout + dry.stderr;
    expect(out).toMatch(/would import .*mail-order-corrections\.eml: 4 added, 0 updated, 1 rejected \(line 22\)/);
    // Each corrected account once, with the level the subject states; never the delivered copy beside it.
    expect(out.match(/^ {4}gmacc\d {2}\*{8} {2}30 {2}ptc$/gm)?.sort()).toEqual(['gmacc1', 'gmacc2', 'gmacc3', 'gmacc4'].map((u) => `    ${u}  ********  30  ptc`));
    expect(out).toMatch(/rejected line 22: a correction of a password for no account this mail delivers/);
    expect(out).not.toMatch(/Fresh!Pass|Old!Pass/);
  });
});
