// Readers skip the records of the change log that a partial fold already wrote into their shard
// (src/store/log-records.ts, change-log.ts `pendingIn`): without making them into text, by their
// keys, by the earliest of the shards' last folds, and by the shard read off a record's bytes.
// Whatever the log, what a reader gets must be exactly the full decode with the folded records
// left out: the same latest records, the same records per shard, the same base lines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSegments, encodeEntry, encodeFoldEntry, homesOf } from '../../src/store/change-log.js';
import { shardIndexOf, shardIndexOfBytes } from '../../src/store/layout.js';
import { encodeAccountLine, trustedLineKey } from '../../src/store/shard-codec.js';
import { lineHash } from '../../src/store/circle-index.js';
import { keyOf } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';

// Plain names, capitals, non-ASCII (whose lower case is not ASCII's), and the characters JSON escapes.
const USERNAMES = ['user1', 'User2', 'USER3', 'pokémon4', 'ÄRGER5', 'we"ird6', 'back\\slash7', 'tab\there8', 'ǅemal9', 'x'];

const entry = fc.oneof(
  fc.record({ kind: fc.constant('tx' as const), accounts: fc.uniqueArray(fc.nat(USERNAMES.length - 1), { minLength: 1, maxLength: 5 }), bases: fc.boolean(), level: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('fold' as const), shards: fc.uniqueArray(fc.nat(4), { maxLength: 5 }) }),
);

describe('the change log read by a reader that skips folded records', () => {
  it('reads the shard of a username off its bytes as shardIndexOf does from the text, or says it cannot', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...USERNAMES), fc.string(), fc.string({ unit: 'grapheme' })), fc.integer({ min: 1, max: 300 }), (username, count) => {
        const quoted = Buffer.from(JSON.stringify(username));
        const shard = shardIndexOfBytes(quoted, 1, quoted.length - 1, count);
        if (shard !== undefined) expect(shard).toBe(shardIndexOf(username, count));
        if (/^[\x20-\x7e]*$/.test(username) && !/["\\]/.test(username)) expect(shard).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it('gives exactly the full decode without the records folded into their home shard, over any log of entries, bases and fold entries in one or two segments', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 14 }), fc.integer({ min: 1, max: 5 }), fc.nat(14), (entries, count, split) => {
        const { names } = homesOf(count);
        const texts = entries.map((e, n) => {
          if (e.kind === 'fold') return encodeFoldEntry(e.shards.filter((s) => s < count).map((s) => names[s]!), `fold ${n}`);
          const accounts = e.accounts.map((u) => makeAccount(u, { username: USERNAMES[u]!, level: e.level + n }));
          const bases = e.bases ? accounts.map((a) => encodeAccountLine({ ...a, level: 0 })) : [];
          return encodeEntry(accounts, `tx ${n}`, [], bases);
        });
        const cut = Math.min(split, texts.length);
        const segments = [Buffer.from(texts.slice(0, cut).join('')), Buffer.from(texts.slice(cut).join(''))];
        const full = decodeSegments('log', segments);
        const home = (key: string) => names[shardIndexOf(key, count)]!;
        for (const pending of [full.pendingIn(home, names, homesOf(count)), full.pendingIn(home, names)]) {
          const kept = (key: string, position: number) => !full.isFolded(position, home(key));
          const keys = full.recordKeys.filter((key, i) => kept(key, full.recordPositions[i]!));
          expect(pending.recordKeys).toEqual(keys);
          expect(pending.recordPositions).toEqual(full.recordPositions.filter((p, i) => kept(full.recordKeys[i]!, p)));
          const latest = full.lines.map((line, i) => [line, full.positions[i]!] as const).filter(([, p], i) => kept(keyOf(full.records[i]!.username), p));
          expect(pending.lines).toEqual(latest.map(([line]) => line));
          expect(pending.keys).toEqual(pending.lines.map(trustedLineKey));
          expect(pending.positions).toEqual(latest.map(([, p]) => p));
          for (const username of USERNAMES) {
            const key = keyOf(username);
            expect(pending.baseAfter(key, full.markOf(home(key)))).toBe(full.baseAfter(key, full.markOf(home(key))));
            // The base's hash read off the log's bytes is the hash of its text (circle-view.ts compares it with the index's).
            const base = full.baseAfter(key, full.markOf(home(key)));
            for (const log of [pending, full]) expect(log.baseHashAfter(key, full.markOf(home(key)))?.toString('hex')).toBe(base === undefined ? undefined : lineHash(base));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
