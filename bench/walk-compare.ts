// A whole walk of allocations (walk.ts) by two builds in step, for an A/B of the fold plan:
//
//   node --import tsx bench/walk-compare.ts SIZE COUNT OTHER_CHECKOUT
//
// OTHER_CHECKOUT: another checkout with its dist/ built (e.g. main's, read only; `-`: this one's
// walk alone, e.g. at 1,000,000 accounts where a walk of both takes too long); each side runs its
// own bundle, vouched fresh as the bench vouches for its own (no walk of src/ at each start), and
// without this machine's NODE_EXTRA_CA_CERTS. Prints each allocation's pair as it goes (written,
// CPU, the log's size), then each side's walk (describeWalk) and the pairs' CPU and wall ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makePool } from './make-pool.js';
import { reshardTarget } from '../src/store/reshard.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { describeWalk, walkAllocations, type WalkSide } from './walk.js';
import { comparePaired, describeVerdict } from './compare.js';
import { makeFreshBundle } from '../test/helpers/fresh-bundle.js';

const [sizeArg, countArg, other] = process.argv.slice(2);
if (!sizeArg || !countArg || !other) throw new Error('usage: walk-compare.ts SIZE COUNT OTHER_CHECKOUT');
const size = Number(sizeArg);
const count = Number(countArg);
delete process.env.NODE_EXTRA_CA_CERTS;
const own = makeFreshBundle();
const sides: WalkSide[] = [
  ...(other === '-' ? [] : [{ label: 'other', bin: join(resolve(other), 'bin', 'accountpool.js'), env: { ACCOUNTPOOL_FRESH_BUNDLE: join(resolve(other), 'dist', 'accountpool.mjs') } }]),
  { label: 'this', env: { ACCOUNTPOOL_FRESH_BUNDLE: own } },
];
const base = mkdtempSync(join(tmpdir(), 'accountpool-walk-'));
try {
  const pool = join(base, 'pool');
  const shards = reshardTarget(size, DEFAULT_CONFIG.shards) ?? DEFAULT_CONFIG.shards;
  await makePool(pool, size, ['--shards', String(shards)]);
  console.log(`load ${loadavg()[0]!.toFixed(1)} at the start; ${size} accounts, ${shards} shards; n: other / this (written KB, cpu ms, log KB)`);
  const results = walkAllocations(pool, base, size, count, sides, (n, steps) => {
    const cell = (k: number) => `${((steps[k]!.writtenBytes ?? 0) / 1024).toFixed(0)} KB ${(steps[k]!.cpuS * 1000).toFixed(0)} ms ${(steps[k]!.logBytes / 1024).toFixed(0)} KB${steps[k]!.turned ? ' turned' : ''}${steps[k]!.drained ? ' emptied' : ''}`;
    console.log(`${n + 1}: ${steps.map((_, k) => cell(k)).join(' / ')}`);
  });
  console.log(`load ${loadavg()[0]!.toFixed(1)} at the end`);
  for (const r of results) console.log(`${r.side.label}: ${describeWalk(r.steps)}`);
  const [a, b] = results;
  if (a && b) {
    console.log(`cpu, this against other: ${describeVerdict(comparePaired(b.steps.map((s) => s.cpuS), a.steps.map((s) => s.cpuS), 0), 0)}`);
    console.log(`wall, this against other: ${describeVerdict(comparePaired(b.steps.map((s) => s.seconds), a.steps.map((s) => s.seconds), 0), 0)}`);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
