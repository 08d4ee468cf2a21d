// The shape a list's reader settles on (list-layout.ts) follows its stated rules for any list,
// whatever shortcut finds it: a terminator is a character every content line ends with except
// perhaps the last (`user:pass,` when a shop joined its stock with commas; tried in the order
// `, ; | :`), and the separator is the one most lines use (ties to `: ; , TAB space`). A
// 100,000-line list is read with the same rules, so they are stated here independently of the
// code, over lists mixing every separator and ending.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseLayout } from '../../src/formats/lists/list-layout.js';
import { isSkipped, lineSep, prepareLine } from '../../src/formats/lists/account-line.js';
import { stripEnd } from '../../src/formats/decode.js';

const TERMINATORS = [',', ';', '|', ':'];
const SEP_ORDER = [':', ';', ',', '\t', ' '];

// A digit in every name: no line reads as a header naming the columns.
const user = fc.stringMatching(/^[a-z]{2}[0-9][a-z0-9_]{0,7}$/);
const pass = fc.stringMatching(/^[A-Za-z0-9!#$%&*+=?@^_-]{3,12}$/).filter((p) => !p.startsWith('#'));
const sep = fc.constantFrom(':', ';', ',', '\t', ' ');
const ending = fc.constantFrom('', '', ',', ';', '|', ':');
const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(user, sep, pass, ending).map(([u, s, p, e]) => `${u}${s}${p}${e}`) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('# stock list') },
);
/** Lists where one ending is (nearly) everywhere, and lists of anything. */
const list = fc.oneof(
  fc.tuple(fc.array(line, { minLength: 2, maxLength: 30 }), fc.constantFrom(...TERMINATORS), fc.boolean()).map(([lines, t, lastBare]) =>
    lines.map((l, i) => (l === '' || l.startsWith('#') || (lastBare && i === lines.length - 1) ? l : `${l.replace(/[,;|:]$/, '')}${t}`)),
  ),
  fc.array(line, { minLength: 0, maxLength: 30 }),
);

/** The rules, said plainly: the content lines as the reader prepares them. */
function expected(lines: string[]): { terminator?: string; sep: string } {
  const content = lines.map(prepareLine).filter((s) => !isSkipped(s));
  let terminator: string | undefined;
  if (content.length >= 2) {
    terminator = TERMINATORS.find((t) => content.slice(0, -1).every((s) => s.endsWith(t)));
  }
  const stripped = terminator ? content.map((s) => (s.endsWith(terminator) ? stripEnd(s.slice(0, -1)) : s)) : content;
  const votes = new Map<string, number>();
  for (const s of stripped) {
    const found = lineSep(s);
    if (found) votes.set(found, (votes.get(found) ?? 0) + 1);
  }
  let best = ':';
  for (const candidate of SEP_ORDER) if ((votes.get(candidate) ?? 0) > (votes.get(best) ?? 0)) best = candidate;
  return { ...(terminator ? { terminator } : {}), sep: best };
}

describe('list layout', () => {
  it('the terminator and the separator are those the rules name, for any list (no header line)', () => {
    fc.assert(
      fc.property(list, (lines) => {
        const layout = analyseLayout(lines);
        const want = expected(lines);
        expect({ terminator: layout.terminator, sep: layout.sep }).toEqual({ terminator: want.terminator, sep: want.sep });
      }),
      { numRuns: 400 },
    );
  });
});
