// An import looks up all its keys first, grouped by shard (grouped-lookups.ts, Snapshot.locateAll),
// and the merge then takes those answers for the snapshot's own (Transaction.getPut's `place`).
// So each answer must be what `locate` says of the same key: on paged shards holding names at home,
// names moved by hand to another shard (strays), a key twice in one file, upper-case and non-ASCII
// names, and keys the pool lacks (an import's new accounts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteLines, closePagedFiles } from '../../src/store/byte-lines.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { shardIndexOf } from '../../src/store/layout.js';
import { encodeShard, encodeAccountLine } from '../../src/store/shard-codec.js';
import { ShardState } from '../../src/store/shard-state.js';
import { Snapshot } from '../../src/store/snapshot.js';
import { keyOf } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';
import { testdir } from '../helpers/testdir.js';

const COUNT = 3;

describe("an import's lookups grouped by shard", () => {
  it('answer every key as locate does, strays and twins included', async () => {
    const dir = await testdir();
    const name = fc.stringMatching(/^[a-zA-Z0-9_é]{1,6}$/);
    await fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), fc.array(name, { maxLength: 10 }), fc.nat(), (names, asked, moved) => {
        // Each name in its home shard, but now and then one written into the next shard by hand.
        const files: string[][] = [[], [], []];
        names.forEach((u, i) => files[(shardIndexOf(u, COUNT) + ((moved >> i % 30) & 1)) % COUNT]!.push(u));
        const homeOf = (username: string) => shardIndexOf(username, COUNT);
        const shards = files.map((usernames, s) => {
          const file = join(dir, `${s}.yaml`);
          const bytes = Buffer.from(encodeShard(String(s), usernames.map((username, i) => encodeAccountLine(makeAccount(i, { username })))));
          writeFileSync(file, bytes);
          const state = new ShardState(String(s), file, ByteLines.of(String(s), bytes)!);
          state.page(file, stampOf(statSync(file, { bigint: true })), undefined, undefined, (hash) => hash % COUNT === s);
          return state;
        });
        const keys = [...names, ...asked, 'nobody'].map(keyOf);
        const grouped = new Snapshot(shards, homeOf).locateAll(keys.length, (i) => keys[i]!)!;
        const plain = new Snapshot(shards, homeOf);
        keys.forEach((key, i) => {
          const at = plain.locate(key);
          if (!grouped.answered(i)) return; // a shard without its table of hashes: locate answers
          expect(grouped.index(i) < 0 ? undefined : { shard: grouped.shard(i), index: grouped.index(i) }).toEqual(at);
        });
        // A pool of our own plain names: every key answered here, none left to locate.
        if (names.every((u) => /^[a-zA-Z0-9_]*$/.test(u))) expect(keys.every((_, i) => grouped.answered(i))).toBe(true);
        closePagedFiles();
      }),
      { numRuns: 60 },
    );
  });
});
