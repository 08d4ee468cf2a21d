// A run of opening quotes in a mail's correction sentence (stop 67 A4, after
// scripts/regex-sweep-built.mjs printed correction-phrasings.ts' value-first rows: `Xに変更`,
// `X olarak değiştirildi`, `X로 변경`). `“` is a value's character as well as its opening quote, so
// the search tried each `“` of a run as a value's start and read the rest of the run again: a mail
// line of 8,000 `“` took 10 s of CPU in one readDump (20,000: a minute). The test's timeout is the clock.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { phrasedValues } from '../../src/formats/lists/correction-phrasings.js';
import { input } from './helpers.js';

describe('a run of opening quotes in a correction sentence', () => {
  it('a mail whose correction line ends in 20,000 `“` is read as before, in linear time', async () => {
    const mail = `From: a@b.c\nSubject: your accounts\n\nalice1:Secret#1\nbob22:Secret#2\nSorry, alice1 had a typo, the password was changed to ${'“'.repeat(20_000)}\n`;
    const r = await readDump(input('mail.txt', mail));
    expect(r.accounts.map((a) => a.username)).toEqual(['bob22']);
  }, 10_000);

  it('value-first phrasings still take the whole value, quoted or in a run of quotes', () => {
    expect(phrasedValues('パスワードを“Pika#123”に変更しました')).toContain('Pika#123');
    expect(phrasedValues('şifre “Pika#123” olarak değiştirildi')).toContain('Pika#123');
    expect(phrasedValues('비밀번호를 ““Pika#123로 변경')).toContain('“Pika#123');
    expect(phrasedValues('“'.repeat(40_000))).toEqual([]);
  });
});
