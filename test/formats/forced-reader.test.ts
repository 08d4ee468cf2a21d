// `import --format NAME` forces a reader, the way through a coin toss. On a file that is plainly
// a container (an `.eml`, which the mail reader is sure of) the forced reader's accounts stand
// only when the mail reader reads the same ones: before, `--format plain` on a mail imported its
// header lines (`Content-Type: text/plain` as a login and a password, `&gt` from an HTML part).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe('a forced reader on a file that is plainly another format', () => {
  it('--format plain and --format email-text on an .eml are refused, naming the mail and what it holds', async () => {
    const cases: [file: string, format: string, accounts: number][] = [
      ['mail-apple-inline-image.eml', 'plain', 3],
      ['html-only.eml', 'plain', 2],
      ['html-only.eml', 'email-text', 2],
    ];
    for (const [file, format, accounts] of cases) {
      await expect(readDump(fixture(file), { format }), `${file} ${format}`).rejects.toThrow(
        new RegExp(`--format ${format} reads .* here, but this is plainly eml \\(detection: eml 0\\.\\d\\d\\); read as eml it gives ${accounts} accounts, .*: import it without --format`),
      );
    }
  });

  it('a forced reader that reads the mail as the mail reader does stands', async () => {
    const r = await readDump(fixture('mail-apple-inline-image.eml'), { format: 'email-text' });
    expect(r.accounts.map((a) => a.username)).toEqual(['eevee_kit01', 'vapor_kit02', 'jolt_kit03']);
  });

  it('a mail without accounts forced as plain imports none of its headers', async () => {
    const mail = 'From: Shop <shop@example.com>\nTo: buyer@example.com\nSubject: Your order\nContent-Type: text/plain; charset=utf-8\nMIME-Version: 1.0\n\nThanks for your order!\n';
    await expect(readDump(input('order.eml', mail), { format: 'plain' })).rejects.toThrow(/(?:no accounts found|the eml reader finds no accounts in it)/);
  });

  it('--format eml on the mail, and a forced reader that reads what the sure one reads, import as asked', async () => {
    const mail = await readDump(fixture('mail-apple-inline-image.eml'), { format: 'eml' });
    expect(mail.accounts.map((a) => a.username)).toEqual(['eevee_kit01', 'vapor_kit02', 'jolt_kit03']);
    // Between list readers the operator's choice stands, even where the RocketMap reader is sure and reads fewer.
    const csv = await readDump(input('accounts.csv', 'ptc,ash_k01,Pika!chu01\nptc,misty_w02,Star!mie02\nptc,brock_r03,Onix!Rock03\nptc,gary_o04,Eevee!4242\nbuyer_t05:Tauros!05\n'), { format: 'plain' });
    expect(csv.accounts.map((a) => a.username)).toEqual(['ash_k01', 'misty_w02', 'brock_r03', 'gary_o04', 'buyer_t05']);
  });
});
