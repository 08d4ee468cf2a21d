// allocate chooses by each account's standing read off its shard line (lazy-account.ts) and orders
// only as far as it takes (ascending.ts): it must choose exactly what parsing every account whole
// and sorting them all chooses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidates, compareLru } from '../../src/allocate/select.js';
import { ascending } from '../../src/ascending.js';
import { availabilityOf } from '../../src/availability.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { keyOf, type Account } from '../../src/model.js';
import { encodeAccountLine, compareAccountKeys } from '../../src/store/shard-codec.js';
import { ShardState, Snapshot } from '../../src/store/snapshot.js';
import { makeAccount } from '../helpers/accounts.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const times = ['2026-05-31T00:00:00.000Z', '2026-06-01T11:00:00.000Z', '2026-06-01T12:00:00.000Z', '2026-06-02T00:00:00.000Z'];

const account = fc
  .record({
    level: fc.constantFrom(1, 29, 30, 31, 40),
    state: fc.constantFrom('ok' as const, 'ok' as const, 'warned' as const, 'perm_banned' as const, 'invalid' as const),
    allocated_at: fc.option(fc.constantFrom(...times), { nil: undefined }),
    available_at: fc.option(fc.constantFrom(...times), { nil: undefined }),
    holder: fc.option(fc.constantFrom('east', 'west', 'east (checking)'), { nil: undefined }),
    held_until: fc.constantFrom(...times),
    seq: fc.integer({ min: 1, max: 5 }), // ties on seq are ordered by key
    device: fc.boolean(),
    // A field added by hand that holds a mapping: that line is parsed whole, not read off.
    note: fc.boolean(),
    password: fc.option(fc.constantFrom('pw', 'a"holder": "b', '{x}'), { nil: undefined }),
  })
  .map((r): Omit<Account, 'username'> => {
    const { device, note, holder, held_until, ...rest } = r;
    return {
      ...makeAccount(0, rest),
      ...(holder ? { holder, held_until } : {}),
      ...(device ? { device: { model: 'iPhone9,3', ios: '13.1', id: 'abc' } } : {}),
      ...(note ? { note: { said: 'x' } } : {}),
    };
  });

describe('allocate: choosing without parsing every account', () => {
  it('chooses exactly what the whole parse sorted by compareLru chooses', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 60 }), fc.integer({ min: 1, max: 3 }), (records, shardCount) => {
        const accounts = records.map((r, i) => ({ ...r, username: `U${i}` }) as Account);
        const shards = Array.from({ length: shardCount }, (_, s) => {
          const mine = accounts.filter((_, i) => i % shardCount === s).sort((a, b) => compareAccountKeys(keyOf(a.username), keyOf(b.username)));
          return new ShardState(`${s}`, `${s}.yaml`, mine.map(encodeAccountLine));
        });
        const levels = { min: 30, max: 31 };
        const got = candidates(new Snapshot(shards).lazyAccounts(), NOW, DEFAULT_CONFIG, levels, 'east');
        const expected = accounts
          .filter((a) => a.level >= levels.min && a.level <= levels.max)
          .filter((a) => availabilityOf(a.holder === 'east' || a.holder === 'east (checking)' ? { ...a, holder: undefined } : a, NOW.toISOString(), DEFAULT_CONFIG) === 'available')
          .sort(compareLru);
        const list = [...got.list].map((lazy) => lazy.account());
        expect(list).toEqual(expected);
        expect(got.available).toBe(expected.length);
      }),
    );
  });

  it('ascending yields a sorted list, however far it is taken', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.nat(30), (values, take) => {
        const sorted = [...values].sort((a, b) => a - b);
        const taken: number[] = [];
        for (const v of ascending([...values], (a, b) => a - b)) {
          if (taken.length === take) break;
          taken.push(v);
        }
        expect(taken).toEqual(sorted.slice(0, take));
      }),
    );
  });
});
