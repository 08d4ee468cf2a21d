// Every wording of a seller's password correction the mail readers take, under one rule (issue 14,
// stop 48's review): a correction applies to a login a delivery of this mail or its conversation
// named; one for a login nothing delivered is refused by its line (offered to the pool), never an
// added account. On main "Sorry, the new password for gmacc9 is X" in an order mail ADDED gmacc9,
// while "New password for gmacc9: X" was refused; "New password for gmacc2: X" below the mail's own
// gmacc2 kept the old password silently. The wordings are those of the fixtures and tests the
// readers were built on (test/fixtures/README.md: seller-correction-sentence.eml,
// seller-correction-numbered.txt, mail-big5-reply.eml, mail-gmail-takeout-thread.mbox), the headers
// as Gmail writes them (RFC 5322 3.6.4 In-Reply-To / References).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { readMailBatch } from '../../src/formats/mail/mail-batch.js';
import { PHRASINGS, WORDINGS as WORDINGS_TABLE } from '../../src/formats/lists/correction-phrasings.js';
import { isOfferedLogin } from '../../src/formats/mail/offered-logins.js';
import { loginRuns } from '../../src/formats/mail/reply-corrections.js';
import { fixture, input } from './helpers.js';

const P = 'Fresh!Pass42';
/** `{L}`: the login; `{P}`: the new password. One row per wording the readers accept (reply-corrections.ts, correction-phrasings.ts). */
const WORDINGS = [
  'Sorry, the new password for {L} is {P}',
  'The correct password for {L} is: {P}',
  'Updated password for the account {L} = {P}',
  'The password for {L} was changed to {P}',
  'New password for {L}: {P}',
  "{L}'s password is now {P}",
  'Hi, password changed to {P} for {L}',
  'The password of {L} has been changed to {P}',
  'new pw for {L}: {P}',
  'password of {L} is {P} now',
  '{P} is the new password for {L}',
  'Sorry, I changed it to {P} for {L}',
  'fixed: {L}:{P}',
  'Sorry, the 2nd one was wrong, use this: {L} {P}',
  'new one -> {L} / {P}',
  'the new one for {L} is {P}',
  'Пароль от {L} изменён: {P}',
  'la nueva contraseña de {L} es {P}',
  '{L} 的正確密碼是：{P}',
  '{L}的新密码：{P}',
  // Two sentences on one line: the full stop after the login ends the sentence, not the login (stop 49 refused it as maybe stale).
  'Sorry, I gave the wrong password for {L}. The correct one is {P}',
  // "new password", "correct password" and "changed to" as Portuguese, German, French, Vietnamese,
  // Korean, Japanese and Chinese sellers write them (the last of each: a row of
  // src/formats/lists/correction-phrasings.ts, the value where the row puts it).
  'A nova senha de {L} é {P}',
  'A senha correta de {L} é {P}',
  'A senha de {L} foi alterada para {P}',
  'Das neue Passwort für {L} ist {P}',
  'Das richtige Passwort für {L} lautet {P}',
  'Das Passwort für {L} wurde auf {P} geändert',
  'Le nouveau mot de passe de {L} est {P}',
  'Le mot de passe correct pour {L} est {P}',
  'Le mot de passe de {L} a été changé en {P}',
  'Mật khẩu mới của {L} là {P}',
  'Mật khẩu đúng của {L} là {P}',
  'Mật khẩu của {L} đã được đổi thành {P}',
  '{L}의 새 비밀번호는 {P}입니다',
  '{L}의 올바른 비밀번호는 {P}입니다',
  '{L}의 비밀번호가 {P}로 변경되었습니다',
  '{L}の新しいパスワードは{P}です',
  '{L}の正しいパスワードは{P}です',
  '{L}のパスワードを{P}に変更しました',
  '{L}的密码已改为{P}',
];

/** "new password" as each language's sellers write it: the password words of the label lists (email-labels.ts). */
const NEW_PASSWORD: Record<string, string> = {
  en: 'new password', es: 'contraseña nueva', pt: 'nova senha', de: 'Passwort neu', fr: 'nouveau mot de passe', it: 'nuova password', ru: 'новый пароль',
  pl: 'nowe hasło', tr: 'yeni şifre', vi: 'mật khẩu mới', id: 'kata sandi baru', zh: '新密码', ja: '新しいパスワード', ko: '계정의 새 비밀번호',
};

const headers = (id: string, extra: string[] = []) => ['From: Shop <orders@pogo-shop.example>', 'To: me@example.net', 'Subject: Your order', 'Date: Tue, 1 Dec 2026 10:00:00 +0000', `Message-ID: <${id}@pogo-shop.example>`, ...extra, 'Content-Type: text/plain; charset="UTF-8"', ''];
/** An order mail delivering gmacc1 and gmacc2, the sentence at file line 12. */
const order = (sentence: string) => [...headers('o1'), 'Your accounts:', 'gmacc1:Old!Pass11', 'gmacc2:Old!Pass22', '', sentence, '', 'Regards', ''].join('\n');
/** A reply quoting the delivery, pasted as text: the sentence at line 2. */
const reply = (sentence: string) => `Hi,\n${sentence}\n\nOn Tue, 1 Dec 2026 at 10:00, Shop <orders@pogo-shop.example> wrote:\n> gmacc1:Old!Pass11\n> gmacc2:Old!Pass22\n`;
/** The same order, then a later message of its conversation in one mbox. */
const mbox = (sentence: string) => `From shop@x Tue Dec  1 10:00:00 2026\n${order('Thanks!')}\nFrom shop@x Tue Dec  1 12:00:00 2026\n${[...headers('r1', ['In-Reply-To: <o1@pogo-shop.example>']), sentence, ''].join('\n').replace('Your order', 'Re: Your order')}\n`;

async function read(name: string, text: string) {
  const r = await readDump(input(name, text));
  return { accounts: Object.fromEntries(r.accounts.map((a) => [a.username, a.password])), rejected: r.rejected, pool: r.poolCorrections?.map((c) => c.username) ?? [] };
}

describe('each correction wording, one rule', () => {
  for (const wording of WORDINGS) {
    const said = (login: string) => wording.replace('{L}', login).replace('{P}', P);
    it(wording, async () => {
      // Below the mail's own delivery of that login: applied, nothing refused.
      expect(await read('order.eml', order(said('gmacc2')))).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: P }, rejected: [], pool: [] });
      // In a reply quoting the delivery, and in a later message of the conversation: applied.
      expect((await read('reply.txt', reply(said('gmacc2')))).accounts).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
      expect((await read('orders.mbox', mbox(said('gmacc2')))).accounts).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
      // For a login nothing delivered: refused at its line, no account made, the password in no message.
      // In a later message too (stop 53: `{L} 的正確密碼是：{P}` there was read as a delivery, gmacc9 ADDED).
      for (const [name, text, line] of [['order.eml', order(said('gmacc9')), 12], ['reply.txt', reply(said('gmacc9')), 2], ['orders.mbox', mbox(said('gmacc9')), 26]] as const) {
        const r = await read(name, text);
        expect(r.accounts, name).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
        expect(r.rejected.map((x) => x.line), name).toEqual([line]);
        expect(JSON.stringify(r.rejected)).not.toContain(P);
        // Offered to the pool for the login it names, never for a piece of the password.
        expect(r.pool, name).not.toContain('pass42');
      }
    });
  }
});

// A login of letters alone (`ashketchum`, stop 52): never offered to the pool (offered-logins.ts:
// every word of prose is letters too), its sentence refused by its line as any correction for a
// login nothing delivered; the reason names the word the wording puts in the login's place
// (letters-login.ts), so the buyer can correct that account by hand, and never the password.
describe('a login of letters alone, nothing delivered', () => {
  it('each wording, in an order mail, a reply and a later message: refused by its line, naming the login, never the password', async () => {
    const later = (sentence: string) => `From shop@x Tue Dec  1 10:00:00 2026\n${order('Thanks!')}\nFrom shop@x Tue Dec  1 12:00:00 2026\n${[...headers('r1', ['In-Reply-To: <o1@pogo-shop.example>']), sentence, ''].join('\n').replace('Your order', 'Re: Your order')}\n`;
    for (const [k, wording] of WORDINGS.entries()) {
      const said = wording.replace('{L}', 'ashketchum').replace('{P}', P);
      // The later message for every third wording (cheaper; it reads the sentence as the reply does),
      // and for `{L} 的正確密碼是：{P}`, a labelled account line in a list, a correction after a delivery.
      const placements = [['order.eml', order(said)], ['reply.txt', reply(said)], ...(!wording.startsWith('{L} 的') && k % 3 !== 0 ? [] : [['orders.mbox', later(said)]])] as const;
      for (const [name, text] of placements) {
        const r = await read(name, text);
        expect(r.accounts, `${name}: ${said}`).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
        expect(r.rejected, `${name}: ${said}`).toHaveLength(1);
        expect(r.rejected[0]!.reason, `${name}: ${said}`).toContain('for the login `ashketchum`');
        expect(JSON.stringify(r.rejected)).not.toMatch(/Fresh|Pass42|!Pass/i);
        expect(r.pool).toEqual([]);
      }
    }
  });

  it('a word of letters in no login\'s place (a greeting\'s name, an account\'s place) names no login: the reply\'s one account is corrected', async () => {
    const one = (sentence: string) => `${sentence}\n\nOn Tue, 1 Dec 2026 at 10:00, Shop <orders@pogo-shop.example> wrote:\n> gmacc2:Old!Pass22\n`;
    for (const said of [`Hello Michael, the new password is ${P}`, `Sorry Jessica, password changed to ${P}`, `la contraseña de la segunda cuenta es ${P}`.replace('segunda', 'primera')]) {
      expect(await read('reply.txt', one(said)), said).toEqual({ accounts: { gmacc2: P }, rejected: [], pool: [] });
    }
  });
});

describe('a Google address as the login', () => {
  // The full stop inside `ash@gmail.com` ended the sentence for the readers of corrections: "New
  // password for ash@gmail.com: X" below its delivery was refused as "without saying it changed",
  // and a reply read alone was taken for a message without accounts, nothing offered to the pool.
  const withAddress = (text: string) => text.replaceAll('gmacc2', 'ash@gmail.com');
  for (const wording of ['New password for {L}: {P}', 'The new password of {L} is {P}', 'Das neue Passwort für {L} ist {P}']) {
    it(wording, async () => {
      const said = wording.replace('{L}', 'ash@gmail.com').replace('{P}', P);
      for (const [name, text] of [['order.eml', withAddress(order(said))], ['reply.txt', withAddress(reply(said))], ['orders.mbox', withAddress(mbox(said))]] as const) {
        expect(await read(name, text), name).toEqual({ accounts: { gmacc1: 'Old!Pass11', 'ash@gmail.com': P }, rejected: [], pool: [] });
      }
      const alone = await read('reply.eml', [...headers('r9'), said, ''].join('\n'));
      expect(alone.pool).toEqual(['ash@gmail.com']);
    });
  }
});

describe('a correction spread over two lines, the login in the first', () => {
  // "Sorry, I gave the wrong password for gmacc2." / "The correct one is X": read apart, gmacc2 kept
  // its old password silently below its own delivery (the second line named no account).
  for (const gap of ['\n', '\n\n']) {
    const said = (login: string) => `Sorry, I gave the wrong password for ${login}.${gap}The correct one is ${P}`;
    it(`${gap.length === 1 ? 'the next line' : 'after a blank line'}: applied below the delivery, in a reply and in a later message`, async () => {
      expect(await read('order.eml', order(said('gmacc2')))).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: P }, rejected: [], pool: [] });
      expect((await read('reply.txt', reply(said('gmacc2')))).accounts).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
      expect((await read('orders.mbox', mbox(said('gmacc2')))).accounts).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
      // A login nothing delivered: no account made; the password's line refused naming both lines,
      // and offered to the pool under the login the first line names (stop 50 refused the line
      // alone and offered its words `the`, `correct`, `one`; in a reply or a later message it
      // refused the delivered accounts as the unsure target of a correction naming no login).
      for (const [name, text, line] of [['order.eml', order(said('gmacc9')), 12], ['reply.txt', reply(said('gmacc9')), 2], ['orders.mbox', mbox(said('gmacc9')), 26]] as const) {
        const r = await read(name, text);
        expect(r.accounts, name).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
        expect(r.rejected.map((x) => [x.line, x.reason]), name).toEqual([[line + gap.length, expect.stringContaining(`(the sentence runs over lines ${line} and ${line + gap.length}: the login in the first, the password in the second)`)]]);
        expect(r.pool, name).toEqual(['gmacc9']);
        expect(JSON.stringify(r.rejected)).not.toContain(P);
      }
    });
  }

  it('a second line naming another delivered login is its own sentence, never joined', async () => {
    const r = await read('order.eml', order(`Sorry, I gave the wrong password for gmacc2.\nThe correct one for gmacc1 is ${P}`));
    expect(r.accounts).toEqual({ gmacc1: P, gmacc2: 'Old!Pass22' });
  });
});

describe('one password for several logins', () => {
  for (const wording of ['the new one for {A} and {B} is {P}', 'passwords for {A}, {B} are now {P}', 'the new password for {A} and {B} is {P}']) {
    const said = (a: string, b: string) => wording.replace('{A}', a).replace('{B}', b).replace('{P}', P);
    it(`${wording}: applied to each delivered login; refused when one was not delivered`, async () => {
      expect(await read('order.eml', order(said('gmacc1', 'gmacc2')))).toEqual({ accounts: { gmacc1: P, gmacc2: P }, rejected: [], pool: [] });
      expect((await read('reply.txt', reply(said('gmacc1', 'gmacc2')))).accounts).toEqual({ gmacc1: P, gmacc2: P });
      // gmacc9 delivered nowhere: which accounts the value is for is unsure; gmacc1 refused, never half corrected.
      const half = await read('order.eml', order(said('gmacc1', 'gmacc9')));
      expect(half.accounts).toEqual({ gmacc2: 'Old!Pass22' });
      expect(half.rejected.map((x) => [x.line, x.reason])).toEqual([[9, expect.stringMatching(/^its password may be stale: .*line 12/)], [12, expect.stringMatching(/beside a login-shaped word it does not deliver/)]]);
      // Neither delivered: refused by its line as a correction of another file's accounts.
      const none = await read('order.eml', order(said('gmacc8', 'gmacc9')));
      expect(none.accounts).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
      expect(none.rejected.map((x) => x.line)).toEqual([12]);
    });
  }
});

describe('a sentence naming a delivered login beside other tokens', () => {
  // Order ids, dates, levels, prices, tickets next to a login say nothing of its password (stop 48
  // refused gmacc2 for "gmacc2 is on order ORD-7x9Kq2"). Every combination of these parts.
  const opens = ['{L} is on order ORD-7x9Kq2', 'Order ORD-7x9Kq2: {L}', '{L} shipped 2026-11-30', '{L} (level 30)', 'Your {L} costs $4.99', '{L} was made on 30.11.2026 14:05'];
  const adds = ['', ', ticket T-4471x2', ', ref A1B2C3D4', ' and level 31 since 2017-09-14', ', invoice INV-2026-0042', ', thanks!'];
  for (const open of opens) {
    it(`"${open}..." with any of ${adds.length} endings: nothing refused, the delivered passwords kept`, async () => {
      for (const add of adds) {
        const r = await read('order.eml', order(`${open}${add}`.replace('{L}', 'gmacc2')));
        expect(r, `${open}${add}`).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' }, rejected: [], pool: [] });
      }
    });
  }

  it('the same words with a word on its password still refuse it as maybe stale (never kept silently)', async () => {
    const r = await read('order.eml', order('Please use Fresh!Pass42 for gmacc2, order ORD-7x9Kq2'));
    expect(r.accounts).toEqual({ gmacc1: 'Old!Pass11' });
    expect(r.rejected.map((x) => x.line)).toEqual([10, 12]);
  });
});

describe('a correction for a login the mail does not deliver (offered to the pool)', () => {
  it('a new password holding the login still corrects that login; a piece of the password is no login', async () => {
    const mail = (sentence: string) => [...headers('o9'), 'Your accounts:', 'gmacc1:Old!Pass11', '', sentence, '', 'Regards', ''].join('\n');
    for (const [password, logins] of [['gmacc9Pw7', ['gmacc9']], [P, ['gmacc9']]] as const) {
      const r = await readDump(input('order.eml', mail(`The password for gmacc9 was changed to ${password}`)));
      expect(r.poolCorrections?.map((c) => [c.username, c.password]), password).toEqual(logins.map((l) => [l, password]));
    }
  });
});

describe('the fixture: an order mail correcting its own accounts', () => {
  it('applies each correction of a delivered login, refuses the one for gmacc9 by its line, keeps gmacc4 beside its order id', async () => {
    const r = await readDump(fixture('mail-order-corrections.eml'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [17, 'gmacc4', 'Old!Pass44', 30],
      [20, 'gmacc2', 'Fresh!Pass22', 30],
      [21, 'gmacc1', 'Fresh!Pass13', 30],
      [21, 'gmacc3', 'Fresh!Pass13', 30],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[22, expect.stringMatching(/^a correction of a password for no account this mail delivers/)]]);
    expect(r.poolCorrections?.map((c) => [c.line, c.username])).toEqual([[22, 'gmacc9']]);
  });
});

// A login in the marks sellers put around it (issue 14, stop 51): `new password [gmacc2] = X` read
// `[gmacc2]` as a second value, and the sentence as naming no login with two passwords: below its
// delivery, gmacc2 was refused instead of corrected. Each mark, in three arrangements: the login in
// marks is the login named (applied when delivered; refused at its line and offered to the pool by
// its bare login when not), never a password.
describe('a login in brackets, parentheses, quotes, or after # or @', () => {
  const MARKS = [['[', ']'], ['(', ')'], ['{', '}'], ['<', '>'], ['"', '"'], ["'", "'"], ['“', '”'], ['«', '»'], ['`', '`'], ['#', ''], ['@', '']];
  const SHAPES = ['new password {M} = {P}', 'New password for {M}: {P}', 'the correct password of {M} is {P}'];
  for (const [k, [open, close]] of MARKS.entries()) {
    it(`${open}login${close}`, async () => {
      const said = (login: string) => SHAPES[k % SHAPES.length]!.replace('{M}', `${open}${login}${close}`).replace('{P}', P);
      expect(await read('order.eml', order(said('gmacc2'))), said('gmacc2')).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: P }, rejected: [], pool: [] });
      expect((await read('reply.txt', reply(said('gmacc2')))).accounts, said('gmacc2')).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
      const other = await read('order.eml', order(said('gmacc9')));
      expect(other.accounts, said('gmacc9')).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
      expect(other.rejected.map((x) => x.line), said('gmacc9')).toEqual([12]);
      expect(JSON.stringify(other.rejected)).not.toContain(P);
      const alone = await read('reply.eml', [...headers('r9'), said('gmacc9'), ''].join('\n'));
      expect(alone.pool, said('gmacc9')).toEqual(['gmacc9']);
    });
  }
});

// The class, not the rows: a later word naming a delivered login and a new password in a wording
// the phrasings table (src/formats/lists/correction-phrasings.ts) lacks. Stop 50 kept the old
// password silently for `gmacc2 계정의 새 비밀번호: X` in a later mbox message (the body claimed by
// no reader) and for `gmacc2 / new password / X` in a reply (no stale check of a quoted account);
// `gmacc2: Passwort neu X` in a later message became the password `Passwort neu X`. For each
// language of the table and each placement, each of these arrangements must be applied or refuse
// the account naming the sentence's line: never the old password kept, never another password.
describe('a wording no row holds, in every language of the phrasings table and every placement', () => {
  const SHAPES = ['{L} {W}: {P}', '{L} / {W} / {P}', '{L}: {W} {P}', '{W} ({L}): {P}', '{W} {L} → {P}', '{L} — {P} ({W})'];
  /** The later mail of a conversation saved as its own file (mail-batch.ts), after the order mail. */
  const laterMail = (sentence: string) => [...headers('r1', ['In-Reply-To: <o1@pogo-shop.example>']), sentence, ''].join('\n').replace('Your order', 'Re: Your order').replace('10:00:00', '12:00:00');
  async function batch(later: string) {
    const files = [{ name: 'a.eml', bytes: Buffer.from(order('Thanks!')) }, { name: 'b.eml', bytes: Buffer.from(later) }];
    const b = await readMailBatch(files, (i) => readDump(i));
    const accounts: Record<string, string> = {};
    const rejected: number[] = [];
    for (const at of b.order) {
      const r = b.results[at] ?? b.alone[at] ?? (await readDump(input(files[at]!.name, files[at]!.bytes)));
      for (const a of r.accounts) accounts[a.username] = a.password;
      rejected.push(...r.rejected.map((x) => x.line));
    }
    return { accounts, rejected };
  }
  const PLACEMENTS: [string, (s: string) => Promise<{ accounts: Record<string, string>; rejected: number[] }>, number][] = [
    ['below the delivery in its own mail', async (s) => read('order.eml', order(s)).then((r) => ({ accounts: r.accounts, rejected: r.rejected.map((x) => x.line) })), 12],
    ['in a reply quoting the delivery', async (s) => read('reply.txt', reply(s)).then((r) => ({ accounts: r.accounts, rejected: r.rejected.map((x) => x.line) })), 2],
    ['in a later message of the mbox', async (s) => read('orders.mbox', mbox(s)).then((r) => ({ accounts: r.accounts, rejected: r.rejected.map((x) => x.line) })), 26],
    ['in a later mail of the same import', (s) => batch(laterMail(s)), 9],
  ];
  it('covers every language of the table', () => {
    expect(Object.keys(NEW_PASSWORD).sort()).toEqual([...new Set(PHRASINGS.map(([language]) => language))].sort());
  });
  for (const [language, words] of Object.entries(NEW_PASSWORD)) {
    it(`${language}: applied, or the account refused naming the line`, async () => {
      for (const [k, [where, readIt, line]] of PLACEMENTS.entries()) {
        // Two arrangements per placement, turning through all of them over the languages.
        for (const shape of [SHAPES[(k * 2 + language.charCodeAt(0)) % SHAPES.length]!, SHAPES[(k * 2 + 1 + language.charCodeAt(1)) % SHAPES.length]!]) {
          const sentence = shape.replace('{W}', words).replace('{L}', 'gmacc2').replace('{P}', P);
          const r = await readIt(sentence);
          const what = `${where}: ${sentence}`;
          expect(Object.keys(r.accounts).filter((l) => l !== 'gmacc1' && l !== 'gmacc2'), what).toEqual([]);
          if (r.accounts.gmacc2 !== P) {
            expect(r.accounts.gmacc2, what).toBeUndefined();
            expect(r.rejected, what).toContain(line);
          }
        }
      }
    });
  }
});

// Which word of a sentence about a login nothing delivered is offered to the pool as that login
// (src/formats/mail/offered-logins.ts). Stop 50 offered every word the sentence held: `ist`,
// `para`, `the`, `new`, `for`, `2nd` beside `gmacc9`. The stop-word lists are stopwords-iso's
// (stopwords-iso/stopwords-iso, stopwords-iso.json; test/fixtures/README.md), for the 14
// languages of the phrasings table; each of their words, as the readers cut it into login runs,
// is never offered, in a lone reply or by the rule itself, and the login beside them always is.
describe('no word of prose is offered to the pool as a login', () => {
  const STOP_WORDS = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/words/stopwords-iso.json', import.meta.url)), 'utf8')) as Record<string, string[]>;

  it('the lists cover the languages of the phrasings table', () => {
    expect(Object.keys(STOP_WORDS).sort()).toEqual([...new Set(PHRASINGS.map(([language]) => language))].sort());
  });

  it('the rule: no run of any stop word; the logins sellers deliver', () => {
    for (const [language, words] of Object.entries(STOP_WORDS)) for (const word of words) for (const run of loginRuns(word)) expect(isOfferedLogin(run), `${language}: ${word}`).toBe(false);
    // Logins of the mail fixtures and generators' names (test/fixtures/README.md), a Google address.
    for (const login of ['gmacc9', 'ash_01', 'seel_w2', 'totodile_j07', 'eevee_tw9', 'poketk0123', 'ash01', 'trainer.07', 'ash@gmail.com', 'misty_k.02']) expect(isOfferedLogin(login), login).toBe(true);
    // An ordinal, a count, a level glued to its number: no login either.
    for (const word of ['2nd', '21st', '3x', '30lvl', 'lvl30', 'lv.30', 'l30']) expect(isOfferedLogin(word), word).toBe(false);
  });

  for (const [language, words] of Object.entries(STOP_WORDS).filter(([, w]) => w.length > 0)) {
    it(`${language}: a reply read alone offers gmacc9 beside its stop words, never one of them`, async () => {
      // The words the brief named first (`the`, `para`, `ist`, `und`, `pour`), then every eighth ten of the list.
      const tens = [words.filter((w) => ['the', 'para', 'ist', 'und', 'pour', 'for', 'new'].includes(w)), ...Array.from({ length: Math.ceil(words.length / 80) }, (_, k) => words.slice(k * 80, k * 80 + 10))].filter((t) => t.length > 0);
      const lines = tens.map((ten) => `${ten.join(' ')}, gmacc9 ${NEW_PASSWORD[language]}: ${P}`);
      const mail = ['From: Shop <orders@pogo-shop.example>', 'Subject: Re: Your order', 'Content-Type: text/plain; charset="UTF-8"', '', ...lines, ''].join('\n');
      const r = await readDump(input('reply.eml', mail));
      const offered = r.poolCorrections ?? [];
      expect([...new Set(offered.map((c) => c.username))]).toEqual(['gmacc9']);
      // Nearly every line is read as the correction it is (a line opening `'tis 'twas` is refused whole, unread).
      expect(new Set(offered.map((c) => c.line)).size).toBeGreaterThanOrEqual(Math.ceil(lines.length * 0.8));
    });
  }
});

// A correction written as an arrow alone (issue 14, stop 52): `gmacc2 -> X`, `Old!Pass22 → X`. Stop
// 51 read each as a list's account: below the delivery gmacc2 was given twice, with both passwords;
// `Old!Pass22 -> X` became an account named after the old password; `gmacc2: Old!Pass22 -> X` the
// password `Old!Pass22 -> X`; `gmacc2 ⟶ X` (an arrow no list separates with) was read past and the
// old password kept silently. What was delivered decides: the left naming a delivered login, or the
// password a delivered account had, is a correction of that account, applied; naming neither beside
// accounts written otherwise, it is refused by its line. The arrows are those spaced-separator.ts
// and tight-separator.ts read, and the other right-pointing arrows of Unicode's arrow blocks.
describe('a correction written as an arrow alone', () => {
  const ARROWS = ['->', '=>', '-->', '==>', '→', '⇒', '⟶', '⟹', '➜', '➡️', '⇨', '➔', '⮕'];
  /** `{L}` the login, `{O}` its delivered password, `{P}` the new one. */
  const SHAPES = ['{L} {A} {P}', '{O} {A} {P}', '{L}: {O} {A} {P}', '{L} {O} {A} {P}', 'password: {O} {A} {P}', '{L}:{O} {A} {L}:{P}', 'Sorry, {L} {A} {P}', '{L}{A}{P}', '{O}{A}{P}'];
  const said = (shape: string, arrow: string, login: string, old: string) => shape.replaceAll('{L}', login).replace('{O}', old).replace('{A}', arrow).replace('{P}', P);
  /** Three arrows for each shape, turning through all of them over the shapes. */
  const arrowsOf = (k: number) => [0, 1, 2].map((n) => ARROWS[(k * 3 + n) % ARROWS.length]!);

  for (const [k, shape] of SHAPES.entries()) {
    it(`${shape}: applied for a delivered account, in its own mail, a reply and a later message`, async () => {
      for (const arrow of arrowsOf(k)) {
        const s = said(shape, arrow, 'gmacc2', 'Old!Pass22');
        expect(await read('order.eml', order(s)), s).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: P }, rejected: [], pool: [] });
        expect(await read('reply.txt', reply(s)), s).toEqual({ accounts: { gmacc1: 'Old!Pass11', gmacc2: P }, rejected: [], pool: [] });
        expect((await read('orders.mbox', mbox(s))).accounts, s).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
      }
    });
  }

  it('naming a login and a password nothing delivered: refused by its line, never an account, the login offered to the pool', async () => {
    for (const [k, shape] of SHAPES.entries()) {
      // One arrow a shape here (the shapes above took three), turning through them.
      for (const arrow of [ARROWS[k % ARROWS.length]!]) {
        const s = said(shape, arrow, 'gmacc9', 'Old!Pass99');
        for (const [name, text, line] of [['order.eml', order(s), 12], ['reply.txt', reply(s), 2]] as const) {
          const r = await read(name, text);
          expect(r.accounts, `${name}: ${s}`).toEqual({ gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' });
          expect(r.rejected.map((x) => x.line), `${name}: ${s}`).toEqual([line]);
          expect(JSON.stringify(r.rejected)).not.toMatch(/Pass99|Pass42/);
          // The login, when the line names one; never the old password nor a piece of it.
          expect(r.pool, `${name}: ${s}`).toEqual(shape.includes('{L}') ? ['gmacc9'] : []);
        }
      }
    }
  });

  it('an old password on the left alone, with no delivery: refused as a correction, never an account named after it', async () => {
    for (const arrow of ['->', '→', '⇒']) {
      await expect(readDump(input('reply.eml', [...headers('r9'), `Old!Pass22 ${arrow} ${P}`, ''].join('\n')))).rejects.toThrow(/line 8: an arrow line .* naming no login or password this mail delivers/);
    }
  });

  it('unsure which account: two logins, a shared old password, a login and another account on the right: each account refused naming the line', async () => {
    const shared = [...headers('o2'), 'Your accounts:', 'gmacc1:Same!Pass1', 'gmacc2:Same!Pass1', 'gmacc3:Old!Pass33', '', `Same!Pass1 -> ${P}`, ''].join('\n');
    const r = await read('order.eml', shared);
    expect(r.accounts).toEqual({ gmacc3: 'Old!Pass33' });
    expect(r.rejected.map((x) => x.line)).toEqual([9, 10, 13]);
    for (const s of [`gmacc1 gmacc2 -> ${P}`, `Old!Pass11 -> gmacc2:${P}`, `gmacc1 Old!Pass22 → ${P}`]) {
      await expect(readDump(input('order.eml', order(s))), s).rejects.toThrow(/no accounts found.*line 12: (?:a sentence of this mail: )?an arrow correction/s);
      expect(JSON.stringify((await read('reply.txt', `${reply(s)}> gmacc3:Old!Pass33\n`)).accounts), s).toBe('{"gmacc3":"Old!Pass33"}');
    }
    // A right side that is no password: the account is refused, never kept with its old one.
    const r2 = await read('order.eml', order('gmacc2 -> Fresh Pass 42'));
    expect(r2.accounts).toEqual({ gmacc1: 'Old!Pass11' });
    expect(r2.rejected.map((x) => [x.line, x.reason])).toEqual([[10, expect.stringMatching(/may be stale/)], [12, expect.stringMatching(/arrow correction of gmacc2 whose new password is unreadable/)]]);
  });

  // Stop 52 (M2): a later message holding nothing but `gmacc9 -> X` was read alone as a list of one
  // (an mbox and a later mail of the import ADDED gmacc9). After a delivery written otherwise its
  // arrow lines are corrections (later-arrow-lines.ts); two arrow lines naming nothing delivered
  // are more accounts, as a mail of arrow lines alone is.
  const laterOf = (body: string[]) => [...headers('r1', ['In-Reply-To: <o1@pogo-shop.example>']), ...body, ''].join('\n').replace('Your order', 'Re: Your order').replace('10:00:00', '12:00:00');
  const mboxOf = (body: string[]) => `From shop@x Tue Dec  1 10:00:00 2026\n${order('Thanks!')}\nFrom shop@x Tue Dec  1 12:00:00 2026\n${laterOf(body)}\n`;
  async function inBatch(body: string[]) {
    const files = [{ name: 'a.eml', bytes: Buffer.from(order('Thanks!')) }, { name: 'b.eml', bytes: Buffer.from(laterOf(body)) }];
    const b = await readMailBatch(files, (i) => readDump(i));
    const rs = b.order.map((at) => b.results[at] ?? b.alone[at]!);
    return { accounts: Object.fromEntries(rs.flatMap((r) => r.accounts.map((a) => [a.username, a.password]))), rejected: rs.flatMap((r) => r.rejected), pool: rs.flatMap((r) => r.poolCorrections?.map((c) => c.username) ?? []) };
  }
  const kept = { gmacc1: 'Old!Pass11', gmacc2: 'Old!Pass22' };

  it('a later message of arrow lines alone corrects what was delivered and refuses, by its line, a login nothing delivered', async () => {
    for (const [body, accounts, line] of [
      [[`gmacc9 -> ${P}`], kept, 9],
      [[`gmacc2 → ${P}`, `gmacc9 → ${P}`], { gmacc1: 'Old!Pass11', gmacc2: P }, 10],
    ] as const) {
      const m = await read('orders.mbox', mboxOf([...body]));
      expect(m.accounts, body.join()).toEqual(accounts);
      expect(m.rejected.map((x) => [x.line, x.reason]), body.join()).toEqual([[17 + line, expect.stringMatching(/^message 2: an arrow line .*naming no login or password this mail delivers/)]]);
      expect(m.pool).toEqual(['gmacc9']);
      const b = await inBatch([...body]);
      expect(b.accounts, body.join()).toEqual(accounts);
      expect(b.rejected.map((x) => x.line)).toEqual([line]);
      expect(b.pool).toEqual(['gmacc9']);
      expect(JSON.stringify([m.rejected, b.rejected])).not.toContain(P);
    }
    // The same line in a mail read alone is a list of one, as before: nothing delivered decides it.
    expect((await read('later.eml', laterOf([`gmacc9 -> ${P}`]))).accounts).toEqual({ gmacc9: P });
    // Two arrow lines naming nothing delivered: more accounts, in an mbox and a later mail.
    const more = ['Two more:', `gmacc8 -> ${P}`, 'gmacc9 -> Other!Pass9'];
    expect((await read('orders.mbox', mboxOf(more))).accounts).toEqual({ ...kept, gmacc8: P, gmacc9: 'Other!Pass9' });
    expect((await inBatch(more)).accounts).toEqual({ ...kept, gmacc8: P, gmacc9: 'Other!Pass9' });
  });

  // Stop 53: `gmacc9 的正確密碼是：X` ("gmacc9's correct password is") in a later message was read as a
  // seller's labelled account line (password-labels.ts): gmacc9 ADDED. After a delivery, a password
  // labelled with a correction's words corrects, as the arrow does; a plain label stays a delivery.
  it('a later message labelling a password with a correction\'s words corrects the delivery; a plain label delivers', async () => {
    const LABELS = ['{L} 的正確密碼是：{P}', '{L} 的新密碼：{P}', '{L} 新密码：{P}', '{L} 正确密码：{P}', '{L} 新しいパスワード：{P}', '{L} 새 비밀번호: {P}'];
    for (const [k, label] of LABELS.entries()) {
      const said = (login: string) => label.replace('{L}', login).replace('{P}', P);
      // The mbox for each label, a later mail of the import for every other one (cheaper).
      const readers = [(b: string[]) => read('orders.mbox', mboxOf(b)), ...(k % 2 === 0 ? [inBatch] : [])];
      for (const readIt of readers) {
        expect((await readIt([said('gmacc2')])).accounts, said('gmacc2')).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P });
        expect((await readIt(['One more:', 'gmacc3:Old!Pass33', '', said('gmacc2')])).accounts, said('gmacc2')).toEqual({ gmacc1: 'Old!Pass11', gmacc2: P, gmacc3: 'Old!Pass33' });
        const other = await readIt([said('gmacc9')]);
        expect(other.accounts, said('gmacc9')).toEqual(kept);
        expect(other.rejected, said('gmacc9')).toHaveLength(1);
        expect(other.pool, said('gmacc9')).toEqual(['gmacc9']);
        expect(JSON.stringify(other.rejected)).not.toContain(P);
      }
    }
    for (const plain of [`gmacc9 密码：${P}`, `gmacc9 Password: ${P}`]) {
      expect((await read('orders.mbox', mboxOf([plain]))).accounts, plain).toEqual({ ...kept, gmacc9: P });
      expect((await inBatch([plain])).accounts, plain).toEqual({ ...kept, gmacc9: P });
    }
  });

  // Stop 53: an arrow list after an arrow delivery (`gmacc1 -> Pw` lines, then `gmacc2 -> X` lines),
  // read as a careful reader of the thread would: lines naming a delivered login correct it (the
  // correction wins); beside them, a login nothing delivered is refused by its line and offered to
  // the pool; lines all naming new logins are more accounts. A reply above its quoted arrow
  // delivery added gmacc9 beside the gmacc2 it corrected.
  it('arrow lines after an arrow delivery: corrections of its logins, others refused beside them, new ones alone more accounts', async () => {
    const arrowOrder = [...headers('o1'), 'Your accounts:', 'gmacc1 -> Old!Pass11', 'gmacc2 -> Old!Pass22', '', 'Thanks!', ''].join('\n');
    const thread = (body: string[]) => `From shop@x Tue Dec  1 10:00:00 2026\n${arrowOrder}\nFrom shop@x Tue Dec  1 12:00:00 2026\n${laterOf(body)}\n`;
    const replyTo = (body: string[]) => `Hi,\n${body.join('\n')}\n\nOn Tue, 1 Dec 2026 at 10:00, Shop <orders@pogo-shop.example> wrote:\n> gmacc1 -> Old!Pass11\n> gmacc2 -> Old!Pass22\n`;
    for (const [body, accounts, pool] of [
      [[`gmacc2 -> ${P}`, 'gmacc1 -> New!Pass11'], { gmacc1: 'New!Pass11', gmacc2: P }, []],
      [[`gmacc2 -> ${P}`, 'gmacc9 -> New!Pass99'], { gmacc1: 'Old!Pass11', gmacc2: P }, ['gmacc9']],
      [[`gmacc8 -> ${P}`, 'gmacc9 -> New!Pass99'], { ...kept, gmacc8: P, gmacc9: 'New!Pass99' }, []],
    ] as const) {
      for (const [name, text] of [['orders.mbox', thread([...body])], ['reply.txt', replyTo([...body])]] as const) {
        const r = await read(name, text);
        expect(r.accounts, `${name}: ${body.join(' / ')}`).toEqual(accounts);
        expect(r.pool, `${name}: ${body.join(' / ')}`).toEqual(pool);
        expect(r.rejected, `${name}: ${body.join(' / ')}`).toHaveLength(pool.length);
        expect(JSON.stringify(r.rejected)).not.toMatch(/Pass42|Pass99/);
      }
    }
  });

  // The same reply read alone, its delivery in the pool and not in this import: In-Reply-To says it
  // answers a delivery, so its correction label is offered to the pool (pool-corrections.ts decides),
  // never a new account; without the header (a mail of its own) it is still a labelled delivery.
  it('a reply read alone, answering a delivery: a correction label offered to the pool, never an account', async () => {
    for (const label of ['{L} 的正確密碼是：{P}', '{L} 新密码：{P}']) {
      const said = label.replace('{L}', 'gmacc9').replace('{P}', P);
      const r = await read('reply.eml', laterOf([said]));
      expect(r.accounts, said).toEqual({});
      expect(r.pool, said).toEqual(['gmacc9']);
      expect((await read('own.eml', [...headers('n1'), said, ''].join('\n'))).accounts, said).toEqual({ gmacc9: P });
    }
  });

  it('an arrow correction in a later message that also delivers `:` accounts is applied', async () => {
    for (const s of [`gmacc2 -> ${P}`, `Old!Pass22 → ${P}`, `gmacc2: Old!Pass22 ⟶ ${P}`]) {
      for (const body of [['One more:', 'gmacc3:Old!Pass33', '', s], [s, '', 'And one more:', 'gmacc3:Old!Pass33']]) {
        const want = { gmacc1: 'Old!Pass11', gmacc2: P, gmacc3: 'Old!Pass33' };
        expect(await read('orders.mbox', mboxOf(body)), body.join(' / ')).toEqual({ accounts: want, rejected: [], pool: [] });
        expect(await inBatch(body), body.join(' / ')).toEqual({ accounts: want, rejected: [], pool: [] });
      }
    }
  });

  it('a list typed with arrows is still a list of accounts; an arrow path or a price is no correction', async () => {
    const list = [...headers('o3'), 'Your accounts:', 'ash_k01 -> Pika!chu1', 'misty_02 => Star!mie2', 'brock_03 → Onix!rock3', '', 'Go to Settings -> Change Password after login.', 'Price: $5 -> $4', ''].join('\n');
    expect(await read('order.eml', list)).toEqual({ accounts: { ash_k01: 'Pika!chu1', misty_02: 'Star!mie2', brock_03: 'Onix!rock3' }, rejected: [], pool: [] });
    // The same list, then a later line correcting one of its accounts with the same arrow.
    const fixed = list.replace('Go to Settings', `misty_02 => ${P}\nGo to Settings`);
    expect((await read('order.eml', fixed)).accounts).toEqual({ ash_k01: 'Pika!chu1', misty_02: P, brock_03: 'Onix!rock3' });
    expect((await read('order.eml', list.replace('Go to Settings', `Star!mie2 → ${P}\nGo to Settings`))).accounts).toEqual({ ash_k01: 'Pika!chu1', misty_02: P, brock_03: 'Onix!rock3' });
  });
});

// The words after which a sentence gives a password's value (`is`, `now`, `use`, `try`; `es`,
// `ist`, `теперь`, `是`) were written into reply-corrections.ts' pattern until stop 52; now they are
// the `value` rows of the phrasings table. Each row, after its language's password word in a reply
// quoting one account, gives that account its value: a row dropped or mistyped fails here.
describe('the value words are rows of the phrasings table', () => {
  const PASSWORD: Record<string, string> = { en: 'the password', es: 'la contraseña', pt: 'a senha', de: 'das Passwort', fr: 'le mot de passe', it: 'la password', ru: 'пароль', pl: 'hasło', vi: 'mật khẩu', id: 'kata sandi', zh: '密码', ja: 'パスワード', ko: '비밀번호' };
  const one = (sentence: string) => `Hi,\n${sentence}\n\nOn Tue, 1 Dec 2026 at 10:00, Shop <orders@pogo-shop.example> wrote:\n> gmacc2:Old!Pass22\n`;
  it('every row gives the value after it', async () => {
    const rows = WORDINGS_TABLE.filter(([, kind]) => kind === 'value');
    expect(new Set(rows.map(([language]) => language)).size).toBeGreaterThanOrEqual(13);
    for (const [language, , word] of rows) {
      const glued = ['zh', 'ja', 'ko'].includes(language);
      const sentence = `${PASSWORD[language]}${glued ? '' : ' '}${word}${glued && language !== 'ko' ? '' : ' '}${P}`;
      expect((await read('reply.txt', one(sentence))).accounts, sentence).toEqual({ gmacc2: P });
    }
  });

  it('a loose text list with a correction below it (stop 61 L): applied when it names one account of the list, else both refused, never "unsure what this is"', async () => {
    // On stop 60's main the list reader kept ash01's old password and the letter reader applied the
    // correction: the two reads differed and the file was refused whole as unsure between them.
    const pairs = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password]);
    const list = 'ash_k01:Pika1!xy\nash_k02:Pika2!xy\nash_k03:Pika3!xy\n\n';
    for (const sentence of ['Sorry, the new password for ash_k01 is Fresh!Pass42', 'sorry, the password for ash_k01 is now Fresh!Pass42']) {
      const r = await readDump(input('stock.txt', list + sentence + '\n'));
      expect(pairs(r), sentence).toEqual([[2, 'ash_k02', 'Pika2!xy'], [3, 'ash_k03', 'Pika3!xy'], [5, 'ash_k01', P]]);
      expect(r.rejected).toEqual([]);
    }
    // Under a greeting and over a sign-off, the same.
    const letter = await readDump(input('mail.txt', `Hi,\nhere are your accounts:\n${list}Sorry, the new password for ash_k02 is ${P}\nBest regards\n`));
    expect(pairs(letter)).toEqual([[3, 'ash_k01', 'Pika1!xy'], [5, 'ash_k03', 'Pika3!xy'], [7, 'ash_k02', P]]);
    // A saved mail whose body is that list: the list's read kept the old password, the sentence read past.
    const mail = await readDump(input('order.eml', `From: shop@example.com\nTo: me@example.org\nSubject: order\nDate: Mon, 7 Dec 2026 00:00:00 +0000\n\n${list}sorry, the password for ash_k03 is now ${P}\n`));
    expect(pairs(mail)).toEqual([[6, 'ash_k01', 'Pika1!xy'], [7, 'ash_k02', 'Pika2!xy'], [10, 'ash_k03', P]]);
    // Naming no login: the one account the file delivers; of several, which one is unsure, each refused.
    const one = await readDump(input('one.txt', `ash_k01:Pika1!xy\nsorry, the password is now ${P}\n`));
    expect(pairs(one)).toEqual([[2, 'ash_k01', P]]);
    await expect(readDump(input('two.txt', `ash_k01:Pika1!xy\nash_k02:Pika2!xy\nsorry, the password is now ${P}\n`))).rejects.toThrow(/line 1: its password may be stale: the correction at line 3 is unsure.*line 3: .*no named login while this file delivers 2 accounts/);
    // Naming a login the file does not deliver: refused by its line, the list's accounts kept.
    const other = await readDump(input('other.txt', `${list}sorry, the password for ash_k09 is now ${P}\n`));
    expect(pairs(other)).toEqual([[1, 'ash_k01', 'Pika1!xy'], [2, 'ash_k02', 'Pika2!xy'], [3, 'ash_k03', 'Pika3!xy']]);
    expect(other.rejected.map((j) => j.line)).toEqual([5]);
  });

  it('a new password shorter than PTC takes is said to be that, never "a login-shaped word it does not deliver" (stop 61 L)', async () => {
    // PTC refused passwords under 6 characters (jepayne1138/PTCAccount ptcaccount/accountcreator.py
    // `_validate_password`): `Xyz9!` after `is now` is a value cut short or no password, not a login.
    const list = 'ash_k01:Pika1!xy\nash_k02:Pika2!xy\n\n';
    for (const [name, text] of [
      ['named', `${list}sorry, the password for ash_k01 is now Xyz9!\n`],
      ['letter', `Hi,\n${list}sorry, the password for ash_k01 is now Xyz9!\nBest regards\n`],
      ['unnamed', 'ash_k01:Pika1!xy\n\nsorry, the password is now Xyz9!\n'],
    ] as const) {
      const r = await readDump(input(`${name}.txt`, text)).catch((e: Error) => e);
      const said = r instanceof Error ? r.message : r.rejected.map((j) => `line ${j.line}: ${j.reason}`).join('; ');
      expect(said, name).toMatch(/line \d: a sentence of this mail: a correction whose new password is 5 characters, fewer than the 6 PTC takes/);
      expect(said, name).toMatch(/line \d: its password may be stale/);
      expect(said, name).not.toMatch(/login-shaped|no account this mail delivers|Xyz9/);
      if (!(r instanceof Error)) expect(r.accounts.map((a) => a.username)).toEqual(['ash_k02']);
    }
  });

  it('a correction naming two delivered logins (stop 63 L): one value for both is both accounts\', two values or a login as the value is refused, never half applied', async () => {
    const pairs = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password]);
    const list = 'Hi,\n\nash_k01:Pika1!xy\nash_k02:Pika2!xy\nash_k03:Pika3!xy\n\n';
    // `ash_k01 and ash_k02: new password X`: the one new password of both, as `the new one for gmacc1 and gmacc2 is X` is.
    const both = await readDump(input('mail.txt', `${list}sorry, ash_k01 and ash_k02: new password ${P}\n\nBest regards\n`));
    expect(pairs(both)).toEqual([[5, 'ash_k03', 'Pika3!xy'], [7, 'ash_k01', P], [7, 'ash_k02', P]]);
    // Two values, the last after the last login: on stop 62's main ash_k02 took it and ash_k01 kept its old password.
    const two = await readDump(input('mail.txt', `${list}the new password for ash_k01 is ${P} and for ash_k02 Other!Pass43\n\nBest regards\n`), { format: 'email-text' });
    expect(pairs(two)).toEqual([[5, 'ash_k03', 'Pika3!xy']]);
    expect(two.rejected.map((j) => j.line)).toEqual([3, 4, 7]);
    expect(two.rejected.find((j) => j.line === 7)!.reason).toMatch(/naming 2 logins the mail delivers.*which password is whose is unsure/);
    // Another delivered login where the password goes: a rename or a replacement, no password (stop 62 said "5 characters").
    const renamed = await readDump(input('mail.txt', `${list}sorry, the password for ash_k01 is now ash_k02\n\nBest regards\n`), { format: 'email-text' });
    expect(pairs(renamed)).toEqual([[4, 'ash_k02', 'Pika2!xy'], [5, 'ash_k03', 'Pika3!xy']]);
    expect(renamed.rejected.map((j) => [j.line, /another login the mail delivers: a rename or a replacement is no password change/.test(j.reason) || /may be stale/.test(j.reason)])).toEqual([[3, true], [7, true]]);
    for (const r of [two, renamed]) expect(JSON.stringify(r.rejected)).not.toMatch(/Pika|Fresh|Other!/);
  });

  it('an arrow or a rename in a .txt letter (stop 64 L): a login to a password is a correction, a login to a login a rename or a replacement; only those lines refused, never the whole letter', async () => {
    const pairs = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password]);
    const lines = (r: Awaited<ReturnType<typeof readDump>>) => r.rejected.map((j) => j.line);
    const list = 'Hi,\n\nash_k01:Pika1!xy\nash_k02:Pika2!xy\nash_k03:Pika3!xy\n\n';
    const end = '\n\nBest regards\n';
    // A login to a password-shaped word: the new password (stop 63: refused whole as unsure between the list and the letter).
    const fixed = await readDump(input('mail.txt', `${list}ash_k01 -> ${P}${end}`));
    expect(pairs(fixed)).toEqual([[4, 'ash_k02', 'Pika2!xy'], [5, 'ash_k03', 'Pika3!xy'], [7, 'ash_k01', P]]);
    expect(fixed.rejected).toEqual([]);
    // Without the greeting, the same; the list's read made the arrow a second ash_k01.
    const bare = await readDump(input('stock.txt', `ash_k01:Pika1!xy\nash_k02:Pika2!xy\nash_k03:Pika3!xy\nash_k01 -> ${P}\n`));
    expect(pairs(bare)).toEqual([[2, 'ash_k02', 'Pika2!xy'], [3, 'ash_k03', 'Pika3!xy'], [4, 'ash_k01', P]]);
    // A login to another login it delivers: no password change (a rename or a replacement); ash_k01 refused as maybe stale, ash_k02's own line kept.
    for (const [name, text] of [
      ['letter', `${list}sorry, ash_k01 -> ash_k02${end}`],
      ['list', 'ash_k01:Pika1!xy\nash_k02:Pika2!xy\nash_k03:Pika3!xy\n\nash_k01 -> ash_k02\n'],
    ] as const) {
      const r = await readDump(input(`${name}.txt`, text));
      const at = name === 'letter' ? 0 : -2;
      expect(pairs(r), name).toEqual([[4 + at, 'ash_k02', 'Pika2!xy'], [5 + at, 'ash_k03', 'Pika3!xy']]);
      expect(lines(r), name).toEqual([3 + at, 7 + at]);
      expect(r.rejected[1]!.reason, name).toMatch(/to another login it delivers \(ash_k02\): a rename or a replacement is no password change/);
    }
    // A login to a login-shaped word of the same series it does not deliver (`ash_k09`): a rename or a replacement too, never the password `ash_k09`.
    const series = await readDump(input('mail.txt', `${list}ash_k01 -> ash_k09${end}`));
    expect(pairs(series)).toEqual([[4, 'ash_k02', 'Pika2!xy'], [5, 'ash_k03', 'Pika3!xy']]);
    expect(lines(series)).toEqual([3, 7]);
    expect(series.rejected[1]!.reason).toMatch(/ash_k09, a login of the same series as the ones it delivers: a rename or a replacement is no password change/);
    // A rename said in words (`renamed to`, `is now`, `new login`): ash_k01's login may have changed; refused with the sentence, the others kept.
    for (const sentence of ['sorry, ash_k01 was renamed to ash_k09', 'ash_k01 is now ash_k09', 'the new login for ash_k01 is ash_k09', 'ash_k01 has been changed to ash_k09']) {
      const r = await readDump(input('mail.txt', `${list}${sentence}${end}`));
      expect(pairs(r), sentence).toEqual([[4, 'ash_k02', 'Pika2!xy'], [5, 'ash_k03', 'Pika3!xy']]);
      expect(lines(r), sentence).toEqual([3, 7]);
      expect(r.rejected.find((j) => j.line === 7)!.reason, sentence).toMatch(/a rename of ash_k01 to ash_k09/);
    }
    // A hand-typed list of `login -> password` lines stays a list: no login of it is delivered twice.
    expect(pairs(await readDump(input('list.txt', 'ash_k01 -> Pika1!xy\nash_k02 -> Pika2!xy\nash_k03 -> Pika3!xy\n')))).toEqual([[1, 'ash_k01', 'Pika1!xy'], [2, 'ash_k02', 'Pika2!xy'], [3, 'ash_k03', 'Pika3!xy']]);
  });
});
