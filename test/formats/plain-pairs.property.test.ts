// The list reader's one-scan road for `name:password` lines (plain-pairs.ts) gives exactly what the
// whole chain of line checks gives: the same accounts, refusals with their reasons and lines, and
// skipped lines, for random lists built around that shape's edges (a provider's letter first, a
// name without a digit or of 20 characters, a password opening with a digit or a sign, a licence
// key's dashes, addresses, blanks, marks, a second colon, headings, headers, comments).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlain } from '../../src/formats/lists/plain.js';
import { plainPairAt } from '../../src/formats/lists/plain-pairs.js';
import { input } from './helpers.js';

const NAME_CHARS = [...'abcdefghkmxyzPGpgAB0123456789_.-@'];
const PASS_CHARS = [...'abcXYZ0123456789_.-!?%*$&^@#:/+<>=|~,;"\'()[]{}\\` \t'].concat(['é', '✅', '\u00a0']);
const name = fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 22 }).map((c) => c.join(''));
const password = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...PASS_CHARS), { minLength: 0, maxLength: 34 }).map((c) => c.join('')) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9.!-]{0,16}[0-9]$/) },
  { weight: 1, arbitrary: fc.constantFrom('ABCD-EFGH-IJKL-MNOP', 'K3Y9Q-ZX7PL-M2NB8', 'A1B2C3-D4E5F6-G7H8I9', 'abcde-fghij-klmno1', 'x@1.2.3.4', 'secret-1@gmail.com', 'pass1:mail@x.com', 'pw1 30', 'pw1 | Level 30', '********1') },
);
const line = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(name, password).map(([u, p]) => `${u}:${p}`) },
  { weight: 4, arbitrary: fc.tuple(fc.stringMatching(/^[a-fh-oq-z][a-z]{1,8}[0-9]{1,4}$/), fc.stringMatching(/^[a-z][a-z0-9-]{1,10}[0-9]$/)).map(([u, p]) => `${u}:${p}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', '# stock', 'Level 30:', 'lvl30:', 'ptc:user1:pass1', 'google:user1@gmail.com:pass1', 'username:password', 'locale: en', 'trainer1@gmail.com:Secret1', 'root:x:0:0:root:/root:/bin/bash', 'http://proxy1:8080', 'user1:pass1, user2:pass2', '1) user3:pass3', 'Thanks, enjoy!'),
  },
);
const list = fc.array(line, { minLength: 1, maxLength: 25 }).map((lines) => lines.join('\n'));

const bothWays = (text: string) => [parsePlain(input('list.txt', text)), parsePlain(input('list.txt', text), { pairs: false })];

describe('plain list: the one-scan road for name:password lines', () => {
  it('reads any list exactly as the whole chain of checks does', () => {
    fc.assert(
      fc.property(list, (text) => {
        const [fast, full] = bothWays(text);
        expect(fast).toEqual(full);
      }),
      { numRuns: 600 },
    );
  });

  it('takes the usual generated and sold lines, and leaves the rest to the checks', () => {
    for (const s of ['fresh12:secret-12', 'ash_k3tch01:Pikachu.2017', 'Trainer.07:x9!?%*$&^']) expect(plainPairAt(s)).toBe(s.indexOf(':'));
    // A provider's prefix, no digit in the name, a date or a licence key, an address, a host name: the full rules.
    for (const s of ['mail1.example.org:Secret1', 'ptc1:pass1', 'trainer:pass1', 'user1:2018-01-01', 'user1:ABCD-EFGH-IJKL-MNOP', 'user1:pass1@1.2.3.4', 'user1:pass1:x', 'user1:pass 1']) expect(plainPairAt(s)).toBe(-1);
    const text = Array.from({ length: 50 }, (_, i) => `fresh${i}:secret-${i}`).join('\n');
    const [fast, full] = bothWays(text);
    expect(fast).toEqual(full);
    expect(fast!.accounts).toHaveLength(50);
  });
});
