// Bodies in the charsets Russian, Chinese, Taiwanese, Korean and Japanese mail clients send, as
// 8bit, quoted-printable and base64 (RFC 2045 §6), with their charset declared (RFC 2046 §4.1.2:
// `Content-Type: text/plain; charset=...`) and without. Declared, the accounts import exact;
// undeclared, mailparser reads the bytes as UTF-8 and what is not UTF-8 is lost, so the mail is
// refused naming the line and the way through, never read as a mail without accounts.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const HEAD = 'From: Shop <shop@seller.example>\nTo: me@example.net\nSubject: Your order\nMIME-Version: 1.0\n';

const BODIES: Record<string, [string, string, string]> = {
  'windows-1251': ['Логин: pika_ru1\nПароль: Молния99\n', 'pika_ru1', 'Молния99'],
  'koi8-r': ['Логин: pika_ru1\nПароль: Молния99\n', 'pika_ru1', 'Молния99'],
  gb2312: ['账号：machop_cn1\n密码：空手劈99ab\n', 'machop_cn1', '空手劈99ab'],
  gbk: ['账号：machop_cn1\n密码：空手劈99ab\n', 'machop_cn1', '空手劈99ab'],
  big5: ['帳號：machop_tw1\n密碼：空手劈99ab\n', 'machop_tw1', '空手劈99ab'],
  'euc-kr': ['아이디: koduck_kr1\n비밀번호: 고라파덕99a\n', 'koduck_kr1', '고라파덕99a'],
};

/**
 * `text` in `charset`, found by decoding (WHATWG's TextDecoder knows these charsets; no encoder
 * for them ships with Node): each character's bytes, a single byte or a lead and trail pair.
 */
const tables = new Map<string, Map<string, number[]>>();
function encode(text: string, charset: string): Buffer {
  let table = tables.get(charset);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(charset);
    const single = ['windows-1251', 'koi8-r'].includes(charset);
    for (let lead = 0x80; lead <= 0xff; lead++) {
      if (single) table.set(decoder.decode(Uint8Array.of(lead)), [lead]);
      else for (let trail = 0x40; trail <= 0xfe; trail++) {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if ([...ch].length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    tables.set(charset, table);
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table!.get(ch)!)));
}

function encoded(charset: string, encoding: '8bit' | 'base64' | 'quoted-printable', text: string, declared: boolean): Buffer {
  const bytes = encode(text, charset);
  const qp = () => Buffer.from([...bytes].map((b) => (b > 126 || b === 61 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join(''));
  const body = encoding === '8bit' ? bytes : encoding === 'base64' ? Buffer.from(`${bytes.toString('base64')}\n`) : qp();
  return Buffer.concat([Buffer.from(`${HEAD}Content-Type: text/plain${declared ? `; charset=${charset}` : ''}\nContent-Transfer-Encoding: ${encoding}\n\n`), body]);
}

describe('a body in a national charset', () => {
  for (const [charset, [text, login, password]] of Object.entries(BODIES)) {
    for (const encoding of ['8bit', 'base64', 'quoted-printable'] as const) {
      it(`${charset}, ${encoding}, declared: the account exact`, async () => {
        const r = await readDump(input('order.eml', encoded(charset, encoding, text, true)));
        expect(r.accounts.map((a) => [a.username, a.password])).toEqual([[login, password]]);
      });

      it(`${charset}, ${encoding}, no charset declared: refused naming the mail, never a mail without accounts`, async () => {
        const message = await readDump(input('order.eml', encoded(charset, encoding, text, false))).then(() => 'imported', (e: Error) => e.message);
        expect(message).toMatch(/^order\.eml: no accounts found/);
        // One way through whichever charset it was: the Korean mail's account read with U+FFFD in it too.
        expect(message).toMatch(/no text in the charset the mail declares for them.*[:;] declare the charset in its Content-Type/);
        expect(message).not.toContain('unknown charset');
        expect(message).not.toContain(password);
      });
    }
  }

  it('an ASCII account beside undeclared 8-bit lines imports; the mail is named at the first line it cannot read', async () => {
    const text = 'Ваш заказ:\nash_01:Pass1111\n';
    const r = await readDump(input('order.eml', encoded('windows-1251', '8bit', text, false)));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[9, 'ash_01', 'Pass1111']]);
    expect(r.rejected.map((x) => x.line)).toEqual([8]);
    expect(r.rejected[0]!.reason).toMatch(/^body: 1 line holds bytes that are no text in the charset the mail declares for them \(none declared, read as UTF-8\)/);
  });

  it('ISO-2022-JP (RFC 1468) declared: the account exact', async () => {
    // 7-bit by design: ESC $ B switches to JIS X 0208, ESC ( B back to ASCII (iconv-lite does not encode it).
    const jis = Buffer.concat([Buffer.from('ID: koiking_jp3\n'), Buffer.from([0x1b, 0x24, 0x42, 0x25, 0x51, 0x25, 0x39, 0x25, 0x6f, 0x21, 0x3c, 0x25, 0x49, 0x1b, 0x28, 0x42]), Buffer.from(': Hane!Teru33\n')]);
    const r = await readDump(input('order.eml', Buffer.concat([Buffer.from(`${HEAD}Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n`), jis])));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['koiking_jp3', 'Hane!Teru33']]);
  });

  // RFC 1468 and chardet's escape-sequence prober (chardet/chardet chardet/escsm.py, ISO2022JP_SM_MODEL):
  // ESC $ B / ESC $ @ switch to JIS X 0208, ESC ( B / ESC ( J back; no other mail charset writes them.
  const JIS_LABEL = Buffer.from([0x1b, 0x24, 0x42, 0x25, 0x51, 0x25, 0x39, 0x25, 0x6f, 0x21, 0x3c, 0x25, 0x49, 0x1b, 0x28, 0x42]); // パスワード
  const JIS_BODY = Buffer.concat([Buffer.from('ID: koiking_jp3\n'), JIS_LABEL, Buffer.from(': Hane!Teru33\n')]);
  const headers: [string, string][] = [
    ['text/plain, no charset', 'Content-Type: text/plain\nContent-Transfer-Encoding: 7bit\n'],
    ['no Content-Type at all', ''],
    ['charset=us-ascii', 'Content-Type: text/plain; charset=us-ascii\n'],
  ];
  for (const [what, head] of headers) {
    it(`ISO-2022-JP undeclared (${what}): known by its escapes, the account exact`, async () => {
      const r = await readDump(input('order.eml', Buffer.concat([Buffer.from(`${HEAD}${head}\n`), JIS_BODY])));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['koiking_jp3', 'Hane!Teru33']]);
    });
  }

  it('ISO-2022-JP undeclared, base64: the account exact', async () => {
    const r = await readDump(input('order.eml', Buffer.concat([Buffer.from(`${HEAD}Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${JIS_BODY.toString('base64')}\n`)])));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['koiking_jp3', 'Hane!Teru33']]);
  });

  it('an attached list in ISO-2022-JP without a charset: the account exact', async () => {
    const mail = `${HEAD}Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nYour accounts are attached.\n--b\nContent-Type: text/plain; name="acc.txt"\nContent-Disposition: attachment; filename="acc.txt"\nContent-Transfer-Encoding: base64\n\n${JIS_BODY.toString('base64')}\n--b--\n`;
    const r = await readDump(input('order.eml', mail));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['koiking_jp3', 'Hane!Teru33']]);
  });

  it('escapes ISO-2022-JP cannot read (JIS X 0212, ESC $ ( D): refused naming the line, never an account holding ESC', async () => {
    const body = Buffer.concat([Buffer.from('ID: koiking_jp3\n'), JIS_LABEL, Buffer.from(': Ha'), Buffer.from([0x1b, 0x24, 0x28, 0x44, 0x30, 0x21, 0x1b, 0x28, 0x42]), Buffer.from('ne!Teru33\n')]);
    const message = await readDump(input('order.eml', Buffer.concat([Buffer.from(`${HEAD}Content-Type: text/plain\n\n`), body]))).then(() => 'imported', (e: Error) => e.message);
    expect(message).toMatch(/^order\.eml: no accounts found.*line 8: /);
    expect(message).not.toContain('\x1b');
    expect(message).not.toContain('Teru33');
  });

  for (const [what, bytes] of [['ESC', 0x1b], ['BEL', 0x07], ['SOH', 0x01], ['DEL', 0x7f]] as const) {
    it(`a body holding ${what} in a login or password: never an account containing it`, async () => {
      const c = String.fromCharCode(bytes);
      const body = `login: ko${c}iking_jp3\npassword: Hane!Teru33\n\nlogin: magikarp_jp4\npassword: Spl${c}ash!44\n\ngyarados_jp5:Hyper${c}Beam55\n`;
      const r = await readDump(input('order.eml', `${HEAD}Content-Type: text/plain\n\n${body}`)).catch(() => ({ accounts: [] }));
      for (const a of r.accounts) expect(`${a.username}${a.password}`).not.toMatch(/[\x00-\x1f\x7f]/);
    });
  }
});

describe('an undeclared ISO-2022-KR body (RFC 1557: ESC $ ) C, then SO ... SI around KS C 5601)', () => {
  it('refused naming the charset its escapes announce, never an account holding SO', async () => {
    const body = Buffer.from('\x1b$)C\nID: koduck_kr1\n\x0e:qPP9H#\x0f: Pw99abc\n', 'latin1');
    const message = await readDump(input('order.eml', Buffer.concat([Buffer.from(`${HEAD}Content-Type: text/plain\n\n`), body]))).then(() => 'imported', (e: Error) => e.message);
    expect(message).toMatch(/escape sequences \(ESC\) of ISO-2022-KR, which the mail does not declare/);
    expect(message).not.toContain('Pw99abc');
  });
});

describe('an undeclared 8-bit body whose charset the message itself makes certain (undeclared-charset.ts)', () => {
  // The client that wrote the subject as an RFC 2047 encoded word (`=?koi8-r?B?...?=`, RFC 2047 §2)
  // or declared another part's charset (RFC 2046 §4.1.2) wrote the body in it: Outlook Express and
  // The Bat! sent 8-bit bodies whose Content-Type forgot the parameter.
  const subjectIn = (charset: string) => `=?${charset}?B?${encode('Ваш заказ', charset === 'euc-kr' ? 'koi8-r' : charset).toString('base64')}?=`;
  const mail = (charset: string, subjectCharset: string, encoding: '8bit' | 'base64' | 'quoted-printable', text: string) => {
    const body = encoded(charset, encoding, text, false).subarray(Buffer.from(`${HEAD}`).length);
    return Buffer.concat([Buffer.from(`From: Shop <shop@seller.example>\nTo: me@example.net\nSubject: ${subjectIn(subjectCharset)}\nMIME-Version: 1.0\n`), body]);
  };

  for (const charset of ['windows-1251', 'koi8-r'] as const) {
    for (const encoding of ['8bit', 'quoted-printable', 'base64'] as const) {
      it(`${charset} ${encoding}, the subject's encoded word in ${charset}: the account exact`, async () => {
        const r = await readDump(input('order.eml', mail(charset, charset, encoding, BODIES[charset]![0])));
        expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['pika_ru1', 'Молния99']]);
      });
    }
  }

  it('EUC-KR body, the subject declaring euc-kr: the account exact', async () => {
    const subject = `=?euc-kr?B?${encode('주문', 'euc-kr').toString('base64')}?=`;
    const body = encoded('euc-kr', '8bit', BODIES['euc-kr']![0], false).subarray(HEAD.length);
    const r = await readDump(input('order.eml', Buffer.concat([Buffer.from(`From: Shop <shop@seller.example>\nSubject: ${subject}\nMIME-Version: 1.0\n`), body])));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['koduck_kr1', '고라파덕99a']]);
  });

  it('the text part undeclared, the mail\'s other part declaring koi8-r: the body decoded in it', async () => {
    const bytes = encode(BODIES['koi8-r']![0], 'koi8-r');
    const mime = Buffer.concat([
      Buffer.from(`${HEAD}Content-Type: multipart/alternative; boundary="b"\n\n--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n`),
      bytes,
      Buffer.from(`\n--b\nContent-Type: text/html; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n${Buffer.concat([Buffer.from('<p>'), bytes, Buffer.from('</p>')]).toString('base64')}\n--b--\n`),
    ]);
    const r = await readDump(input('order.eml', mime));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['pika_ru1', 'Молния99']]);
  });

  it('a folded Content-Type line of 200,000 blanks then a word: the body decoded, in a second (once minutes)', async () => {
    // The charset was put after the header's last line by a pattern that retried from every blank
    // of a run (stop 66 A2: 20,000 blanks 2.3 s of CPU, 80,000 over two minutes).
    const bytes = encode(BODIES['koi8-r']![0], 'koi8-r');
    const mime = Buffer.concat([
      Buffer.from(`${HEAD}Content-Type: multipart/alternative; boundary="b"\n\n--b\nContent-Type: text/plain;\n${' '.repeat(200_000)}format=flowed x\nContent-Transfer-Encoding: 8bit\n\n`),
      bytes,
      Buffer.from(`\n--b\nContent-Type: text/html; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n${Buffer.concat([Buffer.from('<p>'), bytes, Buffer.from('</p>')]).toString('base64')}\n--b--\n`),
    ]);
    const r = await readDump(input('order.eml', mime));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['pika_ru1', 'Молния99']]);
  });

  it('two charsets declared that both read the body as Cyrillic (koi8-r subject, windows-1251 attachment): refused as before, never guessed', async () => {
    const body = encoded('windows-1251', '8bit', BODIES['windows-1251']![0], false).subarray(HEAD.length);
    const head = `From: Shop <shop@seller.example>\nSubject: ${subjectIn('koi8-r')}\nMIME-Version: 1.0\n`;
    const multipart = Buffer.concat([
      Buffer.from(`${head}Content-Type: multipart/mixed; boundary="b"\n\n--b\n`),
      body,
      Buffer.from('\n--b\nContent-Type: text/plain; charset=windows-1251; name="note.txt"\nContent-Disposition: attachment; filename="note.txt"\n\nhello\n--b--\n'),
    ]);
    const message = await readDump(input('order.eml', multipart)).then(() => 'imported', (e: Error) => e.message);
    expect(message).toMatch(/no text in the charset the mail declares for them/);
    expect(message).not.toContain('Молния99');
  });
});
