// Any account a seller lists with free notes after it comes out exact: for random accounts, notes
// (levels in their words, verdicts, providers, sold/fresh, prices, dates, teams, emoji, counters)
// framed by brackets, bars or dashes, and the separators the plain readers accept (`:` `;` `,` a
// tab, a blank), the password never holds the note, a counter is never the level, and the level and
// verdict read are the note's. Words the readers do not know leave the line refused or as written,
// never an account with another password.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const username = fc.stringMatching(/^[a-z]{3,8}_[a-z0-9]{1,4}[0-9]$/);
const password = fc.stringMatching(/^[A-Z][a-z]{2,8}[!#$%&][a-z0-9]{0,4}[0-9]$/);
const level = fc.integer({ min: 1, max: 40 });
const levelNote = level.chain((n) => fc.constantFrom(`(Level ${n})`, `[lvl ${n}]`, `Lv.${n}`, `level ${n}`, `- Level ${n} -`, `| lvl${n} |`, `${n}lvl`).map((s) => ({ s, level: n })));
const verdict = fc.constantFrom(
  { s: 'OK', state: 'ok' },
  { s: 'working', state: 'ok' },
  { s: 'banned', state: 'perm_banned' },
  { s: 'temp banned', state: 'temp_banned' },
  { s: '', state: undefined },
);
const plainWords = fc.subarray(['sold', 'fresh', '$4.99', '2.50 USD', '14.11.17', '2017-11-14', 'Team Mystic', '🔥', 'new'], { maxLength: 2 });
const counter = fc.integer({ min: 1, max: 999 }).chain((n) => fc.constantFrom('', `#${n}`, `${n})`));
const sep = fc.constantFrom(':', ';', ',', '\t', ' ');
const gap = fc.constantFrom(' ', '  ', '\t');

const entry = fc.record({ username, password, note: levelNote, verdict, words: plainWords, counter, gap });

describe('account lines with notes (property)', () => {
  it('every account with a level note comes out exact, whatever else the note says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entry, { minLength: 1, maxLength: 6, selector: (e) => e.username }), sep, async (entries, s) => {
        const lines = entries.map((e) => [`${e.username}${s}${e.password}`, e.note.s, e.verdict.s, ...e.words, e.counter].filter((w) => w !== '').join(e.gap));
        const r = await readDump(input('stock.txt', `${lines.join('\n')}\n`));
        expect(r.rejected).toEqual([]);
        expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state])).toEqual(entries.map((e) => [e.username, e.password, e.note.level, e.verdict.state]));
      }),
      { numRuns: 150 },
    );
  });

  it('a counter in front of or after each account, from any start, is never a level', async () => {
    const shape = fc.constantFrom((n: number) => `(${n})`, (n: number) => `[${n}]`, (n: number) => `#${n}`, (n: number) => `${n})`);
    // `1 user:pass`: a forum's bare number in front, no `)` after it.
    const front = fc.constantFrom((n: number) => `${n})`, (n: number) => `${n}.`, (n: number) => `#${n}`, (n: number) => `(${n})`, (n: number) => `${n}`);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ username, password }), { minLength: 3, maxLength: 8, selector: (e) => e.username }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        shape,
        front,
        sep,
        async (entries, start, before, after, lead, s) => {
          const lines = entries.map((e, k) => (before ? `${lead(start + k)} ${e.username}${s}${e.password}` : `${e.username}${s}${e.password} ${after(start + k)}`));
          const r = await readDump(input('stock.txt', `${lines.join('\n')}\n`));
          expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(entries.map((e) => [e.username, e.password, undefined]));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a note with words not read never puts another password in the pool', async () => {
    const unknown = fc.constantFrom('sold to bob', 'see below', 'ask me', 'mail changed to misty', 'gift for kim');
    await fc.assert(
      fc.asyncProperty(username, password, levelNote, unknown, sep, async (u, p, note, words, s) => {
        const r = await readDump(input('stock.txt', `${u}${s}${p} ${note.s} ${words}\nzz_other1${s}Other!pass1\n`)).catch(() => undefined);
        for (const a of r?.accounts ?? []) if (a.username === u) expect(a.password === p || a.password.startsWith(`${p} `)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
