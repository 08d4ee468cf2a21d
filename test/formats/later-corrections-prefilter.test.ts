// A long chat's later message is read against every account delivered before it only when one of
// its sentences may be a correction (might-be-correction.ts): a 100,000-message Telegram export
// took 512 s copying them for each `ok thanks`. The prefilter must never change an answer: each
// wording the readers of corrections take (mbox-later-corrections.test.ts' and reply-corrections'
// own: login named, by place, by arrow, ending in the account, split over two lines, taken back,
// a stale-password word) gives the same applied, stale and refused with it as without it.
import { describe, expect, it } from 'vitest';
import { laterCorrections } from '../../src/formats/mail/later-corrections.js';
import { mightBeCorrection } from '../../src/formats/mail/might-be-correction.js';
import type { DumpAccount, DumpResult } from '../../src/formats/types.js';

// `jo` and `ash#1`: logins no login run is (two letters; a `#`), named only as a word of the sentence.
const DELIVERED: DumpAccount[] = [
  { username: 'ash_01', password: 'Pass!1111', line: 8 },
  { username: 'Ash_02', password: 'Pass!2222', line: 9 },
  { username: 'jo', password: 'Pass!3333', line: 10 },
  { username: 'ash#1', password: 'Pass!4444', line: 11 },
];

const MESSAGES: string[][] = [
  ['New password for ash_02: Fresh!Pass42'],
  ['The password of ASH_01 was changed to Fresh!Pass42'],
  ['Пароль от ash_02 изменён: Novyi!Pass7'],
  ['ash_02 的新密码：Xin!Mima88'],
  ['Das neue Passwort für ash_02 ist Neu!Pass22'],
  ['the 2nd account\'s password is Fresh!Pass42'],
  ['Sorry, the new password is Fresh!Pass42'],
  ['ash_02 -> Fresh!Pass42'],
  ['Pass!2222 → Fresh!Pass42'],
  ['fixed: jo:Fresh!Pass42'],
  ['Sorry, the 2nd one was wrong, use this: ash#1 Fresh!Pass42'],
  ['new one -> jo / Fresh!Pass42'],
  ['Sorry, I gave the wrong password for ash_02.', 'The correct one is Fresh!Pass42'],
  ['the new password for ash_01 is Fresh!Pass42', 'sorry, use Other!Pass9 instead'],
  ['Please use Fresh!Pass42 for ash_02, sorry'],
  // No correction's word: the sentence ends with the account (a login no login run is).
  ['use this: jo Fresh!Pass42'],
  ['here: ash#1:Fresh!Pass42'],
  ['ash_02 works, thanks', 'paid, order 4410'],
  ['ok thanks', 'how long for the next batch?', 'any level 35s left?'],
];

const later = (lines: string[]): DumpResult => ({ format: 'email-text', accounts: [], rejected: [], skipped: lines.map((text, i) => ({ line: 20 + i, kind: 'prose', text })) });

describe('the prefilter of a later message (might-be-correction.ts)', () => {
  it.each(MESSAGES)('gives the answer the readers of corrections give: %s', (...lines) => {
    for (const earlier of [DELIVERED, ...DELIVERED.map((a) => [a])]) {
      const logins = new Set(earlier.map((a) => a.username.toLowerCase()));
      for (const answered of [false, true]) {
        const without = laterCorrections(later(lines), [], earlier, answered);
        expect(laterCorrections(later(lines), [], earlier, answered, undefined, undefined, (login) => logins.has(login))).toEqual(without);
      }
    }
  });

  it('reads every correction wording above as something (the comparison is not of empty answers)', () => {
    const said = MESSAGES.slice(0, -2).filter((lines) => {
      const out = laterCorrections(later(lines), [], DELIVERED);
      return out.applied.length + out.rejected.length > 0;
    });
    expect(said).toHaveLength(MESSAGES.length - 2);
  });

  it('skips a chat\'s small talk without asking about every account', () => {
    const prose = ['ok thanks', 'paid, order 4410', 'tomorrow evening'].map((s, i) => ({ s, line: i + 1, depth: 1 }));
    expect(mightBeCorrection(prose, () => false)).toBe(false);
    // A word naming a delivered login is enough to read the message against them all.
    expect(mightBeCorrection([...prose, { s: 'jo works', line: 4, depth: 1 }], (login) => login === 'jo')).toBe(true);
  });
});
