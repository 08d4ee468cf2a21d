// Monocle's account store as a Python 2 tool pickles it (protocol 0, Python 2's default, and 2, its
// highest), made by python 2.7.18 itself (test/fixtures/generators/make-python2-pickles.py). A Python 2
// str is bytes: UTF-8 ones come out as their text; latin-1 ones cannot be told from cp1252, so that
// account is refused by name, never read as a guess. Protocol 0's escapes (`\'`, `\\`, `\xc3`) undone.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const want = [
  ['magikarp_spl9', 'it\'s "Platsch"\\99', 5, 'ptc', undefined, true],
  ['ponyta_gallop3', 'Galopp€ß33', 30, 'ptc', 'temp_banned', undefined],
  ['vulpix_fire07', 'Feueräöü7', 12, 'ptc', undefined, undefined],
];

describe('a Python 2 pickle of the account store', () => {
  for (const file of ['monocle-accounts-py27-p0.pickle', 'monocle-accounts-py27-p2.pickle']) {
    it(`${file}: UTF-8 str, unicode and quoted passwords exact, level and verdicts kept; latin-1 bytes refused naming the account's place`, async () => {
      const r = await readDump(fixture(file));
      expect(r.format).toBe('monocle-pickle');
      const got = [...r.accounts].sort((a, b) => a.username.localeCompare(b.username)).map((a) => [a.username, a.password, a.level, a.provider, a.state, a.history?.captcha]);
      expect(got).toEqual(want);
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0]!.reason).toBe('its password is Python 2 bytes that are not UTF-8 (latin-1? another code page?): which characters they are is unsure');
      // the refusal never quotes the password
      expect(JSON.stringify(r.rejected)).not.toMatch(/Schl/);
    });
  }

  it('a protocol 0 text that only starts like a pickle is no store: refused, nothing invented', async () => {
    await expect(readDump(input('notes.pickle', "(dp0\nS'just'\np1\nS'words'\np2\ns.\n"))).rejects.toThrow(/not Monocle's account store/);
  });
});
