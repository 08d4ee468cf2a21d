// Making accounts for tests and benchmarks.
import type { Account } from '../../src/model.js';
import type { Pool } from '../../src/store/pool.js';

/** An account with a password (as every imported account has one). */
export function makeAccount(i: number, overrides: Partial<Account> = {}): Account & { password: string } {
  return {
    username: `user${String(i).padStart(6, '0')}`,
    password: `pw-${i}:x,y"z`,
    provider: 'ptc',
    level: 30,
    state: 'ok',
    added_at: '2026-01-01T00:00:00.000Z',
    seq: i + 1,
    source: 'test.txt',
    ...overrides,
  };
}

/** Puts `count` accounts (numbered from `from`) into the pool in one transaction. */
export async function fillPool(pool: Pool, count: number, from = 0, overrides: (i: number) => Partial<Account> = () => ({})): Promise<void> {
  await pool.transaction((tx) => {
    for (let i = from; i < from + count; i++) tx.put(makeAccount(i, overrides(i)));
  });
}
