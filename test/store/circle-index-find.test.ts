// ShardCircle.find (src/store/circle-index.ts) compares keys in place in the index's key text:
// it must find exactly the line a plain search of the keys finds, for keys that are prefixes of
// each other, differ only past a shorter key's end, or are not ASCII (the in-place path is off).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ShardCircle, type Sighting } from '../../src/store/circle-index.js';
import { compareAccountKeys, decodeShard, encodeAccountLine, encodeShard, shardHash } from '../../src/store/shard-codec.js';
import { ShardState } from '../../src/store/shard-state.js';
import { keyOf } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';

const NAME = '1';

describe('a circle index finds a key', () => {
  it('on exactly the line a search of every key finds it, or nowhere', () => {
    const name = fc.oneof(fc.stringMatching(/^[a-c]{1,4}$/), fc.constantFrom('ab', 'abc', 'abcd', 'b', 'pokémon', 'Äb', 'a_b', 'a.b'));
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 12, selector: keyOf }), fc.array(name, { maxLength: 8 }), (usernames, probes) => {
        const accounts = usernames.map((username, i) => makeAccount(i, { username })).sort((a, b) => compareAccountKeys(keyOf(a.username), keyOf(b.username)));
        const bytes = Buffer.from(encodeShard(NAME, accounts.map(encodeAccountLine)));
        const decoded = decodeShard(NAME, 'shard', bytes.toString('utf8'));
        const sighting: Sighting = { version: 2, name: NAME, sha1: shardHash(bytes), shards: 1, stamp: 'stamp', checkedAt: 0 };
        const { index } = ShardCircle.of(new ShardState(NAME, 'shard', decoded.lines, decoded.accounts), bytes, sighting, () => false);
        if (!index.head.sortedLines) return; // an order the index does not serve (the whole read does)
        const keys = Array.from({ length: index.size }, (_, i) => index.keyAt(i));
        for (const key of [...usernames, ...probes].map(keyOf)) expect(index.find(key)).toBe(keys.indexOf(key));
      }),
      { numRuns: 300 },
    );
  });
});
