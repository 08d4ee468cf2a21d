// A bare `.txt` delivery written by a person: the greeting and the sign-off around the accounts
// are prose, skipped and shown as such in the preview, never a login without a password
// (letter-lines.ts). Shapes of shop delivery mails: see seller-letters.ts.
import { describe, expect, it } from 'vitest';
import { isLetterLine } from '../../src/formats/letter-lines.js';
import { parsePlain } from '../../src/formats/plain.js';
import { readDump } from '../../src/formats/index.js';
import { nonAccountKind } from '../../src/formats/line-kinds.js';
import { input } from './helpers.js';

const DELIVERY = 'Hello!\n\nash4821:Pika2017x\nmisty_kanto12:Star99fish\nbrock77:Onix4rock\n\nThanks\nBest regards,\nMike\n';

describe('a letter around the accounts', () => {
  it('its greeting and sign-off are skipped as prose, whichever reader reads it', async () => {
    for (const r of [await readDump(input('delivery.txt', DELIVERY)), parsePlain(input('delivery.txt', DELIVERY))]) {
      expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
        [3, 'ash4821', 'Pika2017x'],
        [4, 'misty_kanto12', 'Star99fish'],
        [5, 'brock77', 'Onix4rock'],
      ]);
      expect(r.rejected).toEqual([]);
      expect(r.skipped).toEqual([1, 7, 8, 9].map((line) => ({ line, kind: 'prose' })));
    }
  });

  it('greetings and sign-offs as people write them; a name only under a sign-off, never a line with a digit', () => {
    for (const s of ['Hi John,', 'Hello!', 'Hello Anna,', 'Dear customer,', 'Hey,', 'Good day,', 'Thanks', 'Thanks!', 'Thank you!', 'Cheers', 'Best regards, Mike', 'Thanks, Anna', 'Warm regards,', 'Enjoy!', 'Mit freundlichen Grüßen']) {
      expect(isLetterLine(s, ''), s).toBe(true);
    }
    expect(isLetterLine('Mike', 'Best regards,')).toBe(true);
    expect(isLetterLine('Mike', 'ash01:Pika123')).toBe(false);
    for (const s of ['dave', 'Thanks ash01', 'Hello:Pika123', 'hello123', 'Hi John, ash01:pass1']) expect(isLetterLine(s, ''), s).toBe(false);
  });

  it('an arrow in a sentence (`Accounts => ready`) is prose, not a setting', () => {
    expect(nonAccountKind('Accounts => accounts and ready and')).toBe('prose');
    expect(nonAccountKind('SPEED_LIMIT = 19.5')).toBe('config');
  });
});
