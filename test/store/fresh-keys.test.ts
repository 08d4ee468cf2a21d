// The plan reads an import's new accounts shard by shard (store/fresh-keys.ts): each shard's
// accounts must be exactly those whose home it is, in the columns' order, each with its key as
// keyOf makes it from the name added, upper case and names held as text (not plain) included.
// A wrong key here puts an account out of order in its shard's file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FreshAccounts } from '../../src/store/fresh-accounts.js';
import { FreshKeys } from '../../src/store/fresh-keys.js';
import { keyOf } from '../../src/model.js';

// Plain names (upper case among them), and names the columns keep as text: a quote, a backslash, non-ASCII.
const name = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.@'), minLength: 1, maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'aB"\\ëＫ😀'), minLength: 1, maxLength: 6 }),
);

describe("an import's new keys, shard by shard", () => {
  it('are each shard\'s own accounts in the columns\' order, keyed as keyOf keys them', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 0, maxLength: 60, selector: keyOf }), fc.integer({ min: 1, max: 9 }), fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), (names, shards, picks) => {
        const fresh = new FreshAccounts('2026-06-01T00:00:00.000Z', 'd.txt', 4);
        names.forEach((username, n) => fresh.add(keyOf(username), username, 'pw', 'ptc', 30, n + 1));
        const homes = Int32Array.from(names, (_, n) => picks[n]! % shards);
        const keys = new FreshKeys(fresh, homes, shards);
        for (let s = 0; s < shards; s++) {
          const places = names.map((_, n) => n).filter((n) => homes[n] === s);
          expect([...keys.placesOf(s)]).toEqual(places);
          expect(keys.keysOf(s)).toEqual(places.map((n) => keyOf(names[n]!)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
