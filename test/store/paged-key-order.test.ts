// A shard paged off its bytes (a large pool's transaction, byte-lines.ts `page`) notes on the way
// whether its keys are strictly increasing and which names hash to another shard (strays): what
// the snapshot's isSorted found by making every key a string after the read. What the import and
// the integrity check then do with a shard (binary search or a map, a duplicate across shards)
// rests on both, so they must be what the snapshot finds itself: upper-case names, names sorting
// only once lower-cased, keys out of order, twins, strays, names outside ASCII (left to the snapshot).
// A shard whose bytes are held (a pool read whole, under PAGE_ABOVE) is read the same way when
// the snapshot first asks (ShardState.orderOffBytes): it must find the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteLines, closePagedFiles } from '../../src/store/byte-lines.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { keyHashOf, shardIndexOf } from '../../src/store/layout.js';
import { encodeShard, encodeAccountLine } from '../../src/store/shard-codec.js';
import { ShardState } from '../../src/store/shard-state.js';
import { Snapshot } from '../../src/store/snapshot.js';
import { keyOf } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';
import { testdir } from '../helpers/testdir.js';

const COUNT = 4;
const NAME = '2';

describe('a paged shard notes its keys order and strays as the snapshot finds them', () => {
  it('for random shards', async () => {
    const dir = await testdir();
    const file = join(dir, `${NAME}.yaml`);
    const name = fc.stringMatching(/^[a-zA-Z0-9_.@é]{1,8}$/);
    await fc.assert(
      fc.property(fc.array(name, { minLength: 0, maxLength: 40 }), fc.boolean(), fc.nat(), fc.nat(), (names, sort, upper, swap) => {
        // Sorted (each key once) with some names upper-cased, and one neighbouring pair swapped at times: out of order by one place.
        const usernames = sort ? [...new Set(names.map(keyOf))].sort().map((k, i) => ((upper >> i % 30) & 1 ? k.toUpperCase() : k)) : names;
        if (sort && swap % 2 === 1 && usernames.length > 1) {
          const at = swap % (usernames.length - 1);
          [usernames[at], usernames[at + 1]] = [usernames[at + 1]!, usernames[at]!];
        }
        const lines = usernames.map((username, i) => encodeAccountLine(makeAccount(i, { username })));
        const bytes = Buffer.from(encodeShard(NAME, lines));
        writeFileSync(file, bytes);
        const homeOf = (username: string) => (shardIndexOf(username, COUNT) === Number(NAME) ? 0 : undefined);
        // The snapshot's own finding, over the same lines not paged.
        const whole = new ShardState(NAME, file, ByteLines.of(NAME, bytes)!);
        new Snapshot([whole], homeOf).duplicates();
        const paged = new ShardState(NAME, file, ByteLines.of(NAME, Buffer.from(bytes))!);
        paged.page(file, stampOf(statSync(file, { bigint: true })), undefined, undefined, (hash) => hash % COUNT === Number(NAME));
        // Not paged, its bytes held (a pool under PAGE_ABOVE): the same read off them when the snapshot asks (orderOffBytes).
        const held = new ShardState(NAME, file, ByteLines.of(NAME, Buffer.from(bytes))!);
        held.orderOffBytes((hash) => hash % COUNT === Number(NAME));
        const plain = usernames.every((u) => /^[\x20-\x7e]*$/.test(u));
        for (const state of [paged, held]) {
          if (!plain) {
            expect(state.sortedKeys).toBeUndefined(); // left to the snapshot
          } else {
            expect(state.sortedKeys).toBe(whole.sortedKeys);
            if (whole.sortedKeys) expect(state.strays).toEqual(whole.strays);
            else expect(state.strays).toBeUndefined();
          }
        }
        // Read so, the held shard's names are known plain (the spellings check passes it by) exactly when they are.
        expect(held.keysPlain).toBe(plain);
        closePagedFiles();
      }),
      { numRuns: 200 },
    );
    expect(keyHashOf('A') % COUNT).toBe(keyHashOf('a') % COUNT);
  });
});
