// Whatever we write for a scanner (or export), our own readers give back: same usernames,
// passwords and providers (and devices for Monocle, every DumpAccount field for JSON), whatever
// the password holds. Passwords here include `:` `,` `"` `;` `#`, blanks (also leading and
// trailing: the Monocle writer quotes those, JSON keeps them), tabs and non-ASCII text; never line
// breaks or other control characters, which no account file can carry on one line. A monocle
// file carries only what Monocle forks' import_accounts.py reads back unchanged (monocleProblem:
// no blank or comma at either end, which its `.strip().strip(',')` would eat; scanner-files.test.ts
// reads them the way that importer does), so those passwords get a letter at each end. A rocketmap
// file carries only what RocketMap itself reads back (rocketmapProblem; scanner-files.test.ts
// reads them the way RocketMap does); of those, our csv-parse reader takes a password that starts
// with `"` for a quoted field, so passwords here start and end with a letter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump, toDumpInput, WRITERS } from '../../src/formats/index.js';
import { monocleProblem } from '../../src/formats/tools/monocle.js';
import { rocketmapProblem } from '../../src/formats/tools/rocketmap.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { STATES, type Account } from '../../src/model.js';

const username = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,19}(@gmail\.com)?$/);
const piece = fc.oneof(
  fc.constantFrom(':', ',', '"', ';', ' ', '#', "'", '\t', '=', '|', '\\', '>', 'é', 'ß', '日本', '🔑', 'Ω', '\u00a0', '""'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
);
const password = fc
  .array(piece, { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''))
  // No password holds a control, a line separator or a direction mark: a dump's is refused (password-controls.ts).
  .filter((p) => p !== '' && !/[\x00-\x08\x0a-\x1f\x7f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(p));
const device = fc.record({
  model: fc.constantFrom('iPhone9,3', 'iPhone8,1', 'iPad6,11'),
  ios: fc.constantFrom('10.3.3', '11.0.3', '10.2.1'),
  id: fc.stringMatching(/^[0-9a-f]{32}$/),
});
const account: fc.Arbitrary<Account & { password: string }> = fc.record(
  {
    username,
    password,
    provider: fc.constantFrom('ptc' as const, 'google' as const),
    level: fc.integer({ min: 0, max: 40 }),
    state: fc.constantFrom(...STATES),
    device,
    added_at: fc.constant('2026-11-01T09:00:00.000Z'),
    seq: fc.nat(),
    holder: fc.constantFrom('scanner-1', 'scanner-2'),
  },
  { requiredKeys: ['username', 'password', 'provider', 'level', 'state', 'added_at', 'seq'] },
);
const accounts = fc.array(account, { minLength: 1, maxLength: 25 });
/** The same, made carriable by Monocle forks' importer: no blank or comma at either end. */
const monocleAccounts = accounts.map((list) => list.map((a) => ({ ...a, password: `k${a.password}z` })));
/** The same, made carriable by RocketMap: no comma, no blank at either end (nor a leading `"`). */
const rocketmapAccounts = accounts.map((list) => list.map((a) => ({ ...a, password: `k${a.password.replace(/,/g, ';')}z` })));

async function reread(name: string, text: string): Promise<DumpAccount[]> {
  const result = await readDump(toDumpInput(name, Buffer.from(text, 'utf8')));
  expect(result.rejected).toEqual([]);
  return result.accounts;
}

describe('writers re-import to the same accounts', () => {
  it('monocle', async () => {
    await fc.assert(
      fc.asyncProperty(monocleAccounts, async (list) => {
        for (const a of list) expect(monocleProblem(a)).toBeUndefined();
        const back = await reread('accounts.csv', WRITERS.monocle(list));
        expect(back).toEqual(
          list.map((a, i) => ({ username: a.username, password: a.password, provider: a.provider, line: i + 2, ...(a.device ? { device: a.device } : {}) })),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('rocketmap', async () => {
    await fc.assert(
      fc.asyncProperty(rocketmapAccounts, async (list) => {
        for (const a of list) expect(rocketmapProblem(a)).toBeUndefined();
        const back = await reread('accounts.csv', WRITERS.rocketmap(list));
        expect(back).toEqual(list.map((a, i) => ({ username: a.username, password: a.password, provider: a.provider, line: i + 1 })));
      }),
      { numRuns: 150 },
    );
  });

  it('json', async () => {
    await fc.assert(
      fc.asyncProperty(accounts, async (list) => {
        const back = await reread('pool.jsonl', WRITERS.json(list));
        expect(back).toEqual(
          list.map((a, i) => ({
            username: a.username,
            password: a.password,
            provider: a.provider,
            level: a.level,
            state: a.state,
            line: i + 1,
            ...(a.device ? { device: a.device } : {}),
            history: { added_at: a.added_at },
          })),
        );
      }),
      { numRuns: 150 },
    );
  });
});
