// The place of each key in a list that only grows (an import's new accounts as columns,
// fresh-accounts.ts): what a Map from key to place would say, in two typed arrays.
//
// An import of 100,000 new lines asks about each key once (a duplicate inside the dump?) and
// adds it once. As a Map of strings that was the largest single cost of the import rules in the
// profile (~0.25 s of `mergeDump`'s ~0.6 s at 100,000 lines, the table growing seventeen times
// and each miss walking a bucket chain through key strings). Here, as in key-index.ts, a key is
// found by its hash in an open-addressed table holding the hashes beside the places: a miss
// touches the table only, a hit compares one key (`holds`: the list keeps no key strings, stop 35).
// test/store/key-places.test.ts holds it to a Map on random keys.
import { hashOf } from './key-index.js';

export class KeyPlaces {
  /** Per slot: the place of the key there + 1 (0: empty). */
  private slots: Int32Array;
  /** Per slot: that key's hash. */
  private hashes: Int32Array;
  private mask: number;
  /** How many keys of the list are in the table. */
  private count = 0;
  /** The last key indexOf did not find, and its hash: the importer adds that very key next (no second hash of it). */
  private missed: string | undefined;
  private missedHash = 0;

  /**
   * @param holds whether the list holds `key` at `place` (each key in it once, added to it before `added` is called)
   * @param capacity how many keys may come (a hint): the table is made at that size, not grown to it
   */
  constructor(
    private readonly holds: (place: number, key: string) => boolean,
    capacity = 0,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The place of `key` in the list, or -1. */
  indexOf(key: string): number {
    const hash = hashOf(key);
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const held = this.slots[at]!;
      if (held === 0) {
        this.missed = key;
        this.missedHash = hash;
        return -1;
      }
      if (this.hashes[at] === hash && this.holds(held - 1, key)) return held - 1;
    }
  }

  /** The list's last key, `key` (not in it before), is to be found from now on. */
  added(key: string): void {
    // At most half full: a miss ends within a few slots.
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.put(this.count, key === this.missed ? this.missedHash : hashOf(key));
    this.missed = undefined;
    this.count++;
  }

  private put(place: number, hash: number): void {
    let at = hash & this.mask;
    while (this.slots[at] !== 0) at = (at + 1) & this.mask;
    this.slots[at] = place + 1;
    this.hashes[at] = hash;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let at = 0; at < slots.length; at++) if (slots[at] !== 0) this.put(slots[at]! - 1, hashes[at]!);
  }
}
