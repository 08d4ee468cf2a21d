// The `simulated` checker: invented verdicts, for demos and tests only. It never logs in
// anywhere; it must never be the default, and every result says "simulated" in `detail` so a
// simulated ban is never mistaken for a real one.
//
// A verdict is a pure function of (seed, username): the username (case-folded, as the pool
// keys it) and the seed are hashed with SHA-256 into a number u in [0, 1), and u falls into one
// band per verdict, the bands' widths being the configured rates (in the order of VERDICT_ORDER),
// the rest being `ok`. So the same seed gives the same verdicts on every machine and every run,
// whatever the order or batching of the requests, and a demo can be replayed exactly.
import { createHash } from 'node:crypto';
import { keyOf } from '../model.js';
import type { CheckOptions, CheckRequest, CheckResult, Checker, Verdict } from './types.js';

export const SIMULATED_CHECKER_NAME = 'simulated';

/** A simulated outcome: a verdict other than ok, or `error` (the checker "failed" for that account). */
export type SimulatedOutcome = Exclude<Verdict, 'ok'> | 'error';

/** Band order: fixed, so a given seed keeps its verdicts when rates of later bands change. */
export const OUTCOME_ORDER: readonly SimulatedOutcome[] = ['blind', 'temp_banned', 'perm_banned', 'warned', 'invalid', 'error'];

export type SimulatedRates = Partial<Record<SimulatedOutcome, number>>;

export interface SimulatedCheckerOptions {
  seed?: number | string;
  /** Fraction of accounts per outcome, each in [0, 1], summing to at most 1; the rest are ok. */
  rates?: SimulatedRates;
}

/** Rough figures of a used account stock; only a demo default. */
export const DEFAULT_SIMULATED_RATES: Readonly<SimulatedRates> = { blind: 0.05, temp_banned: 0.02, perm_banned: 0.01, warned: 0.01, invalid: 0, error: 0 };

/** A number in [0, 1) that depends only on the seed and the case-folded username. */
export function simulatedDraw(seed: number | string, username: string): number {
  const digest = createHash('sha256').update(`${String(seed)}\u0000${keyOf(username)}`).digest();
  // 48 bits fit a double exactly and are more than enough resolution for rates.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** Checks the rates up front: a typo in a rate name or a sum above 1 is a configuration error, not a silent demo. */
export function validateRates(rates: SimulatedRates): Record<SimulatedOutcome, number> {
  const result = {} as Record<SimulatedOutcome, number>;
  for (const name of Object.keys(rates)) {
    if (!(OUTCOME_ORDER as readonly string[]).includes(name)) {
      throw new Error(`unknown simulated rate "${name}"; known: ${OUTCOME_ORDER.join(', ')}`);
    }
  }
  let sum = 0;
  for (const outcome of OUTCOME_ORDER) {
    const rate = rates[outcome] ?? 0;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error(`simulated rate "${outcome}" must be a number between 0 and 1`);
    }
    result[outcome] = rate;
    sum += rate;
  }
  // A little slack for decimal sums such as 0.7 + 0.2 + 0.1.
  if (sum > 1 + 1e-9) throw new Error(`simulated rates add up to ${sum}, more than 1`);
  return result;
}

/** Deterministic, seeded, fake verdicts. */
export class SimulatedChecker implements Checker {
  readonly name = SIMULATED_CHECKER_NAME;
  readonly seed: number | string;
  readonly rates: Readonly<Record<SimulatedOutcome, number>>;

  constructor(options: SimulatedCheckerOptions = {}) {
    const seed = options.seed ?? 0;
    if ((typeof seed !== 'number' || !Number.isFinite(seed)) && typeof seed !== 'string') {
      throw new Error('simulated seed must be a number or a string');
    }
    this.seed = seed;
    this.rates = validateRates(options.rates ?? DEFAULT_SIMULATED_RATES);
  }

  /** The outcome for one username; exposed so tests and demos can predict results. */
  outcomeFor(username: string): Verdict | 'error' {
    const u = simulatedDraw(this.seed, username);
    let upper = 0;
    for (const outcome of OUTCOME_ORDER) {
      upper += this.rates[outcome];
      if (u < upper) return outcome;
    }
    return 'ok';
  }

  async check(requests: CheckRequest[], options?: CheckOptions): Promise<CheckResult[]> {
    return requests.map((request): CheckResult => {
      // An aborted run answers errors, as a real checker would: a skipped account, never a ban.
      if (options?.signal?.aborted) return { username: request.username, error: 'check aborted' };
      const outcome = this.outcomeFor(request.username);
      if (outcome === 'error') return { username: request.username, error: 'simulated checker error' };
      return { username: request.username, verdict: outcome, level: request.level, detail: 'simulated' };
    });
  }
}

export function createSimulatedChecker(options: SimulatedCheckerOptions = {}): Checker {
  return new SimulatedChecker(options);
}
