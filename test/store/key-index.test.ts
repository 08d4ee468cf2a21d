// A shard's lookup of keys (key-index.ts) says what a Map from key to index says: the last index
// of a key held twice, nothing for a key not held, how many different keys, and each once in the
// order they first came (the integrity check lists keys held twice and strays from these).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyIndex } from '../../src/store/key-index.js';

// Few names, so that repeats are common; awkward ones, and many that share a prefix.
const key = fc.oneof(fc.constantFrom('ash', 'ash1', 'ash2', 'brock', 'misty', '', 'ü', '日本', '\ud800', 'a"b'), fc.string({ maxLength: 6 }), fc.nat(5000).map((n) => `user${n}`));

describe('the lookup of a shard\'s keys', () => {
  it('answers as a Map of the keys to their indexes', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { maxLength: 30 }), (keys, asked) => {
        const map = new Map(keys.map((k, i) => [k, i]));
        const index = new KeyIndex(keys);
        expect(index.size).toBe(map.size);
        expect([...index.distinct()]).toEqual([...map.keys()]);
        for (const k of [...keys, ...asked]) expect(index.get(k)).toBe(map.get(k));
      }),
      { numRuns: 500 },
    );
  });

  it('finds every key of a large shard and none of the keys it does not hold', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `user${String(i * 2).padStart(6, '0')}`);
    const index = new KeyIndex(keys);
    for (let i = 0; i < 40_000; i++) expect(index.get(`user${String(i).padStart(6, '0')}`)).toBe(i % 2 ? undefined : i / 2);
  });
});
