// circleRows (src/export/circle-rows.ts) orders an export over columns as the accounts themselves,
// parsed whole and sorted by compareLru, were ordered: on random pools whose accounts tie on
// `allocated_at` (the key decides), were never handed out (the import number decides, ties
// included), hold a time not written as toISOString writes it, and whose latest changes are
// still in the change log.
import { describe, expect, it } from 'vitest';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { compareLru } from '../../src/allocate/select.js';
import { circleRows } from '../../src/export/circle-rows.js';
import { Pool } from '../../src/store/pool.js';
import { STATES, type Account, type CircleStanding } from '../../src/model.js';

/** A small deterministic generator (mulberry32): the same pool on every run of a seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The odd and far times the store takes (account-times.ts: since stop 52 a six-digit year such as
// `+010000-...`, which toISOString writes past 9999, is refused on every read, so the latest is 9999's).
const TIMES = ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.001Z', '2026-02-28T23:59:59.999Z', '2026-03-01T10:00:00Z', '9999-12-31T23:59:59.999Z', '1999-12-31T23:00:00.000Z'];

function accountOf(i: number, next: () => number): Account {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const used = next() < 0.6;
  return makeAccount(i, {
    // Upper-case names: the key (lower-cased) breaks ties, not the name as written.
    username: next() < 0.2 ? `User${String(i).padStart(6, '0')}` : `user${String(i).padStart(6, '0')}`,
    level: 1 + Math.floor(next() * 40),
    state: pick(STATES),
    seq: 1 + Math.floor(next() * 500),
    ...(used ? { allocated_at: pick(TIMES) } : {}),
  });
}

describe('circleRows', () => {
  for (const seed of [1, 2, 3]) {
    it(`puts the accounts in compareLru's order, filtered as asked (seed ${seed})`, async () => {
      const next = random(seed);
      const pool = await makePool(8);
      const store = await pool.open();
      await store.transaction((tx) => {
        for (let i = 0; i < 2_000; i++) tx.put(accountOf(i, next));
      });
      // Changes kept in the change log, not yet in the shards.
      await store.transaction((tx) => {
        for (let i = 0; i < 2_000; i += 7) tx.put(accountOf(i, next));
      }, { via: 'log' });
      const filters: ((a: CircleStanding) => boolean)[] = [() => true, (a) => a.level >= 10 && a.level <= 30, (a) => a.state === 'ok'];
      for (const keep of filters) {
        const expected = [...(await (await pool.open()).readIntact()).accounts()].filter(keep).sort(compareLru).map((a) => a.username);
        const rows = circleRows(await (await pool.open()).readIntact(), keep);
        const got = Array.from({ length: rows.length }, (_, k) => rows.accountAt(k).username);
        expect(got).toEqual(expected);
        // Paged (export at 200,000 accounts and more): each line read again alone from its file.
        const paged = await Pool.open(pool.dir, { pageAbove: 0 });
        const pagedRows = circleRows(await paged.readIntact({ paged: true }), keep);
        expect(Array.from({ length: pagedRows.length }, (_, k) => rows.accountAt(k))).toEqual(Array.from({ length: pagedRows.length }, (_, k) => pagedRows.accountAt(k)));
        paged.closeHeld();
      }
    });
  }
});
