// The circle's order is one rule (src/circle-order.ts): over accounts (`circleOrder`, then the key)
// and over the log's columns (`circleOrderBy`: `allocated_at` as ms, never used as NaN), as
// circle-view.ts orders the pending records it makes into accounts only as reached. Both must
// sort any set of canonical times exactly alike, years outside 0000-9999 too (text order there:
// `+010000` before `2026`, `-000001` after).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byKey, circleOrder, circleOrderBy } from '../../src/circle-order.js';

interface Row {
  allocated_at?: string;
  seq: number;
  key: string;
}

const ms = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00.000Z'), max: Date.parse('2026-01-01T00:00:10.000Z') }),
  fc.constantFrom(Date.parse('+010000-01-01T00:00:00.000Z'), Date.parse('-000001-01-01T00:00:00.000Z'), Date.parse('0999-01-01T00:00:00.000Z'), Date.parse('+275760-09-13T00:00:00.000Z')),
);
const row = fc.record({ at: fc.option(ms, { nil: undefined }), seq: fc.integer({ min: 0, max: 3 }), key: fc.constantFrom('a', 'b', 'c', 'd') });

describe('the circle order over columns', () => {
  it('sorts as the order over accounts does, then by key', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (drawn) => {
        const rows: Row[] = drawn.map(({ at, seq, key }) => (at === undefined ? { seq, key } : { allocated_at: new Date(at).toISOString(), seq, key }));
        const byText = rows.map((_, i) => i).sort((a, b) => circleOrder(rows[a]!, rows[b]!) || byKey(rows[a]!.key, rows[b]!.key) || a - b);
        const columns = rows.map((r) => (r.allocated_at === undefined ? Number.NaN : Date.parse(r.allocated_at)));
        const order = circleOrderBy(columns, (i) => rows[i]!.seq, (i) => rows[i]!.key);
        const byColumns = rows.map((_, i) => i).sort((a, b) => order(a, b) || a - b);
        expect(byColumns).toEqual(byText);
      }),
      { numRuns: 300 },
    );
  });
});
