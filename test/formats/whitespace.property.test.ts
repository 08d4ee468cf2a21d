// Which reader is chosen, and what it reads, never depends on the KIND of blank in a dump: a list
// copied from a web page or a mail carries U+00A0, thin or ideographic spaces where the seller
// typed spaces, and line-end padding of any kind. Before, one U+00A0 in a blank-separated list
// made it "e-mail text", whose reader skips broken lines silently instead of rejecting them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import type { DumpResult } from '../../src/formats/types.js';
import { input } from './helpers.js';

/** Every blank JavaScript's `\s` knows, line breaks aside. */
const BLANKS = [' ', '\t', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2002', '\u2003', '\u2007', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
/** Blanks that may stand where a space stood (a tab is a separator of its own in lists). */
const SPACE_LIKE = BLANKS.filter((b) => b !== '\t');

const user = fc.stringMatching(/^[a-z][a-z0-9_]{2,11}$/);
const pass = fc.stringMatching(/^[A-Za-z0-9!#$%&*+=?@^_-]{3,14}$/).filter((p) => !p.startsWith('#'));
const word = fc.constantFrom('thanks', 'for', 'your', 'order', 'the', 'accounts', 'are', 'below', 'enjoy', 'regards', 'Hello', 'level', 'fresh');

/** One line of a seller list: an account, a broken account, a comment or a blank line. */
const listLine = (sep: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(user, pass).map(([u, p]) => `${u}${sep}${p}`) },
    { weight: 1, arbitrary: user },
    { weight: 1, arbitrary: user.map((u) => (sep === ' ' ? `${u} ` : `${u}${sep}`)) },
    { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => `# ${w.join(' ')}`) },
    { weight: 1, arbitrary: fc.constant('') },
  );
const list = fc.constantFrom(':', ';', ',', ' ', '\t').chain((sep) => fc.array(listLine(sep), { minLength: 3, maxLength: 25 }));

/** A seller's mail: prose, label blocks and `user:pass` lines. */
const sentence = fc.array(word, { minLength: 2, maxLength: 8 }).map((w) => `${w.join(' ')}.`);
const mailPart = fc.oneof(
  sentence,
  fc.tuple(user, pass).map(([u, p]) => `Username: ${u}\nPassword: ${p}`),
  fc.tuple(user, pass).map(([u, p]) => `${u}:${p}`),
  fc.constant(''),
);
const mail = fc.tuple(sentence, fc.array(mailPart, { minLength: 2, maxLength: 12 }), sentence).map(([a, parts, z]) => [a, '', ...parts, '', z].join('\n').split('\n'));

/** The same lines in other blanks: each space becomes any space-like blank, any line gets padding of any blanks. */
function reclothed(lines: string[]): fc.Arbitrary<string[]> {
  const blankRun = fc.array(fc.constantFrom(...BLANKS), { maxLength: 3 }).map((b) => b.join(''));
  return fc.tuple(...lines.map((line) =>
    fc.tuple(fc.array(fc.constantFrom(...SPACE_LIKE), { minLength: line.length, maxLength: line.length }), blankRun, blankRun).map(([swaps, before, after]) => {
      let i = 0;
      const body = line.replace(/ /g, () => swaps[i++]!);
      // A blank line may become a blank-only line; a tab-separated line keeps its tab.
      return line === '' ? after : `${before}${body}${after}`;
    }),
  ));
}

function summary(result: DumpResult | Error) {
  if (result instanceof Error) return { error: result.message };
  return { accounts: result.accounts.map((a) => [a.line, a.username, a.password]), rejected: result.rejected };
}

async function read(lines: string[]) {
  const dump = input('dump.txt', `${lines.join('\n')}\n`);
  return { format: detectFormat(dump)?.name, ...summary(await readDump(dump).catch((e: Error) => e)) };
}

describe('blanks of any kind', () => {
  it('never change the reader chosen for a seller list, nor what it reads and rejects', async () => {
    await fc.assert(
      fc.asyncProperty(list.chain((lines) => fc.tuple(fc.constant(lines), reclothed(lines))), async ([lines, other]) => {
        expect(await read(other)).toEqual(await read(lines));
      }),
      { numRuns: 300 },
    );
  });

  it('never change the reader chosen for a seller mail, nor the accounts it finds', async () => {
    await fc.assert(
      fc.asyncProperty(mail.chain((lines) => fc.tuple(fc.constant(lines), reclothed(lines))), async ([lines, other]) => {
        expect(await read(other)).toEqual(await read(lines));
      }),
      { numRuns: 200 },
    );
  });

  it('a blank-separated list with one U+00A0 is still a list: its broken lines are rejected, not skipped', async () => {
    const text = 'alice pw1\nbob pw2\ncarol\u00a0pw3\ndave\neve pw5\n';
    const result = await readDump(input('list.txt', text));
    expect(result.format).toBe('plain');
    expect(result.accounts.map((a) => [a.username, a.password])).toEqual([['alice', 'pw1'], ['bob', 'pw2'], ['carol', 'pw3'], ['eve', 'pw5']]);
    expect(result.rejected).toEqual([{ line: 4, reason: 'missing password' }]);
  });
});
