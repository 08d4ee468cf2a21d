// A shard's circle index carried over a partial fold (src/store/circle-fold.ts): exactly the index
// made from the new file when the fold wrote what it says, and none at all otherwise, so that a
// stale index can never be saved under the new file's sha1.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldedCircle } from '../../src/store/circle-fold.js';
import type { ShardCircle, Sighting } from '../../src/store/circle-index.js';
import { circleOf } from '../../src/store/circle-build.js';
import { decodeShard, encodeAccountLine, encodeShard, shardHash } from '../../src/store/shard-codec.js';
import { ShardState } from '../../src/store/shard-state.js';
import { makeAccount } from '../helpers/accounts.js';

const NAME = '1';
// Times as the store writes them: one without its fraction (`12:00:00Z`) never stands in a line read as ours (account-times.ts hasWrittenTimes).
const times = ['2026-05-31T00:00:00.000Z', '2026-06-01T11:00:00.000Z', '2026-06-01T12:00:00.000Z', '2026-06-01T12:00:00.500Z', undefined];

function indexOf(bytes: Buffer): { index: ShardCircle; encoded: Buffer; sighting: Sighting } {
  const decoded = decodeShard(NAME, 'shard', bytes.toString('utf8'));
  const sighting: Sighting = { version: 2, name: NAME, sha1: shardHash(bytes), shards: 2, stamp: 'stamp', checkedAt: 0 };
  return { ...circleOf(new ShardState(NAME, 'shard', decoded.lines, decoded.accounts), bytes, sighting, (key) => key.endsWith('7')), sighting };
}

describe('a circle index carried over a fold', () => {
  it('is byte for byte the index made from the new file, for any lines replaced with any standings', () => {
    const change = fc.record({ line: fc.nat(11), allocated_at: fc.constantFrom(...times), level: fc.constantFrom(29, 30, 31), state: fc.constantFrom('ok' as const, 'perm_banned' as const), holder: fc.option(fc.constant('east'), { nil: undefined }), provider: fc.constantFrom('ptc' as const, 'ptc' as const, 'google' as const) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), fc.array(fc.constantFrom(...times), { minLength: 12, maxLength: 12 }), (changes, first) => {
        const accounts = first.map((allocated_at, i) => makeAccount(i, { seq: i % 4, ...(allocated_at ? { allocated_at } : {}) }));
        const before = Buffer.from(encodeShard(NAME, accounts.map(encodeAccountLine)));
        const replaced = new Map<number, string>();
        for (const c of changes) {
          const account = { ...accounts[c.line]!, provider: c.provider, level: c.level, state: c.state, ...(c.allocated_at ? { allocated_at: c.allocated_at } : {}), ...(c.holder ? { holder: c.holder, held_until: '2026-06-02T00:00:00.000Z' } : {}) };
          replaced.set(c.line, encodeAccountLine(account));
        }
        const lines = accounts.map((a, i) => replaced.get(i) ?? encodeAccountLine(a));
        const after = Buffer.from(encodeShard(NAME, lines));
        const made = indexOf(after);
        const carried = foldedCircle(indexOf(before).index, before, after, replaced, made.sighting);
        // A Google name without @ is listed by its provider (a serve post may change it): where a
        // line changed provider, no index is carried, else exactly the one made from the file.
        const providerChanged = [...replaced].some(([i]) => [...changes].reverse().find((c) => c.line === i)!.provider !== accounts[i]!.provider);
        if (carried || !providerChanged) expect(carried?.encoded.equals(made.encoded)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is none where the new file is not the old one with those lines replaced, or the old bytes are not those indexed', () => {
    const accounts = Array.from({ length: 6 }, (_, i) => makeAccount(i));
    const lines = accounts.map(encodeAccountLine);
    const before = Buffer.from(encodeShard(NAME, lines));
    const old = indexOf(before).index;
    const replaced = new Map([[2, encodeAccountLine({ ...accounts[2]!, level: 31 })]]);
    const written = (edit: (lines: string[]) => void) => {
      const next = lines.map((line, i) => replaced.get(i) ?? line);
      edit(next);
      const after = Buffer.from(encodeShard(NAME, next));
      return foldedCircle(old, before, after, replaced, indexOf(after).sighting);
    };
    expect(written(() => {})).toBeDefined();
    // A kept line that is not what it was (edited meanwhile), same length included.
    expect(written((next) => (next[4] = next[4]!.replace('"level": 30', '"level": 29')))).toBeUndefined();
    // A replaced line that is not what the fold says it wrote.
    expect(written((next) => (next[2] = next[2]!.replace('"level": 31', '"level": 32')))).toBeUndefined();
    // A line more, or one fewer.
    expect(written((next) => next.push(encodeAccountLine(makeAccount(9))))).toBeUndefined();
    expect(written((next) => next.pop())).toBeUndefined();
    // The line break before a replaced line made another byte (the kept line and the replaced one
    // joined, the length the same): kept lines are compared with their line breaks.
    const good = Buffer.from(encodeShard(NAME, lines.map((line, i) => replaced.get(i) ?? line)));
    const joined = Buffer.from(good);
    joined[good.indexOf(replaced.get(2)!) - 1] = 0x20;
    expect(foldedCircle(old, before, joined, replaced, indexOf(good).sighting)).toBeUndefined();
    // The old bytes are not those the old index was made from.
    const other = Buffer.from(encodeShard(NAME, lines.slice(1)));
    const after = Buffer.from(encodeShard(NAME, lines.map((line, i) => replaced.get(i) ?? line)));
    expect(foldedCircle(old, other, after, replaced, indexOf(after).sighting)).toBeUndefined();
  });
});
