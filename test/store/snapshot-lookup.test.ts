// A snapshot finds an account by key, and the accounts held twice, without a map of every key where
// a shard's keys are strictly increasing (snapshot.ts `isSorted`: binary search over the keys read
// off the lines), and through the map where they are not (hand-edited order, or the same key twice
// in one file). On random pools, sorted shards, shuffled ones, keys twice in a file, and accounts
// moved by hand to another shard (strays), both must say what a plain list of every line says.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Snapshot, ShardState } from '../../src/store/snapshot.js';
import { ByteLines } from '../../src/store/byte-lines.js';
import { compareAccountKeys, encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';
import { keyOf, type Account } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';

const SHARDS = ['0', '1', '2'];
const names = ['ash', 'ASH', 'brock', 'misty', 'Misty', 'gary', 'oak', 'may', 'dawn', 'iris', 'serena', 'lillie'];
/** The home of a name: any fixed rule does (the pool's is a hash of the key). */
const homeOf = (username: string) => keyOf(username).charCodeAt(0) % SHARDS.length;

const line = (username: string, i: number): string => encodeAccountLine(makeAccount(i, { username }) as Account);

describe('finding accounts in a snapshot', () => {
  it('locates every key and lists the accounts held twice exactly as a list of every line does, sorted shards or not', () => {
    const shard = fc.record({
      picks: fc.array(fc.record({ n: fc.nat(names.length - 1), home: fc.boolean() }), { maxLength: 10 }),
      order: fc.constantFrom('sorted', 'sorted', 'shuffled'),
      bytes: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(shard, { minLength: SHARDS.length, maxLength: SHARDS.length }), fc.nat(1000), fc.boolean(), (specs, seed, primed) => {
        const used = new Set<string>();
        const files = specs.map((spec, s) => {
          // Mostly each account at home, now and then one moved here by hand; a name twice in one
          // shard only in its two spellings, or twice in one spelling.
          let usernames = spec.picks.map(({ n }) => names[n]!).filter((u) => homeOf(u) === s || spec.picks.length % 3 === 0);
          if (spec.order === 'sorted') usernames = [...new Set(usernames.map(keyOf))].map((k) => usernames.find((u) => keyOf(u) === k)!).sort((a, b) => compareAccountKeys(keyOf(a), keyOf(b)));
          else usernames = usernames.map((u, i) => [u, (i * 7 + seed) % 11] as const).sort((a, b) => a[1] - b[1]).map(([u]) => u);
          usernames.forEach((u) => used.add(keyOf(u)));
          const lines = usernames.map((u, i) => line(u, i));
          const name = SHARDS[s]!;
          const state = () => (spec.bytes ? new ShardState(name, `${name}.yaml`, ByteLines.of(name, Buffer.from(encodeShard(name, lines)))!) : new ShardState(name, `${name}.yaml`, lines));
          return { usernames, state };
        });
        // Fresh shard states for each question: past a few searches a shard builds its map of
        // keys (snapshot.ts `indexIn`), and the binary search is what is asked about here. Primed:
        // told of an import's many lookups first (`expectLookups`), every shard has its map and
        // its keys before the first question, and the sorted check and the strays read them there.
        const fresh = () => {
          const made = new Snapshot(
            files.map((f) => f.state()),
            homeOf,
          );
          if (primed) made.expectLookups(1000);
          return made;
        };
        const snapshot = fresh();
        // Every place of every key, as a plain list says it.
        const places = new Map<string, { shard: number; index: number }[]>();
        files.forEach((f, s) => f.usernames.forEach((u, index) => places.set(keyOf(u), [...(places.get(keyOf(u)) ?? []), { shard: s, index }])));
        const expectedDuplicates = [...places].filter(([, at]) => at.length > 1).map(([key, at]) => `${key}: ${at.map((p) => `${p.shard}/${p.index}`).sort().join(' ')}`).sort();
        const duplicates = snapshot.duplicates().map(({ username, places: at }) => `${keyOf(username)}: ${at.map((p) => `${p.shard}/${p.index}`).sort().join(' ')}`).sort();
        expect(duplicates).toEqual(expectedDuplicates);
        for (const key of [...used, 'nobody', 'zzz']) {
          const at = places.get(key);
          const found = fresh().locate(key);
          if (!at) {
            expect(found).toBeUndefined();
            continue;
          }
          // A key held once is found where it is; one held twice somewhere it is.
          if (at.length === 1) expect(found).toEqual(at[0]);
          else expect(at).toContainEqual(found);
          expect(keyOf(fresh().get(key)!.username)).toBe(key);
        }
      }),
      { numRuns: 500 },
    );
  });
});
