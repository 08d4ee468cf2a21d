// Which clock is named wrong from what the hosts wrote in clocks/ (the end-to-end cases with real
// clones and faketime are in clocks.test.ts; these are the rules at their edges).
import { describe, expect, it } from 'vitest';
import { judgeClocks, roughly } from '../../src/git/clock-verdict.js';
import { parseClockFile, renderClockFile, type ClockFile } from '../../src/git/clock-files.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const file = (host: string, ahead: Record<string, number>, checkedAt = NOW.toISOString()): ClockFile => ({
  host,
  checked_at: checkedAt,
  ahead: Object.entries(ahead).map(([h, seconds]) => ({ host: h, seconds, commit: 'abc' })),
});

describe('judgeClocks', () => {
  it('names the one clock that explains every disagreement, whichever way it is off', () => {
    expect(judgeClocks([file('a', { c: 46_800 }), file('b', { c: 46_700 }), file('c', {})], NOW)).toEqual([{ host: 'c', direction: 'ahead', seconds: 46_800, others: ['a', 'b'], undecided: false }]);
    expect(judgeClocks([file('h', { a: 46_790, b: 46_780 }), file('a', {}), file('b', {})], NOW)).toEqual([{ host: 'h', direction: 'behind', seconds: 46_790, others: ['a', 'b'], undecided: false }]);
  });

  it('with only two hosts in disagreement, names the one ahead and says it cannot tell', () => {
    expect(judgeClocks([file('b', { a: 3_600 })], NOW)).toEqual([{ host: 'a', direction: 'ahead', seconds: 3_600, others: ['b'], undecided: true }]);
  });

  it('ignores leads within the tolerance, a host naming itself, and files not rewritten for two days', () => {
    expect(judgeClocks([file('a', { b: 299, a: 90_000 })], NOW)).toEqual([]);
    expect(judgeClocks([file('a', { b: 46_800 }, '2026-11-29T11:00:00.000Z')], NOW)).toEqual([]);
  });

  it('reads back what it writes, and a damaged file reads as none', () => {
    const written = file('east-1-3fa2c1', { 'west-9b8c7d': 46_800 });
    expect(parseClockFile(renderClockFile(written))).toEqual(written);
    expect(parseClockFile('host: [unclosed')).toBeUndefined();
    expect(parseClockFile('host: x\n')).toBeUndefined();
    // A peer's file nesting past what renderClockFile writes never reaches the yaml package's recursion (src/yaml-shape.ts).
    expect(parseClockFile(`host: x\nchecked_at: 2026-01-01T00:00:00.000Z\nahead: ${'['.repeat(65)}${']'.repeat(65)}\n`)).toBeUndefined();
  });

  it('says how far off in hours and minutes, rounded down (the numbers are lower bounds)', () => {
    expect([roughly(46_799), roughly(46_800), roughly(359), roughly(90_061)]).toEqual(['12 h 59 min', '13 h', '5 min', '25 h 1 min']);
  });
});
