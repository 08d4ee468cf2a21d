// mergeDump's duplicate rule, stated on its own: the first line of an account (usernames compared
// without case) wins, and each later line names it. Checked on random dumps mixing new accounts,
// accounts the pool holds, case variants, and a moved pool's accounts whose history brings its
// own import number (export + import), since the rule is found two ways (merge.ts's FirstLines).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyOf } from '../../src/model.js';
import { mergeDump } from '../../src/import/merge.js';
import { Transaction } from '../../src/store/transaction.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { openFilledPool } from '../helpers/pool.js';

const NAMES = ['user000001', 'USER000002', 'user000003', 'newbie', 'NewBie', 'other', 'third1', 'Third1'];

const line = fc.record({
  name: fc.constantFrom(...NAMES),
  password: fc.constantFrom('pw-a', 'pw-b', 'pw-1:x,y"z'),
  // A history's import number near those this import hands out (the pool's are 1-5).
  history: fc.option(fc.record({ seq: fc.integer({ min: 4, max: 10 }), source: fc.constant('old.jsonl') }), { nil: undefined }),
});

describe('mergeDump duplicates', () => {
  it('the first line of each account (case aside) wins; every later one names it', async () => {
    const pool = await openFilledPool(4, 5); // user000000..user000004
    const snapshot = await pool.read();
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), async (lines) => {
        const accounts: DumpAccount[] = lines.map((l, i) => ({ username: l.name, password: l.password, line: i + 3, ...(l.history ? { history: l.history } : {}) }));
        const report = mergeDump(new Transaction(snapshot, pool.now()), 'd.txt', { format: 'plain', accounts, rejected: [] }, { source: 'd.txt', level: 30 }, pool.config);
        const first = new Map<string, number>();
        const duplicates: { line: number; first: number }[] = [];
        for (const a of accounts) {
          const seen = first.get(keyOf(a.username));
          if (seen === undefined) first.set(keyOf(a.username), a.line);
          else duplicates.push({ line: a.line, first: seen });
        }
        expect(report.duplicates).toEqual(duplicates);
        const known = [...first.keys()].filter((k) => snapshot.get(k)).length;
        expect(report.added).toBe(first.size - known);
        expect(report.updated + report.unchanged).toBe(known);
      }),
      { numRuns: 300 },
    );
  });
});
