// What the scanners after RocketMap and Monocle (RealDeviceMap, Flygon, pogoAccountServer) share
// when they take accounts in: PTC logins only, and one level for a whole batch.
//
// Their devices log in to the game with PTC: none of their account tables has a provider column
// (RealDeviceMap/RealDeviceMap resources/migrations/12.sql, UnownHash/Flygon sql/01_init.up.sql,
// domizei385/pogoAccountServer sql/accounts.sql), so a Google login handed to them would be tried
// as a PTC one. And RDM's Add Accounts form and Flygon's POST /api/accounts/ give every account of
// a batch the one level the form or the body names (`level`, `default_level`).
import type { Account } from '../../model.js';

/** A Google account, which a PTC-only scanner would try to log in to as PTC. */
export const NOT_PTC = 'it is a Google account, and this scanner logs in with PTC only';

/** Characters as MySQL counts them in a VARCHAR(n) (code points, not UTF-16 units). */
export const characters = (value: string) => {
  let n = 0;
  for (const _ of value) n++;
  return n;
};

/** Why a column of `size` characters cannot hold this account's login or password, or undefined. */
export function columnProblem(account: Pick<Account, 'username' | 'password'>, sizes: { username: number; password?: number }, table: string): string | undefined {
  if (characters(account.username) > sizes.username) return `its login is over the ${sizes.username} characters ${table} holds`;
  if (sizes.password !== undefined && account.password !== undefined && characters(account.password) > sizes.password) return `its password is over the ${sizes.password} characters ${table} holds`;
  return undefined;
}

/** The levels of a batch written so far (export writes in pieces): the lowest, and how many lie above it. */
export class BatchLevels {
  lowest: number | undefined;
  private readonly counts = new Map<number, number>();
  add(accounts: readonly Pick<Account, 'level'>[]): void {
    for (const { level } of accounts) {
      this.counts.set(level, (this.counts.get(level) ?? 0) + 1);
      if (this.lowest === undefined || level < this.lowest) this.lowest = level;
    }
  }
  /**
   * The warning when the batch holds more than one level: the tool gives each account the one
   * level of its form or body, so an account gets a level it lacks or loses one it has.
   */
  warning([tool, levelField]: readonly [string, string]): string | undefined {
    if (this.counts.size < 2) return undefined;
    const levels = [...this.counts.entries()].sort((a, b) => a[0] - b[0]).map(([level, n]) => `${n} of level ${level}`).join(', ');
    return `warning: ${tool} gives every account of a batch the one level its ${levelField} says, and these accounts are of several levels (${levels}): write one batch per level (--min-level N --max-level N), or each account takes that one level, whatever its own`;
  }
}

/** The tool and the field that gives a batch its level, for BatchLevels.warning. */
export const BATCH_LEVEL_FIELD = {
  rdm: ['RealDeviceMap', "Add Accounts form's level field"],
  flygon: ['Flygon', 'default_level (the lowest level of the batch)'],
  dragonite: ['Dragonite', "import form's level field"],
} as const satisfies Record<string, readonly [string, string]>;
