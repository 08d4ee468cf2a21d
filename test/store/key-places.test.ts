// The places of an import's new keys (key-places.ts) say what a Map from key to place says, as
// the list grows past each resize of the table: the place of each key added, -1 for any other.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyPlaces } from '../../src/store/key-places.js';

// Few names, so that asked keys are often held; awkward ones, and many that share a prefix.
const key = fc.oneof(fc.constantFrom('ash', 'ash1', 'ash2', 'brock', '', 'ü', '日本', '\ud800', 'a"b'), fc.string({ maxLength: 6 }), fc.nat(5000).map((n) => `user${n}`));

describe('the places of an import\'s new keys', () => {
  it('answer as a Map of the keys added so far to their places', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { maxLength: 30 }), fc.nat(400), (wanted, asked, capacity) => {
        const keys: string[] = [];
        // Made at a size (the dump's length, a hint that may be too small) or grown from nothing.
        const places = new KeyPlaces((place, k) => keys[place] === k, capacity % 2 ? capacity : 0);
        const map = new Map<string, number>();
        wanted.forEach((k, i) => {
          // Asked before it is added, as the importer asks (a duplicate inside the dump?).
          expect(places.indexOf(k)).toBe(map.get(k) ?? -1);
          if (map.has(k)) return;
          // Sometimes another key asked in between (the spellings check looks up the spelling a new key stands for).
          const other = asked[i % 7];
          if (other !== undefined) expect(places.indexOf(other)).toBe(map.get(other) ?? -1);
          map.set(k, keys.length);
          keys.push(k);
          places.added(k);
        });
        for (const k of [...wanted, ...asked]) expect(places.indexOf(k)).toBe(map.get(k) ?? -1);
      }),
      { numRuns: 500 },
    );
  });

  it('finds each of 100,000 keys and none of the keys it was not given', () => {
    const keys: string[] = [];
    const places = new KeyPlaces((place, k) => keys[place] === k);
    for (let i = 0; i < 100_000; i++) {
      keys.push(`fresh${i * 2}`);
      places.added(`fresh${i * 2}`);
    }
    for (let i = 0; i < 200_000; i++) expect(places.indexOf(`fresh${i}`)).toBe(i % 2 ? -1 : i / 2);
  });
});
