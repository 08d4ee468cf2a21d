// A seller's counter after each account (`user:pass (1)`, `user:pass (2)`, `user:pass [3]`) reads
// like a level in brackets (level-suffix.ts), but a list whose "levels" run 1, 2, 3, ... line after
// line counts its accounts: no shop sells one account of each level in order. Such numbers are
// dropped, neither the level nor part of the password.
import type { DumpAccount } from './types.js';

/** Whether the accounts' levels, in line order, are a count from 0 or 1 (at least two of them, every account numbered). */
export function isCounterRun(accounts: readonly { level?: number }[]): boolean {
  if (accounts.length < 2) return false;
  const first = accounts[0]!.level;
  if (first !== 0 && first !== 1) return false;
  for (let k = 1; k < accounts.length; k++) if (accounts[k]!.level !== first + k) return false;
  return true;
}

/** The accounts without their levels when those levels are a counter (the same array otherwise). */
export function withoutCounters<T extends DumpAccount>(accounts: T[]): T[] {
  if (!isCounterRun(accounts)) return accounts;
  for (const a of accounts) delete a.level;
  return accounts;
}
