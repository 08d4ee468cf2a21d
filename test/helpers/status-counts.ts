// `status --json` of a test pool, as the tests of its counts read it.
import { expect } from 'vitest';
import { cli } from './cli.js';
import type { TestPool } from './pool.js';

export interface Counted {
  total: number;
  byAvailability: { available: number; held: number };
  holders: { instance: string; accounts: number }[];
}

/** `status --json` of `pool`, which must succeed. */
export async function status(pool: TestPool): Promise<Counted> {
  const run = await cli(['status', '--json', ...pool.args]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Counted;
}
