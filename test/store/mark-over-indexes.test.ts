// `mark` finds the accounts it names through the shards' derived circle indexes (as allocate
// does: circle-view.ts), not by parsing every account of the pool. Whatever the pool went through
// (logged changes, folds, hand edits of shard lines, lost indexes), it must mark exactly what the
// whole parse says it holds, list exactly the names it does not hold, and write the same history.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { keyOf, STATES, type Account } from '../../src/model.js';
import { Pool } from '../../src/store/pool.js';
import { applyVerdict } from '../../src/verdicts.js';
import { parseHistory } from '../../src/history/read.js';
import { makeAccount } from '../helpers/accounts.js';
import { editLine, makePool } from '../helpers/pool.js';
import { cli } from '../helpers/cli.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const name = (i: number) => `user${String(i).padStart(6, '0')}`;
const circleDir = (dir: string) => join(dir, '.cache', 'circle');

async function filledPool(shards: number, folds?: { capacity: number; budget: number }): Promise<Pool> {
  // The empty pool `init` makes, copied from the run's template (makePool): the property below
  // starts a pool a run, and an init is a file and a folder fsync a shard.
  const { dir } = await makePool(shards);
  const pool = await Pool.open(dir, { clock: () => NOW, folds });
  await pool.transaction((tx) => {
    for (let i = 0; i < 20; i++) tx.put(makeAccount(i, { username: name(i) }));
  });
  return pool;
}

async function wholeRead(dir: string): Promise<Map<string, Account>> {
  const accounts = (await (await Pool.open(dir)).read()).accounts();
  return new Map([...accounts].map((a) => [keyOf(a.username), a]));
}

describe('mark over the circle indexes', () => {
  it('marks exactly the accounts the whole parse holds, over logged changes, folds, hand edits and lost indexes', async () => {
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('mark' as const), picks: fc.array(fc.record({ i: fc.nat(24), upper: fc.boolean() }), { minLength: 1, maxLength: 6 }), verdict: fc.constantFrom(...STATES) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('log' as const), i: fc.nat(19), level: fc.constantFrom(29, 30, 31) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('fold' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), i: fc.nat(19) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), async (steps, shards, partial) => {
        const pool = await filledPool(shards, partial ? { capacity: 2, budget: 1 } : undefined);
        const dir = pool.layout.dir;
        for (const s of steps) {
          if (s.kind === 'log') await pool.transaction((tx) => tx.put({ ...tx.get(name(s.i))!, level: s.level }));
          else if (s.kind === 'fold') await pool.fold();
          else if (s.kind === 'edit') await editLine(dir, name(s.i), (line) => line.replace(/"level": (\d+)/, (_, n) => `"level": ${Number(n) + 1}`));
          else if (s.kind === 'forget') await rm(circleDir(dir), { recursive: true, force: true });
          else {
            // Accounts 20-24 are not in the pool; a name in capitals is the same account.
            const names = s.picks.map(({ i, upper }) => (upper ? name(i).toUpperCase() : name(i)));
            const before = await wholeRead(dir);
            const expected = new Map(before);
            const unknown: string[] = [];
            let marked = 0;
            for (const n of new Set(names)) {
              const account = expected.get(keyOf(n));
              if (!account) unknown.push(n);
              else {
                expected.set(keyOf(n), applyVerdict(account, s.verdict, NOW, pool.config));
                marked++;
              }
            }
            const historyBefore = (await pool.readHistory()).length;
            const result = await cli(['mark', ...names, '--verdict', s.verdict, '--json', '--pool', dir], { clock: () => NOW });
            expect(result.code).toBe(0);
            expect(JSON.parse(result.stdout)).toEqual({ verdict: s.verdict, marked, unknown });
            expect(await wholeRead(dir)).toEqual(expected);
            // One verdict event per account marked whose state_at moved (not one marked at this same clock before).
            const events = parseHistory((await pool.readHistory()).slice(historyBefore)).events as { kind: string; username: string }[];
            const moved = [...new Set(names.map(keyOf))].filter((key) => before.has(key) && before.get(key)!.state_at !== NOW.toISOString());
            expect(events.map((e) => `${e.kind} ${keyOf(e.username)}`).sort()).toEqual(moved.map((key) => `verdict ${key}`).sort());
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('reads the pool through the indexes: a mark on a pool that has none makes them, as allocate does', async () => {
    const pool = await filledPool(4);
    const dir = pool.layout.dir;
    expect(await readdir(circleDir(dir)).catch(() => [])).toEqual([]);
    const result = await cli(['mark', name(3), name(7), '--verdict', 'warned', '--pool', dir], { clock: () => NOW });
    expect(result.code).toBe(0);
    expect((await readdir(circleDir(dir))).filter((f) => f.endsWith('.idx')).length).toBe(4);
    const after = await wholeRead(dir);
    expect(after.get(name(3))!.state).toBe('warned');
    expect(after.get(name(7))!.state).toBe('warned');
    expect(after.get(name(4))!.state).toBe('ok');
  });
});
