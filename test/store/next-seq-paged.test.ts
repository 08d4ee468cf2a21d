// The next import number over a pool read paged (a large pool's transactions: pool.ts
// `pageAbove`) with change-log records over its lines: one more than the highest of every account
// as it is now. Read from what paging noted of each file (the highest, and the line holding it)
// and from the records, not by reading every line again; a record may lower or raise the seq of
// the very line that held the highest, and an allocation's device must not send a line to the parser.
import { describe, expect, it } from 'vitest';
import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Account } from '../../src/model.js';
import { Pool } from '../../src/store/pool.js';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';

const DEVICE = { model: 'iPhone8,1', ios: '10.3.3', id: '0123456789abcdef0123456789abcdef' };
const SIZE = 400;

/** The next import number a transaction over a copy of `dir` gives (a copy: a transaction over a log folds it). */
async function nextSeqOf(dir: string, pageAbove: number, copy: string): Promise<number> {
  await cp(dir, copy, { recursive: true });
  const pool = await Pool.open(copy, { pageAbove });
  return pool.transaction((tx) => tx.nextSeq());
}

describe('the next import number over paged shards with records pending', () => {
  const cases: [string, (i: number) => Partial<Account> | undefined, number][] = [
    ['devices bound (every allocated account)', (i) => (i % 7 === 0 ? { device: DEVICE, allocated_at: '2026-02-01T00:00:00.000Z' } : undefined), SIZE + 1],
    ['the highest lowered', (i) => (i === SIZE - 1 ? { seq: 5, device: DEVICE } : i % 7 === 0 ? { device: DEVICE } : undefined), SIZE],
    ['one raised above the highest', (i) => (i === 10 ? { seq: 1000 } : i % 7 === 0 ? { device: DEVICE } : undefined), 1001],
  ];
  for (const [what, change, expected] of cases) {
    it(`${what}: as read whole`, async () => {
      const p = await makePool(4);
      await fillPool(await p.open(), SIZE);
      // Logged, not written into the shards: a few changes of accounts the shards hold.
      await (await p.open()).transaction((tx) => {
        for (let i = 0; i < SIZE; i++) {
          const c = change(i);
          if (c) tx.put(makeAccount(i, c));
        }
      });
      expect((await stat(join(p.dir, '.changes.log'))).size).toBeGreaterThan(0);
      expect(await nextSeqOf(p.dir, 0, join(p.base, 'paged'))).toBe(expected);
      expect(await nextSeqOf(p.dir, Infinity, join(p.base, 'whole'))).toBe(expected);
    });
  }
});
