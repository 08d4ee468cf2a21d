// The clock the merge driver decides by (src/account-merge.ts `clock`): whether a published hold
// is over on every clock the hosts may have. git runs the driver as a process of its own; `sync`
// and the reshard replay hand it the time of the pool they sync (the CLI's clock, which tests
// inject) in ACCOUNTPOOL_MERGE_NOW, and the rest of what the driver needs to know with it. A
// hand-run git (pull, rebase, merge) sets none: the driver takes this machine's clock.
import type { HoldRule, MergeOptions } from '../account-merge.js';
import { PUBLISHED_ENV } from './published-side.js';

/** The widest disagreement between two clocks that holds and rests are timed for (clock-sightings.ts). */
export const CLOCKS_APART_MAX_MS = 2 * 86_400_000;

export const MERGE_NOW_ENV = 'ACCOUNTPOOL_MERGE_NOW';

/** The environment of a git that rebases or picks onto the remote's side (ours: published) for `sync`. */
export function driverEnv(holds: HoldRule, now: Date): Record<string, string> {
  return { ACCOUNTPOOL_MERGE_HOLDS: holds, [PUBLISHED_ENV]: 'ours', [MERGE_NOW_ENV]: now.toISOString() };
}

/** The merge's clock: the time `sync` said, else this machine's. */
export function mergeClock(env: Record<string, string | undefined>): NonNullable<MergeOptions['clock']> {
  const said = Date.parse(env[MERGE_NOW_ENV] ?? '');
  return { now: Number.isFinite(said) ? said : Date.now(), apart: CLOCKS_APART_MAX_MS };
}
