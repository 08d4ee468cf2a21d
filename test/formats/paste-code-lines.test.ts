// A short paste of `user:pass` lines under a greeting, one line of it code (`print("x")`,
// `if (a) {`): the list reader refuses that line by itself for a look, the letter reader
// (email-text) reads past it as it reads past a mail's. Both give the same accounts; on main the
// choice (choose.ts whyBetter) took the letter reader for "skipping as prose what the other
// rejects", so the code line was never shown as refused. A paste is no mail: the read that refuses
// what the other only reads past wins. A title the two call a config line is no code (the letter
// may keep it: seller-typed.test.ts seller-level-blank.txt).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

describe('a paste of accounts holding a line of code', () => {
  it('is read as a list, the code line refused by its line, whichever reader ranked first', async () => {
    for (const text of [
      'Hi, here are your accounts:\nash01x:Pika1234\nmisty02:Starm1e9\nprint("x")\nbrock03:Onix3rock\n',
      'ash01x:Pika1234\nmisty02:Starm1e9\nif (a) {\nbrock03:Onix3rock\nThanks!\n',
    ]) {
      const r = await readDump(input('paste.txt', text));
      expect(r.format, text).toBe('plain');
      expect(r.accounts.map((a) => [a.username, a.password]), text).toEqual([
        ['ash01x', 'Pika1234'],
        ['misty02', 'Starm1e9'],
        ['brock03', 'Onix3rock'],
      ]);
      const code = text.split('\n').findIndex((l) => l === 'print("x")' || l === 'if (a) {') + 1;
      expect(r.rejected.find((j) => j.line === code), text).toMatchObject({ kind: 'code' });
      expect(r.skipped?.some((k) => k.line === code) ?? false, text).toBe(false);
    }
  });
});
