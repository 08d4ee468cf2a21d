// A seller's correction in a sentence inside a Gmail Takeout conversation (issue 14, stop 47's
// "Still missing"): `Sorry, the new password for gmacc2 is X` replying to the delivery of gmacc2
// was refused as prose and gmacc2 kept its old password. The Takeout mbox as Gmail writes it:
// test/fixtures/README.md (`mail-gmail-takeout-thread.mbox`: vivdiwakar/GSuite
// ParseGmailMboxToMaildir/parsembox.py, offsoc/kolab src/tests/Unit/DataMigrator/Driver/TakeoutTest.php).
// A sentence corrects only an account the conversation delivered: never an account made from prose.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const thread = (n: number) => `17840000000000000${String(n).padStart(2, '0')}`;
/** One message as Takeout writes it: CRLF, `From <id>@xxx <date>`, X-GM-THRID first. */
const takeout = (n: number, gm: number | undefined, date: string, subject: string, body: string[], answers?: number) =>
  [
    `From ${thread(n)}@xxx Tue Dec 01 10:00:00 +0000 2026`,
    ...(gm === undefined ? [] : [`X-GM-THRID: ${thread(gm)}`]),
    'X-Gmail-Labels: Inbox',
    'From: PoGo Accounts Shop <orders@pogo-shop.example>',
    `Date: ${date}`,
    `Message-ID: <${n}.order@pogo-shop.example>`,
    ...(answers === undefined ? [] : [`In-Reply-To: <${answers}.order@pogo-shop.example>`, `References: <${answers}.order@pogo-shop.example>`]),
    `Subject: ${subject}`,
    'To: trainer.buyer@gmail.com',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    ...body,
    '',
    '',
  ].join('\r\n');
const delivery = takeout(1, 1, 'Tue, 1 Dec 2026 10:00:00 +0000', 'Your order', ['Your accounts:', '', 'gmacc1:Old!Pass11', 'gmacc2:Old!Pass22', '', 'Regards']);
const reply = (line: string) => takeout(2, 1, 'Tue, 1 Dec 2026 12:00:00 +0000', 'Re: Your order', [line], 1);

async function read(text: string) {
  const r = await readDump(input('Takeout/Mail/Inbox.mbox', text));
  return { accounts: Object.fromEntries(r.accounts.map((a) => [a.username, a.password])), rejected: r.rejected.map((x) => x.line) };
}

describe('a seller correcting a delivered account in a sentence (Gmail Takeout)', () => {
  it('the fixture: the named account gets the new password, the phone reply its order\'s one, nothing refused', async () => {
    const r = await readDump(fixture('mail-gmail-takeout-thread.mbox'));
    expect(Object.fromEntries(r.accounts.map((a) => [a.username, a.password]))).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Fresh!Pass42', gmacc3: 'Fresh!Pass43' });
    expect(r.rejected).toEqual([]);
  });

  it.each([
    'Sorry, the new password for gmacc2 is Fresh!Pass42',
    'Sorry, new password for gmacc2 is Fresh!Pass42',
    "Sorry, gmacc2's password is now Fresh!Pass42",
    'Hi, password changed to Fresh!Pass42 for gmacc2',
    'Sorry! The password for gmacc2 was changed, it is now: Fresh!Pass42',
    // Over two sentences: the login in the first, the password in the next (stop 50, s50-M).
    'Sorry, I gave the wrong password for gmacc2. The correct one is Fresh!Pass42',
  ])('%s', async (line) => {
    expect(await read(delivery + reply(line))).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: 'Fresh!Pass42' }, rejected: [] });
  });

  // Worded so no sentence reader can tell the new password: the account refused, never kept with its old one.
  it.each([
    'Please use Fresh!Pass42 for gmacc2, sorry',
  ])('%s: gmacc2 refused as maybe stale, naming both lines', async (line) => {
    const r = await readDump(input('Takeout/Mail/Inbox.mbox', delivery + reply(line)));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['gmacc1', 'Old!Pass11']]);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      expect.stringMatching(/^its password may be stale: a later message names it beside another password-shaped word \(lines 14, 30\)/),
      expect.stringMatching(/without saying plainly it is its new password \(lines 14, 30\)/),
    ]);
  });

  it('a sentence naming a login the conversation never delivered makes no account and changes none', async () => {
    const r = await read(delivery + reply('Sorry, the new password for brock77 is Fresh!Pass42'));
    expect(r.accounts).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
    // Refused by its line (the account is in another file, maybe): not read past as prose.
    expect(r.rejected).toEqual([expect.any(Number)]);
  });

});

describe('X-GM-THRID ties a reply without In-Reply-To to its delivery', () => {
  const order = (n: number, gm: number | undefined, login: string) => takeout(n, gm, `Tue, 1 Dec 2026 1${n}:00:00 +0000`, 'Your order', ['Your account:', `${login}:Old!Pass${n}${n}`]);
  // A phone app's reply: no In-Reply-To nor References, the subject every order of the shop has.
  const phoneReply = (gm: number | undefined) => takeout(5, gm, 'Tue, 1 Dec 2026 18:00:00 +0000', 'Re: Your order', ['Sorry, the new password is Fresh!Pass55']);

  it('the reply corrects the one account of the order in its Gmail conversation', async () => {
    expect(await read(order(1, 1, 'gmacc1') + order(3, 3, 'gmacc3') + phoneReply(3))).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc3: 'Fresh!Pass55' }, rejected: [] });
  });

  // Both accounts and the reply refused, naming the three lines: no old password kept silently.
  const UNSURE = /no accounts found.*line \d+: its password may be stale.*line \d+: its password may be stale.*line \d+: .*which one it corrects is unsure/;

  it('without X-GM-THRID which order it answers is unsure: both accounts and the reply refused', async () => {
    await expect(read(order(1, undefined, 'gmacc1') + order(3, undefined, 'gmacc3') + phoneReply(undefined))).rejects.toThrow(UNSURE);
  });

  it('a conversation that delivered nothing ties the reply to no order', async () => {
    await expect(read(order(1, 1, 'gmacc1') + order(3, 3, 'gmacc3') + phoneReply(7))).rejects.toThrow(UNSURE);
  });

  it('In-Reply-To wins over X-GM-THRID', async () => {
    const r = await read(order(1, 1, 'gmacc1') + order(3, 3, 'gmacc3') + takeout(5, 3, 'Tue, 1 Dec 2026 18:00:00 +0000', 'Re: Your order', ['Sorry, the new password is Fresh!Pass55'], 1));
    expect(r.accounts).toEqual({ gmacc1: 'Fresh!Pass55', gmacc3: 'Old!Pass33' });
  });
});
