// Where each key of one shard is: what a Map from key to index would say, in two typed arrays.
//
// Every transaction that reads the whole pool builds one per shard (the integrity check asks
// each shard whether a key is held twice), and an import asks its shard about each new
// account. As a Map of strings that was 100,000 insertions at 100,000 accounts, ~0.2 s in the
// profile of an import, and each miss walked a bucket chain through the key strings (a cache
// miss per string). Here a key is found by its own hash in an open-addressed table that holds
// the hashes beside the indexes: a miss touches the table only, a hit compares one string.
// test/store/key-index.test.ts holds it to a Map on random keys, repeats included.

/** A 32-bit hash of the key's UTF-16 code units, mixed (not FNV: a shard's keys share FNV's low bits, see layout.ts). */
export function hashOf(key: string): number {
  let h = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) h = mixed(h, key.charCodeAt(i));
  return finished(h);
}

/**
 * hashOf the lower-cased key of a username written plainly as bytes [from, to) (printable ASCII,
 * no backslash: what a canonical line quotes as it is), without making the string; undefined for
 * any other bytes (the caller decodes those).
 */
export function hashOfPlainBytes(bytes: Uint8Array, from: number, to: number): number | undefined {
  let h = 0x9747b28c ^ (to - from);
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    if (c < 0x20 || c > 0x7e || c === 0x5c) return undefined;
    h = mixed(h, c >= 0x41 && c <= 0x5a ? c + 0x20 : c); // toLowerCase of ASCII
  }
  return finished(h);
}

/** One code unit into the hash (both hashes above: one function, so they cannot drift apart). */
function mixed(h: number, c: number): number {
  h = Math.imul(h ^ c, 0x5bd1e995);
  return h ^ (h >>> 13);
}

function finished(h: number): number {
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 16)) | 0;
}

export class KeyIndex {
  /** Per slot: the index of the key there + 1 (0: empty). */
  private readonly slots: Int32Array;
  /** Per slot: that key's hash. */
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /** Per index: 1 when the same key came earlier (Map.keys() lists a key where it first came). */
  private readonly repeat: Uint8Array;
  /** How many different keys. */
  readonly size: number;

  /** As `new Map(keys.map((key, i) => [key, i]))`: a key held twice is at its last index. */
  constructor(private readonly keys: readonly string[]) {
    let capacity = 8;
    while (capacity < keys.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.repeat = new Uint8Array(keys.length);
    let size = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const hash = hashOf(key);
      let at = hash & this.mask;
      for (;;) {
        const held = this.slots[at]!;
        if (held === 0) {
          this.slots[at] = i + 1;
          this.hashes[at] = hash;
          size++;
          break;
        }
        if (this.hashes[at] === hash && keys[held - 1] === key) {
          this.slots[at] = i + 1;
          this.repeat[i] = 1;
          break;
        }
        at = (at + 1) & this.mask;
      }
    }
    this.size = size;
  }

  /** The (last) index of `key`, or undefined. */
  get(key: string): number | undefined {
    const hash = hashOf(key);
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const held = this.slots[at]!;
      if (held === 0) return undefined;
      if (this.hashes[at] === hash && this.keys[held - 1] === key) return held - 1;
    }
  }

  /** Each different key once, in the order they first came (as Map.keys()). */
  *distinct(): IterableIterator<string> {
    for (let i = 0; i < this.keys.length; i++) if (this.repeat[i] === 0) yield this.keys[i]!;
  }
}
