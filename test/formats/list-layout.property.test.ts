// The shape a list's reader settles on (list-layout.ts) follows its stated rules for any list,
// whatever shortcut finds it: a terminator is a character every content line ends with except
// perhaps the last (`user:pass,` when a shop joined its stock with commas; tried in the order
// `, ; | :`), and the separator is the one most lines use (ties to `: ; , TAB space`). A
// 100,000-line list is read with the same rules, so they are stated here independently of the
// code, over lists mixing every separator and ending.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { analyseLayout } from '../../src/formats/lists/list-layout.js';
import { isSkipped, lineSep, prepareLine } from '../../src/formats/lists/account-line.js';
import { stripEnd } from '../../src/formats/decode.js';
import { input } from './helpers.js';

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

// Stop 60 (W): a numbered table (`Nr.`, `#`, `ID`, `Index`, `Lfd. Nr.`, `N.º` over a login, a password and
// a level or a note; bars bare, framed or padded, `;`, `,`, tabs) with one row shifted as people type
// and paste them: its number left out, a cell more after it, its last cell dropped, a word where the
// number goes. `|ash01|Pika1!|x|` under `|Nr.|Login|Passwort|Level|` imported the login `Pika1!` with the
// password `x`. Whatever the reading, every account imported is one row's login AND that row's
// password, each unshifted row is imported exactly, and the shifted row is imported exactly or refused by its line.
const COUNTERS = ['Nr.', 'No.', '#', 'ID', 'Index', 'Lfd. Nr.', 'N.º', 'Nummer', 'Número'];
const HEADS = [['Login', 'Password', 'Level'], ['Benutzername', 'Passwort', 'Stufe'], ['Usuario', 'Contraseña', 'Nivel'], ['Usuário', 'Senha', 'Nível'], ['Login', 'Passwort', 'Notiz']];
const WRITE: Record<string, (cells: string[]) => string> = {
  bare: (c) => c.join('|'),
  framed: (c) => `|${c.join('|')}|`,
  padded: (c) => c.join(' | '),
  framedPadded: (c) => `| ${c.join(' | ')} |`,
  semicolon: (c) => c.join(';'),
  comma: (c) => c.join(','),
  tab: (c) => c.join('\t'),
};
const login = fc.stringMatching(/^[a-z]{3,6}[0-9]{1,3}$/);
// A letter, a digit and a mark, never a separator of any table shape: what sold and generated passwords hold.
const secret = fc.tuple(fc.stringMatching(/^[A-Z][a-z]{2,6}$/), fc.stringMatching(/^[0-9]{1,3}$/), fc.constantFrom('!', '#', '$', '?', '*', '@')).map(([a, b, c]) => a + b + c);
const SHIFTS = ['no number', 'cell more', 'last dropped', 'word as number', 'x for level'] as const;
const numberedTable = fc.record({
  counter: fc.constantFrom(...COUNTERS),
  head: fc.constantFrom(...HEADS),
  style: fc.constantFrom(...Object.keys(WRITE)),
  rows: fc.uniqueArray(fc.tuple(login, secret, fc.integer({ min: 1, max: 40 })), { minLength: 2, maxLength: 6, selector: ([u]) => u }),
  shifted: fc.nat(),
  shift: fc.constantFrom(...SHIFTS),
});

describe('a numbered table with a row shifted', () => {
  it("imports no account but a row's own login and password; the others exact, the shifted one exact or refused by its line", async () => {
    await fc.assert(
      fc.asyncProperty(numberedTable, async ({ counter, head, style, rows, shifted, shift }) => {
        const note = head[2] === 'Notiz';
        const at = shifted % rows.length;
        const lines = [WRITE[style]!([counter, ...head])];
        rows.forEach(([u, p, level], k) => {
          let cells = [String(k + 1), u, p, note ? 'neu' : String(level)];
          if (k === at) {
            if (shift === 'no number') cells = cells.slice(1);
            else if (shift === 'cell more') cells = [...cells, 'fresh'];
            else if (shift === 'last dropped') cells = cells.slice(0, 3);
            else if (shift === 'word as number') cells = [u, p, note ? 'neu' : String(level), 'x'];
            else cells = [u, p, 'x'];
          }
          lines.push(WRITE[style]!(cells));
        });
        const r = await readDump(input('table.txt', lines.join('\n') + '\n')).catch((e: Error) => e);
        expect(r, lines.join('\n')).not.toBeInstanceOf(Error);
        if (r instanceof Error) return;
        const read = r.accounts.map((a) => [a.line, a.username, a.password]);
        for (const a of read) expect(rows.map(([u, p], k) => [k + 2, u, p]), lines.join('\n')).toContainEqual(a);
        rows.forEach(([u, p], k) => {
          if (k !== at) expect(read, lines.join('\n')).toContainEqual([k + 2, u, p]);
          else if (!read.some((a) => a[0] === k + 2)) expect(r.rejected.map((x) => x.line), lines.join('\n')).toContain(k + 2);
        });
      }),
      { numRuns: 150 },
    );
  });
});
