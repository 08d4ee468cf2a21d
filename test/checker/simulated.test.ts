import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATED_RATES, SimulatedChecker, createSimulatedChecker, simulatedDraw } from '../../src/checker/simulated.js';
import { makeRequests, numbered } from './programs.js';

const names = (count: number) => Array.from({ length: count }, (_, i) => `trainer${i}`);

describe('simulated checker', () => {
  it('is a pure function of (seed, username), the same on every machine and run', () => {
    // Pinned values: a change of hash or band order would silently change every demo.
    expect(simulatedDraw(42, 'ash')).toBeCloseTo(0.7502060144864977, 15);
    expect(simulatedDraw('demo', 'Misty')).toBeCloseTo(0.7645993394845192, 15);
    const checker = new SimulatedChecker({ seed: 7 });
    const outcomes = names(40).map((n) => checker.outcomeFor(n));
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(['warned', 'blind', 'warned']);
    expect([outcomes[3], outcomes[26], outcomes[39]]).toEqual(['warned', 'blind', 'warned']);
  });

  it('does not depend on batching, order, concurrency or capitalisation', async () => {
    const checker = createSimulatedChecker({ seed: 'demo', rates: { blind: 0.3, temp_banned: 0.2, error: 0.1 } });
    const requests = numbered(200);
    const all = await checker.check(requests, { concurrency: 1 });
    const reversed = await checker.check([...requests].reverse(), { concurrency: 8 });
    expect([...reversed].reverse()).toEqual(all);
    const upper = await checker.check(makeRequests(requests.map((r) => r.username.toUpperCase())), { concurrency: 1 });
    expect(upper.map((r) => r.verdict ?? r.error)).toEqual(all.map((r) => r.verdict ?? r.error));
    const again = await createSimulatedChecker({ seed: 'demo', rates: { blind: 0.3, temp_banned: 0.2, error: 0.1 } }).check(requests.slice(50, 60), { concurrency: 2 });
    expect(again).toEqual(all.slice(50, 60));
  });

  it('gives a different draw for another seed', async () => {
    const a = names(1000).map((n) => simulatedDraw(1, n));
    const b = names(1000).map((n) => simulatedDraw(2, n));
    expect(a.filter((x, i) => x === b[i])).toHaveLength(0);
  });

  it('comes close to the configured rates on 10,000 names', async () => {
    const rates = { blind: 0.05, temp_banned: 0.02, perm_banned: 0.01, warned: 0.01, invalid: 0.03, error: 0.02 };
    const checker = new SimulatedChecker({ seed: 1, rates });
    const results = await checker.check(makeRequests(names(10_000)), { concurrency: 4 });
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.verdict ?? 'error'] = (counts[r.verdict ?? 'error'] ?? 0) + 1;
    // Four standard deviations of a binomial: fails by chance about once in 15,000 seeds (and the seed is fixed).
    for (const [outcome, rate] of Object.entries({ ...rates, ok: 1 - 0.14 })) {
      const sigma = Math.sqrt((rate * (1 - rate)) / 10_000);
      expect(Math.abs((counts[outcome] ?? 0) / 10_000 - rate), outcome).toBeLessThan(4 * sigma + 1e-9);
    }
    expect(results.filter((r) => r.error).every((r) => r.error === 'simulated checker error')).toBe(true);
    expect(results.filter((r) => r.verdict).every((r) => r.detail === 'simulated' && r.level === 30)).toBe(true);
  });

  it('uses the demo rates by default and passes everything at zero rates', async () => {
    expect(new SimulatedChecker().rates).toMatchObject(DEFAULT_SIMULATED_RATES);
    const results = await new SimulatedChecker({ seed: 3, rates: {} }).check(numbered(500), { concurrency: 1 });
    expect(results.every((r) => r.verdict === 'ok')).toBe(true);
    const banned = await new SimulatedChecker({ seed: 3, rates: { perm_banned: 1 } }).check(numbered(50), { concurrency: 1 });
    expect(banned.every((r) => r.verdict === 'perm_banned')).toBe(true);
  });

  it('answers errors, not verdicts, once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const results = await new SimulatedChecker({ rates: { perm_banned: 1 } }).check(numbered(3), { concurrency: 1, signal: controller.signal });
    expect(results.map((r) => r.error)).toEqual(['check aborted', 'check aborted', 'check aborted']);
  });

  it('refuses rates that cannot be meant', () => {
    expect(() => new SimulatedChecker({ rates: { blinded: 0.1 } as never })).toThrow(/unknown simulated rate "blinded"; known: blind, /);
    expect(() => new SimulatedChecker({ rates: { blind: -0.1 } })).toThrow(/between 0 and 1/);
    expect(() => new SimulatedChecker({ rates: { blind: 0.6, warned: 0.5 } })).toThrow(/more than 1/);
    expect(() => new SimulatedChecker({ rates: { blind: 0.7, warned: 0.2, invalid: 0.1 } })).not.toThrow();
    expect(() => new SimulatedChecker({ seed: {} as never })).toThrow(/seed/);
  });
});
