// A `#`, `//` or `;` right after a separator and a blank opens the password, not a note: the
// non-account property test found `aaa0 -> #+&0A&a` read as the account `aaa0` with the password
// `->` (line-comments.ts took ` #+&0A&a` for a note after the account `aaa0 ->`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

describe('a note marker right after a separator', () => {
  it('is the password\'s first character', async () => {
    const r = await readDump(input('stock.txt', 'aaa0 -> #+&0A&a\nAaa1 -> #A&*0?_%\nbbb2 -> Zap!5x # sold\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'aaa0', '#+&0A&a'],
      [2, 'Aaa1', '#A&*0?_%'],
      [3, 'bbb2', 'Zap!5x'],
    ]);
  });
});
